/**
 * The one error the client throws for an answer that is not a success: the envelope's
 * stable `code`, its human `message`, the field `details` of a validation error, the
 * request id to quote to support and, on 429, how long to wait.
 */
import type { components } from './schema.js';

type ErrorBody = components['schemas']['ErrorEnvelope'];

/** A stable error code of the API (api.md, "Error codes"); any other string is future-proofing. */
export type ErrorCode = ErrorBody['error']['code'] | (string & {});

/** One problem of a validation error: which field, and what is wrong with it. */
export type ErrorDetail = NonNullable<ErrorBody['error']['details']>[number];

/** A failed API call. */
export class AuthApiError extends Error {
  override readonly name = 'AuthApiError';
  /** HTTP status, e.g. 401. */
  readonly status: number;
  /** e.g. `INVALID_CREDENTIALS`; `UPSTREAM_ERROR` when the answer was not an error envelope. */
  readonly code: ErrorCode;
  /** Validation errors only: one entry per field. */
  readonly details: ErrorDetail[];
  /** The `X-Request-Id` of the answer. */
  readonly requestId: string | null;
  /** Seconds from `Retry-After` (429), else null. */
  readonly retryAfter: number | null;

  constructor(status: number, body: unknown, headers: Headers) {
    const envelope = (typeof body === 'object' && body !== null ? body : {}) as Partial<ErrorBody>;
    super(envelope.error?.message ?? envelope.message ?? `Request failed with status ${status}`);
    this.status = status;
    this.code = envelope.error?.code ?? 'UPSTREAM_ERROR';
    this.details = envelope.error?.details ?? [];
    this.requestId = headers.get('X-Request-Id');
    const retry = Number(headers.get('Retry-After'));
    this.retryAfter = headers.has('Retry-After') && Number.isFinite(retry) ? retry : null;
  }
}
