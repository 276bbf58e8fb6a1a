/**
 * Access-token verification: a table of forged and broken tokens, each rejected with the
 * right code and without any upstream call except the (cached) JWKS fetch; valid ES256
 * and HS256 tokens accepted; the service-key guards.
 */
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readBearer } from '../../src/auth/bearer.ts';
import { secretsEqual } from '../../src/auth/constant-time.ts';
import { body, call, envWith, jsonResponse, type RecordedCall, stubFetch } from './support/harness.ts';
import { testRoutes as routes } from './support/test-routes.ts';
import { b64url, flipSignatureBit, makeKey, rawToken, signEs256, signHs256, type TestKey, userClaims } from './support/tokens.ts';

const PROJECT = 'https://tokens-project.supabase.test';
const ISSUER = `${PROJECT}/auth/v1`;
const JWKS_URL = `${PROJECT}/auth/v1/.well-known/jwks.json`;
const SECRET = 'test-only-hs256-secret-with-at-least-32-chars';

let key: TestKey;
let otherKey: TestKey;
let calls: RecordedCall[];
const now = () => Math.floor(Date.now() / 1000);
const es256Env = () => envWith({ SUPABASE_URL: PROJECT, SUPABASE_JWT_SECRET: undefined });
const hs256Env = () => envWith({ SUPABASE_URL: PROJECT, SUPABASE_JWT_SECRET: SECRET });

function authGet(path: string, token: string, testEnv = es256Env()) {
  return call(path, { headers: { Authorization: `Bearer ${token}` } }, { env: testEnv, routes });
}

beforeAll(async () => {
  key = await makeKey('test-key-1');
  otherKey = await makeKey('other-key');
  ({ calls } = stubFetch((request) =>
    request.url === JWKS_URL ? jsonResponse({ keys: [key.publicJwk] }) : jsonResponse({ message: 'unexpected upstream call' }, 500),
  ));
  // Warm the JWKS cache with one valid request.
  const res = await authGet('/t/me', await signEs256(key, userClaims(ISSUER)));
  expect(res.status).toBe(200);
});

afterAll(() => {
  vi.restoreAllMocks();
});

type Case = [name: string, make: () => Promise<string> | string, code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED', hs256?: boolean];

const cases: Case[] = [
  ['alg none, empty signature', () => rawToken({ alg: 'none', typ: 'JWT' }, userClaims(ISSUER)), 'TOKEN_INVALID'],
  ['alg none, with a signature', () => rawToken({ alg: 'none', typ: 'JWT' }, userClaims(ISSUER), 'c2ln'), 'TOKEN_INVALID'],
  [
    'HS256 signed with the public JWK (HS256 disabled)',
    () => signHs256(JSON.stringify(key.publicJwk), userClaims(ISSUER), { kid: key.kid }),
    'TOKEN_INVALID',
  ],
  [
    'HS256 signed with the public JWK (HS256 enabled)',
    () => signHs256(JSON.stringify(key.publicJwk), userClaims(ISSUER), { kid: key.kid }),
    'TOKEN_INVALID',
    true,
  ],
  [
    'HS256 signed with the public PEM (HS256 enabled)',
    () => signHs256(key.publicPem, userClaims(ISSUER), { kid: key.kid }),
    'TOKEN_INVALID',
    true,
  ],
  ['HS256 with a wrong secret', () => signHs256('a-different-secret-that-is-32-chars-long!!', userClaims(ISSUER)), 'TOKEN_INVALID', true],
  ['HS256 valid but HS256 not configured', () => signHs256(SECRET, userClaims(ISSUER)), 'TOKEN_INVALID'],
  ['unknown kid', () => signEs256(otherKey, userClaims(ISSUER)), 'TOKEN_INVALID'],
  ['known kid, signed by another key', () => signEs256(otherKey, userClaims(ISSUER), { kid: key.kid }), 'TOKEN_INVALID'],
  ['ES256 without kid', () => signEs256(key, userClaims(ISSUER), { kid: undefined }), 'TOKEN_INVALID'],
  [
    'RS256 header over an ES256 signature',
    () =>
      signEs256(key, userClaims(ISSUER)).then(
        (t) => `${b64url(JSON.stringify({ alg: 'RS256', kid: key.kid }))}.${t.split('.').slice(1).join('.')}`,
      ),
    'TOKEN_INVALID',
  ],
  ['expired', () => signEs256(key, userClaims(ISSUER, { exp: now() - 120, iat: now() - 1000 })), 'TOKEN_EXPIRED'],
  ['expired and forged', () => signEs256(otherKey, userClaims(ISSUER, { exp: now() - 120 }), { kid: key.kid }), 'TOKEN_INVALID'],
  ['no exp', () => signEs256(key, { ...userClaims(ISSUER), exp: undefined }), 'TOKEN_INVALID'],
  ['nbf in the future', () => signEs256(key, userClaims(ISSUER, { nbf: now() + 300 })), 'TOKEN_INVALID'],
  ['iat in the future', () => signEs256(key, userClaims(ISSUER, { iat: now() + 300 })), 'TOKEN_INVALID'],
  ['wrong aud', () => signEs256(key, userClaims(ISSUER, { aud: 'anon' })), 'TOKEN_INVALID'],
  ['no aud', () => signEs256(key, { ...userClaims(ISSUER), aud: undefined }), 'TOKEN_INVALID'],
  ['wrong iss', () => signEs256(key, userClaims('https://evil.example.com/auth/v1')), 'TOKEN_INVALID'],
  ['missing iss', () => signEs256(key, { ...userClaims(ISSUER), iss: undefined }), 'TOKEN_INVALID'],
  ['iss of the project without /auth/v1', () => signEs256(key, userClaims(ISSUER.replace(/\/auth\/v1$/, ''))), 'TOKEN_INVALID'],
  ['role service_role, signed with the real key', () => signEs256(key, userClaims(ISSUER, { role: 'service_role' })), 'TOKEN_INVALID'],
  ['role anon, signed with the real key', () => signEs256(key, userClaims(ISSUER, { role: 'anon' })), 'TOKEN_INVALID'],
  ['role supabase_admin, signed with the real key', () => signEs256(key, userClaims(ISSUER, { role: 'supabase_admin' })), 'TOKEN_INVALID'],
  ['no role', () => signEs256(key, { ...userClaims(ISSUER), role: undefined }), 'TOKEN_INVALID'],
  ['role not a string', () => signEs256(key, userClaims(ISSUER, { role: ['authenticated'] })), 'TOKEN_INVALID'],
  ['missing session_id', () => signEs256(key, { ...userClaims(ISSUER), session_id: undefined }), 'TOKEN_INVALID'],
  ['session_id not a UUID', () => signEs256(key, userClaims(ISSUER, { session_id: 'x' })), 'TOKEN_INVALID'],
  ['missing sub', () => signEs256(key, { ...userClaims(ISSUER), sub: undefined }), 'TOKEN_INVALID'],
  ['sub not a UUID', () => signEs256(key, userClaims(ISSUER, { sub: 'admin' })), 'TOKEN_INVALID'],
  ['truncated', () => signEs256(key, userClaims(ISSUER)).then((t) => t.slice(0, -10)), 'TOKEN_INVALID'],
  ['signature removed', () => signEs256(key, userClaims(ISSUER)).then((t) => t.slice(0, t.lastIndexOf('.') + 1)), 'TOKEN_INVALID'],
  ['extra segments', () => signEs256(key, userClaims(ISSUER)).then((t) => `${t}.e30`), 'TOKEN_INVALID'],
  ['two segments', () => signEs256(key, userClaims(ISSUER)).then((t) => t.split('.').slice(0, 2).join('.')), 'TOKEN_INVALID'],
  ['non-base64url characters', () => signEs256(key, userClaims(ISSUER)).then((t) => t.replace('.', '.~~')), 'TOKEN_INVALID'],
  ['header is not JSON', () => `${b64url('not json')}.${b64url('{}')}.c2ln`, 'TOKEN_INVALID'],
  ['huge header', () => signEs256(key, userClaims(ISSUER), { pad: 'x'.repeat(4000) }), 'TOKEN_INVALID'],
  ['jku header', () => signEs256(key, userClaims(ISSUER), { jku: 'https://evil.example.com/jwks.json' }), 'TOKEN_INVALID'],
  ['jwk header', () => signEs256(key, userClaims(ISSUER), { jwk: key.publicJwk }), 'TOKEN_INVALID'],
  ['x5u header', () => signEs256(key, userClaims(ISSUER), { x5u: 'https://evil.example.com/cert.pem' }), 'TOKEN_INVALID'],
  ['x5c header', () => signEs256(key, userClaims(ISSUER), { x5c: ['MIIB'] }), 'TOKEN_INVALID'],
  ['crit header', () => signEs256(key, userClaims(ISSUER), { crit: ['b64'], b64: true }), 'TOKEN_INVALID'],
  ['valid token with one signature bit flipped', () => signEs256(key, userClaims(ISSUER)).then(flipSignatureBit), 'TOKEN_INVALID'],
  ['the legacy anon key (HS256, role anon, no sub)', () => env.TEST_LEGACY_ANON_KEY!, 'TOKEN_INVALID', true],
];

describe('forged and broken access tokens', () => {
  const table = cases.map(([name, make, code, hs256]) => ({ name, make, code, hs256 }));
  it.each(table)('$name → $code', async ({ make, code, hs256 }) => {
    const before = calls.length;
    const res = await authGet('/t/me', await make(), hs256 ? hs256Env() : es256Env());
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="api", error="invalid_token"/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const payload = await body(res);
    expect(payload).toEqual({
      success: false,
      message: payload.error.message,
      error: { code, message: code === 'TOKEN_EXPIRED' ? 'Token has expired' : 'Token is invalid' },
    });
    // Nothing but the (already cached) JWKS may have been fetched.
    expect(calls.slice(before).filter((c) => c.url !== JWKS_URL)).toEqual([]);
  });

  it('fetched the JWKS at most once for the whole table (module-scope cache)', () => {
    expect(calls.every((c) => c.url === JWKS_URL)).toBe(true);
    expect(calls.length).toBe(1);
  });
});

describe('valid tokens', () => {
  it('ES256 through the JWKS', async () => {
    const res = await authGet('/t/me', await signEs256(key, userClaims(ISSUER)));
    expect(res.status).toBe(200);
    expect((await body(res)).data).toEqual({
      kind: 'user',
      userId: '0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11',
      email: 'ada@example.com',
      sessionId: '5c2a1d3e-1111-4222-8333-944455556666',
    });
  });

  it('ES256 expired 10 s ago is within the 30 s clock tolerance', async () => {
    const res = await authGet('/t/me', await signEs256(key, userClaims(ISSUER, { exp: now() - 10 })));
    expect(res.status).toBe(200);
  });

  it('HS256 when SUPABASE_JWT_SECRET is configured', async () => {
    const res = await authGet('/t/me', await signHs256(SECRET, userClaims(ISSUER)), hs256Env());
    expect(res.status).toBe(200);
    expect((await body(res)).data.userId).toBe('0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11');
  });

  it('ES256 still works when HS256 is also configured', async () => {
    const res = await authGet('/t/me', await signEs256(key, userClaims(ISSUER)), hs256Env());
    expect(res.status).toBe(200);
  });
});

describe('Authorization header parsing', () => {
  it('missing → 401 AUTH_REQUIRED', async () => {
    const res = await call('/t/me', {}, { env: es256Env(), routes });
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="api"');
    expect(await body(res)).toEqual({
      success: false,
      message: 'Authentication required',
      error: { code: 'AUTH_REQUIRED', message: 'Authentication required' },
    });
  });

  it.each(['bearer abc.def.ghi', 'Bearer  abc.def.ghi', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Token abc', 'Bearer abc def'])(
    'present but malformed %j → 401 TOKEN_INVALID (never anonymous)',
    async (header) => {
      const res = await call('/t/me', { headers: { Authorization: header } }, { env: es256Env(), routes });
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="api", error="invalid_token"');
      expect((await body(res)).error.code).toBe('TOKEN_INVALID');
    },
  );

  it('readBearer is strict', () => {
    expect(readBearer('Bearer a.b.c')).toEqual({ kind: 'token', token: 'a.b.c' });
    expect(readBearer('Bearer a.b.c ')).toEqual({ kind: 'malformed' });
    expect(readBearer('')).toEqual({ kind: 'missing' });
  });
});

describe('service guards', () => {
  const service = () => env.SUPABASE_SECRET_KEY!;

  it('requireService: service key → 200 service mode', async () => {
    const res = await authGet('/t/admin', service());
    expect(res.status).toBe(200);
    expect((await body(res)).data).toEqual({ kind: 'service' });
  });

  it('requireService: no credential → 401 AUTH_REQUIRED', async () => {
    const res = await call('/t/admin', {}, { env: es256Env(), routes });
    expect(res.status).toBe(401);
    expect((await body(res)).error.code).toBe('AUTH_REQUIRED');
  });

  it.each([
    ['a valid user token', () => signEs256(key, userClaims(ISSUER))],
    ['the publishable key', () => env.SUPABASE_PUBLISHABLE_KEY!],
    ['the legacy anon key', () => env.TEST_LEGACY_ANON_KEY!],
    ['the service key with one character changed', () => `${service().slice(0, -1)}${service().endsWith('A') ? 'B' : 'A'}`],
    ['garbage', () => 'abc'],
  ])('requireService: %s → 403 FORBIDDEN', async (_name, make) => {
    const res = await authGet('/t/admin', await make());
    expect(res.status).toBe(403);
    expect(await body(res)).toEqual({
      success: false,
      message: 'This route requires the service credential',
      error: { code: 'FORBIDDEN', message: 'This route requires the service credential' },
    });
  });

  it('requireService: malformed header → 403', async () => {
    const res = await call('/t/admin', { headers: { Authorization: 'Basic abc' } }, { env: es256Env(), routes });
    expect(res.status).toBe(403);
  });

  it('requireUserOrService: service key → service mode; user token → user; anon key → 401', async () => {
    expect((await body(await authGet('/t/either', service()))).data).toEqual({ kind: 'service' });
    const user = await body(await authGet('/t/either', await signEs256(key, userClaims(ISSUER))));
    expect(user.data).toEqual({ kind: 'user', userId: '0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11' });
    const anon = await authGet('/t/either', env.SUPABASE_PUBLISHABLE_KEY!);
    expect(anon.status).toBe(401);
    expect((await body(anon)).error.code).toBe('TOKEN_INVALID');
    expect((await call('/t/either', {}, { env: es256Env(), routes })).status).toBe(401);
  });

  it('secretsEqual compares exactly', async () => {
    expect(await secretsEqual('abc', 'abc')).toBe(true);
    expect(await secretsEqual('abc', 'abd')).toBe(false);
    expect(await secretsEqual('abc', 'abcd')).toBe(false);
    expect(await secretsEqual('', 'x')).toBe(false);
  });
});

describe('JWKS faults', () => {
  it('JWKS unreachable → 503 SERVICE_UNAVAILABLE (not TOKEN_INVALID)', async () => {
    vi.restoreAllMocks();
    const down = 'https://jwks-down.supabase.test';
    stubFetch(() => Promise.reject(new TypeError('connection refused')));
    const token = await signEs256(key, userClaims(`${down}/auth/v1`));
    const res = await authGet('/t/me', token, envWith({ SUPABASE_URL: down }));
    expect(res.status).toBe(503);
    expect((await body(res)).error.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('JWKS answering HTML → 502 UPSTREAM_ERROR', async () => {
    vi.restoreAllMocks();
    const broken = 'https://jwks-html.supabase.test';
    stubFetch(() => new Response('<html>oops</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const token = await signEs256(key, userClaims(`${broken}/auth/v1`));
    const res = await authGet('/t/me', token, envWith({ SUPABASE_URL: broken }));
    expect(res.status).toBe(502);
    expect((await body(res)).error.code).toBe('UPSTREAM_ERROR');
  });
});
