/**
 * Upstream faults and error mapping: timeouts, refused connections, 5xx, HTML instead of
 * JSON (→ 503 / 502 within the configured timeout), GoTrue and PostgREST error codes
 * mapped by src/supabase/errors.ts, and the headers the clients send.
 */

import { env } from 'cloudflare:workers';
import {
  AuthApiError,
  AuthRetryableFetchError,
  AuthSessionMissingError,
  AuthUnknownError,
  AuthWeakPasswordError,
} from '@supabase/supabase-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toApiError, unwrap } from '../../src/supabase/errors.ts';
import {
  body,
  call,
  FAKE_SUPABASE_URL,
  type FetchHandler,
  fakeProjectEnv,
  hangingResponse,
  jsonResponse,
  stubFetch,
} from './support/harness.ts';
import { testRoutes as routes } from './support/test-routes.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const TIMEOUT_MS = 200;
const testEnv = () => fakeProjectEnv({ UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) });

async function hit(
  path: '/t/upstream/auth' | '/t/upstream/rest',
  handler: FetchHandler,
  headers: Record<string, string> = {},
  overrides: Record<string, string | undefined> = {},
) {
  const stub = stubFetch(handler);
  const started = Date.now();
  const res = await call(path, { method: 'POST', headers }, { env: { ...testEnv(), ...overrides } as Cloudflare.Env, routes });
  return { res, elapsed: Date.now() - started, calls: stub.calls, payload: await body(res) };
}

const html = (status: number) => () =>
  new Response('<html><body>Bad gateway</body></html>', { status, headers: { 'Content-Type': 'text/html' } });

describe.each(['/t/upstream/auth', '/t/upstream/rest'] as const)('faults on %s', (path) => {
  it('timeout → 503 SERVICE_UNAVAILABLE within the configured timeout', async () => {
    const { res, elapsed, payload } = await hit(path, hangingResponse);
    expect(res.status).toBe(503);
    expect(payload).toEqual({
      success: false,
      message: 'The authentication service is unavailable',
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The authentication service is unavailable' },
    });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
  });

  it('connection refused → 503 SERVICE_UNAVAILABLE', async () => {
    const { res, payload } = await hit(path, () => Promise.reject(new TypeError('Network connection lost.')));
    expect(res.status).toBe(503);
    expect(payload.error.code).toBe('SERVICE_UNAVAILABLE');
  });

  it.each([
    ['500 JSON', () => jsonResponse({ code: 'unexpected_failure', message: 'boom' }, 500)],
    ['500 HTML', html(500)],
    ['502 HTML', html(502)],
    ['503 empty', () => new Response(null, { status: 503 })],
    ['200 HTML instead of JSON', html(200)],
    ['200 truncated JSON', () => new Response('{"access_token": "abc', { status: 200, headers: { 'Content-Type': 'application/json' } })],
  ])('%s → 502 UPSTREAM_ERROR', async (_name, handler) => {
    const { res, payload } = await hit(path, handler);
    expect(res.status).toBe(502);
    expect(payload).toEqual({
      success: false,
      message: 'The authentication service returned an invalid response',
      error: { code: 'UPSTREAM_ERROR', message: 'The authentication service returned an invalid response' },
    });
    expect(JSON.stringify(payload)).not.toMatch(/html|boom|access_token/i);
  });
});

describe('GoTrue errors through a real client call', () => {
  it('429 over_request_rate_limit → 429 RATE_LIMITED with Retry-After', async () => {
    const { res, payload } = await hit('/t/upstream/auth', () =>
      jsonResponse({ code: 'over_request_rate_limit', msg: 'Request rate limit reached' }, 429, { 'X-Supabase-Api-Version': '2024-01-01' }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('60');
    expect(payload).toEqual({
      success: false,
      message: 'Too many requests; try again later',
      error: { code: 'RATE_LIMITED', message: 'Too many requests; try again later' },
    });
  });

  it('400 invalid_credentials → 401 INVALID_CREDENTIALS', async () => {
    const { res, payload } = await hit('/t/upstream/auth', () =>
      jsonResponse({ code: 'invalid_credentials', msg: 'Invalid login credentials' }, 400, { 'X-Supabase-Api-Version': '2024-01-01' }),
    );
    expect(res.status).toBe(401);
    expect(payload.error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' });
  });

  it('with an sb_secret key, sign-in style calls carry the secret key and Sb-Forwarded-For, and no key in Authorization', async () => {
    const { calls } = await hit('/t/upstream/auth', () => jsonResponse({ code: 'invalid_credentials', msg: 'x' }, 400), {
      'CF-Connecting-IP': '203.0.113.7',
      'Sb-Forwarded-For': '198.51.100.1',
      'X-Forwarded-For': '198.51.100.2',
    });
    expect(calls).toHaveLength(1);
    const [request] = calls;
    expect(request!.url).toBe(`${FAKE_SUPABASE_URL}/auth/v1/token?grant_type=password`);
    expect(request!.headers.get('Sb-Forwarded-For')).toBe('203.0.113.7');
    expect(request!.headers.get('X-Forwarded-For')).toBeNull();
    expect(request!.headers.get('apikey')).toBe(testEnv().SUPABASE_SECRET_KEY);
    expect(request!.headers.get('Authorization')).toBeNull();
  });

  it('with legacy keys, they carry the anon key and X-Forwarded-For (what the client sent is never passed on)', async () => {
    const legacy = {
      SUPABASE_PUBLISHABLE_KEY: undefined,
      SUPABASE_SECRET_KEY: undefined,
      SUPABASE_ANON_KEY: env.TEST_LEGACY_ANON_KEY,
      SUPABASE_SERVICE_ROLE_KEY: env.TEST_LEGACY_SERVICE_ROLE_KEY,
    };
    const { calls } = await hit(
      '/t/upstream/auth',
      () => jsonResponse({ code: 'invalid_credentials', msg: 'x' }, 400),
      { 'CF-Connecting-IP': '203.0.113.7', 'Sb-Forwarded-For': '198.51.100.1' },
      legacy,
    );
    const [request] = calls;
    expect(request!.headers.get('X-Forwarded-For')).toBe('203.0.113.7');
    expect(request!.headers.get('Sb-Forwarded-For')).toBeNull();
    expect(request!.headers.get('apikey')).toBe(env.TEST_LEGACY_ANON_KEY);
    expect(request!.headers.get('Authorization')).toBe(`Bearer ${env.TEST_LEGACY_ANON_KEY}`);
  });

  it('the user client sends the user token as Authorization with the publishable apikey', async () => {
    const { calls } = await hit('/t/upstream/rest', () => jsonResponse([{ id: 1 }]));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${FAKE_SUPABASE_URL}/rest/v1/rpc/some_function`);
    expect(calls[0]!.headers.get('Authorization')).toBe('Bearer header.payload.signature');
    expect(calls[0]!.headers.get('apikey')).toBe(testEnv().SUPABASE_PUBLISHABLE_KEY);
  });

  it('with the secret key alone, the user client carries it as apikey and still the user token as Authorization', async () => {
    const { calls } = await hit('/t/upstream/rest', () => jsonResponse([{ id: 1 }]), {}, { SUPABASE_PUBLISHABLE_KEY: undefined });
    expect(calls[0]!.headers.get('apikey')).toBe(env.SUPABASE_SECRET_KEY);
    expect(calls[0]!.headers.get('Authorization')).toBe('Bearer header.payload.signature');
  });

  it('PostgREST 403 42501 → 403 FORBIDDEN', async () => {
    const { res, payload } = await hit('/t/upstream/rest', () =>
      jsonResponse({ code: '42501', message: 'permission denied for function some_function', details: null, hint: null }, 403),
    );
    expect(res.status).toBe(403);
    expect(payload.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(payload)).not.toContain('permission denied');
  });
});

describe('toApiError mapping table', () => {
  const auth = (code: string, status = 400) => new AuthApiError('upstream message', status, code);
  it.each([
    [auth('invalid_credentials'), 'INVALID_CREDENTIALS', 401],
    [auth('email_not_confirmed'), 'EMAIL_NOT_VERIFIED', 401],
    [auth('user_already_exists', 422), 'EMAIL_TAKEN', 409],
    [auth('email_exists', 422), 'EMAIL_TAKEN', 409],
    [new AuthWeakPasswordError('weak', 422, ['length']), 'WEAK_PASSWORD', 400],
    [auth('same_password', 422), 'WEAK_PASSWORD', 400],
    [auth('refresh_token_not_found'), 'TOKEN_INVALID', 401],
    [auth('refresh_token_already_used'), 'TOKEN_INVALID', 401],
    [auth('session_not_found', 403), 'TOKEN_INVALID', 401],
    [new AuthSessionMissingError(), 'TOKEN_INVALID', 401],
    [auth('session_expired', 403), 'TOKEN_EXPIRED', 401],
    [auth('bad_jwt', 403), 'TOKEN_INVALID', 401],
    [auth('otp_expired', 403), 'TOKEN_INVALID', 401],
    [auth('user_not_found', 404), 'NOT_FOUND', 404],
    [auth('over_request_rate_limit', 429), 'RATE_LIMITED', 429],
    [auth('over_email_send_rate_limit', 429), 'RATE_LIMITED', 429],
    [auth('validation_failed', 400), 'VALIDATION_ERROR', 400],
    [auth('user_banned', 400), 'FORBIDDEN', 403],
    [auth('something_new', 500), 'UPSTREAM_ERROR', 502],
    [auth('something_new', 429), 'RATE_LIMITED', 429],
    [new AuthRetryableFetchError('fetch failed', 0), 'SERVICE_UNAVAILABLE', 503],
    [new AuthRetryableFetchError('bad gateway', 502), 'UPSTREAM_ERROR', 502],
    [new AuthUnknownError('not json', null), 'UPSTREAM_ERROR', 502],
    [{ code: 'PGRST116', message: 'no rows', details: '', hint: '' }, 'NOT_FOUND', 404],
    [{ code: 'PGRST301', message: 'JWT invalid', details: '', hint: '' }, 'TOKEN_INVALID', 401],
    [{ code: 'PGRST303', message: 'JWT expired', details: '', hint: '' }, 'TOKEN_EXPIRED', 401],
    [{ code: 'PGRST202', message: 'function not found', details: '', hint: '' }, 'UPSTREAM_ERROR', 502],
    [{ code: 'PGRST000', message: 'db down', details: '', hint: '' }, 'SERVICE_UNAVAILABLE', 503],
    [{ code: '42501', message: 'permission denied', details: '', hint: '' }, 'FORBIDDEN', 403],
    [{ code: '23505', message: 'duplicate key', details: '', hint: '' }, 'VALIDATION_ERROR', 400],
    [{ code: 'P0001', message: 'custom raise', details: '', hint: '' }, 'VALIDATION_ERROR', 400],
    [{ code: '22P02', message: 'invalid input syntax for type uuid', details: '', hint: '' }, 'VALIDATION_ERROR', 400],
    [{ code: '40001', message: 'serialization', details: '', hint: '' }, 'SERVICE_UNAVAILABLE', 503],
    [{ code: '08006', message: 'connection failure', details: '', hint: '' }, 'SERVICE_UNAVAILABLE', 503],
    [{ code: '', message: 'TypeError: fetch failed', details: '', hint: '' }, 'SERVICE_UNAVAILABLE', 503],
    [new Error('something else'), 'UPSTREAM_ERROR', 502],
  ])('%o → %s (%i)', (error, code, status) => {
    const mapped = toApiError(error, (error as { code?: string }).code === '' ? 0 : 400);
    expect(mapped.code).toBe(code);
    expect(mapped.status).toBe(status);
    expect(mapped.message).not.toContain('upstream message');
  });

  it('unwrap returns data or throws the mapped error', async () => {
    await expect(unwrap({ data: { a: 1 }, error: null })).resolves.toEqual({ a: 1 });
    await expect(unwrap(Promise.resolve({ data: null, error: auth('invalid_credentials') }))).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    await expect(unwrap({ data: null, error: { code: '', message: 'x' }, status: 0 })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });
});
