/**
 * The HTTP foundation: envelope, routing errors (404/405/500), validation and body rules
 * (400/413/415), request id, security headers, caching, CORS and the per-request log line.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_BODY_BYTES, MAX_DRAIN_BYTES } from '../../src/http/body.ts';
import { body, call, captureLogs, envWith } from './support/harness.ts';
import { testRoutes } from './support/test-routes.ts';

const routes = testRoutes;
const json = (value: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof value === 'string' ? value : JSON.stringify(value),
});
const valid = { email: '  Ada@Example.COM ', password: 'correct horse', first_name: ' Ada ', extra: 'ignored' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('envelope and routing', () => {
  it('success envelope', async () => {
    const res = await call('/t/echo', json(valid), { routes });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      success: true,
      message: 'echo',
      data: { email: 'ada@example.com', password: 'correct horse', first_name: 'Ada' },
    });
  });

  it('unknown route → 404 NOT_FOUND', async () => {
    const res = await call('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await body(res)).toEqual({
      success: false,
      message: 'Route not found',
      error: { code: 'NOT_FOUND', message: 'Route not found' },
    });
  });

  it('known path, wrong method → 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const res = await call('/api/v1/health', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    expect(await body(res)).toEqual({
      success: false,
      message: 'Method not allowed',
      error: { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed' },
    });
    const post = await call('/t/echo', { method: 'GET' }, { routes });
    expect(post.status).toBe(405);
    expect(post.headers.get('Allow')).toBe('POST, OPTIONS');
  });

  it('OPTIONS without CORS answers 204 with Allow', async () => {
    const res = await call('/t/echo', { method: 'OPTIONS' }, { routes });
    expect(res.status).toBe(204);
    expect(res.headers.get('Allow')).toBe('POST, OPTIONS');
  });

  it('unexpected exception → 500 INTERNAL_ERROR naming the request id; details only in the log', async () => {
    const { result: res, lines } = await captureLogs(() => call('/t/boom', { headers: { 'X-Request-Id': 'req-500' } }, { routes }));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      success: false,
      message: 'Internal error (request id req-500)',
      error: { code: 'INTERNAL_ERROR', message: 'Internal error (request id req-500)' },
    });
    expect(text).not.toContain('kaboom');
    expect(lines).toHaveLength(1);
    const log = JSON.parse(lines[0]!);
    expect(log.error).toMatchObject({ code: 'INTERNAL_ERROR', name: 'Error', message: 'kaboom: secret internal detail' });
    expect(log.error.stack).toContain('kaboom');
  });
});

describe('validation', () => {
  it('invalid fields → 400 VALIDATION_ERROR with one detail per problem', async () => {
    const res = await call('/t/echo', json({ email: 'not-an-email', password: 'short', organization_name: '   ' }), { routes });
    expect(res.status).toBe(400);
    const payload = await body(res);
    expect(payload.success).toBe(false);
    expect(payload.error.code).toBe('VALIDATION_ERROR');
    expect(payload.message).toBe(payload.error.message);
    expect(payload.error.details).toEqual([
      { path: 'email', message: 'must be a valid email address' },
      { path: 'password', message: 'must be at least 8 characters' },
      { path: 'organization_name', message: 'must not be empty' },
    ]);
  });

  it('missing fields say "is required"', async () => {
    const res = await call('/t/login', json({}), { routes });
    expect(res.status).toBe(400);
    expect((await body(res)).error.details).toEqual([
      { path: 'email', message: 'is required' },
      { path: 'password', message: 'is required' },
    ]);
  });

  it('malformed JSON → 400 VALIDATION_ERROR', async () => {
    const res = await call('/t/echo', json('{"email": '), { routes });
    expect(res.status).toBe(400);
    const payload = await body(res);
    expect(payload.error.code).toBe('VALIDATION_ERROR');
    expect(payload.error.message).toMatch(/Malformed JSON/);
  });

  it('a JSON body that is not an object → 400 at path "body"', async () => {
    const res = await call('/t/login', json('[1,2]'), { routes });
    expect(res.status).toBe(400);
    expect((await body(res)).error.details[0].path).toBe('body');
  });

  it.each([
    ['a@b', false],
    ['a@@b.co', false],
    ['a b@c.co', false],
    ['a@b..co', false],
    ['@b.co', false],
    [`${'a'.repeat(250)}@b.co`, false],
    [`${'a'.repeat(240)}@example.com`, true],
    ['  MIXED@Case.Org  ', true],
  ])('email %s valid=%s', async (email, ok) => {
    const res = await call('/t/login', json({ email, password: 'x' }), { routes });
    expect(res.status).toBe(ok ? 200 : 400);
  });

  it('new password: ≤72 bytes of UTF-8, never truncated', async () => {
    const at = await call('/t/echo', json({ email: 'a@b.co', password: 'é'.repeat(36) }), { routes }); // 72 bytes
    expect(at.status).toBe(200);
    const over = await call('/t/echo', json({ email: 'a@b.co', password: 'é'.repeat(37) }), { routes }); // 74 bytes
    expect(over.status).toBe(400);
    const error = (await body(over)).error;
    expect(error.code).toBe('WEAK_PASSWORD');
    expect(error.details).toEqual([{ path: 'password', message: 'must be at most 72 bytes' }]);
    const short = await call('/t/echo', json({ email: 'a@b.co', password: 'seven77' }), { routes });
    expect((await body(short)).error).toMatchObject({
      code: 'WEAK_PASSWORD',
      details: [{ path: 'password', message: 'must be at least 8 characters' }],
    });
  });

  it('login password: any non-empty ≤1024 characters', async () => {
    expect((await call('/t/login', json({ email: 'a@b.co', password: ' ' }), { routes })).status).toBe(200);
    expect((await call('/t/login', json({ email: 'a@b.co', password: '' }), { routes })).status).toBe(400);
    expect((await call('/t/login', json({ email: 'a@b.co', password: 'x'.repeat(1025) }), { routes })).status).toBe(400);
  });

  it('names ≤100, organization name 1–200 after trim', async () => {
    const base = { email: 'a@b.co', password: 'uncommon-passphrase' };
    expect((await call('/t/echo', json({ ...base, first_name: 'x'.repeat(101) }), { routes })).status).toBe(400);
    expect((await call('/t/echo', json({ ...base, organization_name: `  ${'x'.repeat(200)}  ` }), { routes })).status).toBe(200);
    expect((await call('/t/echo', json({ ...base, organization_name: 'x'.repeat(201) }), { routes })).status).toBe(400);
  });

  it('path parameters and query are validated', async () => {
    const bad = await call('/t/users/not-a-uuid/items', {}, { routes });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.details).toEqual([{ path: 'userId', message: 'must be a UUID' }]);
    const good = await call('/t/users/0B6C1B4E-9A3F-4B8E-8F57-2F1F6F0C7A11/items?limit=5', {}, { routes });
    expect(await body(good)).toMatchObject({ data: { userId: '0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11', limit: '5' } });
    const badQuery = await call('/t/users/0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11/items?limit=x', {}, { routes });
    expect((await body(badQuery)).error.details).toEqual([{ path: 'limit', message: 'must be a number' }]);
  });

  it('an optional body may be absent', async () => {
    const res = await call('/t/optional', { method: 'POST' }, { routes });
    expect(res.status).toBe(200);
    expect((await body(res)).data).toEqual({});
  });
});

describe('body rules', () => {
  it('non-JSON content type → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']) {
      const res = await call('/t/login', { method: 'POST', headers: { 'Content-Type': type }, body: 'email=a' }, { routes });
      expect(res.status).toBe(415);
      expect(await body(res)).toEqual({
        success: false,
        message: 'Content-Type must be application/json',
        error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type must be application/json' },
      });
    }
    const missing = await call('/t/login', { method: 'POST', body: '{}', headers: {} }, { routes });
    // A body sent as a string gets text/plain from fetch; without any type it is refused too.
    expect(missing.status).toBe(415);
  });

  it('Content-Length over 16 KiB → 413 before reading', async () => {
    const big = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await call('/t/login', json(big), { routes });
    expect(res.status).toBe(413);
    expect(await body(res)).toEqual({
      success: false,
      message: `Request body exceeds ${MAX_BODY_BYTES} bytes`,
      error: { code: 'PAYLOAD_TOO_LARGE', message: `Request body exceeds ${MAX_BODY_BYTES} bytes` },
    });
  });

  /** A chunked body of `chunks` KiB (endless when Infinity), counting what was pulled from it. */
  function streamed(chunks: number) {
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    const counter = { sent: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (counter.sent++ < chunks) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit;
    return { counter, send: () => call('/t/login', init, { routes }) };
  }

  it('a streamed (chunked) body over 16 KiB → 413 by counting bytes, read to its end first (the connection stays usable)', async () => {
    const { counter, send } = streamed(40);
    const res = await send();
    expect(res.status).toBe(413);
    expect(counter.sent).toBe(41); // 40 chunks and the end: drained, not cut off
  });

  it('an endless streamed body → 413 after at most MAX_DRAIN_BYTES, no more read', async () => {
    const { counter, send } = streamed(Number.POSITIVE_INFINITY);
    const res = await send();
    expect(res.status).toBe(413);
    expect(counter.sent).toBeGreaterThan(MAX_DRAIN_BYTES / 1024);
    expect(counter.sent).toBeLessThan(MAX_DRAIN_BYTES / 1024 + 8); // a little read-ahead at most
  });

  it('exactly 16 KiB is accepted by the guard', async () => {
    const prefix = '{"email":"a@b.co","password":"';
    const text = `${prefix}${'x'.repeat(MAX_BODY_BYTES - prefix.length - 2)}"}`;
    expect(new TextEncoder().encode(text).byteLength).toBe(MAX_BODY_BYTES);
    const res = await call('/t/login', json(text), { routes });
    expect(res.status).toBe(400); // guard passed; password too long for login
    expect((await body(res)).error.details[0].path).toBe('password');
  });
});

describe('request id', () => {
  it('echoes a sane id', async () => {
    const res = await call('/api/v1/nope', { headers: { 'X-Request-Id': 'abc-123_x.y:z' } });
    expect(res.headers.get('X-Request-Id')).toBe('abc-123_x.y:z');
  });

  it.each([['x'.repeat(129)], ['has space'], ['semi;colon'], ['<script>'], ['']])('replaces the insane id %j with a UUID', async (id) => {
    const res = await call('/api/v1/nope', { headers: { 'X-Request-Id': id } });
    expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('generates one when absent', async () => {
    const res = await call('/api/v1/nope');
    expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('security and caching headers', () => {
  it.each([
    ['/api/v1/nope', 404],
    ['/t/boom', 500],
    ['/t/users/0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11/items', 200],
  ])('%s (%i) carries them', async (path, status) => {
    const res = await call(path, {}, { routes });
    expect(res.status).toBe(status);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Content-Security-Policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('an error from a guard still carries no-store and the request id', async () => {
    const res = await call('/t/me', { headers: { 'X-Request-Id': 'guard-1' } }, { routes });
    expect(res.status).toBe(401);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('X-Request-Id')).toBe('guard-1');
  });
});

describe('CORS', () => {
  const corsEnv = () => envWith({ CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' });

  it('allowed origin gets its own origin echoed, Vary: Origin, credentials (cookie mode)', async () => {
    const res = await call('/api/v1/nope', { headers: { Origin: 'https://app.example.com' } }, { env: corsEnv() });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com');
    expect(res.headers.get('Vary')).toContain('Origin');
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('X-Request-Id');
  });

  it('other origin gets no CORS header (but Vary: Origin)', async () => {
    const res = await call('/api/v1/nope', { headers: { Origin: 'https://evil.example.com' } }, { env: corsEnv() });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('preflight from an allowed origin → 204 with the allowed methods and headers', async () => {
    const res = await call(
      '/t/login',
      {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://localhost:5173',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type,authorization',
        },
      },
      { env: corsEnv(), routes },
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('Authorization, Content-Type, X-Request-Id, X-Edge-Auth-Session');
    expect(res.headers.get('Access-Control-Max-Age')).toBe('600');
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('preflight from another origin → 403 FORBIDDEN without CORS headers', async () => {
    const res = await call(
      '/t/login',
      {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'POST' },
      },
      { env: corsEnv(), routes },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect((await body(res)).error.code).toBe('FORBIDDEN');
  });

  it('with CORS_ORIGINS empty (production’s default) no CORS header is sent at all', async () => {
    const res = await call('/api/v1/nope', { headers: { Origin: 'https://app.example.com' } }, { env: envWith({ CORS_ORIGINS: '' }) });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(res.headers.get('Vary')).toBeNull();
  });
});

describe('request log', () => {
  it('one JSON line per request, with the fields, and never a token or the query string', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNlY3JldA';
    const { result: res, lines } = await captureLogs(() =>
      call('/t/me?access_token=query-secret', { headers: { Authorization: `Bearer ${token}`, 'X-Request-Id': 'log-1' } }, { routes }),
    );
    expect(res.status).toBe(401);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    const entry = JSON.parse(line);
    expect(entry).toMatchObject({ msg: 'request', method: 'GET', path: '/t/me', status: 401, request_id: 'log-1', level: 'warn' });
    expect(typeof entry.duration_ms).toBe('number');
    expect(entry.error).toEqual({ code: 'TOKEN_INVALID' });
    expect(line).not.toContain(token);
    expect(line).not.toContain('query-secret');
    expect(line).not.toContain('Bearer');
  });

  it('logs a body-carrying request without its body', async () => {
    const { lines } = await captureLogs(() => call('/t/login', json({ email: 'a@b.co', password: 'hunter2-password' }), { routes }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('hunter2');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', status: 200 });
  });
});
