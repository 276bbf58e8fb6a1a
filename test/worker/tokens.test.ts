/**
 * Access-token verification against the real stand-in: the worker fetches its JWKS from
 * SUPABASE_URL (the test stack), the valid tokens are signed with its own signing key
 * (support/e2e.ts signWithProjectKey), HS256 tokens with its legacy JWT secret, and the
 * forgeries are made from those or with keys the test generates (an attacker's). A table
 * of forged and broken tokens, each rejected with the right code and without any upstream
 * call but the (cached) JWKS fetch; valid ES256 and HS256 tokens accepted; the service-key
 * guards.
 *
 * Stubbed, and why: the JWKS (`fetch`) in two places only. "Headers the stand-in never
 * writes": a JWKS listing a key the test holds, since refusing `jku`, `jwk`, `x5u`, `x5c`,
 * `crit`, a missing `kid` or an oversized header proves something only on a token that a
 * trusted key signed correctly, and the stand-in signs with fixed headers (alg, kid, typ).
 * "JWKS faults": a JWKS answering HTML (garbage the stand-in never serves); an unreachable
 * JWKS is real (a closed port).
 */
import { env } from 'cloudflare:workers';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_JWT_SECRET } from '../../local/demo-keys.ts';
import { readBearer } from '../../src/auth/bearer.ts';
import { secretsEqual } from '../../src/auth/constant-time.ts';
import { loginUser, registerUser, signWithProjectKey } from './support/e2e.ts';
import { body, call, envWith, jsonResponse, type RecordedCall, recordUpstream, stubFetch } from './support/harness.ts';
import { testRoutes as routes } from './support/test-routes.ts';
import { b64url, flipSignatureBit, makeKey, rawToken, signEs256, signHs256, type TestKey, userClaims } from './support/tokens.ts';

const ISSUER = `${env.SUPABASE_URL}/auth/v1`;
const JWKS_URL = `${env.SUPABASE_URL}/auth/v1/.well-known/jwks.json`;
/** Nothing listens on port 1 of the loopback: a real "connection refused" (workerd logs it on stderr). */
const CLOSED_PORT_URL = 'http://127.0.0.1:1';

/** The stand-in's public signing key, as its JWKS publishes it. */
let projectJwk: JWK;
let projectPem: string;
/** A key of the attacker's, unknown to the stand-in. */
let attackerKey: TestKey;
const now = () => Math.floor(Date.now() / 1000);
const es256Env = () => envWith({ SUPABASE_JWT_SECRET: undefined });
const hs256Env = () => envWith({ SUPABASE_JWT_SECRET: DEMO_JWT_SECRET });
/** A token the stand-in signed with its own key. */
const projectToken = (claims = userClaims(ISSUER)) => signWithProjectKey(claims);

function authGet(path: string, token: string, testEnv = es256Env()) {
  return call(path, { headers: { Authorization: `Bearer ${token}` } }, { env: testEnv, routes });
}

beforeAll(async () => {
  const jwks = (await (await fetch(JWKS_URL)).json()) as { keys: JWK[] };
  expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
  projectJwk = jwks.keys[0]!;
  // The table's names say ES256: that is the stand-in's key (local/keys.ts generates one).
  expect(projectJwk.alg).toBe('ES256');
  projectPem = await exportSPKI((await importJWK(projectJwk, 'ES256')) as CryptoKey);
  attackerKey = await makeKey('attacker-key');
});

type Case = [name: string, make: () => Promise<string> | string, code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED', hs256?: boolean];

/** Tokens naming a kid the JWKS does not list: the one case where jose may fetch the JWKS again (30 s cooldown). */
const UNKNOWN_KID = new Set(['unknown kid']);

const cases: Case[] = [
  ['alg none, empty signature', () => rawToken({ alg: 'none', typ: 'JWT' }, userClaims(ISSUER)), 'TOKEN_INVALID'],
  ['alg none, with a signature', () => rawToken({ alg: 'none', typ: 'JWT' }, userClaims(ISSUER), 'c2ln'), 'TOKEN_INVALID'],
  [
    'HS256 signed with the public JWK (HS256 disabled)',
    () => signHs256(JSON.stringify(projectJwk), userClaims(ISSUER), { kid: projectJwk.kid }),
    'TOKEN_INVALID',
  ],
  [
    'HS256 signed with the public JWK (HS256 enabled)',
    () => signHs256(JSON.stringify(projectJwk), userClaims(ISSUER), { kid: projectJwk.kid }),
    'TOKEN_INVALID',
    true,
  ],
  [
    'HS256 signed with the public PEM (HS256 enabled)',
    () => signHs256(projectPem, userClaims(ISSUER), { kid: projectJwk.kid }),
    'TOKEN_INVALID',
    true,
  ],
  ['HS256 with a wrong secret', () => signHs256('a-different-secret-that-is-32-chars-long!!', userClaims(ISSUER)), 'TOKEN_INVALID', true],
  ['HS256 valid but HS256 not configured', () => signHs256(DEMO_JWT_SECRET, userClaims(ISSUER)), 'TOKEN_INVALID'],
  ['unknown kid', () => signEs256(attackerKey, userClaims(ISSUER)), 'TOKEN_INVALID'],
  ['known kid, signed by another key', () => signEs256(attackerKey, userClaims(ISSUER), { kid: projectJwk.kid }), 'TOKEN_INVALID'],
  [
    'RS256 header over an ES256 signature',
    () => projectToken().then((t) => `${b64url(JSON.stringify({ alg: 'RS256', kid: projectJwk.kid }))}.${t.split('.').slice(1).join('.')}`),
    'TOKEN_INVALID',
  ],
  ['expired', () => projectToken(userClaims(ISSUER, { exp: now() - 120, iat: now() - 1000 })), 'TOKEN_EXPIRED'],
  ['expired and forged', () => signEs256(attackerKey, userClaims(ISSUER, { exp: now() - 120 }), { kid: projectJwk.kid }), 'TOKEN_INVALID'],
  ['no exp', () => projectToken({ ...userClaims(ISSUER), exp: undefined }), 'TOKEN_INVALID'],
  ['nbf in the future', () => projectToken(userClaims(ISSUER, { nbf: now() + 300 })), 'TOKEN_INVALID'],
  ['iat in the future', () => projectToken(userClaims(ISSUER, { iat: now() + 300 })), 'TOKEN_INVALID'],
  ['wrong aud', () => projectToken(userClaims(ISSUER, { aud: 'anon' })), 'TOKEN_INVALID'],
  ['no aud', () => projectToken({ ...userClaims(ISSUER), aud: undefined }), 'TOKEN_INVALID'],
  ['wrong iss', () => projectToken(userClaims('https://evil.example.com/auth/v1')), 'TOKEN_INVALID'],
  ['missing iss', () => projectToken({ ...userClaims(ISSUER), iss: undefined }), 'TOKEN_INVALID'],
  ['iss of the project without /auth/v1', () => projectToken(userClaims(ISSUER.replace(/\/auth\/v1$/, ''))), 'TOKEN_INVALID'],
  ['role service_role, signed with the real key', () => projectToken(userClaims(ISSUER, { role: 'service_role' })), 'TOKEN_INVALID'],
  ['role anon, signed with the real key', () => projectToken(userClaims(ISSUER, { role: 'anon' })), 'TOKEN_INVALID'],
  ['role supabase_admin, signed with the real key', () => projectToken(userClaims(ISSUER, { role: 'supabase_admin' })), 'TOKEN_INVALID'],
  ['no role', () => projectToken({ ...userClaims(ISSUER), role: undefined }), 'TOKEN_INVALID'],
  ['role not a string', () => projectToken(userClaims(ISSUER, { role: ['authenticated'] })), 'TOKEN_INVALID'],
  ['missing session_id', () => projectToken({ ...userClaims(ISSUER), session_id: undefined }), 'TOKEN_INVALID'],
  ['session_id not a UUID', () => projectToken(userClaims(ISSUER, { session_id: 'x' })), 'TOKEN_INVALID'],
  ['missing sub', () => projectToken({ ...userClaims(ISSUER), sub: undefined }), 'TOKEN_INVALID'],
  ['sub not a UUID', () => projectToken(userClaims(ISSUER, { sub: 'admin' })), 'TOKEN_INVALID'],
  ['truncated', () => projectToken().then((t) => t.slice(0, -10)), 'TOKEN_INVALID'],
  ['signature removed', () => projectToken().then((t) => t.slice(0, t.lastIndexOf('.') + 1)), 'TOKEN_INVALID'],
  ['extra segments', () => projectToken().then((t) => `${t}.e30`), 'TOKEN_INVALID'],
  ['two segments', () => projectToken().then((t) => t.split('.').slice(0, 2).join('.')), 'TOKEN_INVALID'],
  ['non-base64url characters', () => projectToken().then((t) => t.replace('.', '.~~')), 'TOKEN_INVALID'],
  ['header is not JSON', () => `${b64url('not json')}.${b64url('{}')}.c2ln`, 'TOKEN_INVALID'],
  ['valid token with one signature bit flipped', () => projectToken().then(flipSignatureBit), 'TOKEN_INVALID'],
  // Signed with the stand-in's real legacy secret: refused for what it says (role anon, no sub), not its signature.
  ['the legacy anon key (HS256, role anon, no sub)', () => env.TEST_LEGACY_ANON_KEY!, 'TOKEN_INVALID', true],
];

/** Checks a refused token's answer. */
async function expectRefused(res: Response, code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED') {
  expect(res.status).toBe(401);
  expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="api", error="invalid_token"/);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  const payload = await body(res);
  expect(payload).toEqual({
    success: false,
    message: payload.error.message,
    error: { code, message: code === 'TOKEN_EXPIRED' ? 'Token has expired' : 'Token is invalid' },
  });
}

describe('forged and broken access tokens (the stand-in’s JWKS)', () => {
  let calls: RecordedCall[];
  /** JWKS fetches that unknown-kid tokens caused (allowed: jose looks again once its cooldown is over). */
  let refetches = 0;
  const jwksFetches = () => calls.filter((c) => c.url === JWKS_URL).length;

  beforeAll(async () => {
    calls = recordUpstream();
    // Warm the worker's JWKS cache with one valid request.
    const res = await authGet('/t/me', await projectToken());
    expect(res.status).toBe(200);
    expect(jwksFetches()).toBe(1);
  });

  afterAll(() => {
    vi.restoreAllMocks();
  });

  const table = cases.map(([name, make, code, hs256]) => ({ name, make, code, hs256 }));
  it.each(table)('$name → $code', async ({ name, make, code, hs256 }) => {
    const token = await make();
    const before = calls.length;
    const res = await authGet('/t/me', token, hs256 ? hs256Env() : es256Env());
    await expectRefused(res, code);
    const sent = calls.slice(before);
    // Nothing but the JWKS may be fetched, and only for a kid the cache does not know.
    expect(sent.filter((c) => c.url !== JWKS_URL)).toEqual([]);
    expect(sent.length).toBeLessThanOrEqual(UNKNOWN_KID.has(name) ? 1 : 0);
    refetches += sent.length;
  });

  it('fetched the JWKS once for every token naming a key it lists (module-scope cache)', () => {
    expect(calls.every((c) => c.url === JWKS_URL)).toBe(true);
    expect(jwksFetches() - refetches).toBe(1);
  });

  it('control: a refused token is told from a valid one by the same checks (a project token passes)', async () => {
    const before = calls.length;
    const res = await authGet('/t/me', await projectToken());
    expect(res.status).toBe(200);
    expect(calls.length).toBe(before);
  });
});

/** A made-up project whose JWKS a test stubs: its issuer, JWKS URL and worker env (ES256 only). */
function stubbedProject(url: string) {
  return {
    issuer: `${url}/auth/v1`,
    jwksUrl: `${url}/auth/v1/.well-known/jwks.json`,
    env: () => envWith({ SUPABASE_URL: url, SUPABASE_JWT_SECRET: undefined }),
  };
}

describe('headers the stand-in never writes (stubbed JWKS listing a key the test holds)', () => {
  const { issuer: STUB_ISSUER, jwksUrl: STUB_JWKS_URL, env: stubEnv } = stubbedProject('https://tokens-project.supabase.test');
  let trusted: TestKey;
  let calls: RecordedCall[];

  beforeAll(async () => {
    trusted = await makeKey('trusted-test-key');
    ({ calls } = stubFetch((request) =>
      request.url === STUB_JWKS_URL
        ? jsonResponse({ keys: [trusted.publicJwk] })
        : jsonResponse({ message: 'unexpected upstream call' }, 500),
    ));
  });

  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('control: the trusted key with ordinary headers is accepted (so each refusal below is the header’s)', async () => {
    const res = await authGet('/t/me', await signEs256(trusted, userClaims(STUB_ISSUER)), stubEnv());
    expect(res.status).toBe(200);
  });

  it.each([
    ['ES256 without kid', () => ({ kid: undefined })],
    ['huge header', () => ({ pad: 'x'.repeat(4000) })],
    ['jku header', () => ({ jku: 'https://evil.example.com/jwks.json' })],
    ['jwk header (the signing key itself)', () => ({ jwk: trusted.publicJwk })],
    ['x5u header', () => ({ x5u: 'https://evil.example.com/cert.pem' })],
    ['x5c header', () => ({ x5c: ['MIIB'] })],
    ['crit header', () => ({ crit: ['b64'], b64: true })],
  ] as [string, () => Record<string, unknown>][])('%s → TOKEN_INVALID', async (_name, header) => {
    const before = calls.length;
    const res = await authGet('/t/me', await signEs256(trusted, userClaims(STUB_ISSUER), header()), stubEnv());
    await expectRefused(res, 'TOKEN_INVALID');
    expect(calls.slice(before).filter((c) => c.url !== STUB_JWKS_URL)).toEqual([]);
  });
});

describe('the key set (stubbed JWKS the test controls: what the stand-in never publishes)', () => {
  const { issuer: STUB_ISSUER, jwksUrl: STUB_JWKS_URL, env: stubEnv } = stubbedProject('https://keyset-project.supabase.test');
  let es: TestKey;
  let rsa: { privateKey: CryptoKey; publicJwk: JWK };
  /** What the stubbed JWKS lists right now. */
  let listed: JWK[];
  let calls: RecordedCall[];

  beforeAll(async () => {
    es = await makeKey('es-key');
    const pair = await generateKeyPair('RS256', { extractable: true });
    rsa = { privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid: 'rsa-key', alg: 'RS256', use: 'sig' } };
  });

  beforeEach(() => {
    ({ calls } = stubFetch((request) =>
      request.url === STUB_JWKS_URL ? jsonResponse({ keys: listed }) : jsonResponse({ message: 'unexpected upstream call' }, 500),
    ));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const signRs256 = (claims = userClaims(STUB_ISSUER), kid = 'rsa-key') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(rsa.privateKey);

  /**
   * A project of its own (the key set is cached per project): its env, its issuer, and the
   * calls made to its stubbed JWKS, which lists `listed`.
   */
  const ownProject = (name: string) => {
    const project = stubbedProject(`https://keyset-${name}.supabase.test`);
    const { calls: fetched } = stubFetch((request) =>
      request.url === project.jwksUrl ? jsonResponse({ keys: listed }) : jsonResponse({}, 500),
    );
    return { env: project.env(), issuer: project.issuer, fetched };
  };

  it('RS256 with an RSA key of the set is accepted; ES256 and RS256 keys side by side', async () => {
    listed = [es.publicJwk, rsa.publicJwk];
    expect((await authGet('/t/me', await signRs256(), stubEnv())).status).toBe(200);
    expect((await authGet('/t/me', await signEs256(es, userClaims(STUB_ISSUER)), stubEnv())).status).toBe(200);
    expect(calls.filter((c) => c.url === STUB_JWKS_URL).length).toBe(1);
  });

  it('aud as an array that includes authenticated is accepted', async () => {
    listed = [es.publicJwk, rsa.publicJwk];
    const token = await signEs256(es, userClaims(STUB_ISSUER, { aud: ['other', 'authenticated'] }));
    expect((await authGet('/t/me', token, stubEnv())).status).toBe(200);
  });

  it.each([
    ['a key listed for encryption (use enc)', () => [{ ...es.publicJwk, use: 'enc' }]],
    ['a key listed for another algorithm (alg ES384)', () => [{ ...es.publicJwk, alg: 'ES384' }]],
    ['two keys under the same kid', () => [es.publicJwk, { ...es.publicJwk, x: rsa.publicJwk.n?.slice(0, 43) }]],
    ['a key WebCrypto cannot import (coordinates cut short)', () => [{ ...es.publicJwk, x: 'AAAA' }]],
    ['the RSA key under the EC key’s kid', () => [{ ...rsa.publicJwk, kid: es.kid }]],
  ] as [string, () => JWK[]][])('ES256 token, %s → TOKEN_INVALID', async (_name, keys) => {
    listed = keys();
    const own = ownProject(Math.random().toString(36).slice(2));
    const res = await authGet('/t/me', await signEs256(es, userClaims(own.issuer)), own.env);
    await expectRefused(res, 'TOKEN_INVALID');
  });

  it.each([
    [
      'an ES256 signature one byte short',
      async () => {
        const t = await signEs256(es, userClaims(STUB_ISSUER));
        const [h, p, sig] = t.split('.') as [string, string, string];
        return `${h}.${p}.${b64url(Uint8Array.from(atob(sig.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)).slice(1))}`;
      },
    ],
    ['a payload that is a JSON array', () => rawToken({ alg: 'ES256', kid: 'es-key' }, [1, 2], 'c2ln')],
    [
      'a payload that is not UTF-8',
      () => `${b64url(JSON.stringify({ alg: 'ES256', kid: 'es-key' }))}.${b64url(new Uint8Array([0xff, 0xfe]))}.c2ln`,
    ],
    ['a base64url segment of impossible length', () => `${b64url(JSON.stringify({ alg: 'ES256', kid: 'es-key' }))}.e30.abcde`],
    ['exp as a string', () => signEs256(es, userClaims(STUB_ISSUER, { exp: String(now() + 900) as unknown as number }))],
  ] as [string, () => Promise<string> | string][])('%s → TOKEN_INVALID, never a 500', async (_name, make) => {
    listed = [es.publicJwk];
    await expectRefused(await authGet('/t/me', await make(), stubEnv()), 'TOKEN_INVALID');
  });

  it('a kid the set does not list fetches again at most once per 30 s; a key added later is then found', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T12:00:00Z'));
    listed = [es.publicJwk];
    const { env: projectEnv, issuer, fetched: rotation } = ownProject('rotation');
    const newKey = await makeKey('new-key');
    expect((await authGet('/t/me', await signEs256(es, userClaims(issuer)), projectEnv)).status).toBe(200);
    expect(rotation.length).toBe(1);
    // Twenty tokens naming the new key before it is published: refused, and at most one fetch between them.
    listed = [es.publicJwk, newKey.publicJwk];
    const token = await signEs256(newKey, userClaims(issuer));
    const early = await Promise.all(Array.from({ length: 20 }, () => authGet('/t/me', token, projectEnv)));
    expect(early.map((r) => r.status)).toEqual(Array(20).fill(401));
    expect(rotation.length).toBe(1); // within 30 s of the first fetch: none
    vi.setSystemTime(new Date('2026-12-07T12:00:31Z'));
    const later = await Promise.all(Array.from({ length: 20 }, () => authGet('/t/me', token, projectEnv)));
    expect(later.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(rotation.length).toBe(2); // one fetch, shared by the twenty
  });

  it('a key set older than 10 minutes is fetched again, so a removed key stops working', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T13:00:00Z'));
    listed = [es.publicJwk];
    const { env: projectEnv, issuer, fetched: expiry } = ownProject('expiry');
    const token = await signEs256(es, userClaims(issuer, { exp: Math.floor(Date.now() / 1000) + 3600 }));
    expect((await authGet('/t/me', token, projectEnv)).status).toBe(200);
    listed = [];
    vi.setSystemTime(new Date('2026-12-07T13:09:59Z'));
    expect((await authGet('/t/me', token, projectEnv)).status).toBe(200); // cached
    expect(expiry.length).toBe(1);
    vi.setSystemTime(new Date('2026-12-07T13:10:01Z'));
    await expectRefused(await authGet('/t/me', token, projectEnv), 'TOKEN_INVALID');
    expect(expiry.length).toBe(2);
  });
});

describe('valid tokens', () => {
  it('ES256 signed by the stand-in, through its JWKS', async () => {
    const res = await authGet('/t/me', await projectToken());
    expect(res.status).toBe(200);
    expect((await body(res)).data).toEqual({
      kind: 'user',
      userId: '0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11',
      email: 'ada@example.com',
      sessionId: '5c2a1d3e-1111-4222-8333-944455556666',
    });
  });

  it('a token from a real login is accepted', async () => {
    const { email, data } = await registerUser();
    const res = await authGet('/t/me', (await loginUser(email)).access_token);
    expect(res.status).toBe(200);
    expect((await body(res)).data.userId).toBe(data.user.id);
  });

  it('ES256 expired 10 s ago is within the 30 s clock tolerance', async () => {
    const res = await authGet('/t/me', await projectToken(userClaims(ISSUER, { exp: now() - 10 })));
    expect(res.status).toBe(200);
  });

  it('HS256 with the project’s JWT secret when SUPABASE_JWT_SECRET is configured', async () => {
    const res = await authGet('/t/me', await signHs256(DEMO_JWT_SECRET, userClaims(ISSUER)), hs256Env());
    expect(res.status).toBe(200);
    expect((await body(res)).data.userId).toBe('0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11');
  });

  it('ES256 still works when HS256 is also configured', async () => {
    const res = await authGet('/t/me', await projectToken(), hs256Env());
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
    ['a valid user token', () => signWithProjectKey(userClaims(ISSUER))],
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
    const user = await body(await authGet('/t/either', await signWithProjectKey(userClaims(ISSUER))));
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
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('JWKS unreachable (a closed port) → 503 SERVICE_UNAVAILABLE (not TOKEN_INVALID)', async () => {
    const token = await signEs256(attackerKey, userClaims(`${CLOSED_PORT_URL}/auth/v1`));
    const res = await authGet('/t/me', token, envWith({ SUPABASE_URL: CLOSED_PORT_URL }));
    expect(res.status).toBe(503);
    expect((await body(res)).error.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('JWKS answering HTML → 502 UPSTREAM_ERROR', async () => {
    const broken = 'https://jwks-html.supabase.test';
    stubFetch(() => new Response('<html>oops</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const token = await signEs256(attackerKey, userClaims(`${broken}/auth/v1`));
    const res = await authGet('/t/me', token, envWith({ SUPABASE_URL: broken }));
    expect(res.status).toBe(502);
    expect((await body(res)).error.code).toBe('UPSTREAM_ERROR');
  });
});
