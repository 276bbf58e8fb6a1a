/**
 * The only place that reads upstream errors. supabase-js returns failures as values:
 * auth calls give an `AuthError` (`AuthApiError` with `status` and GoTrue's `code`,
 * `AuthRetryableFetchError` with status 0 for network failures or 502–504,
 * `AuthUnknownError` for unparsable answers, `AuthSessionMissingError` for a gone
 * session), PostgREST calls give `{ code, message, details, hint }` plus the HTTP status.
 * {@link toApiError} turns any of them into an {@link ApiError} with one of our codes;
 * {@link unwrap} does it for a whole `{ data, error }` result. Upstream messages, SQL and
 * bodies are kept as the `cause` (logged), never sent to the client.
 */
import { type AuthError, isAuthError } from '@supabase/supabase-js';
import { ApiError, type ErrorCode } from '../http/errors.ts';
import { BREAKER_RETRY_AFTER_SECONDS, UNUSABLE_ANSWER_CODE } from '../http/upstream.ts';

/** Retry-After (seconds) when the upstream rate-limits without saying for how long. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** GoTrue `error_code` → our code. Codes not listed fall back on the HTTP status. */
const GOTRUE_CODES: Readonly<Record<string, ErrorCode>> = {
  invalid_credentials: 'INVALID_CREDENTIALS',
  email_not_confirmed: 'EMAIL_NOT_VERIFIED',
  phone_not_confirmed: 'EMAIL_NOT_VERIFIED',
  user_already_exists: 'EMAIL_TAKEN',
  email_exists: 'EMAIL_TAKEN',
  weak_password: 'WEAK_PASSWORD',
  same_password: 'WEAK_PASSWORD',
  refresh_token_not_found: 'TOKEN_INVALID',
  refresh_token_already_used: 'TOKEN_INVALID',
  session_not_found: 'TOKEN_INVALID',
  bad_jwt: 'TOKEN_INVALID',
  invalid_jwt: 'TOKEN_INVALID',
  no_authorization: 'AUTH_REQUIRED',
  session_expired: 'TOKEN_EXPIRED',
  // GoTrue answers otp_expired for unknown, used *and* expired links alike ("Email link is
  // invalid or has expired"), so by itself it proves nothing about expiry.
  otp_expired: 'TOKEN_INVALID',
  flow_state_expired: 'TOKEN_EXPIRED',
  flow_state_not_found: 'TOKEN_INVALID',
  bad_code_verifier: 'TOKEN_INVALID',
  user_not_found: 'NOT_FOUND',
  identity_not_found: 'NOT_FOUND',
  over_request_rate_limit: 'RATE_LIMITED',
  over_email_send_rate_limit: 'RATE_LIMITED',
  over_sms_send_rate_limit: 'RATE_LIMITED',
  validation_failed: 'VALIDATION_ERROR',
  bad_json: 'VALIDATION_ERROR',
  email_address_invalid: 'VALIDATION_ERROR',
  user_banned: 'FORBIDDEN',
  not_admin: 'FORBIDDEN',
  signup_disabled: 'FORBIDDEN',
  email_provider_disabled: 'FORBIDDEN',
  email_address_not_authorized: 'FORBIDDEN',
  request_timeout: 'SERVICE_UNAVAILABLE',
  // The second factor (GoTrue's MFA API).
  insufficient_aal: 'MFA_REQUIRED',
  mfa_verification_failed: 'MFA_CODE_INVALID',
  mfa_challenge_expired: 'MFA_CODE_INVALID',
  mfa_ip_address_mismatch: 'MFA_CODE_INVALID',
  mfa_factor_not_found: 'NOT_FOUND',
  mfa_factor_name_conflict: 'CONFLICT',
  too_many_enrolled_mfa_factors: 'LIMIT_REACHED',
  mfa_totp_enroll_not_enabled: 'FORBIDDEN',
  mfa_totp_verify_not_enabled: 'FORBIDDEN',
  mfa_recovery_codes_sole_factor: 'CONFLICT',
  mfa_recovery_codes_enroll_not_enabled: 'FORBIDDEN',
  mfa_recovery_codes_verify_not_enabled: 'FORBIDDEN',
  unexpected_failure: 'UPSTREAM_ERROR',
  [UNUSABLE_ANSWER_CODE]: 'UPSTREAM_ERROR',
};

/** PostgREST `PGRST…` codes → our code. */
const POSTGREST_CODES: Readonly<Record<string, ErrorCode>> = {
  PGRST000: 'SERVICE_UNAVAILABLE', // database connection failed
  PGRST001: 'SERVICE_UNAVAILABLE',
  PGRST002: 'SERVICE_UNAVAILABLE', // schema cache not ready
  PGRST003: 'SERVICE_UNAVAILABLE', // pool timeout
  PGRST116: 'NOT_FOUND', // .single() found no (or several) rows
  PGRST301: 'TOKEN_INVALID', // JWT could not be decoded or verified
  PGRST302: 'AUTH_REQUIRED', // anonymous access refused
  PGRST303: 'TOKEN_INVALID', // JWT claims invalid (expiry handled below)
};

/** SQLSTATE → our code (exact codes first, then two-character classes). */
const SQLSTATE_CODES: Readonly<Record<string, ErrorCode>> = {
  '42501': 'FORBIDDEN', // insufficient_privilege (RLS / grants)
  '23505': 'VALIDATION_ERROR', // unique_violation
  '23503': 'VALIDATION_ERROR', // foreign_key_violation
  '23502': 'VALIDATION_ERROR', // not_null_violation
  '23514': 'VALIDATION_ERROR', // check_violation
  '22P02': 'VALIDATION_ERROR', // invalid_text_representation (e.g. bad uuid)
  '22001': 'VALIDATION_ERROR', // string_data_right_truncation
  '22023': 'VALIDATION_ERROR', // invalid_parameter_value
  P0001: 'VALIDATION_ERROR', // raise_exception from our own functions
  P0002: 'NOT_FOUND', // no_data_found
  PT401: 'TOKEN_INVALID', // our session check: the access token's session has ended
  PT404: 'NOT_FOUND', // our admin functions: unknown organization or user
  PT403: 'FORBIDDEN', // our organization functions: role too low, personal-organization rule
  '40001': 'SERVICE_UNAVAILABLE', // serialization_failure: retryable
  '40P01': 'SERVICE_UNAVAILABLE', // deadlock_detected: retryable
  '57014': 'SERVICE_UNAVAILABLE', // query_canceled (statement timeout)
  '08': 'SERVICE_UNAVAILABLE', // connection exceptions
  '53': 'SERVICE_UNAVAILABLE', // insufficient resources
  '57': 'SERVICE_UNAVAILABLE', // operator intervention
};

/** Messages for GoTrue codes whose table message would not say what happened. */
const GOTRUE_MESSAGES: Partial<Record<string, string>> = {
  user_banned: 'This account is suspended',
};

/** Messages for upstream-derived codes whose table message would mislead. */
const SQL_MESSAGES: Partial<Record<string, string>> = {
  '23505': 'A record with these values already exists',
  '23503': 'A referenced record does not exist',
  '22P02': 'A value has an invalid format',
  P0001: 'The request was rejected',
};

/** Shape of a PostgREST error value. */
interface PostgrestErrorLike {
  code: string;
  message: string;
  details?: string | null;
  hint?: string | null;
}

function byStatus(status: number): ErrorCode {
  if (status === 0) return 'SERVICE_UNAVAILABLE';
  if (status === 401) return 'TOKEN_INVALID';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 400 || status === 422) return 'VALIDATION_ERROR';
  return 'UPSTREAM_ERROR';
}

function build(code: ErrorCode, cause: unknown, message?: string): ApiError {
  // Supabase unreachable (or known to be down: the fetch door's breaker) → try again in a moment.
  const headers: Record<string, string> =
    code === 'RATE_LIMITED'
      ? { 'Retry-After': String(DEFAULT_RETRY_AFTER_SECONDS) }
      : code === 'SERVICE_UNAVAILABLE'
        ? { 'Retry-After': String(BREAKER_RETRY_AFTER_SECONDS) }
        : {};
  return new ApiError(code, { cause, headers, ...(message ? { message } : {}) });
}

function fromAuthError(error: AuthError): ApiError {
  if (error.name === 'AuthSessionMissingError') return build('TOKEN_INVALID', error);
  if (error.name === 'AuthUnknownError') return build('UPSTREAM_ERROR', error);
  const status = error.status ?? 0;
  if (error.name === 'AuthRetryableFetchError') {
    return build(status === 0 ? 'SERVICE_UNAVAILABLE' : 'UPSTREAM_ERROR', error);
  }
  const mapped = error.code ? GOTRUE_CODES[error.code] : undefined;
  if (mapped) return build(mapped, error, error.code ? GOTRUE_MESSAGES[error.code] : undefined);
  return build(status >= 500 ? 'UPSTREAM_ERROR' : byStatus(status), error);
}

function isPostgrestError(error: unknown): error is PostgrestErrorLike {
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/**
 * The codes our own database functions raise as SQLSTATE PTxyz with the API code in DETAIL
 * (supabase/migrations/20261201000101_organization_management_functions.sql, and
 * MFA_REQUIRED from 20261207000001_second_factor_in_the_database.sql). Their
 * messages are written for the API's users, so they are answered as they are.
 */
const DOMAIN_CODES: Readonly<Record<string, readonly ErrorCode[]>> = {
  PT403: ['FORBIDDEN', 'MFA_REQUIRED'],
  PT404: ['NOT_FOUND'],
  PT409: ['CONFLICT', 'LAST_OWNER', 'LIMIT_REACHED'],
  PT410: ['INVITATION_EXPIRED'],
};

function fromDomainError(error: PostgrestErrorLike, code: string): ApiError | undefined {
  const allowed = DOMAIN_CODES[code];
  const detail = typeof error.details === 'string' ? error.details : '';
  const apiCode = allowed?.find((candidate) => candidate === detail);
  if (!apiCode) return undefined;
  return build(apiCode, error, typeof error.message === 'string' && error.message !== '' ? error.message : undefined);
}

function fromPostgrestError(error: PostgrestErrorLike, status: number): ApiError {
  const code = typeof error.code === 'string' ? error.code : '';
  if (status === 0 && code === '') return build('SERVICE_UNAVAILABLE', error);
  const domain = fromDomainError(error, code);
  if (domain) return domain;
  if (code === 'PGRST303' && /expired/i.test(error.message)) return build('TOKEN_EXPIRED', error);
  const mapped = POSTGREST_CODES[code] ?? SQLSTATE_CODES[code] ?? SQLSTATE_CODES[code.slice(0, 2)];
  if (mapped) return build(mapped, error, SQL_MESSAGES[code]);
  if (code === UNUSABLE_ANSWER_CODE || status >= 500 || code.startsWith('PGRST')) return build('UPSTREAM_ERROR', error);
  return build(byStatus(status), error);
}

/**
 * Maps any upstream failure to an {@link ApiError}. `status` is the HTTP status of a
 * PostgREST response (supabase-js gives it beside `error`); auth errors carry their own.
 *
 * @example
 * const { error } = await client.auth.signInWithPassword(body);
 * if (error) throw toApiError(error); // → INVALID_CREDENTIALS, EMAIL_NOT_VERIFIED, ...
 */
export function toApiError(error: unknown, status = 0): ApiError {
  if (error instanceof ApiError) return error;
  if (isAuthError(error)) return fromAuthError(error);
  if (isPostgrestError(error)) return fromPostgrestError(error, status);
  return build('UPSTREAM_ERROR', error);
}

/**
 * True for the failures that say nothing about the request, only that Supabase is down,
 * broken or limiting (so a handler must not read them as an answer about a token, an
 * account or a password).
 */
export function isUpstreamFault(error: ApiError): boolean {
  return error.code === 'SERVICE_UNAVAILABLE' || error.code === 'UPSTREAM_ERROR' || error.code === 'RATE_LIMITED';
}

/**
 * True when a sign-out failed only because the session is already gone (logged out,
 * revoked, or ended by a password change) — which is what signing out wanted anyway.
 */
export function isSessionGone(error: unknown): boolean {
  if (!isAuthError(error)) return false;
  if (error.name === 'AuthSessionMissingError') return true;
  return (
    error.code === 'session_not_found' ||
    (error.status !== undefined && [401, 403, 404].includes(error.status) && error.name === 'AuthApiError')
  );
}

type Success<R> = R extends { error: null; data: infer D } ? D : never;
/** The `data` of a supabase-js result once its failure branch is ruled out. */
export type Unwrapped<R> = [Success<R>] extends [never] ? (R extends { data: infer D } ? D : undefined) : Success<R>;

/**
 * Awaits a supabase-js `{ data, error }` result and returns `data`, or throws the mapped
 * {@link ApiError}.
 *
 * @example
 * const { session } = await unwrap(publicAuthClient(c).auth.signInWithPassword({ email, password }));
 * const rows = await unwrap(userClient(c).rpc('list_my_organizations'));
 */
export async function unwrap<R extends { error: unknown }>(result: PromiseLike<R> | R): Promise<Unwrapped<R>> {
  const settled = await result;
  if (settled.error) {
    const status = (settled as { status?: unknown }).status;
    throw toApiError(settled.error, typeof status === 'number' ? status : 0);
  }
  return (settled as { data?: unknown }).data as Unwrapped<R>;
}
