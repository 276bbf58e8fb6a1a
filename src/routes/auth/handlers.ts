/**
 * Handlers of the authentication routes. Each reads its validated input, makes its
 * Supabase call(s) through a per-request client, and answers with the envelope; every
 * upstream failure is mapped by src/supabase/errors.ts. Login is guarded by the
 * per-account lockout (src/auth/lockout.ts). Protected routes rely on the RPC's session
 * check, so an access token whose session has ended is refused at once.
 */
import { isAuthError, type Session, type User } from '@supabase/supabase-js';
import { type AttemptOutcome, lockoutFor } from '../../auth/lockout.ts';
import { ApiError } from '../../http/errors.ts';
import { PASSWORD_MAX_BYTES } from '../../http/schemas.ts';
import { adminClient, type ClientScope, publicAuthClient, serviceClient, userClient } from '../../supabase/clients.ts';
import { isSessionGone, isUpstreamFault, toApiError, unwrap } from '../../supabase/errors.ts';
import { type ProfileInput, userMetadata } from '../../supabase/metadata.ts';
import { getMyContext, isResetTokenPending, type MyContext } from '../../supabase/rpc.ts';
import type { RouteContext, RouteHandler } from '../registry.ts';
import type { authContracts } from './contract.ts';

type Auth = typeof authContracts;

/** The session fields every token-issuing route answers with. */
function sessionFields(session: Session) {
  return {
    access_token: session.access_token,
    refresh_token: session.refresh_token,
    token_type: 'bearer' as const,
    expires_in: session.expires_in,
    expires_at: session.expires_at ?? Math.floor(Date.now() / 1000) + session.expires_in,
  };
}

/** `data` of /login and /refresh: the session plus the user with organization and role. */
function sessionData(session: Session, context: MyContext) {
  return {
    ...sessionFields(session),
    user: {
      id: context.id,
      email: context.email,
      first_name: context.first_name,
      last_name: context.last_name,
      role: context.role,
      organization: context.organization ? { id: context.organization.id, name: context.organization.name } : null,
      email_verified: context.email_verified,
      created_at: context.created_at,
    },
  };
}

/** Loads the new session's context with its own access token (RLS applies). */
function contextOf(c: ClientScope, session: Session): Promise<MyContext> {
  return getMyContext(userClient(c, session.access_token));
}

/**
 * Lets `work` finish after the response has been sent (`waitUntil`). Its failure is only
 * logged, as `what`.
 */
function inBackground(
  c: { var: { requestId: string }; executionCtx: { waitUntil(p: Promise<unknown>): void } },
  what: string,
  work: () => Promise<void>,
): void {
  const done = work().catch((error: unknown) => {
    const code = error instanceof ApiError ? error.code : 'INTERNAL_ERROR';
    console.warn(JSON.stringify({ level: 'warn', msg: `${what} failed`, code, request_id: c.var.requestId }));
  });
  try {
    c.executionCtx.waitUntil(done);
  } catch {
    // No execution context (app.request in tests): the promise runs on its own.
  }
}

/** Ends a session we created but do not hand out (signup issues none); it would expire on its own. */
function discardSession(c: RouteContext<Auth['signup']>, session: Session | null): void {
  if (session) inBackground(c, 'discarding signup session', () => endSessions(c, session.access_token, 'local'));
}

const utf8 = new TextEncoder();

/** Resolves after `ms` milliseconds. */
function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * What a failed sign-in means for the lockout, and what the client is told: a wrong
 * password, an unknown email and a banned account are all one failure, answered as
 * INVALID_CREDENTIALS (a ban is not revealed); anything else (Supabase down, rate limited,
 * email not verified — which comes only after a correct password) counts as nothing.
 */
function classifySignInError(error: unknown): { outcome: AttemptOutcome; error: ApiError } {
  const mapped = toApiError(error);
  const banned = isAuthError(error) && error.code === 'user_banned';
  if (mapped.code === 'INVALID_CREDENTIALS' || banned) {
    return { outcome: 'failure', error: new ApiError('INVALID_CREDENTIALS', { cause: error }) };
  }
  return { outcome: 'neutral', error: mapped };
}

/**
 * POST /api/v1/auth/login — gated by the account's lockout: an attempt is reserved before
 * Supabase sees the password and settled with its outcome afterwards, so at most
 * `LOCKOUT_MAX_ATTEMPTS` passwords per window are ever checked. Every failed login answers
 * INVALID_CREDENTIALS no sooner than `LOGIN_FAILURE_FLOOR_MS` after the request began, so
 * the clock does not tell existing from unknown emails.
 */
export const login: RouteHandler<Auth['login']> = async (c) => {
  const started = Date.now();
  const { email, password } = c.req.valid('json');
  const { lockout: policy, loginFailureFloorMs, upstreamTimeoutMs } = c.var.config;
  const lockout = lockoutFor(c.env.LOGIN_LOCKOUT, email);
  // An attempt whose worker never settles it counts as a failure after this long.
  const reservation = await lockout.reserve(policy, upstreamTimeoutMs + loginFailureFloorMs + 5000);
  if (!reservation.allowed) {
    throw new ApiError('ACCOUNT_LOCKED', { headers: { 'Retry-After': String(reservation.retryAfter) } });
  }
  const settle = (outcome: AttemptOutcome) => lockout.settle(reservation.ticket, outcome, policy);
  const fail = async (error: ApiError): Promise<never> => {
    await Promise.all([settle('failure'), sleep(loginFailureFloorMs - (Date.now() - started))]);
    throw error;
  };

  // bcrypt compares only the first 72 bytes: a longer password is never sent upstream.
  if (utf8.encode(password).byteLength > PASSWORD_MAX_BYTES) return fail(new ApiError('INVALID_CREDENTIALS'));

  let result: Awaited<ReturnType<ReturnType<typeof publicAuthClient>['auth']['signInWithPassword']>>;
  try {
    result = await publicAuthClient(c).auth.signInWithPassword({ email, password });
  } catch (error) {
    await settle('neutral');
    throw error;
  }
  if (result.error) {
    const { outcome, error } = classifySignInError(result.error);
    if (outcome === 'failure') return fail(error);
    await settle(outcome);
    throw error;
  }
  const session = result.data.session;
  const [context] = await Promise.all([contextOf(c, session), settle('success')]);
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
  const data = session ? { user: profile, ...sessionFields(session) } : { user: profile, email_verification_required: true as const };
  return data;
};

/** POST /api/v1/auth/refresh */
export const refresh: RouteHandler<Auth['refresh']> = async (c) => {
  const { refresh_token } = c.req.valid('json');
  const { session } = await unwrap(publicAuthClient(c).auth.refreshSession({ refresh_token }));
  if (!session) throw new ApiError('TOKEN_INVALID');
  return sessionData(session, await contextOf(c, session));
};

/**
 * Ends the session(s) of `accessToken`. A session that is already gone counts as ended;
 * any other failure (Supabase down or broken) is thrown. `auth.admin.signOut` is GoTrue's
 * plain `POST /logout` authorized by the user's own access token, so the anon client
 * suffices: the service key is not needed and never used for it.
 */
async function endSessions(c: ClientScope, accessToken: string, scope: 'local' | 'global' | 'others'): Promise<void> {
  const { error } = await publicAuthClient(c).auth.admin.signOut(accessToken, scope);
  if (error && !isSessionGone(error)) throw toApiError(error);
}

/** POST /api/v1/auth/logout — logging out a session that is already gone is still 200. */
export const logout: RouteHandler<Auth['logout']> = async (c) => {
  const { scope = 'local' } = c.req.valid('json');
  await endSessions(c, c.var.auth.token, scope);
  return { message: 'Successfully logged out' };
};

/** GET /api/v1/auth/me */
export const me: RouteHandler<Auth['me']> = async (c) => {
  const context = await getMyContext(userClient(c));
  return {
    id: context.id,
    email: context.email,
    first_name: context.first_name,
    last_name: context.last_name,
    role: context.role,
    email_verified: context.email_verified,
    organization: context.organization,
    created_at: context.created_at,
  };
};

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
