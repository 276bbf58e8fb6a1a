/**
 * Error answers of the auth server, shaped exactly as GoTrue shapes them. GoTrue has two
 * kinds: HTTP errors with a machine-readable `error_code`, and OAuth-style errors
 * (`{error, error_description}`, always 400) that a few token paths still use. For HTTP
 * errors the `X-Supabase-Api-Version` request header picks the body: from `2024-01-01`
 * on it is `{code: <error_code>, message}` (and the header is echoed back), before that
 * (or with no/invalid header) it is `{code: <http status>, error_code, msg}`. Every error
 * also carries the `x-sb-error-code` header, as GoTrue's do.
 */
import type { Context } from 'hono';

/** The one API version newer than the initial one that GoTrue knows. */
const API_VERSION_2024 = Date.UTC(2024, 0, 1);
const API_VERSION_HEADER = 'X-Supabase-Api-Version';

/** An HTTP error with GoTrue's error code (`internal/api/apierrors/errorcode.go`). */
export class AuthError extends Error {
  /** Extra top-level fields, e.g. `weak_password: {reasons}`. */
  extra: Record<string, unknown> | undefined;
  /** When set, the surrounding transaction is committed before the error is answered. */
  commit = false;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    extra?: Record<string, unknown>,
  ) {
    super(message);
    this.extra = extra;
  }
}

/** GoTrue's OAuth-shaped error: `{error, error_description}` with status 400. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/** 400 with an error code. */
export const badRequest = (code: string, message: string) => new AuthError(400, code, message);
/** 403 with an error code. */
export const forbidden = (code: string, message: string) => new AuthError(403, code, message);
/** 404 with an error code. */
export const notFound = (code: string, message: string) => new AuthError(404, code, message);
/** 422 with an error code. */
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message);
/** 429 with an error code. */
export const tooManyRequests = (code: string, message: string) => new AuthError(429, code, message);
/** 500 `unexpected_failure`. */
export const internalError = (message: string) => new AuthError(500, 'unexpected_failure', message);

/** GoTrue's 422 `weak_password` with the reasons (`length`, `characters`, `pwned`). */
export function weakPassword(message: string, reasons: string[]): AuthError {
  return new AuthError(422, 'weak_password', message, { weak_password: { reasons } });
}

/** Marks an error so that the transaction it is thrown from still commits. */
export function commitAndFail(err: AuthError): AuthError {
  err.commit = true;
  return err;
}

/** True when the request asks for the 2024-01-01 error shape (or a later date). */
function wantsNewShape(header: string | undefined): boolean {
  if (!header) return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(header.trim());
  if (!m) return false;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(at) && at >= API_VERSION_2024;
}

/** Renders any thrown value as GoTrue would answer it. */
export function errorResponse(c: Context, err: unknown): Response {
  if (err instanceof OAuthError) {
    return c.json({ error: err.error, error_description: err.description }, 400);
  }
  let e: AuthError;
  if (err instanceof AuthError) {
    e = err;
  } else {
    console.error('[auth] unexpected error:', err);
    e = internalError('Unexpected failure, please check server logs for more information');
  }
  const newShape = wantsNewShape(c.req.header(API_VERSION_HEADER));
  if (newShape) c.header(API_VERSION_HEADER, '2024-01-01');
  c.header('x-sb-error-code', e.code);
  const body = newShape
    ? { code: e.code, message: e.message, ...e.extra }
    : { code: e.status, error_code: e.code, msg: e.message, ...e.extra };
  return c.json(body, e.status as 400);
}
