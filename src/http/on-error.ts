/**
 * Where every error becomes a response. {@link handleError} (app.onError) answers an
 * {@link ApiError} with its envelope, maps Hono's own `HTTPException`s (e.g. malformed JSON
 * from the validator) onto our codes, and answers anything else, including a bad
 * configuration, with 500 INTERNAL_ERROR whose message names the request id; the details
 * (error name, message, the misconfigured setting, stack) go to the request's log line only.
 * {@link handleNotFound} answers unknown routes with 404 NOT_FOUND.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ConfigError } from '../env.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './envelope.ts';
import { ApiError, type ErrorCode } from './errors.ts';
import { UpstreamBadResponseError, UpstreamUnavailableError } from './upstream.ts';

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_ERROR',
  401: 'AUTH_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

function describe(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: String(error) };
  const entry: Record<string, unknown> = { name: error.name, message: error.message };
  if (error instanceof ConfigError) entry.setting = error.setting;
  if (error.cause !== undefined && depth < 3) entry.cause = describe(error.cause, depth + 1);
  return entry;
}

function internal(c: Context<AppEnv>, error: unknown): ApiError {
  const id = c.var.requestId ?? 'unknown';
  return new ApiError('INTERNAL_ERROR', { message: `Internal error (request id ${id})`, cause: error });
}

function toApiError(c: Context<AppEnv>, error: unknown): ApiError {
  // An ApiError INTERNAL_ERROR thrown by our own code gets the request-id message too.
  if (error instanceof ApiError) return error.code === 'INTERNAL_ERROR' ? internal(c, error) : error;
  if (error instanceof HTTPException) {
    const code = STATUS_CODES[error.status];
    if (code) return new ApiError(code, { message: error.message || undefined, cause: error });
  }
  // The fetch door's own failures, where a call made it without supabase-js (src/supabase/own-user.ts).
  if (error instanceof UpstreamUnavailableError) return new ApiError('SERVICE_UNAVAILABLE', { cause: error });
  if (error instanceof UpstreamBadResponseError) return new ApiError('UPSTREAM_ERROR', { cause: error });
  return internal(c, error);
}

/** app.onError: any thrown value → failure envelope; details only in the log line. */
export function handleError(error: unknown, c: Context<AppEnv>): Response {
  const apiError = toApiError(c, error);
  const log: Record<string, unknown> = { code: apiError.code };
  if (apiError.status >= 500) {
    Object.assign(log, describe(apiError.cause ?? apiError));
    if (apiError.code === 'INTERNAL_ERROR' && error instanceof Error && !(error instanceof ConfigError)) {
      log.stack = error.stack;
    }
  }
  c.set('logError', log);
  return errorResponse(apiError);
}

/** app.notFound: 404 NOT_FOUND envelope. */
export function handleNotFound(_c: Context<AppEnv>): Response {
  return errorResponse(new ApiError('NOT_FOUND', { message: 'Route not found' }));
}
