/**
 * A user changing their own account (password, profile names) with their own access
 * token: GoTrue's `PUT /user`.
 * supabase-js offers it only on a client that holds a whole session (refresh token
 * included), which the worker never has for the caller, so this is the one call made
 * without it — through the same fetch door, with the key in `apikey` and the caller's
 * token in `Authorization`. GoTrue keeps the calling session and signs out the user's other
 * sessions when the password changes (`user.UpdatePassword` with the session id).
 * Failures come back as supabase-js's `AuthApiError`, so src/supabase/errors.ts maps them
 * like any other.
 */
import { AuthApiError } from '@supabase/supabase-js';
import { createUpstreamFetch } from '../http/upstream.ts';
import type { ClientScope } from './clients.ts';

/** GoTrue's error body (api version 2024-01-01: `code` is the error code, `msg` the text). */
interface GoTrueError {
  code?: unknown;
  error_code?: unknown;
  msg?: unknown;
  message?: unknown;
}

/** What a user may change of their own account here. */
export interface OwnUserChange {
  password?: string;
  /** Merged into `user_metadata` (the sign-up and profile triggers copy names to the profile). */
  data?: Record<string, string>;
}

/**
 * Changes the caller's own account with their own access token.
 *
 * @returns null on success, else the error as supabase-js reports it.
 * @example
 * const error = await updateOwnUser(c, c.var.auth.token, { password });
 * if (error) throw toApiError(error);
 */
export async function updateOwnUser(c: ClientScope, accessToken: string, change: OwnUserChange): Promise<AuthApiError | null> {
  const { supabaseUrl, keys, upstreamTimeoutMs } = c.var.config;
  const response = await createUpstreamFetch(upstreamTimeoutMs)(`${supabaseUrl}/auth/v1/user`, {
    method: 'PUT',
    headers: {
      apikey: keys.publishable ?? keys.secret,
      Authorization: `Bearer ${accessToken}`,
      'Content-Type': 'application/json',
      'X-Supabase-Api-Version': '2024-01-01',
    },
    body: JSON.stringify(change),
  });
  if (response.ok) return null;
  const body = ((await response.json().catch(() => ({}))) ?? {}) as GoTrueError;
  const code = typeof body.code === 'string' ? body.code : typeof body.error_code === 'string' ? body.error_code : undefined;
  const message =
    typeof body.msg === 'string' ? body.msg : typeof body.message === 'string' ? body.message : `PUT /user answered ${response.status}`;
  return new AuthApiError(message, response.status, code);
}
