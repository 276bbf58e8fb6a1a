/**
 * The worker's own per-client-IP limit of unauthenticated POST routes, with the low test
 * binding (TEST_LOW_RATE_LIMIT: 3 per 60 s) in place of PUBLIC_RATE_LIMIT. Keys are the
 * Cloudflare-reported client IP; each test uses fresh addresses, since counters live for
 * the binding's period, and starts counting in a window with time left (awaitFreshWindow).
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, envWith, loginUser, registerUser, uniqueEmail } from './support/e2e.ts';
import { awaitFreshWindow, captureLogs } from './support/harness.ts';

const low = { ...env, PUBLIC_RATE_LIMIT: env.TEST_LOW_RATE_LIMIT } as Cloudflare.Env;
let next = 1;
const freshIp = () => `198.18.${Math.floor(Math.random() * 200)}.${next++}`;
const forgot = (ip: string, headers: Record<string, string> = {}) =>
  api('/api/v1/auth/password/forgot', {
    body: { email: uniqueEmail('limited') },
    headers: { 'CF-Connecting-IP': ip, ...headers },
    env: low,
  });

afterEach(() => {
  vi.restoreAllMocks();
});

/** The worker's request log entries (one JSON line per request, src/http/request-context.ts) among captured lines. */
const requestLines = (lines: string[]) =>
  lines
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>)
    .filter((e) => e.msg === 'request');

describe('per-IP limit of unauthenticated POSTs', () => {
  it('the 4th request within the period answers 429 RATE_LIMITED with Retry-After, and never reaches Supabase', async () => {
    const ip = freshIp();
    await awaitFreshWindow();
    for (let i = 0; i < 3; i++) expect((await forgot(ip)).status).toBe(200);
    const real = globalThis.fetch.bind(globalThis);
    const upstream: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      upstream.push(String(input instanceof Request ? input.url : input));
      return real(input, init);
    });
    const limited = await forgot(ip);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(upstream).toEqual([]);
  });

  it('counts every unauthenticated POST route together, per IP', async () => {
    const ip = freshIp();
    const headers = { 'CF-Connecting-IP': ip };
    await awaitFreshWindow();
    expect((await api('/api/v1/auth/login', { body: { email: uniqueEmail(), password: 'not-the-one-x' }, headers, env: low })).status).toBe(
      401,
    );
    expect((await api('/api/v1/auth/refresh', { body: { refresh_token: 'nope' }, headers, env: low })).status).toBe(401);
    expect((await api('/api/v1/auth/signup', { body: { email: uniqueEmail(), password: 'short' }, headers, env: low })).status).toBe(400);
    expect((await api('/api/v1/auth/register', { body: { email: uniqueEmail() }, headers, env: low })).status).toBe(429);
    expect((await api('/api/v1/auth/password/reset', { body: {}, headers, env: low })).status).toBe(429);
    // Another client is not affected.
    expect((await forgot(freshIp())).status).toBe(200);
  });

  it('headers a client chooses do not change its bucket', async () => {
    const ip = freshIp();
    await awaitFreshWindow();
    for (let i = 0; i < 3; i++) await forgot(ip);
    const spoofs: Record<string, string>[] = [
      { 'X-Forwarded-For': freshIp() },
      { 'Sb-Forwarded-For': freshIp() },
      { 'X-Real-IP': freshIp() },
    ];
    for (const spoof of spoofs) {
      expect((await forgot(ip, spoof)).status).toBe(429);
    }
  });

  it('authenticated routes and GETs are not limited', async () => {
    const { email } = await registerUser();
    const { access_token } = await loginUser(email);
    const ip = freshIp();
    for (let i = 0; i < 6; i++) {
      expect((await api('/api/v1/auth/me', { token: access_token, headers: { 'CF-Connecting-IP': ip }, env: low })).status).toBe(200);
      expect((await api('/api/v1/health', { headers: { 'CF-Connecting-IP': ip }, env: low })).status).toBe(200);
    }
  });

  it('a worker without the binding answers 500 and names it in the log only', async () => {
    const requestId = 'no-rate-limit-binding';
    const { result: res, lines } = await captureLogs(() =>
      api('/api/v1/auth/password/forgot', {
        body: { email: uniqueEmail() },
        headers: { 'X-Request-Id': requestId },
        env: envWith({ PUBLIC_RATE_LIMIT: undefined as unknown as string }),
      }),
    );
    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({ code: 'INTERNAL_ERROR', message: `Internal error (request id ${requestId})` });
    // The answer does not name the binding...
    expect(JSON.stringify(res.body)).not.toContain('PUBLIC_RATE_LIMIT');
    // ...the request's one log line does.
    const entries = requestLines(lines).filter((e) => e.request_id === requestId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: 'error',
      path: '/api/v1/auth/password/forgot',
      status: 500,
      error: { code: 'INTERNAL_ERROR', name: 'ConfigError', setting: 'PUBLIC_RATE_LIMIT' },
    });
  });

  it('control: with the binding, the same request logs no such error (the check above tells them apart)', async () => {
    const requestId = 'with-rate-limit-binding';
    const { result: res, lines } = await captureLogs(() =>
      api('/api/v1/auth/password/forgot', {
        body: { email: uniqueEmail() },
        headers: { 'X-Request-Id': requestId, 'CF-Connecting-IP': freshIp() },
        env: low,
      }),
    );
    expect(res.status).toBe(200);
    const entries = requestLines(lines).filter((e) => e.request_id === requestId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.status).toBe(200);
    expect(entries[0]!.error).toBeUndefined();
    expect(lines.join('\n')).not.toContain('PUBLIC_RATE_LIMIT');
  });
});
