/**
 * Handlers of the authentication routes. Each reads its validated input, makes its
 * Supabase call(s) through a per-request client, and answers with the envelope; every
 * upstream failure is mapped by src/supabase/errors.ts. Login is guarded by the
 * per-account lockout (src/auth/lockout.ts). Protected routes rely on the RPC's session
 * check, so an access token whose session has ended is refused at once.
 */
import type { Session, User } from '@supabase/supabase-js';
import { lockoutFor } from '../../auth/lockout.ts';
import { inBackground } from '../../http/background.ts';
import { ApiError } from '../../http/errors.ts';
import { clearSessionCookie, isCookieMode, refreshTokenCookie } from '../../http/session-cookie.ts';
import { adminClient, publicAuthClient, serviceClient, userClient } from '../../supabase/clients.ts';
import { isUpstreamFault, toApiError, unwrap } from '../../supabase/errors.ts';
import { type ProfileInput, userMetadata } from '../../supabase/metadata.ts';
import { getMyContext, isResetTokenPending } from '../../supabase/rpc.ts';
import type { RouteContext, RouteHandler } from '../registry.ts';
import type { authContracts } from './contract.ts';
import { checkPassword } from './password-check.ts';
import { contextOf, endSessions, meData, mfaBlock, sessionData, sessionFields } from './session-data.ts';

type Auth = typeof authContracts;

/** Ends a session we created but do not hand out (signup issues none); it would expire on its own. */
function discardSession(c: RouteContext<Auth['signup']>, session: Session | null): void {
  if (session) inBackground(c, 'discarding signup session', () => endSessions(c, session.access_token, 'local'));
}

/**
 * POST /api/v1/auth/login — the password is checked through the account's lockout
 * (./password-check.ts): at most `LOCKOUT_MAX_ATTEMPTS` passwords per window ever reach
 * Supabase, and every failure answers INVALID_CREDENTIALS at the timing floor.
 */
export const login: RouteHandler<Auth['login']> = async (c) => {
  const { email, password } = c.req.valid('json');
  const { session, succeeded } = await checkPassword(c, email, password);
  const [context] = await Promise.all([contextOf(c, session), succeeded()]);
  return sessionData(session, context);
};

/** Sign-up shared by /signup and /register: names (and organization) go in the metadata. */
async function signUp(
  c: RouteContext<Auth['signup']> | RouteContext<Auth['register']>,
  input: { email: string; password: string } & ProfileInput,
  emailTakenStatus: 401 | 409,
): Promise<{ user: User; session: Session | null }> {
  const data = userMetadata(input, 'create');
  const result = await publicAuthClient(c).auth.signUp({ email: input.email, password: input.password, options: { data } });
  if (result.error) {
    const error = toApiError(result.error);
    if (error.code === 'EMAIL_TAKEN') throw new ApiError('EMAIL_TAKEN', { status: emailTakenStatus, cause: result.error });
    throw error;
  }
  const { user, session } = result.data;
  if (!user) throw new ApiError('UPSTREAM_ERROR', { cause: new Error('sign-up answered without a user') });
  return { user, session };
}

/** POST /api/v1/auth/signup (document 000): the user, no tokens. */
export const signup: RouteHandler<Auth['signup']> = async (c) => {
  const { user, session } = await signUp(c, c.req.valid('json'), 401);
  discardSession(c, session);
  return { user: { id: user.id, email: user.email ?? '', created_at: user.created_at } };
};

/** POST /api/v1/auth/register (document 003): the user and, when issued, a session. */
export const register: RouteHandler<Auth['register']> = async (c) => {
  const input = c.req.valid('json');
  const { user, session } = await signUp(c, input, 409);
  const profile = {
    id: user.id,
    email: user.email ?? input.email,
    first_name: input.first_name || null,
    last_name: input.last_name || null,
  };
  const data = session
    ? { user: profile, ...sessionFields(session), mfa: mfaBlock(session) }
    : { user: profile, email_verification_required: true as const };
  return data;
};

/** POST /api/v1/auth/refresh */
export const refresh: RouteHandler<Auth['refresh']> = async (c) => {
  const refresh_token = refreshTokenCookie(c) ?? c.req.valid('json').refresh_token;
  if (!refresh_token) {
    // Cookie mode without its cookie is a missing credential; otherwise a missing field.
    if (isCookieMode(c)) throw new ApiError('TOKEN_INVALID', { message: 'No refresh cookie: sign in again' });
    throw new ApiError('VALIDATION_ERROR', {
      message: 'Invalid refresh_token: is required',
      details: [{ path: 'refresh_token', message: 'is required' }],
    });
  }
  const { session } = await unwrap(publicAuthClient(c).auth.refreshSession({ refresh_token }));
  if (!session) throw new ApiError('TOKEN_INVALID');
  return sessionData(session, await contextOf(c, session));
};

/** POST /api/v1/auth/logout — logging out a session that is already gone is still 200. */
export const logout: RouteHandler<Auth['logout']> = async (c) => {
  const { scope = 'local' } = c.req.valid('json');
  await endSessions(c, c.var.auth.token, scope);
  clearSessionCookie(c);
  return { message: 'Successfully logged out' };
};

/** GET /api/v1/auth/me */
export const me: RouteHandler<Auth['me']> = async (c) => meData(await getMyContext(userClient(c)));

/**
 * POST /api/v1/auth/password/forgot — the same answer, at once, for every well-formed
 * email: the Supabase call runs after the response (`waitUntil`), so neither its answer
 * (GoTrue's per-user email frequency) nor its duration (a registered address costs an
 * email) can show whether the address is registered. Its failures are logged.
 */
export const forgotPassword: RouteHandler<Auth['forgotPassword']> = async (c) => {
  const { email } = c.req.valid('json');
  inBackground(c, 'password recovery', async () => {
    const { error } = await publicAuthClient(c).auth.resetPasswordForEmail(email);
    if (error) throw toApiError(error);
  });
  return { message: 'Password reset email sent' };
};

/**
 * POST /api/v1/auth/password/reset — verify the token (single use), set the password,
 * then end every session of the user, the recovery session included. If setting the
 * password fails, the recovery session is ended too, so nothing is left half done.
 */
export const resetPassword: RouteHandler<Auth['resetPassword']> = async (c) => {
  const { token, password } = c.req.valid('json');
  const verified = await publicAuthClient(c).auth.verifyOtp({ token_hash: token, type: 'recovery' });
  if (verified.error || !verified.data.session || !verified.data.user) {
    // Supabase down, broken or rate-limiting says nothing about the token; any other
    // refusal (expired, used, unknown, malformed) is the token's fault.
    const error = verified.error ? toApiError(verified.error) : new ApiError('TOKEN_INVALID');
    if (isUpstreamFault(error)) throw error;
    // The one service-role call on a public route: only the service role may look up a
    // reset token's status, and the answer is only expired-or-not for this very token.
    const pending = await isResetTokenPending(serviceClient(c, { forWorker: 'reset token status' }), token);
    throw new ApiError(pending ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID', {
      message: pending ? 'Reset token has expired' : 'Reset token is invalid or has already been used',
      cause: verified.error ?? undefined,
    });
  }
  const { session, user } = verified.data;
  const updated = await adminClient(c).auth.admin.updateUserById(user.id, { password });
  if (updated.error) {
    await endSessions(c, session.access_token, 'local').catch(() => undefined);
    throw toApiError(updated.error);
  }
  // Supabase Auth already ends every session when an admin sets a password; ending them
  // here too keeps that guarantee explicit (an already-ended session counts as ended).
  await endSessions(c, session.access_token, 'global');
  // The owner always has a way back in: a completed reset lifts a login lockout.
  if (user.email) await lockoutFor(c.env.LOGIN_LOCKOUT, user.email.trim().toLowerCase()).clear();
  return { message: 'Password successfully reset' };
};
