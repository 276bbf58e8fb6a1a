/**
 * Error answers of the auth server, shaped exactly as GoTrue shapes them. GoTrue has two
 * kinds: HTTP errors with a machine-readable `error_code`, and OAuth-style errors
 * (`{error, error_description}`, always 400) that a few token paths still use. For HTTP
 * errors the `X-Supabase-Api-Version` request header picks the body: from `2024-01-01`
 * on it is `{code: <error_code>, message}` (and the header is echoed back), before that
 * (or with no/invalid header) it is `{code: <http status>, error_code, msg}`, with an
 * `error_id` when the status is 500 or more. An error with a code also carries the
 * `x-sb-error-code` header. A few GoTrue errors have no code of their own (those an auth
 * hook returns, a hook's claims that fail the schema): they answer `unexpected_failure`
 * (500) or `unknown` in the body and send no header. And in the initial shape GoTrue
 * answers an error caused by a user-raised Postgres error (`raise exception`, a
 * constraint, a `PTxxx` code) with that error itself (`{code: "P0001", message, hint,
 * detail}`, status 500 or the `PTxxx` number), as the hook runner's errors may be.
 */
import crypto from 'node:crypto';
import type { Context } from 'hono';

/** The one API version newer than the initial one that GoTrue knows. */
const API_VERSION_2024 = Date.UTC(2024, 0, 1);
const API_VERSION_HEADER = 'X-Supabase-Api-Version';

/** A Postgres error as GoTrue shows it (`utilities.PostgresError`). */
export interface PostgresErrorBody {
  code: string;
  message: string;
  hint?: string;
  detail?: string;
}

/** An HTTP error with GoTrue's error code (`internal/api/apierrors/errorcode.go`); '' for none. */
export class AuthError extends Error {
  /** Extra top-level fields, e.g. `weak_password: {reasons}`. */
  extra: Record<string, unknown> | undefined;
  /** When set, the surrounding transaction is committed before the error is answered. */
  commit = false;
  /** The Postgres error behind this one (GoTrue's `InternalError`), if any. */
  postgres: PostgresErrorBody | undefined;
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

/** An HTTP error without an error code, as GoTrue builds one from an auth hook's answer. */
export function uncodedError(status: number, message: string): AuthError {
  return new AuthError(status, '', message);
}

/**
 * The HTTP status GoTrue gives a Postgres error it shows as it is (`getHttpStatusCodeFromPostgresErrorCode`):
 * 500 for `raise exception` and integrity violations, the number of a `PTxxx` code; null for any other.
 */
function postgresStatus(code: string): number | null {
  if (code.length !== 5) return null;
  if (['P0001', '23000', '23001', '23502', '23503', '23505', '23514', '23P01'].includes(code)) return 500;
  const pt = /^PT(\d+)$/.exec(code);
  return pt ? Number(pt[1]) : null;
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
  const handled = err instanceof AuthError;
  if (err instanceof AuthError) {
    e = err;
  } else {
    console.error('[auth] unexpected error:', err);
    e = internalError('Unexpected failure, please check server logs for more information');
  }
  const newShape = wantsNewShape(c.req.header(API_VERSION_HEADER));
  if (newShape) c.header(API_VERSION_HEADER, '2024-01-01');
  // GoTrue's catch-all for errors that are no HTTPError sends neither the header nor an error_id.
  if (e.code && handled) c.header('x-sb-error-code', e.code);
  const code = e.code || (e.status === 500 ? 'unexpected_failure' : 'unknown');
  if (newShape) return c.json({ code, message: e.message, ...e.extra }, e.status as 400);
  const shown = e.postgres && postgresStatus(e.postgres.code);
  if (e.postgres && shown) {
    const { code: pgCode, message, hint, detail } = e.postgres;
    return c.json({ code: pgCode, message, ...(hint ? { hint } : {}), ...(detail ? { detail } : {}) }, shown as 400);
  }
  const errorId = handled && e.status >= 500 ? { error_id: crypto.randomUUID() } : {};
  return c.json({ code: e.status, error_code: code, msg: e.message, ...errorId, ...e.extra }, e.status as 400);
}
