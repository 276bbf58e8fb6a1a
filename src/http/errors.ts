/**
 * The error-code table and the one error class of the API. Every failure the service
 * reports carries a stable machine-readable code from {@link ERROR_TABLE}; the table is the
 * single place that decides the HTTP status and the default human message of each code, so
 * handlers never pick a status themselves. Throw an {@link ApiError} anywhere (middleware,
 * handler, Supabase helper) and `app.onError` turns it into the failure envelope.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Code → default status and message, exactly as in the API contract (spec/api.md).
 * `EMAIL_TAKEN` defaults to 409 (`/register`); `/signup` raises it with `status: 401`.
 */
export const ERROR_TABLE = {
  VALIDATION_ERROR: { status: 400, message: 'The request is invalid' },
  WEAK_PASSWORD: { status: 400, message: 'The password does not meet the password policy' },
  INVALID_CREDENTIALS: { status: 401, message: 'Invalid email or password' },
  EMAIL_NOT_VERIFIED: { status: 401, message: 'Email address is not verified' },
  AUTH_REQUIRED: { status: 401, message: 'Authentication required' },
  TOKEN_EXPIRED: { status: 401, message: 'Token has expired' },
  TOKEN_INVALID: { status: 401, message: 'Token is invalid' },
  EMAIL_TAKEN: { status: 409, message: 'Email address is already registered' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to perform this action' },
  MFA_REQUIRED: { status: 403, message: 'Verify your second factor to continue' },
  MFA_CODE_INVALID: { status: 401, message: 'The code is wrong, expired or already used' },
  NOT_FOUND: { status: 404, message: 'Resource not found' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state' },
  LAST_OWNER: { status: 409, message: 'An organization needs at least one owner' },
  LIMIT_REACHED: { status: 409, message: 'A configured limit has been reached' },
  INVITATION_EXPIRED: { status: 410, message: 'The invitation has expired' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Content-Type must be application/json' },
  ACCOUNT_LOCKED: { status: 429, message: 'Too many failed login attempts; try again later' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; try again later' },
  INTERNAL_ERROR: { status: 500, message: 'Internal error' },
  UPSTREAM_ERROR: { status: 502, message: 'The authentication service returned an invalid response' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The authentication service is unavailable' },
} as const satisfies Record<string, { status: ContentfulStatusCode; message: string }>;

/** One of the stable error codes of the API. */
export type ErrorCode = keyof typeof ERROR_TABLE;

/** One entry of `error.details`: which input field is wrong and why. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** Options of {@link ApiError}. Every field is optional. */
export interface ApiErrorOptions {
  /** Human message; defaults to the table's message for the code. */
  message?: string;
  /** Overrides the table's status (only for codes whose status depends on the route). */
  status?: ContentfulStatusCode;
  /** Validation problems, one per field (VALIDATION_ERROR only). */
  details?: ErrorDetail[];
  /** Extra response headers, e.g. `Retry-After`, `Allow`, `WWW-Authenticate`. */
  headers?: Record<string, string>;
  /** The underlying error; logged, never sent to the client. */
  cause?: unknown;
}

/**
 * The API's error: an `HTTPException` that also carries a code from {@link ERROR_TABLE}.
 *
 * @example
 * throw new ApiError('RATE_LIMITED', { headers: { 'Retry-After': '60' } });
 * throw new ApiError('EMAIL_TAKEN', { status: 401 }); // /signup answers 401
 */
export class ApiError extends HTTPException {
  /** The stable error code. */
  readonly code: ErrorCode;
  /** Validation details, when any. */
  readonly details: ErrorDetail[] | undefined;
  /** Headers to add to the error response. */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, options: ApiErrorOptions = {}) {
    const entry = ERROR_TABLE[code];
    super(options.status ?? entry.status, {
      message: options.message ?? entry.message,
      cause: options.cause,
    });
    this.name = 'ApiError';
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}
