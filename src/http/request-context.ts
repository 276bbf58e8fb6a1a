/**
 * The outermost middleware: request id, structured log line, response headers (security,
 * caching, request id) and configuration. They run for every request, including unknown
 * routes and errors, because `app.onError`/`notFound` results flow back through them.
 */
import { createMiddleware } from 'hono/factory';
import { getConfig } from '../env.ts';
import type { AppEnv } from './context.ts';

/** Header carrying the request id, in and out. */
const REQUEST_ID_HEADER = 'X-Request-Id';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** CSP of JSON answers: nothing may load, nothing may frame. */
const JSON_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The request id to use: the client's when it is sane (≤128 of `[A-Za-z0-9._:-]`), else a UUID. */
function chooseRequestId(incoming: string | undefined): string {
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** Sets `c.var.requestId` and echoes it as `X-Request-Id` on the response. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = chooseRequestId(c.req.header(REQUEST_ID_HEADER));
  c.set('requestId', id);
  await next();
  c.res.headers.set(REQUEST_ID_HEADER, id);
});

/**
 * Writes one JSON line per request: method, path (never the query string), status,
 * duration_ms, request_id, the user id when known, and what went wrong for errors (set by
 * onError). Never a header, a body, a token or a key. 5xx lines go to `console.error`.
 */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  await next();
  const status = c.res.status;
  const auth = c.var.auth;
  const entry: Record<string, unknown> = {
    level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
    msg: 'request',
    method: c.req.method,
    path: c.req.path,
    status,
    duration_ms: Date.now() - started,
    request_id: c.var.requestId,
  };
  if (auth?.kind === 'user') entry.user_id = auth.userId;
  if (auth?.kind === 'service') entry.caller = 'service';
  if (c.var.logError) entry.error = c.var.logError;
  (status >= 500 ? console.error : console.log)(JSON.stringify(entry));
});

/**
 * Security and caching headers on every response: `nosniff`, `X-Frame-Options: DENY`,
 * `Referrer-Policy: no-referrer`, a strict CSP unless the handler set its own (the docs
 * page does), HSTS, and `Cache-Control: no-store` unless the handler set a policy (every
 * auth response may carry a token, so by default nothing is cacheable).
 */
export const responseHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', JSON_CSP);
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
});

/**
 * Validates the bindings once per `env` object (see env.ts) and sets `c.var.config`. A bad
 * setting throws ConfigError, which onError answers with 500 INTERNAL_ERROR.
 */
export const loadConfig = createMiddleware<AppEnv>(async (c, next) => {
  c.set('config', getConfig(c.env));
  await next();
});
