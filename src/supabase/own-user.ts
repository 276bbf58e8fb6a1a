/**
 * A user's own calls to Supabase Auth with their own access token: changing their account
 * (password, profile names: GoTrue's `PUT /user`), reading it (`GET /user`), and the second
 * factor (`/factors…`). supabase-js offers these only on a client that holds a whole session
 * (refresh token included), which the worker never has for the caller, so they are made
 * without it — through the same fetch door, with the key in `apikey` and the caller's
 * token in `Authorization`. GoTrue keeps the calling session and signs out the user's other
 * sessions when the password changes (`user.UpdatePassword` with the session id).
 * Failures come back as supabase-js's `AuthApiError`, so src/supabase/errors.ts maps them
 * like any other.
 */
import { AuthApiError } from '@supabase/supabase-js';
import { createUpstreamFetch } from '../http/upstream.ts';
import { type ClientScope, publicCallHeaders } from './clients.ts';

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

/** What a GoTrue call made with the caller's own token answered: its JSON, or the error as supabase-js reports it. */
export type OwnUserResult<T> = { data: T; error: null } | { data: null; error: AuthApiError };

/**
 * One GoTrue call with the caller's own access token (`/user`, `/factors…`): the key in
 * `apikey`, the token in `Authorization`, through the bounded fetch door. A 2xx answer's
 * JSON is the data (null for an empty body); anything else becomes an `AuthApiError` with
 * GoTrue's code, so src/supabase/errors.ts maps it like a supabase-js failure. Upstream
 * faults (timeout, refused connection) are thrown by the fetch door as usual.
 *
 * @example
 * const { data, error } = await ownUserCall<GoTrueUser>(c, token, 'GET', '/user');
 */
export async function ownUserCall<T>(
  c: ClientScope,
  accessToken: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: `/${string}`,
  body?: unknown,
): Promise<OwnUserResult<T>> {
  const { keys } = c.var.config;
  return authApiCall(c, { apikey: keys.publishable ?? keys.secret, Authorization: `Bearer ${accessToken}` }, method, path, body);
}

/**
 * One GoTrue call made for an anonymous end user (a passkey sign-in), with the headers of
 * {@link publicCallHeaders}: the same result shapes as {@link ownUserCall}.
 */
export function publicAuthCall<T>(c: ClientScope, method: 'POST', path: `/${string}`, body: unknown): Promise<OwnUserResult<T>> {
  return authApiCall(c, publicCallHeaders(c), method, path, body);
}

async function authApiCall<T>(
  c: ClientScope,
  headers: Record<string, string>,
  method: string,
  path: `/${string}`,
  body?: unknown,
): Promise<OwnUserResult<T>> {
  const { supabaseUrl, upstreamTimeoutMs } = c.var.config;
  const response = await createUpstreamFetch(upstreamTimeoutMs)(`${supabaseUrl}/auth/v1${path}`, {
    method,
    headers: {
      ...headers,
      'X-Supabase-Api-Version': '2024-01-01',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    if (response.ok) throw new AuthApiError(`${method} ${path} answered ${response.status} with no JSON`, 502, 'unexpected_failure');
  }
  if (response.ok) return { data: json as T, error: null };
  const failure = (json ?? {}) as GoTrueError;
  const code = typeof failure.code === 'string' ? failure.code : typeof failure.error_code === 'string' ? failure.error_code : undefined;
  const message =
    typeof failure.msg === 'string'
      ? failure.msg
      : typeof failure.message === 'string'
        ? failure.message
        : `${method} ${path} answered ${response.status}`;
  return { data: null, error: new AuthApiError(message, response.status, code) };
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
  return (await ownUserCall(c, accessToken, 'PUT', '/user', change)).error;
}
