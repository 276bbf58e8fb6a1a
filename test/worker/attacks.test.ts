/**
 * The security guarantees of the API contract ("Security guarantees", "Input rules"),
 * tried the way an attacker would, through the real worker and the local stand-in. Where a
 * guarantee is about what reaches Supabase, the test counts the upstream requests the
 * worker actually sent (a pass-through spy on `fetch`: every call still goes to the
 * stand-in), not only the final state.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { lockoutFor } from '../../src/auth/lockout.ts';
import { contractGroups } from '../../src/routes/contracts.ts';
import type { RouteContract } from '../../src/routes/registry.ts';
import { api, envWith, loginUser, PASSWORD, registerUser, resetLinkFor, signWithProjectKey, sql, uniqueEmail } from './support/e2e.ts';
import { recordUpstream } from './support/harness.ts';

const SERVICE = env.SUPABASE_SECRET_KEY!;
const LOGIN = '/api/v1/auth/login';

/** The upstream requests of the worker while the spy is on (support/harness.ts), by kind. */
function watchUpstream() {
  const calls = recordUpstream();
  return {
    get urls() {
      return calls.map((c) => c.url);
    },
    passwordChecks: () => calls.filter((c) => c.url.includes('/auth/v1/token') && c.url.includes('grant_type=password')).length,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every login goes through an app built in this isolate, so the spy sees its upstream calls. */
const worker = envWith({});
const login = (email: string, password: string) => api(LOGIN, { body: { email, password }, env: worker });
const failures = async (email: string) => (await lockoutFor(env.LOGIN_LOCKOUT, email).check()).failures;

describe('the lockout gates attempts', () => {
  it('a burst of 20 parallel guesses after 4 failures reaches Supabase at most once; the right password in it is refused', async () => {
    const { email } = await registerUser();
    for (let i = 0; i < 4; i++) expect((await login(email, `wrong-${i}`)).status).toBe(401);
    const upstream = watchUpstream();
    const burst = await Promise.all([...Array.from({ length: 19 }, (_, i) => login(email, `guess-${i}`)), login(email, PASSWORD)]);
    expect(upstream.passwordChecks()).toBeLessThanOrEqual(1);
    const right = burst[19]!;
    expect(right.status).not.toBe(200);
    expect(burst.filter((r) => r.status === 200)).toEqual([]);
    expect(burst.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(19);
    for (const r of burst.filter((r) => r.status === 429)) expect(r.headers.get('Retry-After')).toMatch(/^\d+$/);
    // Locked now (the guess that went through failed): the right password stays refused.
    const after = await login(email, PASSWORD);
    expect(after.status).toBe(429);
    expect(after.body.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('20 parallel guesses from a clean state: exactly LOCKOUT_MAX_ATTEMPTS (5) reach Supabase, the rest are refused', async () => {
    const { email } = await registerUser();
    const upstream = watchUpstream();
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => login(email, `guess-${i}`)));
    expect(upstream.passwordChecks()).toBe(5);
    expect(burst.filter((r) => r.status === 401).length).toBe(5);
    expect(burst.filter((r) => r.status === 429).length).toBe(15);
    expect((await lockoutFor(env.LOGIN_LOCKOUT, email).check()).locked).toBe(true);
  });

  it('unknown emails are gated the same way (the lock is per address, not per account)', async () => {
    const email = uniqueEmail('ghost');
    const upstream = watchUpstream();
    const burst = await Promise.all(Array.from({ length: 12 }, () => login(email, 'whatever-it-is')));
    expect(upstream.passwordChecks()).toBe(5);
    expect(burst.filter((r) => r.status === 429).length).toBe(7);
  });

  it('a success racing a locking failure never leaves the account unlocked', async () => {
    for (let round = 0; round < 4; round++) {
      const { email } = await registerUser();
      for (let i = 0; i < 4; i++) await login(email, `wrong-${i}`);
      const [good, bad] = await Promise.all([login(email, PASSWORD), login(email, 'the-locking-guess')]);
      if (bad.status === 401) {
        // The failure locked the account: the success, if it ran at all, must not undo that.
        expect(good.status).toBe(429);
        expect((await login(email, PASSWORD)).status).toBe(429);
      } else {
        // The success went first and the guess was refused without being checked.
        expect(good.status).toBe(200);
        expect(bad.status).toBe(429);
      }
    }
  });

  it('in the object: a success clears only failures counted before it began, and never a lock', async () => {
    const policy = { maxAttempts: 5, windowSeconds: 900, durationSeconds: 900 };
    const stub = lockoutFor(env.LOGIN_LOCKOUT, uniqueEmail('object'));
    const success = await stub.reserve(policy, 10_000);
    const guesses = await Promise.all([1, 2, 3, 4].map(() => stub.reserve(policy, 10_000)));
    expect([success, ...guesses].every((r) => r.allowed)).toBe(true);
    expect((await stub.reserve(policy, 10_000)).allowed).toBe(false); // 5 in flight
    for (const g of guesses) if (g.allowed) await stub.settle(g.ticket, 'failure', policy);
    if (success.allowed) expect((await stub.settle(success.ticket, 'success', policy)).failures).toBe(4);

    // A lock set while a success was in flight stays.
    const locking = { ...policy, maxAttempts: 1 };
    const other = lockoutFor(env.LOGIN_LOCKOUT, uniqueEmail('object'));
    const s = await other.reserve(policy, 10_000);
    const f = await other.reserve(policy, 10_000);
    if (!s.allowed || !f.allowed) throw new Error('expected both reservations');
    expect((await other.settle(f.ticket, 'failure', locking)).locked).toBe(true);
    expect((await other.settle(s.ticket, 'success', policy)).locked).toBe(true);
  });

  it('an attempt that is never settled counts as a failure once its time is up', async () => {
    const policy = { maxAttempts: 2, windowSeconds: 900, durationSeconds: 900 };
    const stub = lockoutFor(env.LOGIN_LOCKOUT, uniqueEmail('lost'));
    expect((await stub.reserve(policy, 50)).allowed).toBe(true);
    expect((await stub.reserve(policy, 50)).allowed).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    const next = await stub.reserve(policy, 50);
    expect(next.allowed).toBe(false);
    expect((await stub.check()).locked).toBe(true);
  });

  it('a completed password reset lifts the lock', async () => {
    const { email } = await registerUser();
    for (let i = 0; i < 5; i++) await login(email, `wrong-${i}`);
    expect((await login(email, PASSWORD)).status).toBe(429);
    expect((await api('/api/v1/auth/password/forgot', { body: { email } })).status).toBe(200);
    const { token } = await resetLinkFor(email);
    const reset = await api('/api/v1/auth/password/reset', {
      body: { token, password: 'a-new-passphrase-42', password_confirmation: 'a-new-passphrase-42' },
    });
    expect(reset.status).toBe(200);
    expect((await login(email, 'a-new-passphrase-42')).status).toBe(200);
  });
});

describe('one answer for every failed login', () => {
  const INVALID = {
    success: false,
    message: 'Invalid email or password',
    error: { code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' },
  };

  it('a banned account answers INVALID_CREDENTIALS for a wrong and for the right password, and both count', async () => {
    const { email, data } = await registerUser();
    const ban = await api(`/api/v1/auth/admin/users/${data.user.id}`, { method: 'PATCH', token: SERVICE, body: { ban_duration: '1h' } });
    expect(ban.status).toBe(200);
    for (const password of ['a-wrong-one', PASSWORD]) {
      const res = await login(email, password);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(INVALID);
    }
    expect(await failures(email)).toBe(2);
  });

  it('a password over 72 bytes is refused without asking Supabase, and counts', async () => {
    const password = `${'p4ss-'.repeat(14)}xy`; // 72 bytes
    expect(new TextEncoder().encode(password).byteLength).toBe(72);
    const { email } = await registerUser({ password });
    const upstream = watchUpstream();
    const res = await login(email, `${password}-and-a-suffix`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
    expect(upstream.passwordChecks()).toBe(0);
    expect(await failures(email)).toBe(1);
    expect((await login(email, password)).status).toBe(200);
  });

  it('no failed login answers before the floor (LOGIN_FAILURE_FLOOR_MS), known email or not', async () => {
    const floored = envWith({ LOGIN_FAILURE_FLOOR_MS: '400' });
    const { email } = await registerUser();
    for (const address of [email, uniqueEmail('nobody')]) {
      const started = Date.now();
      const res = await api(LOGIN, { body: { email: address, password: 'not-it-at-all' }, env: floored });
      expect(res.status).toBe(401);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('only user tokens on user routes', () => {
  let victim: Awaited<ReturnType<typeof registerUser>>;
  let attacker: Awaited<ReturnType<typeof registerUser>>;
  let attackerSession: Record<string, unknown>;

  beforeAll(async () => {
    victim = await registerUser({ organization_name: 'Victim Inc' });
    attacker = await registerUser();
    const { access_token } = await loginUser(attacker.email);
    attackerSession = JSON.parse(atob(access_token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  });

  /** What a refused token may reach upstream besides the key set: nothing, or the database's session check. */
  type Reach = 'nothing' | 'session check';
  const odd: [string, () => Record<string, unknown>, Reach][] = [
    ['role service_role', () => ({ ...attackerSession, role: 'service_role' }), 'nothing'],
    ['role anon', () => ({ ...attackerSession, role: 'anon' }), 'nothing'],
    ['role supabase_admin', () => ({ ...attackerSession, role: 'supabase_admin' }), 'nothing'],
    ['role service_role, unknown sub', () => ({ ...attackerSession, role: 'service_role', sub: crypto.randomUUID() }), 'nothing'],
    ['no iss', () => ({ ...attackerSession, iss: undefined }), 'nothing'],
    ['a foreign iss', () => ({ ...attackerSession, iss: 'https://evil.example.com/auth/v1' }), 'nothing'],
    ['no session_id', () => ({ ...attackerSession, session_id: undefined }), 'nothing'],
    // Passes the local checks; refused by the database's session check before any row is read.
    ['another session_id', () => ({ ...attackerSession, session_id: crypto.randomUUID() }), 'session check'],
  ];
  const userRoutes = () => ['/api/v1/auth/me', '/api/v1/auth/organizations', `/api/v1/auth/users/${victim.data.user.id}/organizations`];
  /** The upstream requests other than the key set's. */
  const beyondKeySet = (urls: string[]) => urls.filter((u) => !u.endsWith('/.well-known/jwks.json'));

  it.each(odd)('a correctly signed token with %s: 401 TOKEN_INVALID on every user route, no row read', async (_name, claims, reach) => {
    const token = await signWithProjectKey(claims());
    const upstream = watchUpstream();
    for (const path of userRoutes()) {
      const res = await api(path, { token, env: worker });
      expect(res.status, path).toBe(401);
      expect(res.body.error.code, path).toBe('TOKEN_INVALID');
      expect(res.headers.get('WWW-Authenticate'), path).toBe('Bearer realm="api", error="invalid_token"');
    }
    const sent = beyondKeySet(upstream.urls);
    if (reach === 'nothing') {
      // The token never leaves the worker.
      expect(sent).toEqual([]);
    } else {
      // One database call per route (the session check runs first in each), and nothing else.
      expect(sent).toHaveLength(userRoutes().length);
      for (const url of sent) expect(url).toMatch(/\/rest\/v1\/rpc\//);
    }
  });

  it('control: the attacker’s own claims, signed the same way, pass, and their database calls are seen', async () => {
    const token = await signWithProjectKey(attackerSession);
    const upstream = watchUpstream();
    for (const path of ['/api/v1/auth/me', '/api/v1/auth/organizations']) {
      expect((await api(path, { token, env: worker })).status, path).toBe(200);
    }
    // So the spy above is not blind: an empty list there means nothing was sent.
    const sent = beyondKeySet(upstream.urls);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const url of sent) expect(url).toMatch(/\/rest\/v1\/rpc\//);
  });

  it('a token of a user who was deleted is 401, never 500', async () => {
    const doomed = await registerUser();
    const { access_token } = await loginUser(doomed.email);
    expect((await api(`/api/v1/auth/admin/users/${doomed.data.user.id}`, { method: 'DELETE', token: SERVICE })).status).toBe(200);
    for (const path of ['/api/v1/auth/me', '/api/v1/auth/organizations', `/api/v1/auth/users/${doomed.data.user.id}/organizations`]) {
      const res = await api(path, { token: access_token });
      expect(res.status, path).toBe(401);
      expect(res.body.error.code, path).toBe('TOKEN_INVALID');
    }
  });

  it('a user whose auth.users.role was set to service_role gets tokens the worker refuses', async () => {
    const promoted = await registerUser();
    const before = await loginUser(promoted.email);
    await sql(`update auth.users set role = 'service_role' where id = $1`, [promoted.data.user.id]);
    // The stand-in, like GoTrue, signs the user's role into the token; such a token is no
    // user's: neither a login nor a refresh hands one out.
    const res = await api(LOGIN, { body: { email: promoted.email, password: PASSWORD } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.data).toBeUndefined();
    const refreshed = await api('/api/v1/auth/refresh', { body: { refresh_token: before.refresh_token } });
    expect(refreshed.status).toBe(403);
    expect(refreshed.body.data).toBeUndefined();
  });
});

/** Contracts of every group, with their group. */
const contracts: RouteContract[] = Object.values(contractGroups).flatMap((group) => Object.values(group));

/** Body fields of a contract whose schema is a string (optional or not). */
function stringFields(contract: RouteContract): string[] {
  const shape = (contract.body as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  if (!shape) return [];
  const isString = (schema: any): boolean => {
    const def = schema?._zod?.def;
    if (!def) return false;
    if (def.type === 'optional' || def.type === 'nullable') return isString(def.innerType);
    if (def.type === 'pipe') return isString(def.in);
    return def.type === 'string';
  };
  return Object.entries(shape)
    .filter(([, schema]) => isString(schema))
    .map(([name]) => name);
}

describe('hostile input in every string field of every route', () => {
  let userToken: string;
  beforeAll(async () => {
    const { email } = await registerUser();
    userToken = (await loginUser(email)).access_token;
  });
  const credential = (c: RouteContract) => (c.auth === 'service' ? SERVICE : c.auth === 'none' ? undefined : userToken);
  const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11');

  const table = contracts.flatMap((contract) =>
    stringFields(contract).flatMap((field) =>
      [
        ['NUL', '\u0000'],
        ['U+0001', '\u0001'],
        ['U+0085', '\u0085'],
      ].map(([what, char]) => ({ route: `${contract.method.toUpperCase()} ${contract.path}`, contract, field, what: what!, char: char! })),
    ),
  );

  it('covers every route with a body', () => {
    const routes = new Set(table.map((row) => row.route));
    for (const route of [
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/signup',
      'POST /api/v1/auth/register',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/auth/password/forgot',
      'POST /api/v1/auth/password/reset',
      'POST /api/v1/auth/admin/users',
      'PATCH /api/v1/auth/admin/users/:userId',
    ]) {
      expect(routes.has(route), route).toBe(true);
    }
  });

  it.each(table)('$route $field with $what → 400, nothing sent upstream', async ({ contract, field, char }) => {
    const upstream = watchUpstream();
    const value = field.includes('email') ? `ada${char}@example.com` : `abc${char}defghijk`;
    const token = credential(contract);
    const res = await api(concrete(contract.path), {
      method: contract.method.toUpperCase(),
      body: { [field]: value },
      env: worker,
      ...(token ? { token } : {}),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.body.error.details).toContainEqual({ path: field, message: 'must not contain control characters' });
    expect(upstream.urls.filter((u) => !u.includes('jwks'))).toEqual([]);
  });

  it('a control character in a path parameter or the query string is 400 too', async () => {
    const users = await api('/api/v1/auth/users/%00/organizations', { token: userToken });
    expect(users.status).toBe(400);
    const page = await api('/api/v1/auth/admin/users?page=1%00', { token: SERVICE });
    expect(page.status).toBe(400);
  });

  it('names refuse line separators (U+2028) as well', async () => {
    const res = await api('/api/v1/auth/register', { body: { email: uniqueEmail(), password: PASSWORD, first_name: 'Ada\u2028Admin' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'first_name', message: 'must not contain line breaks' });
  });
});

describe('common passwords are refused wherever a password is set', () => {
  const COMMON = ['password123', '12345678', 'qwertyuiop', 'Password123', 'iloveyou1'];

  it.each(COMMON)('signup and register refuse %j with WEAK_PASSWORD, without asking Supabase', async (password) => {
    const upstream = watchUpstream();
    for (const path of ['/api/v1/auth/signup', '/api/v1/auth/register']) {
      const res = await api(path, { body: { email: uniqueEmail(), password }, env: worker });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('WEAK_PASSWORD');
      expect(res.body.error.details, path).toContainEqual({
        path: 'password',
        message: 'is one of the 10,000 most common passwords; choose another',
      });
    }
    expect(upstream.urls).toEqual([]);
  });

  it('password reset, admin create and admin update refuse one too', async () => {
    const reset = await api('/api/v1/auth/password/reset', {
      body: { token: 'whatever', password: 'password123', password_confirmation: 'password123' },
    });
    expect(reset.body.error.code).toBe('WEAK_PASSWORD');
    const create = await api('/api/v1/auth/admin/users', { token: SERVICE, body: { email: uniqueEmail(), password: 'qwertyuiop' } });
    expect(create.body.error.code).toBe('WEAK_PASSWORD');
    const { data } = await registerUser();
    const update = await api(`/api/v1/auth/admin/users/${data.user.id}`, {
      method: 'PATCH',
      token: SERVICE,
      body: { password: '12345678' },
    });
    expect(update.body.error.code).toBe('WEAK_PASSWORD');
  });

  it('an uncommon password of the same shape is accepted', async () => {
    const res = await api('/api/v1/auth/register', { body: { email: uniqueEmail(), password: 'password123-but-mine' } });
    expect(res.status).toBe(201);
  });
});

describe('bearer challenges (RFC 6750)', () => {
  const bearerRoutes = contracts.filter((c) => c.auth !== 'none');
  const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11');

  it.each(bearerRoutes.map((c) => ({ route: `${c.method.toUpperCase()} ${c.path}`, c })))(
    '$route: 401 without a token carries WWW-Authenticate',
    async ({ c }) => {
      const res = await api(concrete(c.path), {
        method: c.method.toUpperCase(),
        ...(c.method === 'get' || c.method === 'delete' ? {} : { body: {} }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="api"');
    },
  );

  it.each(bearerRoutes.filter((c) => c.auth !== 'service').map((c) => ({ route: `${c.method.toUpperCase()} ${c.path}`, c })))(
    '$route: 401 for a refused token carries error="invalid_token"',
    async ({ c }) => {
      const res = await api(concrete(c.path), {
        method: c.method.toUpperCase(),
        token: 'not.a.token',
        ...(c.method === 'get' ? {} : { body: {} }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="api", error="invalid_token"');
    },
  );

  it('a 401 from the database session check (after logout) carries it too', async () => {
    const { email } = await registerUser();
    const { access_token } = await loginUser(email);
    expect((await api('/api/v1/auth/logout', { token: access_token, body: {} })).status).toBe(200);
    const res = await api('/api/v1/auth/me', { token: access_token });
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="api", error="invalid_token"');
  });
});
