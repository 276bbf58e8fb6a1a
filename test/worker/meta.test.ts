/**
 * GET /api/v1/health: with the network stubbed (up, down, slow, answering 500) and against
 * the live local stack (needs test/setup/global.ts to have started it).
 */
import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { body, call, FAKE_SUPABASE_URL, fakeProjectEnv, hangingResponse, jsonResponse, stubFetch } from './support/harness.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('health with a stubbed Supabase', () => {
  it('200 when Supabase Auth answers; probes /auth/v1/health with the publishable key', async () => {
    const { calls } = stubFetch(() => jsonResponse({ version: 'v2', name: 'GoTrue' }));
    const res = await call('/api/v1/health', {}, { env: fakeProjectEnv() });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ success: true, message: 'Service is healthy', data: { status: 'ok', supabase: 'ok' } });
    expect(calls.map((c) => c.url)).toEqual([`${FAKE_SUPABASE_URL}/auth/v1/health`]);
    expect(calls[0]!.headers.get('apikey')).toBe(env.SUPABASE_PUBLISHABLE_KEY);
  });

  it.each([
    ['unreachable', () => Promise.reject(new TypeError('connection refused'))],
    ['answering 500', () => jsonResponse({ message: 'down' }, 500)],
    ['answering HTML', () => new Response('<html></html>', { status: 200 })],
  ])('503 SERVICE_UNAVAILABLE when %s', async (_name, handler) => {
    stubFetch(handler);
    const res = await call('/api/v1/health', {}, { env: fakeProjectEnv() });
    expect(res.status).toBe(503);
    expect(await body(res)).toEqual({
      success: false,
      message: 'Supabase is not reachable',
      error: { code: 'SERVICE_UNAVAILABLE', message: 'Supabase is not reachable' },
    });
  });

  it('503 within ~2 s when Supabase hangs (short probe timeout)', async () => {
    stubFetch(hangingResponse);
    const started = Date.now();
    const res = await call('/api/v1/health', {}, { env: fakeProjectEnv() });
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3500);
  });
});

describe('health against the local stack', () => {
  it('GET /api/v1/health → 200 ok through the real worker entry', async () => {
    const res = await exports.default.fetch('http://worker.test/api/v1/health');
    expect(await body(res)).toEqual({ success: true, message: 'Service is healthy', data: { status: 'ok', supabase: 'ok' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
  });
});
