/**
 * POST /login through the worker and the local stack: the session shape of both
 * documents, identical answers for unknown email and wrong password, and the
 * per-account lockout held by the LoginLockout Durable Object.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { lockoutFor } from '../../src/auth/lockout.ts';
import { api, envWith, PASSWORD, registerUser, uniqueEmail } from './support/e2e.ts';

const wrong = (email: string, options: { env?: Cloudflare.Env } = {}) =>
  api('/api/v1/auth/login', { body: { email, password: 'not-the-password' }, ...options });
const right = (email: string, options: { env?: Cloudflare.Env } = {}) =>
  api('/api/v1/auth/login', { body: { email, password: PASSWORD }, ...options });

describe('POST /api/v1/auth/login', () => {
  it('answers a session with the user, organization and role (documents 000 and 003)', async () => {
    const { email, data } = await registerUser({ first_name: 'Ada', last_name: 'Lovelace', organization_name: 'Engines Ltd' });
    const before = Math.floor(Date.now() / 1000);
    const res = await api('/api/v1/auth/login', { body: { email: ` ${email.toUpperCase()} `, password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
    expect(res.body).toEqual({
      success: true,
      message: 'Authentication successful',
      data: {
        access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refresh_token: expect.any(String),
        token_type: 'bearer',
        expires_in: 900,
        expires_at: expect.any(Number),
        user: {
          id: data.user.id,
          email,
          first_name: 'Ada',
          last_name: 'Lovelace',
          role: 'owner',
          organization: { id: expect.any(String), name: 'Engines Ltd' },
          email_verified: true,
          created_at: expect.any(String),
        },
        // No second factor: nothing more to verify.
        mfa: { required: false, factors: [] },
      },
    });
    expect(res.body.data.expires_at).toBeGreaterThanOrEqual(before + 899);
    expect(res.body.data.expires_at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 901);
  });

  it('gives the identical answer for an unknown email and a wrong password', async () => {
    const { email } = await registerUser();
    const unknown = await wrong(uniqueEmail('nobody'));
    const badPassword = await wrong(email);
    for (const res of [unknown, badPassword]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        success: false,
        message: 'Invalid email or password',
        error: { code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' },
      });
    }
  });

  it('answers 400 VALIDATION_ERROR for a missing or malformed body', async () => {
    const missing = await api('/api/v1/auth/login', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([
      { path: 'email', message: 'is required' },
      { path: 'password', message: 'is required' },
    ]);
    const malformed = await api('/api/v1/auth/login', { body: '{"email":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('login lockout', () => {
  it('locks after 5 failures: the 6th attempt is refused even with the right password', async () => {
    const { email } = await registerUser();
    for (let i = 0; i < 5; i++) expect((await wrong(email)).status).toBe(401);
    const locked = await right(email);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toEqual({ code: 'ACCOUNT_LOCKED', message: 'Too many failed login attempts; try again later' });
    const retryAfter = Number(locked.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(890);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('shares the lock across letter case and whitespace of the email', async () => {
    const { email } = await registerUser();
    const variants = [email, email.toUpperCase(), ` ${email} `, email.replace(/^./, (ch) => ch.toUpperCase()), email.toUpperCase()];
    for (const variant of variants) expect((await wrong(variant)).status).toBe(401);
    expect((await right(email)).status).toBe(429);
    expect((await right(email.toUpperCase())).status).toBe(429);
  });

  it('a success resets the count', async () => {
    const { email } = await registerUser();
    for (let i = 0; i < 4; i++) await wrong(email);
    expect((await right(email)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await wrong(email)).status).toBe(401);
    expect((await right(email)).status).toBe(200);
  });

  it('ends after the configured duration', async () => {
    const short = envWith({ LOCKOUT_MAX_ATTEMPTS: '3', LOCKOUT_DURATION_SECONDS: '2' });
    const { email } = await registerUser();
    for (let i = 0; i < 3; i++) expect((await wrong(email, { env: short })).status).toBe(401);
    const locked = await right(email, { env: short });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('Retry-After'))).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await right(email, { env: short })).status).toBe(200);
  });

  it('20 concurrent wrong attempts lock the account exactly once', async () => {
    const { email } = await registerUser();
    const answers = await Promise.all(Array.from({ length: 20 }, () => wrong(email)));
    for (const a of answers) expect([401, 429]).toContain(a.status);
    const status = await lockoutFor(env.LOGIN_LOCKOUT, email).check();
    expect(status).toMatchObject({ locked: true, locks: 1 });
    expect((await right(email)).status).toBe(429);
  });
});
