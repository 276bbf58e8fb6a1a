/**
 * Cookie mode (strong-auth.md "Browser sessions that script cannot steal"), additive to the
 * bearer API. A request from an allowed origin (`CORS_ORIGINS`) that carries
 * `X-Edge-Auth-Session: cookie` — a non-simple header, so a cross-origin page must pass a
 * preflight — gets the refresh token of every answer that carries a session as the cookie
 * `__Host-edge-auth-refresh` (HttpOnly, Secure, SameSite=Strict, Path=/), and not in the
 * JSON. POST /refresh then reads it and rotates it, POST /logout clears it; nothing else
 * reads it, and without the header and an allowed `Origin` it is ignored.
 */
import type { Context } from 'hono';
import type { AppEnv } from './context.ts';

/** The request header that asks for cookie mode. */
const SESSION_MODE_HEADER = 'X-Edge-Auth-Session';
/** The cookie's name: `__Host-` makes the browser insist on Secure, Path=/ and no Domain. */
const REFRESH_COOKIE = '__Host-edge-auth-refresh';

type Ctx = Pick<Context<AppEnv>, 'req' | 'var' | 'header'>;

/** True when this request asks for cookie mode from an allowed origin. */
export function isCookieMode(c: Pick<Ctx, 'req' | 'var'>): boolean {
  if (c.req.header(SESSION_MODE_HEADER)?.trim().toLowerCase() !== 'cookie') return false;
  const origin = c.req.header('Origin');
  return origin !== undefined && c.var.config.corsOrigins.includes(origin);
}

/** The refresh token of the cookie, in cookie mode only (else undefined). */
export function refreshTokenCookie(c: Pick<Ctx, 'req' | 'var'>): string | undefined {
  if (!isCookieMode(c)) return undefined;
  for (const part of (c.req.header('Cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) {
      const token = value.join('=');
      return /^[\w-]{1,4096}$/.test(token) ? token : undefined;
    }
  }
  return undefined;
}

function cookie(value: string, maxAge: number): string {
  return `${REFRESH_COOKIE}=${value}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=${maxAge}`;
}

/**
 * In cookie mode, moves the refresh token of an answer's `data` into the cookie (and out of
 * the JSON). Other answers pass unchanged.
 */
export function withSessionCookie<T>(c: Ctx, data: T): T {
  if (!isCookieMode(c) || data === null || typeof data !== 'object' || !('refresh_token' in data)) return data;
  const { refresh_token, ...rest } = data as T & { refresh_token: unknown };
  if (typeof refresh_token !== 'string') return data;
  c.header('Set-Cookie', cookie(refresh_token, c.var.config.sessionCookieMaxAgeSeconds), { append: true });
  return rest as T;
}

/** In cookie mode, clears the cookie (logout). */
export function clearSessionCookie(c: Ctx): void {
  if (isCookieMode(c)) c.header('Set-Cookie', cookie('', 0), { append: true });
}
