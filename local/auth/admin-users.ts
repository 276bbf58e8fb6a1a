/**
 * The admin user routes, as GoTrue's `admin.go`: list (GET /admin/users), create (POST),
 * read, update and delete (GET/PUT/DELETE /admin/users/:id), each behind
 * {@link requireAdmin}. The list is paged like GoTrue (newest first, `page`/`per_page`,
 * `X-Total-Count` and a `Link` header with rel="next"/"last" that supabase-js reads).
 */
import crypto from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { BlankEnv } from 'hono/types';
import { parseGoDuration } from '../config.ts';
import { requireAdmin } from './admin-guard.ts';
import type { AppContext } from './context.ts';
import { type Db, isUniqueViolation, transaction } from './db.ts';
import { AuthError, badRequest, internalError, notFound, unprocessable } from './errors.ts';
import { assertPasswordStrength, hashPassword } from './passwords.ts';
import { type Body, clientIp, parseBody, readBody } from './request.ts';
import { logoutAll } from './tokens.ts';
import { DUPLICATE_EMAIL, updatePassword } from './user-changes.ts';
import {
  AUD,
  audit,
  confirmEmail,
  findUserByEmail,
  findUserById,
  INSTANCE_ID,
  insertUserWithEmailIdentity,
  isUuid,
  type LoadedUser,
  mergeMetadata,
  userJson,
  validateEmail,
  validatePhone,
} from './users.ts';

/** The context of a `/admin/users/:id` route, whose `id` parameter is always there. */
type UserRouteContext = Context<BlankEnv, '/admin/users/:id'>;

const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 1000;

/** Registers GET/POST /admin/users and GET/PUT/DELETE /admin/users/:id. */
export function registerAdminUsers(app: Hono, ctx: AppContext): void {
  const admin = requireAdmin(ctx.deps);
  app.get('/admin/users', admin, (c) => listUsers(ctx, c));
  app.post('/admin/users', admin, (c) => createUser(ctx, c));
  app.get('/admin/users/:id', admin, async (c) => c.json(userJson(await loadUser(ctx.deps.db, c.req.param('id')))));
  app.put('/admin/users/:id', admin, (c) => updateUser(ctx, c));
  app.delete('/admin/users/:id', admin, (c) => deleteUser(ctx, c));
}

/** GET /admin/users: one page of users, newest first, optionally filtered by email or full name. */
async function listUsers({ deps }: AppContext, c: Context): Promise<Response> {
  const { page, perPage } = parsePaging(c);
  const filter = c.req.query('filter') ?? '';
  const where = `instance_id = $1 and aud = $2${filter ? ` and (email like $3 or raw_user_meta_data->>'full_name' ilike $3)` : ''}`;
  const args: unknown[] = [INSTANCE_ID, AUD];
  if (filter) args.push(`%${filter}%`);
  const count = await deps.db.query<{ n: string }>(`select count(*) as n from auth.users where ${where}`, args);
  const total = Number(count.rows[0]!.n);
  const { rows } = await deps.db.query<{ id: string }>(
    `select id from auth.users where ${where} order by created_at desc, id desc limit ${perPage} offset ${(page - 1) * perPage}`,
    args,
  );
  const users = [];
  for (const r of rows) {
    const u = await findUserById(deps.db, r.id);
    if (u) users.push(userJson(u));
  }
  c.header('Link', linkHeader(c, page, perPage, total));
  c.header('X-Total-Count', String(total));
  return c.json({ users, aud: AUD });
}

/** `page` and `per_page`, with GoTrue's 400 `validation_failed` messages for bad values. */
function parsePaging(c: Context): { page: number; perPage: number } {
  const parse = (name: string, fallback: number) => {
    const raw = c.req.query(name) ?? '';
    if (raw === '') return fallback;
    if (!/^\d+$/.test(raw))
      throw badRequest('validation_failed', `Bad Pagination Parameters: strconv.ParseUint: parsing "${raw}": invalid syntax`);
    const value = Number(raw);
    if (!Number.isSafeInteger(value))
      throw badRequest('validation_failed', `Bad Pagination Parameters: strconv.ParseUint: parsing "${raw}": value out of range`);
    if (value === 0) throw badRequest('validation_failed', `Bad Pagination Parameters: ${name} must be greater than 0`);
    return value;
  };
  const page = parse('page', 1);
  const perPage = parse('per_page', DEFAULT_PER_PAGE);
  if (perPage > MAX_PER_PAGE) throw badRequest('validation_failed', `Bad Pagination Parameters: per_page must not exceed ${MAX_PER_PAGE}`);
  return { page, perPage };
}

/** GoTrue's `AddPaginationHeaders`: `</admin/users?page=N&per_page=M>; rel="next", <...>; rel="last"`. */
function linkHeader(c: Context, page: number, perPage: number, total: number): string {
  const totalPages = Math.max(Math.ceil(total / perPage), 1);
  const query = new URLSearchParams(new URL(c.req.url).search);
  const link = (p: number) => {
    query.set('page', String(p));
    query.sort();
    return `</admin/users?${query.toString()}>`;
  };
  let header = '';
  if (totalPages > page) header += `${link(page + 1)}; rel="next", `;
  return `${header}${link(totalPages)}; rel="last"`;
}

/** The user of an `:id` path parameter: 404 `validation_failed` when not a UUID, 404 `user_not_found` when unknown. */
export async function loadUser(db: Db, id: string): Promise<LoadedUser> {
  if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID');
  const user = await findUserById(db, id);
  if (!user) throw notFound('user_not_found', 'User not found');
  return user;
}

/** `ban_duration` as GoTrue reads it: undefined when absent, null to lift a ban ("none" or 0), else the end of the ban. */
function banUntil(duration: string): Date | null | undefined {
  if (!duration) return undefined;
  if (duration === 'none') return null;
  let ms: number;
  try {
    ms = parseGoDuration(duration);
  } catch (err) {
    throw badRequest('validation_failed', `invalid format for ban duration: ${(err as Error).message}`);
  }
  return ms === 0 ? null : new Date(Date.now() + ms);
}

/** A checked POST /admin/users request; `body` is read further inside the transaction, as GoTrue does. */
interface NewAdminUser {
  id: string;
  email: string;
  phone: string;
  hash: string;
  role: string;
  ban: Date | null | undefined;
  appMetadata: { provider: string | undefined; providers: string[] };
  extraAppMetadata: Record<string, unknown> | undefined;
  ip: string;
  body: Body;
}

/** POST /admin/users: checks the request in GoTrue's order, then creates the user in one transaction. */
async function createUser({ deps }: AppContext, c: Context): Promise<Response> {
  const body = await readBody(c, 'AdminUserParams');
  const rawEmail = body.str('email');
  const rawPhone = body.str('phone');
  let password = body.optStr('password');
  const passwordHash = body.str('password_hash');
  const ban = banUntil(body.str('ban_duration'));
  const role = body.str('role') || AUD;
  const customId = body.str('id');
  if (!rawEmail && !rawPhone) throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
  const email = rawEmail ? validateEmail(rawEmail) : '';
  if (email && (await findUserByEmail(deps.db, email))) throw unprocessable('email_exists', DUPLICATE_EMAIL);
  const phone = rawPhone ? validatePhone(rawPhone) : '';
  if (phone && (await deps.db.query('select 1 from auth.users where phone = $1', [phone])).rowCount) {
    throw unprocessable('phone_exists', 'Phone number already registered by another user');
  }
  if (password !== undefined && passwordHash)
    throw badRequest('validation_failed', 'Only a password or a password hash should be provided');
  if (!password && !passwordHash) password = crypto.randomBytes(48).toString('base64url');
  if (password && Buffer.byteLength(password) > 72) throw badRequest('validation_failed', 'bcrypt: password length exceeds 72 bytes');
  if (passwordHash && !/^\$2[aby]\$\d\d\$/.test(passwordHash)) throw internalError('Error creating user');
  if (customId && !isUuid(customId)) throw badRequest('validation_failed', 'ID must conform to the uuid v4 format');
  if (customId === INSTANCE_ID) throw badRequest('validation_failed', 'ID cannot be a nil uuid');
  const hash = passwordHash || (await hashPassword(password!));
  const providers = [...(email ? ['email'] : []), ...(phone ? ['phone'] : [])];
  const user: Omit<NewAdminUser, 'id'> = {
    email,
    phone,
    hash,
    role,
    ban,
    appMetadata: { provider: providers[0], providers },
    extraAppMetadata: body.obj('app_metadata'),
    ip: clientIp(c, deps.config),
    body,
  };
  const id = await transaction(deps.db, (client) => insertAdminUser(client, { ...user, id: customId || crypto.randomUUID() })).catch(
    (err: unknown) => {
      if (err instanceof AuthError) throw err;
      throw internalError('Database error creating new user');
    },
  );
  return c.json(userJson((await findUserById(deps.db, id))!));
}

/** The transaction of POST /admin/users: the user and its identities, then the optional fields. */
async function insertAdminUser(client: Db, user: NewAdminUser): Promise<string> {
  const { id, email, phone, body } = user;
  try {
    await insertAdminUserRows(client, user);
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_partial_key')) throw unprocessable('email_exists', DUPLICATE_EMAIL);
    if (isUniqueViolation(err, 'users_pkey')) throw unprocessable('email_exists', DUPLICATE_EMAIL);
    throw internalError('Database error creating new user');
  }
  await client.query('update auth.users set role = $2 where id = $1', [id, user.role]);
  // GoTrue writes app_metadata with an UPDATE after the insert (triggers see both).
  if (user.extraAppMetadata) {
    await client.query('update auth.users set raw_app_meta_data = $2 where id = $1', [
      id,
      mergeMetadata(user.appMetadata, user.extraAppMetadata),
    ]);
  }
  if (body.bool('email_confirm')) await confirmEmail(client, id);
  if (body.bool('phone_confirm')) await client.query('update auth.users set phone_confirmed_at = now() where id = $1', [id]);
  if (user.ban !== undefined) await client.query('update auth.users set banned_until = $2 where id = $1', [id, user.ban]);
  await audit(client, 'user_signedup', { id, email }, user.ip, { user_id: id, user_email: email, user_phone: phone });
  return id;
}

/** Inserts the `auth.users` row with an email identity and/or a phone identity. Any failure here is a database error to the caller. */
async function insertAdminUserRows(client: Db, user: NewAdminUser): Promise<void> {
  const { id, email, phone, hash, appMetadata, body } = user;
  if (email) {
    await insertUserWithEmailIdentity(client, {
      id,
      email,
      encryptedPassword: hash,
      userMetadata: body.obj('user_metadata') ?? {},
      appMetadata,
    });
  } else {
    await client.query(
      `insert into auth.users (instance_id, id, aud, role, encrypted_password, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ($1, $2, $3, $3, $4, $5, $6, now(), now())`,
      [INSTANCE_ID, id, AUD, hash, appMetadata, body.obj('user_metadata') ?? {}],
    );
  }
  if (phone) {
    await client.query('update auth.users set phone = $2 where id = $1', [id, phone]);
    await client.query(
      `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
       values ($1::text, $1::uuid, $2, 'phone', now(), now(), now())`,
      [id, { sub: id, phone, email_verified: false, phone_verified: false }],
    );
  }
}

/** A checked PUT /admin/users/:id request: empty or null fields are left as they are. */
interface AdminUserChange {
  email: string;
  phone: string;
  ban: Date | null | undefined;
  hash: string | null;
  role: string;
  emailConfirm: boolean;
  appData: Record<string, unknown> | undefined;
  userData: Record<string, unknown> | undefined;
  ip: string;
  body: Body;
}

/** PUT /admin/users/:id: checks the request, then applies every change in one transaction. */
async function updateUser({ deps }: AppContext, c: UserRouteContext): Promise<Response> {
  const user = await loadUser(deps.db, c.req.param('id'));
  const body = await readBody(c, 'AdminUserParams');
  const email = body.str('email') ? validateEmail(body.str('email')) : '';
  const phone = body.str('phone') ? validatePhone(body.str('phone')) : '';
  const ban = banUntil(body.str('ban_duration'));
  const password = body.optStr('password');
  if (password !== undefined) assertPasswordStrength(deps.config, password);
  const hash = password !== undefined ? await hashPassword(password) : null;
  const change: AdminUserChange = {
    email,
    phone,
    ban,
    hash,
    role: body.str('role'),
    emailConfirm: body.bool('email_confirm'),
    appData: body.obj('app_metadata'),
    userData: body.obj('user_metadata'),
    ip: clientIp(c, deps.config),
    body,
  };
  try {
    await transaction(deps.db, (client) => applyAdminUserChange(client, user, change));
  } catch (err) {
    if (err instanceof AuthError) throw err;
    if (isUniqueViolation(err)) throw unprocessable('email_exists', DUPLICATE_EMAIL);
    throw internalError('Error updating user');
  }
  return c.json(userJson((await findUserById(deps.db, user.id))!));
}

/** The transaction of PUT /admin/users/:id, in GoTrue's order. */
async function applyAdminUserChange(client: Db, user: LoadedUser, change: AdminUserChange): Promise<void> {
  const { id } = user;
  if (change.role) await client.query('update auth.users set role = $2 where id = $1', [id, change.role]);
  if (change.emailConfirm) await confirmEmail(client, id);
  if (change.body.bool('phone_confirm')) await client.query('update auth.users set phone_confirmed_at = now() where id = $1', [id]);
  if (change.hash !== null) await updatePassword(client, id, change.hash, null);
  if (change.email) await setEmail(client, id, change.email, change.emailConfirm);
  if (change.phone) await client.query('update auth.users set phone = $2 where id = $1', [id, change.phone]);
  // GoTrue: a confirmed new email or phone makes an anonymous user a permanent one.
  if ((change.email && change.emailConfirm) || (change.phone && change.body.bool('phone_confirm'))) {
    await client.query('update auth.users set is_anonymous = false where id = $1 and is_anonymous', [id]);
  }
  const current = (await findUserById(client, id))!;
  if (change.appData)
    await client.query('update auth.users set raw_app_meta_data = $2 where id = $1', [
      id,
      mergeMetadata(current.raw_app_meta_data, change.appData),
    ]);
  if (change.userData)
    await client.query('update auth.users set raw_user_meta_data = $2 where id = $1', [
      id,
      mergeMetadata(current.raw_user_meta_data, change.userData),
    ]);
  if (change.ban !== undefined) await client.query('update auth.users set banned_until = $2 where id = $1', [id, change.ban]);
  await client.query('update auth.users set updated_at = now() where id = $1', [id]);
  await audit(client, 'user_modified', user, change.ip, { user_id: id, user_email: user.email, user_phone: user.phone });
}

/** Sets the user's address, updating its email identity or creating one. */
async function setEmail(client: Db, userId: string, email: string, confirmed: boolean): Promise<void> {
  const identity = await client.query('select 1 from auth.identities where user_id = $1 and provider = $2', [userId, 'email']);
  if (identity.rowCount) {
    await client.query(
      `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', $3::boolean), updated_at = now()
        where user_id = $1 and provider = 'email'`,
      [userId, email, confirmed],
    );
  } else {
    await client.query(
      `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
       values ($1::text, $1::uuid, $2, 'email', now(), now(), now())`,
      [userId, { sub: userId, email, email_verified: confirmed, phone_verified: false }],
    );
  }
  await client.query('update auth.users set email = $2 where id = $1', [userId, email]);
}

/** DELETE /admin/users/:id: deletes the user, or with `should_soft_delete` obfuscates it and keeps the row. */
async function deleteUser({ deps }: AppContext, c: UserRouteContext): Promise<Response> {
  const user = await loadUser(deps.db, c.req.param('id'));
  const text = await c.req.text();
  let soft = false;
  if (text.trim()) {
    soft = parseBody(text, 'adminUserDeleteParams').bool('should_soft_delete');
  }
  await transaction(deps.db, async (client) => {
    await audit(client, 'user_deleted', user, clientIp(c, deps.config), {
      user_id: user.id,
      user_email: user.email,
      user_phone: user.phone,
    });
    if (!soft) {
      await client.query('delete from auth.users where id = $1', [user.id]);
      return;
    }
    if (!user.deleted_at) await softDelete(client, user);
  });
  return c.json({});
}

/** GoTrue's soft delete: the address and identities obfuscated, metadata and tokens cleared, passkeys deleted, sessions ended. */
async function softDelete(client: Db, user: LoadedUser): Promise<void> {
  const obfuscate = (v: string) =>
    crypto
      .createHash('sha256')
      .update(user.id + v)
      .digest('base64url');
  await client.query(
    `update auth.users set email = $2, phone = null, encrypted_password = '', confirmation_token = '', recovery_token = '',
            email_change = '', email_change_token_new = '', email_change_token_current = '',
            raw_app_meta_data = '{}', raw_user_meta_data = '{}', deleted_at = now(), updated_at = now()
      where id = $1`,
    [user.id, user.email ? obfuscate(user.email) : null],
  );
  await client.query(`update auth.identities set provider_id = $2 || provider_id, identity_data = '{}' where user_id = $1`, [
    user.id,
    `${obfuscate('identity')}:`,
  ]);
  await client.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
  // GoTrue's `DeleteWebAuthnCredentialsByUserID`: a soft-deleted user's passkeys sign in no more.
  await client.query('delete from auth.webauthn_credentials where user_id = $1', [user.id]);
  await logoutAll(client, user.id);
}
