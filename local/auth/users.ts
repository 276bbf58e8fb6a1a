/**
 * Users and identities in GoTrue's `auth` tables, and their JSON as GoTrue serialises
 * them (`models.User` / `models.Identity`: optional timestamps are left out when unset,
 * a missing email or phone is ""). Also the user-row updates several flows share:
 * confirming an email, merging metadata (a `null` value deletes the key), and the
 * one-time tokens (`auth.one_time_tokens`) kept beside the token-hash columns.
 */
import crypto from 'node:crypto';
import type { Db } from './db.ts';
import { badRequest } from './errors.ts';
import { type FactorRow, factorJson, findFactors } from './factors.ts';

/** GoTrue's instance id: always the nil UUID on Supabase. */
export const INSTANCE_ID = '00000000-0000-0000-0000-000000000000';
/** The audience and role of every user created here. */
export const AUD = 'authenticated';

type Json = Record<string, unknown>;

/** A row of `auth.users` (the columns the stand-in reads). */
export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  invited_at: Date | null;
  confirmation_token: string | null;
  confirmation_sent_at: Date | null;
  recovery_token: string | null;
  recovery_sent_at: Date | null;
  email_change_token_new: string | null;
  email_change: string | null;
  email_change_sent_at: Date | null;
  email_change_token_current: string | null;
  email_change_confirm_status: number | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Json | null;
  raw_user_meta_data: Json | null;
  created_at: Date;
  updated_at: Date;
  phone: string | null;
  phone_confirmed_at: Date | null;
  phone_change: string | null;
  phone_change_sent_at: Date | null;
  confirmed_at: Date | null;
  reauthentication_token: string | null;
  reauthentication_sent_at: Date | null;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
}

/** A row of `auth.identities`. */
interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Json;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
  email: string | null;
}

/** A user with its identities and its second factors (GoTrue loads both with every user). */
export interface LoadedUser extends UserRow {
  identities: IdentityRow[];
  factors: FactorRow[];
}

/** The one-time token kinds of `auth.one_time_token_type`. */
type OneTimeTokenType =
  | 'confirmation_token'
  | 'reauthentication_token'
  | 'recovery_token'
  | 'email_change_token_new'
  | 'email_change_token_current';

async function withIdentities(db: Db, row: UserRow | undefined): Promise<LoadedUser | null> {
  if (!row) return null;
  const { rows } = await db.query<IdentityRow>('select * from auth.identities where user_id = $1 order by created_at, id', [row.id]);
  return { ...row, identities: rows, factors: await findFactors(db, row.id) };
}

/** Loads a user (with identities) by id; null when absent. */
export async function findUserById(db: Db, id: string, forUpdate = false): Promise<LoadedUser | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<UserRow>(`select * from auth.users where id = $1${forUpdate ? ' for update' : ''}`, [id]);
  return withIdentities(db, rows[0]);
}

/** Loads a (non-SSO) user by email, case-insensitively, in the `authenticated` audience. */
export async function findUserByEmail(db: Db, email: string): Promise<LoadedUser | null> {
  const { rows } = await db.query<UserRow>(
    `select * from auth.users
      where instance_id = $1 and lower(email) = lower($2) and aud = $3 and is_sso_user = false
      limit 1`,
    [INSTANCE_ID, email, AUD],
  );
  return withIdentities(db, rows[0]);
}

/** Loads the user holding `tokenHash` in the given token column. */
export async function findUserByTokenColumn(db: Db, column: OneTimeTokenType, tokenHash: string): Promise<LoadedUser | null> {
  const { rows } = await db.query<UserRow>(
    `select * from auth.users where ${column} = $1 or ${column} = 'pkce_' || $1 limit 1 for update`,
    [tokenHash],
  );
  return withIdentities(db, rows[0]);
}

const EMAIL_FORMAT =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** GoTrue's `validateEmail`: required, at most 255 characters, a valid format; lowercased. */
export function validateEmail(email: string): string {
  if (!email) throw badRequest('validation_failed', 'An email address is required');
  if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
  if (!EMAIL_FORMAT.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  return email.toLowerCase();
}

/**
 * GoTrue's `validatePhone`: the number without `+`, spaces, dashes and brackets must be
 * E.164 (2 to 15 digits, no leading 0), else 400 `validation_failed`. Returns the digits.
 */
export function validatePhone(phone: string): string {
  const formatted = phone.replace(/^\+/, '').replace(/[\s\-()]/g, '');
  if (!/^[1-9]\d{1,14}$/.test(formatted)) throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)');
  return formatted;
}

/** True when `value` looks like a UUID. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** True while `banned_until` lies in the future. */
export function isBanned(user: UserRow): boolean {
  return user.banned_until !== null && user.banned_until.getTime() > Date.now();
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

/** An identity as GoTrue's JSON shows it. */
function identityJson(i: IdentityRow): Json {
  return {
    identity_id: i.id,
    id: i.provider_id,
    user_id: i.user_id,
    identity_data: i.identity_data,
    provider: i.provider,
    last_sign_in_at: iso(i.last_sign_in_at),
    created_at: iso(i.created_at),
    updated_at: iso(i.updated_at),
    email: i.email ?? undefined,
  };
}

/** A user as GoTrue's JSON shows it (keys in GoTrue's order; unset timestamps left out). */
export function userJson(u: LoadedUser): Json {
  const out: Json = {
    id: u.id,
    aud: u.aud ?? '',
    role: u.role ?? '',
    email: u.email ?? '',
    email_confirmed_at: iso(u.email_confirmed_at),
    invited_at: iso(u.invited_at),
    phone: u.phone ?? '',
    phone_confirmed_at: iso(u.phone_confirmed_at),
    confirmation_sent_at: iso(u.confirmation_sent_at),
    confirmed_at: iso(u.confirmed_at),
    recovery_sent_at: iso(u.recovery_sent_at),
    new_email: u.email_change || undefined,
    email_change_sent_at: iso(u.email_change_sent_at),
    new_phone: u.phone_change || undefined,
    phone_change_sent_at: iso(u.phone_change_sent_at),
    reauthentication_sent_at: iso(u.reauthentication_sent_at),
    last_sign_in_at: iso(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    // `omitempty`: only a user with factors has the key.
    factors: u.factors.length > 0 ? u.factors.map(factorJson) : undefined,
    identities: u.identities.map(identityJson),
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    banned_until: iso(u.banned_until),
    deleted_at: iso(u.deleted_at),
    is_anonymous: u.is_anonymous,
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

/** Applies GoTrue's metadata merge: keys are set, a `null` value removes the key. */
export function mergeMetadata(current: Json | null, updates: Json): Json {
  const out: Json = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(updates)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Fields of a new user row. */
interface NewUser {
  email: string;
  encryptedPassword: string;
  userMetadata: Json;
  appMetadata: Json;
  /** Extra identity_data keys (sign-up copies `data` there). */
  identityData?: Json;
  id?: string;
}

/** Inserts a user and its email identity (call inside a transaction). */
export async function insertUserWithEmailIdentity(client: Db, u: NewUser): Promise<string> {
  const id = u.id ?? crypto.randomUUID();
  const now = new Date();
  await client.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
                             created_at, updated_at, confirmation_token, recovery_token, email_change_token_new,
                             email_change, email_change_token_current, phone_change, phone_change_token,
                             reauthentication_token, is_sso_user, is_anonymous)
     values ($1, $2, $3, $3, $4, $5, $6, $7, $8, $8, '', '', '', '', '', '', '', '', false, false)`,
    [INSTANCE_ID, id, AUD, u.email, u.encryptedPassword, u.appMetadata, u.userMetadata, now],
  );
  const identityData = { ...u.identityData, sub: id, email: u.email, email_verified: false, phone_verified: false };
  await client.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1::text, $1::uuid, $2, 'email', $3, $3, $3)`,
    [id, identityData, now],
  );
  return id;
}

/** GoTrue's `user.Confirm`: sets email_confirmed_at, user_metadata.email_verified, clears tokens. */
export async function confirmEmail(client: Db, userId: string): Promise<void> {
  await client.query(
    `update auth.users set email_confirmed_at = now(), confirmation_token = '', updated_at = now(),
            raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb
      where id = $1`,
    [userId],
  );
  await clearOneTimeTokens(client, userId);
}

/**
 * What a confirmed email change does to identities (GoTrue's `emailChangeVerify`): the
 * email identity takes the new address as verified, or is created with it when the user
 * had none (an anonymous user adding an email), and the user is anonymous no more.
 */
export async function moveEmailIdentity(client: Db, userId: string, email: string): Promise<void> {
  const { rowCount } = await client.query(
    `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', true),
            updated_at = now() where user_id = $1 and provider = 'email'`,
    [userId, email],
  );
  if (!rowCount) {
    await client.query(
      `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
       values ($1::text, $1::uuid, $2, 'email', now(), now(), now())`,
      [userId, { sub: userId, email, email_verified: true, phone_verified: false }],
    );
  }
  await client.query('update auth.users set is_anonymous = false where id = $1 and is_anonymous', [userId]);
}

/** Marks the user's email identity as verified (what verifying a signup link does). */
export async function markEmailIdentityVerified(client: Db, userId: string): Promise<void> {
  await client.query(
    `update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = now()
      where user_id = $1 and provider = 'email'`,
    [userId],
  );
}

/** Stores a one-time token (replacing the user's previous one of that kind). */
export async function storeOneTimeToken(
  client: Db,
  userId: string,
  type: OneTimeTokenType,
  tokenHash: string,
  relatesTo: string,
): Promise<void> {
  await client.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values ($1, $2, $3, $4, $5, timezone('utc', now()), timezone('utc', now()))
     on conflict (user_id, token_type) do update
       set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
           created_at = excluded.created_at, updated_at = excluded.updated_at`,
    [crypto.randomUUID(), userId, type, tokenHash, relatesTo],
  );
}

/** Removes the user's one-time tokens (all kinds, or one kind). */
export async function clearOneTimeTokens(client: Db, userId: string, type?: OneTimeTokenType): Promise<void> {
  if (type) await client.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, type]);
  else await client.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}

/** Writes an audit log entry like GoTrue's (best effort, same transaction); `logType` as GoTrue files the action. */
export async function audit(
  client: Db,
  action: string,
  actor: { id?: string; email?: string | null } | null,
  ip: string,
  traits?: Json,
  logType: 'account' | 'factor' | 'token' | 'user' = 'account',
): Promise<void> {
  const payload = {
    actor_id: actor?.id ?? '',
    actor_username: actor?.email ?? '',
    actor_via_sso: false,
    log_type: logType,
    action,
    ...(traits ? { traits } : {}),
  };
  await client.query(
    `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address) values ($1, $2, $3, now(), $4)`,
    [INSTANCE_ID, crypto.randomUUID(), payload, ip.slice(0, 64)],
  );
}
