/**
 * CORS for the browser origins listed in CORS_ORIGINS. With an empty list no CORS header
 * is ever sent, so only same-origin pages and non-browser clients can call the API. With a
 * list, an allowed origin is echoed exactly (never `*`) with credentials allowed — cookie
 * mode's refresh cookie (src/http/session-cookie.ts) travels only with them —, `Vary:
 * Origin` is always set, and preflights are answered here: 204 for an allowed origin (the
 * cookie-mode header `X-Edge-Auth-Session` among the allowed ones), 403 FORBIDDEN for any other.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Request-Id, X-Edge-Auth-Session';
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After';
const PREFLIGHT_MAX_AGE = '600';

/** The CORS middleware; reads the allowed origins from `c.var.config.corsOrigins`. */
export const cors = createMiddleware<AppEnv>(async (c, next) => {
  const allowed = c.var.config.corsOrigins;
  if (allowed.length === 0) return next();
  const origin = c.req.header('Origin');
  const isAllowed = origin !== undefined && allowed.includes(origin);
  const isPreflight = c.req.method === 'OPTIONS' && origin !== undefined && c.req.header('Access-Control-Request-Method') !== undefined;

  if (isPreflight) {
    if (!isAllowed) throw new ApiError('FORBIDDEN', { message: 'Origin not allowed', headers: { Vary: 'Origin' } });
    return new Response(null, {
      status: 204,
      headers: {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE,
        Vary: 'Origin',
      },
    });
  }

  await next();
  c.res.headers.append('Vary', 'Origin');
  if (isAllowed) {
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.set('Access-Control-Allow-Credentials', 'true');
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }
});
