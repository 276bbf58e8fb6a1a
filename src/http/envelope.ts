/**
 * The response envelope of the API. Success: `{ success: true, message, data, count? }`;
 * failure: `{ success: false, message, error: { code, message, details? } }`. Success
 * responses are built by the route registry from a handler's `data` ({@link successResponse});
 * failures are only ever built by `app.onError` and `notFound` through {@link errorResponse},
 * so every error looks the same.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ErrorCode, ErrorDetail } from './errors.ts';

/** The body of a successful response. */
interface SuccessEnvelope<T> {
  success: true;
  message: string;
  data: T;
  count?: number;
}

/** The body of a failed response. */
interface FailureEnvelope {
  success: false;
  message: string;
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

/**
 * Answers with the success envelope. Route handlers do not call it: they return their
 * `data`, and the registry (src/routes/registry.ts) answers it with the status, message
 * and count of the route's contract.
 */
export function successResponse(c: Context, message: string, data: unknown, status: ContentfulStatusCode = 200, count?: number): Response {
  const body: SuccessEnvelope<unknown> = { success: true, message, data };
  if (count !== undefined) body.count = count;
  return c.json(body, status);
}

/** Builds the failure envelope body for an {@link ApiError}. */
function failureBody(error: ApiError): FailureEnvelope {
  const body: FailureEnvelope = {
    success: false,
    message: error.message,
    error: { code: error.code, message: error.message },
  };
  if (error.details) body.error.details = error.details;
  return body;
}

/** Answers with the failure envelope of `error`, its status and its extra headers. */
export function errorResponse(error: ApiError): Response {
  const headers = new Headers({ 'Content-Type': 'application/json; charset=UTF-8' });
  for (const [name, value] of Object.entries(error.headers)) headers.set(name, value);
  return new Response(JSON.stringify(failureBody(error)), { status: error.status, headers });
}
