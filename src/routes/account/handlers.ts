/**
 * Handlers of the account routes. Sign-in style calls go through the same door as login
 * (the lockout-gated password check, per-IP forwarding); the caller's own data is read
 * and changed through RPCs with the caller's token, so row-level security and the session
 * check decide; what must not reveal whether an address is registered is done after the
 * answer.
 */

import { isAal2 } from '../../auth/assurance.ts';
import { inBackground } from '../../http/background.ts';
import { ApiError } from '../../http/errors.ts';
import { clearSessionCookie } from '../../http/session-cookie.ts';
import { adminClient, publicAuthClient, serviceClient, userClient } from '../../supabase/clients.ts';
import { isUpstreamFault, toApiError, unwrap } from '../../supabase/errors.ts';
import { userMetadata } from '../../supabase/metadata.ts';
import { organizationsOf } from '../../supabase/organizations.ts';
import { updateOwnUser } from '../../supabase/own-user.ts';
import { endMySession, getMyContext, isEmailTokenPending, listMySessions } from '../../supabase/rpc.ts';
import { checkPassword } from '../auth/password-check.ts';
import { contextOf, endSessions, meData, sessionData } from '../auth/session-data.ts';
import { checkSignInCode } from '../passwordless/code-check.ts';
import type { RouteHandler } from '../registry.ts';
import type { accountContracts } from './contract.ts';

type Account = typeof accountContracts;

/** POST /api/v1/auth/email/resend — the same answer, at once, for every address. */
export const resendEmail: RouteHandler<Account['resendEmail']> = (c) => {
  const { email } = c.req.valid('json');
  inBackground(c, 'verification email', async () => {
    const { error } = await publicAuthClient(c).auth.resend({ type: 'signup', email });
    if (error) throw toApiError(error);
  });
  return { message: 'Verification email sent' };
};

/** POST /api/v1/auth/email/verify — confirms the address and answers a session, as /login does. */
export const verifyEmail: RouteHandler<Account['verifyEmail']> = async (c) => {
  const { token_hash, type } = c.req.valid('json');
  const verified = await publicAuthClient(c).auth.verifyOtp({ token_hash, type });
  const session = verified.data.session;
  if (verified.error || !session) {
    const error = verified.error ? toApiError(verified.error) : new ApiError('TOKEN_INVALID');
    if (isUpstreamFault(error)) throw error;
    // Supabase answers alike for unknown, used and expired links: only a pending one expired.
    const pending = await isEmailTokenPending(serviceClient(c, { forWorker: 'email link status' }), token_hash, type);
    throw new ApiError(pending ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID', {
      message: pending ? 'Email link has expired' : 'Email link is invalid or has already been used',
      cause: verified.error ?? undefined,
    });
  }
  return sessionData(session, await contextOf(c, session));
};

/**
 * DELETE /api/v1/auth/me — the user proves it is them (their password through the login
 * lockout, a fresh sign-in code through its gate, or an aal2 token), then Supabase Auth
 * deletes the account with the secret key: the database's triggers handle the
 * organizations as for an admin deletion, and every session goes with the user (their
 * access tokens are refused at once by the session check).
 */
export const deleteMe: RouteHandler<Account['deleteMe']> = async (c) => {
  const { password, code } = c.req.valid('json');
  const { userId, email, claims } = c.var.auth;
  let proven: { succeeded(): Promise<unknown> } | null = null;
  if (password !== undefined) {
    if (!email) throw new ApiError('INVALID_CREDENTIALS');
    proven = await checkPassword(c, email.trim().toLowerCase(), password);
  } else if (code !== undefined) {
    if (!email) throw new ApiError('TOKEN_INVALID');
    proven = await checkSignInCode(c, email.trim().toLowerCase(), code);
  } else if (!isAal2(claims)) {
    throw new ApiError('VALIDATION_ERROR', {
      message: 'Invalid body: give your password, or a sign-in code from POST /otp',
      details: [{ path: 'password', message: 'give your password, or a sign-in code (code)' }],
    });
  }
  await proven?.succeeded();
  await unwrap(adminClient(c).auth.admin.deleteUser(userId));
  clearSessionCookie(c);
  return { message: 'Account deleted' };
};

/**
 * PATCH /api/v1/auth/me — the names go to the user's own `user_metadata` (with their own
 * token), which the profile trigger copies to the profile, so the two never disagree.
 */
export const updateMe: RouteHandler<Account['updateMe']> = async (c) => {
  const error = await updateOwnUser(c, c.var.auth.token, { data: userMetadata(c.req.valid('json'), 'update') });
  if (error) throw toApiError(error);
  return meData(await getMyContext(userClient(c)));
};

/** PUT /api/v1/auth/me/organization — the database checks membership (else 404). */
export const setActiveOrganization: RouteHandler<Account['setActiveOrganization']> = async (c) =>
  meData(await organizationsOf(userClient(c)).setActive(c.req.valid('json').organization_id));

/**
 * POST /api/v1/auth/password/change — the current password is checked through the
 * lockout, then set with the caller's own token, which keeps this session and ends every
 * other one (the session the check opened included).
 */
export const changePassword: RouteHandler<Account['changePassword']> = async (c) => {
  const { current_password, password } = c.req.valid('json');
  const { auth } = c.var;
  const email = auth.email;
  if (!email) throw new ApiError('INVALID_CREDENTIALS', { cause: new Error('access token without email claim') });
  const checked = await checkPassword(c, email, current_password);
  await checked.succeeded();
  const error = await updateOwnUser(c, auth.token, { password });
  if (error) {
    // The check's session must not outlive a refused change.
    await endSessions(c, checked.session.access_token, 'local').catch(() => undefined);
    throw toApiError(error);
  }
  return { message: 'Password changed' };
};

/** GET /api/v1/auth/sessions */
export const listSessions: RouteHandler<Account['listSessions']> = async (c) => listMySessions(userClient(c));

/** DELETE /api/v1/auth/sessions/:sessionId */
export const endSession: RouteHandler<Account['endSession']> = async (c) => {
  const { sessionId } = c.req.valid('param');
  if (!(await endMySession(userClient(c), sessionId))) throw new ApiError('NOT_FOUND', { message: 'Session not found' });
  return { id: sessionId };
};
