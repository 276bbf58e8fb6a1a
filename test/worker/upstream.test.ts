/**
 * Upstream faults and error mapping: timeouts, refused connections, 5xx, HTML instead of
 * JSON (→ 503 / 502), GoTrue and PostgREST error codes mapped by src/supabase/errors.ts,
 * and the headers the clients send.
 *
 * Stubbed, and why: `fetch` only in "faults on …", for what the stand-in cannot produce on
 * demand — an upstream that hangs (its request never answered; the worker's timer is held
 * and fired by the test, support/faults.ts), 500 / 502 / 503 answers, HTML and truncated
 * JSON instead of JSON. Everything else is the real stand-in: a refused connection (a
 * closed port), GoTrue's 400 `invalid_credentials`, its 429 `over_request_rate_limit` (a
 * per-IP bucket of the forwarding auth server, emptied), PostgREST's 403 `42501` (a user
 * calling a service-role-only function), and the headers of every client, recorded on
 * their way to the stand-in.
 *
 * The circuit breaker of the fetch door (src/http/upstream.ts): its clock is held by the
 * test (`upstreamBreakerForTests.useClock`) and moved on by hand, the hanging upstream's
 * timers are held and fired (support/faults.ts), and what reaches Supabase is counted at
 * the fetch door (the `fetch` stub). The breaker is reset after every test of this file, so
 * the faults of one test never open it for the next.
 */

import { env } from 'cloudflare:workers';
import {
  AuthApiError,
  AuthRetryableFetchError,
  AuthSessionMissingError,
  AuthUnknownError,
  AuthWeakPasswordError,
} from '@supabase/supabase-js';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BREAKER_FAILURE_THRESHOLD,
  BREAKER_FAILURE_WINDOW_MS,
  BREAKER_PROBE_INTERVAL_MS,
  BREAKER_RETRY_AFTER_SECONDS,
  upstreamBreakerForTests,
} from '../../src/http/upstream.ts';
import { toApiError, unwrap } from '../../src/supabase/errors.ts';
import { loginUser, registerUser } from './support/e2e.ts';
import { controlTimeouts, hangingUpstream, stillPending } from './support/faults.ts';
import {
  body,
  call,
  envWith,
  FAKE_SUPABASE_URL,
  type FetchHandler,
  fakeProjectEnv,
  jsonResponse,
  recordUpstream,
  stubFetch,
} from './support/harness.ts';
import { testRoutes } from './support/test-routes.ts';
import { SERVICE_ONLY_RPC_PATH, userRpcRoutes } from './support/user-rpc-routes.ts';

afterEach(() => {
  vi.restoreAllMocks();
  upstreamBreakerForTests.reset();
});

const routes = [...testRoutes, ...userRpcRoutes];
/** A timeout no default has, so that a timer asking for it is the configured one. */
const TIMEOUT_MS = 4321;
/** Nothing listens on port 1 of the loopback: a real "connection refused" (workerd logs it on stderr). */
const CLOSED_PORT_URL = 'http://127.0.0.1:1';

type UpstreamPath = '/t/upstream/auth' | '/t/upstream/rest';

/** Calls `path` on an app with the test routes and `testEnv`. */
async function send(path: string, testEnv: Cloudflare.Env, headers: Record<string, string> = {}) {
  const res = await call(path, { method: path.startsWith('/t/upstream/') ? 'POST' : 'GET', headers }, { env: testEnv, routes });
  return { res, payload: await body(res) };
}

/** `path` with the network stubbed by `handler`. */
async function stubbed(path: UpstreamPath, handler: FetchHandler) {
  stubFetch(handler);
  return send(path, fakeProjectEnv({ UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) }));
}

/** `path` against the real stand-in, with every request the worker sent it. */
async function real(path: string, headers: Record<string, string> = {}, overrides: Record<string, unknown> = {}) {
  const calls = recordUpstream();
  const answer = await send(path, envWith(overrides), headers);
  return { ...answer, calls };
}

const html = (status: number) => () =>
  new Response('<html><body>Bad gateway</body></html>', { status, headers: { 'Content-Type': 'text/html' } });

const UNAVAILABLE = {
  success: false,
  message: 'The authentication service is unavailable',
  error: { code: 'SERVICE_UNAVAILABLE', message: 'The authentication service is unavailable' },
};

describe('a call with the caller’s own token (second factor, passkeys: src/supabase/own-user.ts)', () => {
  it('connection refused (a closed port) → 503 SERVICE_UNAVAILABLE, not a 500', async () => {
    const { res, payload } = await send('/t/upstream/own', envWith({ SUPABASE_URL: CLOSED_PORT_URL }));
    expect(res.status).toBe(503);
    expect(payload).toEqual(UNAVAILABLE);
  });
});

describe.each(['/t/upstream/auth', '/t/upstream/rest'] as const)('faults on %s', (path) => {
  it('timeout → 503 SERVICE_UNAVAILABLE once the configured timer fires, while Supabase still hangs', async () => {
    const timers = controlTimeouts();
    const upstream = hangingUpstream();
    stubFetch(upstream.handler);
    const pending = call(path, { method: 'POST' }, { env: fakeProjectEnv({ UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) }), routes });
    await upstream.arrived;
    // The one upstream call is bounded by a timer of the configured length...
    expect(timers.map((t) => t.ms)).toEqual([TIMEOUT_MS]);
    // ...and, until it fires, the worker keeps waiting (no answer of its own making).
    expect(await stillPending(pending)).toBe(true);
    timers[0]!.fire();
    const res = await pending;
    expect(res.status).toBe(503);
    expect(await body(res)).toEqual(UNAVAILABLE);
    // The hanging request was cut off by that timer, and was never answered.
    const called = path === '/t/upstream/auth' ? '/auth/v1/token?grant_type=password' : '/rest/v1/rpc/some_function';
    expect(upstream.received.map((r) => r.url)).toEqual([`${FAKE_SUPABASE_URL}${called}`]);
    expect(upstream.aborted).toHaveLength(1);
    expect(upstream.aborted[0]).toBe(timers[0]!.reason);
  });

  it('connection refused (a closed port) → 503 SERVICE_UNAVAILABLE', async () => {
    const { res, payload } = await send(path, envWith({ SUPABASE_URL: CLOSED_PORT_URL }));
    expect(res.status).toBe(503);
    expect(payload).toEqual(UNAVAILABLE);
  });

  it.each([
    ['500 JSON', () => jsonResponse({ code: 'unexpected_failure', message: 'boom' }, 500)],
    ['500 HTML', html(500)],
    ['502 HTML', html(502)],
    ['503 empty', () => new Response(null, { status: 503 })],
    ['200 HTML instead of JSON', html(200)],
    ['200 truncated JSON', () => new Response('{"access_token": "abc', { status: 200, headers: { 'Content-Type': 'application/json' } })],
  ])('%s → 502 UPSTREAM_ERROR', async (_name, handler) => {
    const { res, payload } = await stubbed(path, handler);
    expect(res.status).toBe(502);
    expect(payload).toEqual({
      success: false,
      message: 'The authentication service returned an invalid response',
      error: { code: 'UPSTREAM_ERROR', message: 'The authentication service returned an invalid response' },
    });
    expect(JSON.stringify(payload)).not.toMatch(/html|boom|access_token/i);
  });
});

describe('GoTrue errors through a real client call, from the stand-in', () => {
  it('400 invalid_credentials → 401 INVALID_CREDENTIALS', async () => {
    // The test route signs in ada@example.com, whom the test database does not know.
    const { res, payload } = await real('/t/upstream/auth');
    expect(res.status).toBe(401);
    expect(payload.error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' });
  });

  it('429 over_request_rate_limit (a client IP whose bucket is empty) → 429 RATE_LIMITED with Retry-After', async () => {
    // The forwarding auth server keeps a bucket of 30 per end-user IP (test/setup/stack-process.ts).
    const forwarding = envWith({ SUPABASE_URL: env.TEST_FORWARDING_SUPABASE_URL });
    const headers = { 'CF-Connecting-IP': '192.0.2.77' };
    const before: number[] = [];
    let limited: Awaited<ReturnType<typeof send>> | undefined;
    // At most 90 tries: the bucket earns 0.5 a second back, so only a loop slower than 2 s
    // a try (far beyond the test timeout) could keep it from emptying.
    while (!limited && before.length < 90) {
      const answer = await send('/t/upstream/auth', forwarding, headers);
      if (answer.res.status === 429) limited = answer;
      else before.push(answer.res.status);
    }
    // The burst was served (GoTrue's answer for an unknown user) before the first 429.
    expect(before.length).toBeGreaterThanOrEqual(30);
    expect(new Set(before)).toEqual(new Set([401]));
    expect(limited?.res.headers.get('Retry-After')).toBe('60');
    expect(limited?.payload).toEqual({
      success: false,
      message: 'Too many requests; try again later',
      error: { code: 'RATE_LIMITED', message: 'Too many requests; try again later' },
    });
  });

  it('with an sb_secret key, sign-in style calls carry the secret key and Sb-Forwarded-For, and no key in Authorization', async () => {
    const { calls, res } = await real('/t/upstream/auth', {
      'CF-Connecting-IP': '203.0.113.7',
      'Sb-Forwarded-For': '198.51.100.1',
      'X-Forwarded-For': '198.51.100.2',
    });
    expect(res.status).toBe(401);
    expect(calls).toHaveLength(1);
    const [request] = calls;
    expect(request!.url).toBe(`${env.SUPABASE_URL}/auth/v1/token?grant_type=password`);
    expect(request!.headers.get('Sb-Forwarded-For')).toBe('203.0.113.7');
    expect(request!.headers.get('X-Forwarded-For')).toBeNull();
    expect(request!.headers.get('apikey')).toBe(env.SUPABASE_SECRET_KEY);
    expect(request!.headers.get('Authorization')).toBeNull();
  });

  it('with legacy keys, they carry the anon key and X-Forwarded-For (what the client sent is never passed on)', async () => {
    const legacy = {
      SUPABASE_PUBLISHABLE_KEY: undefined,
      SUPABASE_SECRET_KEY: undefined,
      SUPABASE_ANON_KEY: env.TEST_LEGACY_ANON_KEY,
      SUPABASE_SERVICE_ROLE_KEY: env.TEST_LEGACY_SERVICE_ROLE_KEY,
    };
    const { calls, res } = await real(
      '/t/upstream/auth',
      { 'CF-Connecting-IP': '203.0.113.7', 'Sb-Forwarded-For': '198.51.100.1' },
      legacy,
    );
    // The stand-in took the legacy anon key and answered as GoTrue does.
    expect(res.status).toBe(401);
    expect(calls).toHaveLength(1);
    const [request] = calls;
    expect(request!.headers.get('X-Forwarded-For')).toBe('203.0.113.7');
    expect(request!.headers.get('Sb-Forwarded-For')).toBeNull();
    expect(request!.headers.get('apikey')).toBe(env.TEST_LEGACY_ANON_KEY);
    expect(request!.headers.get('Authorization')).toBe(`Bearer ${env.TEST_LEGACY_ANON_KEY}`);
  });
});

describe('PostgREST through a real client call, from the stand-in', () => {
  let token: string;
  const rpcUrl = () => `${env.SUPABASE_URL}/rest/v1/rpc/admin_get_organization`;

  beforeAll(async () => {
    const { email } = await registerUser();
    token = (await loginUser(email)).access_token;
  });

  it('the user client sends the user token as Authorization with the publishable apikey', async () => {
    const { calls } = await real(SERVICE_ONLY_RPC_PATH, { Authorization: `Bearer ${token}` });
    const rpc = calls.filter((c) => c.url.includes('/rest/v1/'));
    expect(rpc).toHaveLength(1);
    expect(rpc[0]!.url).toBe(rpcUrl());
    expect(rpc[0]!.headers.get('Authorization')).toBe(`Bearer ${token}`);
    expect(rpc[0]!.headers.get('apikey')).toBe(env.SUPABASE_PUBLISHABLE_KEY);
  });

  it('with the secret key alone, the user client carries it as apikey and still the user token as Authorization', async () => {
    const { calls } = await real(SERVICE_ONLY_RPC_PATH, { Authorization: `Bearer ${token}` }, { SUPABASE_PUBLISHABLE_KEY: undefined });
    const rpc = calls.filter((c) => c.url.includes('/rest/v1/'));
    expect(rpc).toHaveLength(1);
    expect(rpc[0]!.headers.get('apikey')).toBe(env.SUPABASE_SECRET_KEY);
    expect(rpc[0]!.headers.get('Authorization')).toBe(`Bearer ${token}`);
  });

  it('PostgREST 403 42501 → 403 FORBIDDEN, without its message', async () => {
    // What the stand-in answers the user directly: PostgREST's permission error.
    const direct = await fetch(rpcUrl(), {
      method: 'POST',
      headers: { apikey: env.SUPABASE_PUBLISHABLE_KEY!, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ p_organization_id: crypto.randomUUID() }),
    });
    expect(direct.status).toBe(403);
    expect(await direct.json()).toMatchObject({ code: '42501', message: expect.stringContaining('permission denied') });
    // The same call through the worker.
    const { res, payload } = await real(SERVICE_ONLY_RPC_PATH, { Authorization: `Bearer ${token}` });
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

describe('circuit breaker: an outage costs milliseconds, not the timeout', () => {
  const testEnv = fakeProjectEnv({ UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) });
  const post = (path: string, options: { routes?: typeof routes } = { routes }) =>
    call(path, { method: 'POST' }, { env: testEnv, ...options });
  const breaker = () => upstreamBreakerForTests.state(FAKE_SUPABASE_URL);
  /** The breaker's clock, moved on only by the test. */
  let clock = 1_000_000;
  beforeEach(() => {
    clock = 1_000_000;
    upstreamBreakerForTests.useClock(() => clock);
  });

  /** Opens the breaker of the fake project: THRESHOLD calls answered 503, one after another. */
  async function openWith503s(answer: { status: number }) {
    for (let i = 0; i < BREAKER_FAILURE_THRESHOLD; i++) {
      answer.status = 503;
      expect((await post('/t/upstream/rest')).status).toBe(502);
    }
    expect(breaker().open).toBe(true);
  }

  it('8 concurrent calls hang and time out → open: then 503 at once, nothing reaches Supabase; a probe every interval; the first answer closes it', async () => {
    const timers = controlTimeouts();
    const upstream = hangingUpstream();
    let back = false;
    const { calls } = stubFetch((request) => (back ? jsonResponse({ ok: true }) : upstream.handler(request)));
    const paths = ['/t/upstream/auth', '/t/upstream/rest'] as const;

    // Supabase hangs: 8 calls in flight, each held by its own timer.
    const hanging = Array.from({ length: 8 }, (_, i) => post(paths[i % 2]!));
    await upstream.receivedAll(8);
    expect(await stillPending(Promise.race(hanging))).toBe(true);
    expect(breaker()).toEqual({ open: false, failures: 0 });
    for (const timer of timers) timer.fire();
    const timedOut = await Promise.all(hanging);
    expect(timedOut.map((r) => r.status)).toEqual(Array(8).fill(503));
    expect(breaker().open).toBe(true);

    // Open: the next calls answer 503 SERVICE_UNAVAILABLE without a timer or a request.
    const refused = await Promise.all(Array.from({ length: 8 }, (_, i) => post(paths[i % 2]!)));
    for (const res of refused) {
      expect(res.status).toBe(503);
      expect(await body(res)).toEqual(UNAVAILABLE);
    }
    expect(calls).toHaveLength(8);
    expect(timers).toHaveLength(8);

    // One probe per interval: it goes out (and hangs); a call beside it is refused at once.
    clock += BREAKER_PROBE_INTERVAL_MS;
    const probe = post('/t/upstream/rest');
    await upstream.receivedAll(9);
    expect((await post('/t/upstream/rest')).status).toBe(503);
    expect(calls).toHaveLength(9);
    timers[8]!.fire();
    expect((await probe).status).toBe(503);
    expect(breaker().open).toBe(true);
    clock += BREAKER_PROBE_INTERVAL_MS - 1;
    expect((await post('/t/upstream/rest')).status).toBe(503);
    expect(calls).toHaveLength(9);

    // Supabase answers again: the next probe gets through and closes the breaker.
    back = true;
    clock += 1;
    const recovered = await post('/t/upstream/rest');
    expect(recovered.status).toBe(200);
    expect(await body(recovered)).toMatchObject({ success: true, data: { ok: true } });
    expect(breaker()).toEqual({ open: false, failures: 0 });
    const after = await Promise.all(Array.from({ length: 8 }, () => post('/t/upstream/rest')));
    expect(after.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(calls).toHaveLength(18);
  });

  it("a refusal answers Retry-After where the door's error reaches the client (a route calling Supabase Auth directly)", async () => {
    const answer = { status: 503 };
    const { calls } = stubFetch(() => jsonResponse({ message: 'down' }, answer.status));
    await openWith503s(answer);
    const sent = calls.length;
    const res = await post('/api/v1/auth/passkeys/authentication/options', {});
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe(String(BREAKER_RETRY_AFTER_SECONDS));
    expect(await body(res)).toEqual(UNAVAILABLE);
    expect(calls).toHaveLength(sent);
  });

  it('a refused connection (a closed port) opens it too, after THRESHOLD tries', async () => {
    const real = globalThis.fetch.bind(globalThis);
    const tried: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation((input: RequestInfo | URL, init?: RequestInit) => {
      tried.push(new Request(input, init).url);
      return real(input, init);
    });
    const closed = envWith({ SUPABASE_URL: CLOSED_PORT_URL });
    for (let i = 0; i < BREAKER_FAILURE_THRESHOLD + 3; i++) expect((await send('/t/upstream/rest', closed)).res.status).toBe(503);
    expect(tried).toHaveLength(BREAKER_FAILURE_THRESHOLD);
    expect(upstreamBreakerForTests.state(CLOSED_PORT_URL).open).toBe(true);
  });

  it('4xx answers never open it, and one answer between failures starts the count again', async () => {
    const answer = { status: 400 };
    const { calls } = stubFetch(() =>
      answer.status === 429
        ? jsonResponse({ code: 'over_request_rate_limit', msg: 'slow down' }, 429)
        : answer.status < 500
          ? jsonResponse({ code: 'invalid_credentials', msg: 'Invalid login credentials' }, answer.status)
          : jsonResponse({ code: 'unexpected_failure', message: 'boom' }, answer.status),
    );
    for (const status of [400, 401, 403, 404, 422, 429]) {
      answer.status = status;
      const answers = await Promise.all(Array.from({ length: 10 }, () => post('/t/upstream/auth')));
      for (const res of answers) expect(res.status).not.toBe(503);
    }
    expect(calls).toHaveLength(60);
    expect(breaker()).toEqual({ open: false, failures: 0 });

    answer.status = 500;
    for (let i = 0; i < BREAKER_FAILURE_THRESHOLD - 1; i++) await post('/t/upstream/auth');
    expect(breaker()).toEqual({ open: false, failures: BREAKER_FAILURE_THRESHOLD - 1 });
    answer.status = 400;
    expect((await post('/t/upstream/auth')).status).toBe(400);
    expect(breaker()).toEqual({ open: false, failures: 0 });
    answer.status = 500;
    for (let i = 0; i < BREAKER_FAILURE_THRESHOLD - 1; i++) await post('/t/upstream/auth');
    expect(breaker().open).toBe(false);
    await post('/t/upstream/auth');
    expect(breaker().open).toBe(true);
  });

  it('failures further apart than the window are not in a row', async () => {
    const answer = { status: 500 };
    stubFetch(() => jsonResponse({ message: 'boom' }, answer.status));
    for (let i = 0; i < BREAKER_FAILURE_THRESHOLD - 1; i++) await post('/t/upstream/rest');
    clock += BREAKER_FAILURE_WINDOW_MS + 1;
    await post('/t/upstream/rest');
    expect(breaker()).toEqual({ open: false, failures: 1 });
  });

  it('requests that never call Supabase, and other origins, are not affected', async () => {
    const answer = { status: 503 };
    stubFetch(() => jsonResponse({ message: 'down' }, answer.status));
    await openWith503s(answer);
    const echo = await call(
      '/t/echo',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'a@b.co', password: 'a-long-passphrase-1', first_name: 'A' }),
      },
      { env: testEnv, routes },
    );
    expect(echo.status).toBe(200);
    expect((await call('/api/v1/no-such-route', {}, { env: testEnv })).status).toBe(404);
    vi.restoreAllMocks();
    // The stand-in (another origin) still gets its calls: GoTrue's 400 → 401.
    const { res, calls } = await real('/t/upstream/auth');
    expect(res.status).toBe(401);
    expect(calls).toHaveLength(1);
  });
});
