/**
 * GET /user and PUT /user, as GoTrue's `UserGet` / `UserUpdate`. Both need a valid
 * access token whose session still exists (else 403 `session_not_found`). PUT changes
 * `data` (merged into user_metadata, `null` deletes a key), the password (strength
 * check, 422 `same_password` when unchanged; the user's other sessions are signed out
 * and pending tokens cleared, as `user.UpdatePassword` does) and the email (422
 * `email_exists` when taken; a confirmation link goes to the new address and one to the
 * current address, GoTrue's secure email change). With `secure_password_change` on, a
 * password change in a session older than 24 hours needs the `nonce` GET /reauthenticate
 * sent (400 `reauthentication_needed` without one). An anonymous user may not set a
 * password without an email, and adds an email at once while confirmations are off.
 */
import type { Context, Hono } from 'hono';
import type { OutgoingEmail } from '../mailbox.ts';
import type { AppContext } from './context.ts';
import { type Db, transaction } from './db.ts';
import { prepareEmailChange, referrer } from './email.ts';
import { AuthError, badRequest, forbidden, unprocessable } from './errors.ts';
import { assertPasswordStrength, checkPassword, hashPassword } from './passwords.ts';
import { verifyReauthentication } from './reauthenticate.ts';
import { bearerToken, clientIp, rateLimitIp, readBody } from './request.ts';
import { authenticate } from './tokens.ts';
import { DUPLICATE_EMAIL, updatePassword } from './user-changes.ts';
import {
  AUD,
  audit,
  clearOneTimeTokens,
  confirmEmail,
  findUserByEmail,
  findUserById,
  type LoadedUser,
  mergeMetadata,
  moveEmailIdentity,
  userJson,
  validateEmail,
} from './users.ts';

/** Registers GET /user and PUT /user. */
export function registerAccount(app: Hono, ctx: AppContext): void {
  app.get('/user', (c) => getUser(ctx, c));
  app.put('/user', (c) => updateUser(ctx, c));
}

/** GET /user: the token's user, when the token is for the audience asked for (`X-JWT-AUD`). */
async function getUser({ deps }: AppContext, c: Context): Promise<Response> {
  const auth = await authenticate(deps, bearerToken(c));
  const requestAud = c.req.header('x-jwt-aud') || AUD;
  const aud = Array.isArray(auth.claims.aud) ? auth.claims.aud[0] : auth.claims.aud;
  if (aud !== requestAud) throw badRequest('validation_failed', "Token audience doesn't match request audience");
  return c.json(userJson(auth.user));
}

/** PUT /user: checks every requested change first, then applies them in one transaction. */
async function updateUser(ctx: AppContext, c: Context): Promise<Response> {
  const { deps, limiter } = ctx;
  const { config } = deps;
  const auth = await authenticate(deps, bearerToken(c));
  const ip = clientIp(c, config);
  limiter.hit('user', rateLimitIp(c, config));
  const body = await readBody(c, 'UserUpdateParams');
  let email = body.str('email');
  const password = body.optStr('password');
  const data = body.obj('data');
  const appData = body.obj('app_metadata');
  const phone = body.str('phone');
  const nonce = body.str('nonce');
  const user = auth.user;

  if (email) email = validateEmail(email);
  if (password !== undefined) assertPasswordStrength(config, password);
  if (appData) throw forbidden('not_admin', 'Updating app_metadata requires admin privileges');
  if (user.is_anonymous && password && !email && !phone) {
    throw unprocessable('validation_failed', 'Updating password of an anonymous user without an email or phone is not allowed');
  }
  if (phone && phone !== (user.phone ?? '')) {
    throw new AuthError(500, 'sms_send_failed', 'Error sending phone change OTP: SMS is not available in the local stand-in');
  }
  const changingEmail = email !== '' && email !== user.email;
  if (changingEmail) {
    const other = await findUserByEmail(deps.db, email);
    if (other && other.id !== user.id) throw unprocessable('email_exists', DUPLICATE_EMAIL);
  }
  if (password !== undefined && config.auth.email.securePasswordChange && !(await signedInRecently(deps.db, auth.sessionId))) {
    if (!nonce) throw badRequest('reauthentication_needed', 'Password update requires reauthentication');
    await verifyReauthentication(deps.db, ctx, user, nonce);
  }
  let hash: string | null = null;
  if (password !== undefined) {
    if (password !== '' && (await checkPassword(password, user.encrypted_password))) {
      throw unprocessable('same_password', 'New password should be different from the old password.');
    }
    hash = await hashPassword(password);
  }

  const change: UserChange = {
    hash,
    data,
    newEmail: changingEmail ? email : null,
    sessionId: auth.sessionId,
    ip,
    redirectTo: referrer(c, config),
  };
  const emails = await transaction(deps.db, (client) => applyUserChange(ctx, client, user.id, change));
  for (const e of emails) deps.sendEmail(e);
  return c.json(userJson((await findUserById(deps.db, user.id))!));
}

/** GoTrue's "signed in recently" for `secure_password_change`: the session is less than 24 hours old. */
async function signedInRecently(db: Db, sessionId: string | null): Promise<boolean> {
  if (!sessionId) return false;
  const { rows } = await db.query<{ recent: boolean }>(
    "select created_at + interval '24 hours' > now() as recent from auth.sessions where id = $1",
    [sessionId],
  );
  return rows[0]?.recent === true;
}

/** A checked PUT /user request. */
interface UserChange {
  /** The new password's hash, or null to keep the password. */
  hash: string | null;
  /** Merged into user_metadata. */
  data: Record<string, unknown> | undefined;
  /** The address to change to (a confirmation goes to it), or null. */
  newEmail: string | null;
  /** The session that asks, which a password change keeps. */
  sessionId: string | null;
  ip: string;
  redirectTo: string;
}

/** Applies a PUT /user change inside the transaction; returns the emails to send after commit. */
async function applyUserChange(ctx: AppContext, client: Db, userId: string, change: UserChange): Promise<OutgoingEmail[]> {
  const emails: OutgoingEmail[] = [];
  const current = (await findUserById(client, userId, true))!;
  if (change.hash !== null) {
    await updatePassword(client, userId, change.hash, change.sessionId);
    await audit(client, 'user_updated_password', current, change.ip);
  }
  if (change.data) {
    await client.query('update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1', [
      userId,
      mergeMetadata(current.raw_user_meta_data, change.data),
    ]);
  }
  if (change.newEmail !== null && current.is_anonymous && !ctx.deps.config.auth.email.enableConfirmations) {
    // GoTrue: an anonymous user adds an email with automatic confirmation, like a sign-up.
    await confirmAnonymousEmail(client, current, change.newEmail, change.ip);
  } else if (change.newEmail !== null) {
    const fresh = (await findUserById(client, userId))!;
    emails.push(...(await prepareEmailChange(client, { ...ctx, redirectTo: change.redirectTo }, fresh, change.newEmail)));
  }
  await audit(client, 'user_modified', current, change.ip);
  return emails;
}

/**
 * GoTrue's `emailChangeVerify` without a token, for an anonymous user adding an email
 * while confirmations are off: the address is the user's at once, confirmed, with an
 * email identity, and the user is anonymous no more.
 */
async function confirmAnonymousEmail(client: Db, user: LoadedUser, email: string, ip: string): Promise<void> {
  await audit(client, 'user_modified', user, ip);
  await moveEmailIdentity(client, user.id, email);
  await client.query(
    `update auth.users set email = $2, email_change = '', email_change_token_current = '', email_change_token_new = '',
            email_change_confirm_status = 0, updated_at = now() where id = $1`,
    [user.id, email],
  );
  await clearOneTimeTokens(client, user.id);
  if (!user.email_confirmed_at) await confirmEmail(client, user.id);
}
