/**
 * POST /token (`grant_type=password` and `grant_type=refresh_token`) and POST /logout,
 * as GoTrue answers them. Password sign-in gives the same 400 `invalid_credentials`
 * for an unknown address and a wrong password; a banned user gets 400 `user_banned`;
 * `email_not_confirmed` comes only after a correct password. Logout needs a valid
 * access token whose session still exists, deletes sessions by scope (`global`
 * default, `local`, `others`) — their refresh tokens go with them — and answers 204.
 */
import type { Context, Hono } from 'hono';
import type { AppContext } from './context.ts';
import { badRequest, unprocessable } from './errors.ts';
import { checkPassword, passwordStrengthError } from './passwords.ts';
import { bearerToken, clientIp, rateLimitIp, readBody } from './request.ts';
import { authenticate, issueSession, logoutAll, logoutAllExcept, logoutSession, refreshTokenGrant } from './tokens.ts';
import { findUserByEmail, isBanned } from './users.ts';

const INVALID_LOGIN = 'Invalid login credentials';

/** Registers POST /token and POST /logout. */
export function registerSignin(app: Hono, ctx: AppContext): void {
  app.post('/token', (c) => grantToken(ctx, c));
  app.post('/logout', (c) => logout(ctx, c));
}

/** POST /token: the password grant, or the refresh-token grant (with rotation, see tokens.ts). */
async function grantToken({ deps, limiter }: AppContext, c: Context): Promise<Response> {
  const { config } = deps;
  const grantType = c.req.query('grant_type') ?? '';
  const ip = clientIp(c, config);
  const meta = { ip, userAgent: c.req.header('user-agent') };

  if (grantType === 'refresh_token') {
    limiter.hit('token', rateLimitIp(c, config));
    const body = await readBody(c, 'RefreshTokenGrantParams');
    return c.json(await refreshTokenGrant(deps, body.str('refresh_token'), meta));
  }
  if (grantType !== 'password') throw badRequest('invalid_credentials', 'unsupported_grant_type');

  limiter.hit('token', rateLimitIp(c, config));
  const body = await readBody(c, 'PasswordGrantParams');
  const email = body.str('email');
  const phone = body.str('phone');
  const password = body.str('password');
  if (email && phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
  if (!email && !phone) throw badRequest('validation_failed', 'missing email or phone');
  if (phone) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  if (!config.auth.email.enableSignup) throw unprocessable('email_provider_disabled', 'Email logins are disabled');

  const user = await findUserByEmail(deps.db, email);
  if (!user?.encrypted_password) throw badRequest('invalid_credentials', INVALID_LOGIN);
  if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
  if (!(await checkPassword(password, user.encrypted_password))) throw badRequest('invalid_credentials', INVALID_LOGIN);
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');

  const session = await issueSession(deps, user.id, 'password', meta);
  // A password that no longer meets the policy still signs in, with a warning.
  const weak = passwordStrengthError(config, password);
  const reasons = (weak?.extra?.weak_password as { reasons?: string[] } | undefined)?.reasons;
  if (weak && reasons) session.weak_password = { message: weak.message, reasons };
  return c.json(session);
}

/** POST /logout: deletes the sessions of `scope` and answers 204. */
async function logout({ deps }: AppContext, c: Context): Promise<Response> {
  const auth = await authenticate(deps, bearerToken(c));
  const scope = c.req.query('scope') ?? '';
  if (!['', 'global', 'local', 'others'].includes(scope)) {
    throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
  }
  if (!auth.sessionId) {
    await deps.db.query('delete from auth.refresh_tokens where user_id = $1', [auth.user.id]);
  } else if (scope === 'local') {
    await logoutSession(deps.db, auth.sessionId);
  } else if (scope === 'others') {
    await logoutAllExcept(deps.db, auth.user.id, auth.sessionId);
  } else {
    await logoutAll(deps.db, auth.user.id);
  }
  return c.body(null, 204);
}
