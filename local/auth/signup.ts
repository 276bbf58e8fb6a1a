/**
 * POST /signup, as GoTrue's `Signup`: validation (password, strength, email), then the
 * user and its email identity are inserted in ONE transaction — a failing trigger on
 * `auth.users` leaves nothing behind and answers 500 "Database error saving new user".
 * With confirmations off the user is confirmed and committed, and then signed in in a
 * transaction of its own (as GoTrue does: a custom access token hook that fails then
 * fails the request but leaves the confirmed user); with them on the confirmation email
 * is sent and the user is returned. An already registered
 * address answers 422 `user_already_exists` (confirmations off) or, with confirmations
 * on, a fake user with empty `identities` (nothing stored, nothing sent). Parallel
 * sign-ups of one address race on `users_email_partial_key`; the losers take the
 * "already registered" path. Neither email nor phone is an anonymous sign-in
 * (`signUpAnonymously`), or 422 `anonymous_provider_disabled` when those are off.
 */
import crypto from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { OutgoingEmail } from '../mailbox.ts';
import type { AppContext } from './context.ts';
import { type Db, isUniqueViolation, transaction } from './db.ts';
import { prepareOtpEmail, referrer } from './email.ts';
import { badRequest, internalError, unprocessable } from './errors.ts';
import { assertPasswordStrength, hashPassword } from './passwords.ts';
import { clientIp, rateLimitIp, readBody } from './request.ts';
import { createSession, type SessionResponse } from './tokens.ts';
import {
  AUD,
  audit,
  confirmEmail,
  findUserByEmail,
  findUserById,
  INSTANCE_ID,
  insertUserWithEmailIdentity,
  type LoadedUser,
  userJson,
  validateEmail,
} from './users.ts';

const EMAIL_APP_METADATA = { provider: 'email', providers: ['email'] };

/** GoTrue's `sanitizeUser`: what a repeated sign-up sees instead of the real account. */
function fakeUser(existing: LoadedUser, data: Record<string, unknown>): Record<string, unknown> {
  const now = new Date();
  return userJson({
    ...existing,
    id: crypto.randomUUID(),
    role: '',
    email_change: '',
    created_at: now,
    updated_at: now,
    confirmation_sent_at: now,
    last_sign_in_at: null,
    confirmed_at: null,
    email_change_sent_at: null,
    email_confirmed_at: null,
    phone_confirmed_at: null,
    identities: [],
    factors: [],
    raw_user_meta_data: data,
    aud: AUD,
    raw_app_meta_data: EMAIL_APP_METADATA,
    phone: '',
  });
}

/** Registers POST /signup. */
export function registerSignup(app: Hono, ctx: AppContext): void {
  app.post('/signup', (c) => signup(ctx, c));
}

/** POST /signup: checks the request, then signs the address up (retrying once after losing a race). */
async function signup(ctx: AppContext, c: Context): Promise<Response> {
  const { deps, limiter } = ctx;
  const { config } = deps;
  const body = await readBody(c, 'SignupParams');
  const email = body.str('email');
  const phone = body.str('phone');
  const password = body.str('password');
  const data = body.obj('data') ?? {};
  if (!email && !phone) {
    if (!config.auth.enableAnonymousSignIns) throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
    return signUpAnonymously(ctx, c, data);
  }
  const ip = clientIp(c, config);
  limiter.hit('signups', rateLimitIp(c, config));
  if (!config.auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  if (!password) throw badRequest('validation_failed', 'Signup requires a valid password');
  assertPasswordStrength(config, password);
  if (email && phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided on signup.');
  if (phone) throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
  if (!config.auth.email.enableSignup) throw badRequest('email_provider_disabled', 'Email signups are disabled');
  const request: SignupRequest = {
    address: validateEmail(email),
    password,
    data,
    autoconfirm: !config.auth.email.enableConfirmations,
    ip,
    userAgent: c.req.header('user-agent'),
    redirectTo: referrer(c, config),
  };

  const result = await signUpWithEmail(ctx, request);
  if (result.kind === 'registered') {
    if (request.autoconfirm) throw unprocessable('user_already_exists', 'User already registered');
    return c.json(fakeUser(result.user, data));
  }
  if (result.kind === 'signedIn') return c.json(result.session);
  return c.json(userJson((await findUserById(deps.db, result.id))!));
}

/** What an email sign-up came to (see {@link signUpWithEmail}). */
export type EmailSignup =
  /** The address already has a confirmed user (a repeated sign-up, audited; nothing changed). */
  | { kind: 'registered'; user: LoadedUser }
  /** Confirmations off: the user is confirmed and signed in. */
  | { kind: 'signedIn'; session: SessionResponse }
  /** Confirmations on: the confirmation email is sent. */
  | { kind: 'pending'; id: string };

/**
 * The sign-up of a request GoTrue's `Signup` has checked: an address with a confirmed user
 * is a repeated sign-up; otherwise the new user (or the unconfirmed one the address has)
 * is confirmed and signed in, or mailed the confirmation. Parallel sign-ups of one
 * address race on `users_email_partial_key`; the loser tries once more and then takes the
 * "already registered" path. /otp signs an address up through this too (otp.ts).
 */
export async function signUpWithEmail(ctx: AppContext, request: SignupRequest): Promise<EmailSignup> {
  const { deps } = ctx;
  for (let attempt = 0; ; attempt++) {
    const existing = await findUserByEmail(deps.db, request.address);
    if (existing?.email_confirmed_at) {
      await audit(deps.db, 'user_repeated_signup', existing, request.ip, { provider: 'email' });
      return { kind: 'registered', user: existing };
    }
    const hash = existing ? '' : await hashPassword(request.password);
    let outcome: SignupOutcome;
    try {
      outcome = await transaction(deps.db, (client) => signUpInTransaction(ctx, client, request, existing, hash));
    } catch (err) {
      if (attempt === 0 && isUniqueViolation(err, 'users_email_partial_key')) continue;
      if (isUniqueViolation(err, 'users_email_partial_key')) throw unprocessable('user_already_exists', 'User already registered');
      throw err;
    }
    if (outcome.confirmed) return { kind: 'signedIn', session: await signInConfirmed(ctx, outcome.id, request) };
    for (const e of outcome.emails) deps.sendEmail(e);
    return { kind: 'pending', id: outcome.id };
  }
}

/** A checked sign-up request. */
export interface SignupRequest {
  /** The validated, lower-cased email address. */
  address: string;
  password: string;
  /** The request's `data`: the user's metadata. */
  data: Record<string, unknown>;
  /** True when email confirmations are off: the user is confirmed and signed in at once. */
  autoconfirm: boolean;
  ip: string;
  userAgent: string | undefined;
  redirectTo: string;
}

/** The user signed up: confirmed at once (autoconfirm), or with the emails to send after commit. */
type SignupOutcome = { id: string; confirmed: true } | { id: string; confirmed: false; emails: OutgoingEmail[] };

/** GoTrue's sign-in after an autoconfirmed sign-up: a `login` audit entry and the session, in one transaction. */
async function signInConfirmed(ctx: AppContext, id: string, request: SignupRequest): Promise<SessionResponse> {
  return transaction(ctx.deps.db, async (client) => {
    await audit(client, 'login', { id, email: request.address }, request.ip, { provider: 'email' });
    return createSession(ctx.deps, client, id, 'password', { ip: request.ip, userAgent: request.userAgent });
  });
}

/**
 * The transaction of a sign-up: the new user (or the unconfirmed one that `existing`
 * holds), then either confirmed or a confirmation email prepared.
 */
async function signUpInTransaction(
  ctx: AppContext,
  client: Db,
  request: SignupRequest,
  existing: LoadedUser | null,
  hash: string,
): Promise<SignupOutcome> {
  const { ip } = request;
  // An unconfirmed account: GoTrue does not touch it (the claim is unproven), it only
  // confirms (autoconfirm) or sends the confirmation again.
  const id = existing ? existing.id : await insertSignupUser(client, request, hash);
  const user = (await findUserById(client, id, true))!;
  if (request.autoconfirm) {
    await audit(client, 'user_signedup', user, ip, { provider: 'email' });
    await confirmEmail(client, id);
    return { id, confirmed: true };
  }
  await audit(client, 'user_confirmation_requested', user, ip, { provider: 'email' });
  const email = await prepareOtpEmail(client, { ...ctx, redirectTo: request.redirectTo }, user, 'signup');
  return { id, confirmed: false, emails: [email] };
}

/**
 * Inserts the user and its email identity. A unique violation on the address is passed
 * on (the caller retries); any other failure, e.g. a project trigger on `auth.users`,
 * is GoTrue's 500 "Database error saving new user".
 */
async function insertSignupUser(client: Db, request: SignupRequest, hash: string): Promise<string> {
  const id = crypto.randomUUID();
  try {
    await insertUserWithEmailIdentity(client, {
      id,
      email: request.address,
      encryptedPassword: hash,
      userMetadata: request.data,
      appMetadata: EMAIL_APP_METADATA,
      identityData: request.data,
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_partial_key')) throw err;
    throw internalError('Database error saving new user');
  }
  // GoTrue's RemoveUnconfirmedIdentities: user_metadata becomes the identity data.
  await client.query(
    'update auth.users set raw_user_meta_data = (select identity_data from auth.identities where user_id = $1 and provider = $2) where id = $1',
    [id, 'email'],
  );
  return id;
}

/** GoTrue's amr method of an anonymous sign-in (`models.Anonymous`). */
const ANONYMOUS_METHOD = 'anonymous' as Parameters<typeof createSession>[3];

/**
 * GoTrue's `SignupAnonymously` (POST /signup with neither email nor phone, when
 * `enable_anonymous_sign_ins` is on): the per-IP `anonymous_users` bucket, then
 * `signup_disabled` when sign-ups are off; the user (no email, no password, no identity,
 * `is_anonymous`, empty app_metadata, `data` as user_metadata) and its session (amr
 * `anonymous`) in one transaction. Whatever fails in it — a trigger on `auth.users`, the
 * access token hook — is GoTrue's 500 "Database error creating anonymous user" and leaves
 * no user behind.
 */
async function signUpAnonymously(ctx: AppContext, c: Context, data: Record<string, unknown>): Promise<Response> {
  const { deps, limiter } = ctx;
  const ip = clientIp(c, deps.config);
  limiter.hit('anonymous', rateLimitIp(c, deps.config));
  if (!deps.config.auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  const meta = { ip, userAgent: c.req.header('user-agent') };
  try {
    return c.json(
      await transaction(deps.db, async (client) => {
        const id = crypto.randomUUID();
        await client.query(
          `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
                                   created_at, updated_at, confirmation_token, recovery_token, email_change_token_new,
                                   email_change, email_change_token_current, phone_change, phone_change_token,
                                   reauthentication_token, is_sso_user, is_anonymous)
           values ($1, $2, $3, $3, null, '', '{}', $4, now(), now(), '', '', '', '', '', '', '', '', false, true)`,
          [INSTANCE_ID, id, AUD, data],
        );
        return createSession(deps, client, id, ANONYMOUS_METHOD, meta);
      }),
    );
  } catch {
    throw internalError('Database error creating anonymous user');
  }
}
