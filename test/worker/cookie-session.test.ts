/**
 * Cookie mode (strong-auth.md "Browser sessions that script cannot steal") through the
 * worker and the stand-in: the cookie's attributes, no refresh token in the JSON, refresh
 * and logout by cookie with rotation and reuse detection unchanged, and the cookie ignored
 * without the header, with a foreign Origin, or on any other route.
 */
import { describe, expect, it } from 'vitest';
import { api, loginUser, PASSWORD, registerUser, sql } from './support/e2e.ts';

const APP = 'http://127.0.0.1:3000'; // an allowed origin (wrangler.toml's local CORS_ORIGINS)
const COOKIE_MODE = { Origin: APP, 'X-Edge-Auth-Session': 'cookie' };
const NAME = '__Host-edge-auth-refresh';

/** The value the answer's Set-Cookie gives the refresh cookie, and the cookie's attributes. */
function refreshCookie(headers: Headers): { value: string; attributes: string[] } | null {
  const line = headers.getSetCookie().find((c) => c.startsWith(`${NAME}=`));
  if (!line) return null;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return { value: pair!.slice(NAME.length + 1), attributes };
}

async function cookieLogin() {
  const { email } = await registerUser();
  const res = await api('/api/v1/auth/login', { body: { email, password: PASSWORD }, headers: COOKIE_MODE });
  expect(res.status).toBe(200);
  const cookie = refreshCookie(res.headers);
  expect(cookie).not.toBeNull();
  return { email, res, cookie: cookie!.value };
}

describe('cookie mode', () => {
  it('login sets the refresh token as an HttpOnly, Secure, SameSite=Strict __Host- cookie and leaves it out of the JSON', async () => {
    const { res, cookie } = await cookieLogin();
    expect(res.body.data.refresh_token).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(cookie);
    expect(res.body.data.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const { attributes } = refreshCookie(res.headers)!;
    expect(attributes).toEqual(['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/', 'Max-Age=2592000']);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(APP);
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBe('true');
  });

  it('refresh reads the cookie (empty body) and rotates it; the old cookie then counts as reuse', async () => {
    const { cookie } = await cookieLogin();
    const refreshed = await api('/api/v1/auth/refresh', { method: 'POST', headers: { ...COOKIE_MODE, Cookie: `${NAME}=${cookie}` } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.data.refresh_token).toBeUndefined();
    const rotated = refreshCookie(refreshed.headers)!.value;
    expect(rotated).not.toBe(cookie);
    // The new one works; after that, the first one replayed past the reuse window (10 s: made
    // to look older) revokes the whole session, as in bearer mode.
    const again = await api('/api/v1/auth/refresh', { method: 'POST', headers: { ...COOKIE_MODE, Cookie: `${NAME}=${rotated}` } });
    expect(again.status).toBe(200);
    const third = refreshCookie(again.headers)!.value;
    await sql(`update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = $1`, [cookie]);
    const reuse = await api('/api/v1/auth/refresh', { method: 'POST', headers: { ...COOKIE_MODE, Cookie: `${NAME}=${cookie}` } });
    expect(reuse.status).toBe(401);
    // The whole session was revoked, as in bearer mode: its newest access token is refused at once.
    expect(third).not.toBe(rotated);
    expect((await api('/api/v1/auth/me', { token: again.body.data.access_token })).status).toBe(401);
  });

  it('logout clears the cookie; the refresh token is dead', async () => {
    const { res, cookie } = await cookieLogin();
    const out = await api('/api/v1/auth/logout', { method: 'POST', token: res.body.data.access_token, headers: COOKIE_MODE });
    expect(out.status).toBe(200);
    expect(refreshCookie(out.headers)).toEqual({ value: '', attributes: ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/', 'Max-Age=0'] });
    const refreshed = await api('/api/v1/auth/refresh', { method: 'POST', headers: { ...COOKIE_MODE, Cookie: `${NAME}=${cookie}` } });
    expect(refreshed.status).toBe(401);
  });

  it('the cookie is ignored without the header, with a foreign Origin, or with no Origin', async () => {
    const { cookie } = await cookieLogin();
    const variants: Record<string, string>[] = [
      { Origin: APP },
      { Origin: 'https://evil.example', 'X-Edge-Auth-Session': 'cookie' },
      { 'X-Edge-Auth-Session': 'cookie' },
    ];
    for (const headers of variants) {
      const res = await api('/api/v1/auth/refresh', { method: 'POST', headers: { ...headers, Cookie: `${NAME}=${cookie}` } });
      expect(res.status, JSON.stringify(headers)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR'); // no refresh_token in the body: the cookie counted for nothing
      expect(refreshCookie(res.headers)).toBeNull();
    }
    // Control: the same cookie with the header and the allowed origin still works.
    const ok = await api('/api/v1/auth/refresh', { method: 'POST', headers: { ...COOKIE_MODE, Cookie: `${NAME}=${cookie}` } });
    expect(ok.status).toBe(200);
  });

  it('cookie mode without its cookie is 401 TOKEN_INVALID', async () => {
    const res = await api('/api/v1/auth/refresh', { method: 'POST', headers: COOKIE_MODE });
    expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('no other route takes the cookie as a credential', async () => {
    const { cookie } = await cookieLogin();
    for (const path of ['/api/v1/auth/me', '/api/v1/auth/organizations', '/api/v1/auth/sessions']) {
      const res = await api(path, { headers: { ...COOKIE_MODE, Cookie: `${NAME}=${cookie}` } });
      expect([res.status, res.body.error.code], path).toEqual([401, 'AUTH_REQUIRED']);
    }
  });

  it('a preflight from the allowed origin allows the header and credentials; another origin is refused', async () => {
    const preflight = (origin: string) =>
      api('/api/v1/auth/refresh', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-edge-auth-session' },
      });
    const allowed = await preflight(APP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('Access-Control-Allow-Headers')).toContain('X-Edge-Auth-Session');
    expect(allowed.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    const foreign = await preflight('https://evil.example');
    expect(foreign.status).toBe(403);
  });

  it('bearer mode is unchanged: the refresh token in the JSON, no cookie (control)', async () => {
    const { email } = await registerUser();
    const session = await loginUser(email);
    expect(session.refresh_token).toEqual(expect.any(String));
    const res = await api('/api/v1/auth/login', { body: { email, password: PASSWORD }, headers: { Origin: APP } });
    expect(refreshCookie(res.headers)).toBeNull();
  });
});
