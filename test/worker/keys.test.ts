/**
 * The worker configured the three ways a project can be set up in late 2026 — the new API
 * keys, the secret key alone, the legacy JWT keys — each through the same end-to-end flows
 * against the stand-in. Upstream requests are recorded on their way out (a pass-through
 * spy) to check that keys travel only in `apikey` and the user's token in `Authorization`.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, PASSWORD, uniqueEmail } from './support/e2e.ts';
import { recordUpstream } from './support/harness.ts';

const SECRET = env.SUPABASE_SECRET_KEY!;
const PUBLISHABLE = env.SUPABASE_PUBLISHABLE_KEY!;
const LEGACY_ANON = env.TEST_LEGACY_ANON_KEY!;
const LEGACY_SERVICE = env.TEST_LEGACY_SERVICE_ROLE_KEY!;

afterEach(() => {
  vi.restoreAllMocks();
});

const unset = {
  SUPABASE_PUBLISHABLE_KEY: undefined,
  SUPABASE_SECRET_KEY: undefined,
  SUPABASE_ANON_KEY: undefined,
  SUPABASE_SERVICE_ROLE_KEY: undefined,
};
const setups = [
  {
    name: 'the new API keys',
    vars: { ...unset, SUPABASE_PUBLISHABLE_KEY: PUBLISHABLE, SUPABASE_SECRET_KEY: SECRET },
    service: SECRET,
    userApikey: PUBLISHABLE,
    signInApikey: SECRET,
  },
  {
    name: 'the secret key alone',
    vars: { ...unset, SUPABASE_SECRET_KEY: SECRET },
    service: SECRET,
    userApikey: SECRET,
    signInApikey: SECRET,
  },
  {
    name: 'the legacy JWT keys',
    vars: { ...unset, SUPABASE_ANON_KEY: LEGACY_ANON, SUPABASE_SERVICE_ROLE_KEY: LEGACY_SERVICE },
    service: LEGACY_SERVICE,
    userApikey: LEGACY_ANON,
    signInApikey: LEGACY_ANON,
  },
];

describe.each(setups)('configured with $name', ({ vars, service, userApikey, signInApikey }) => {
  const configured = { ...env, ...vars } as Cloudflare.Env;
  const call = (path: string, options: Parameters<typeof api>[1] = {}) => api(path, { ...options, env: configured });

  it('register → login → me → organizations → refresh → logout, and the token is refused afterwards', async () => {
    const sent = recordUpstream();
    const email = uniqueEmail('keys');
    const registered = await call('/api/v1/auth/register', {
      body: { email, password: PASSWORD, first_name: 'Kay', organization_name: 'Keyed Ltd' },
    });
    expect(registered.status).toBe(201);
    const login = await call('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(200);
    const { access_token, refresh_token } = login.body.data;
    const me = await call('/api/v1/auth/me', { token: access_token });
    expect(me.body.data).toMatchObject({ email, first_name: 'Kay', role: 'owner', organization: { name: 'Keyed Ltd' } });
    const orgs = await call('/api/v1/auth/organizations', { token: access_token });
    expect(orgs.body.data.map((o: { name: string }) => o.name)).toEqual(['Keyed Ltd', 'Personal Account']);
    const refreshed = await call('/api/v1/auth/refresh', { body: { refresh_token } });
    expect(refreshed.status).toBe(200);
    const next = refreshed.body.data.access_token as string;
    expect((await call('/api/v1/auth/logout', { token: next, body: {} })).status).toBe(200);
    expect((await call('/api/v1/auth/me', { token: next })).status).toBe(401);

    // Keys only ever in apikey; the user's own token is what Authorization carries.
    for (const request of sent) expect(request.headers.get('Authorization') ?? '', request.url).not.toMatch(/^Bearer sb_/);
    const tokenCalls = sent.filter((r) => r.url.includes('/auth/v1/token'));
    expect(tokenCalls.length).toBe(2);
    for (const r of tokenCalls) expect(r.headers.get('apikey')).toBe(signInApikey);
    const rpcs = sent.filter((r) => r.url.includes('/rest/v1/rpc/get_my_context') || r.url.includes('/rest/v1/rpc/list_my_organizations'));
    expect(rpcs.length).toBeGreaterThanOrEqual(3);
    for (const r of rpcs) {
      expect(r.headers.get('apikey')).toBe(userApikey);
      expect(r.headers.get('Authorization')).toMatch(/^Bearer eyJ/);
      expect(r.headers.get('Authorization')).not.toBe(`Bearer ${userApikey}`);
    }
  });

  it('admin routes with the service credential: create, get, list, user organizations, revoke', async () => {
    const sent = recordUpstream();
    const email = uniqueEmail('keys-admin');
    const created = await call('/api/v1/auth/admin/users', { token: service, body: { email, password: PASSWORD } });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await call(`/api/v1/auth/admin/users/${id}`, { token: service })).body.data.email).toBe(email);
    expect((await call('/api/v1/auth/admin/users?per_page=5', { token: service })).status).toBe(200);
    const orgs = await call(`/api/v1/auth/users/${id}/organizations`, { token: service });
    expect(orgs.body.data).toMatchObject([{ name: 'Personal Account', role: 'OWNER', requested_by: null }]);
    expect((await call(`/api/v1/auth/admin/users/${id}/sessions`, { method: 'DELETE', token: service })).status).toBe(200);
    for (const request of sent) {
      expect(request.headers.get('Authorization') ?? '', request.url).not.toMatch(/^Bearer sb_/);
      expect(request.headers.get('apikey'), request.url).toBe(vars.SUPABASE_SECRET_KEY ?? LEGACY_SERVICE);
    }
  });

  it('a key that is not configured is no service credential', async () => {
    const others = [SECRET, LEGACY_SERVICE].filter((key) => key !== service);
    for (const key of [...others, PUBLISHABLE, LEGACY_ANON]) {
      const res = await call('/api/v1/auth/admin/users', { token: key });
      expect(res.status).toBe(403);
    }
  });
});

/**
 * The worker as `npm run dev` configures it (vitest.config.mts binds the lines the CLI writes
 * to .dev.vars): every service key the status block prints works on the admin routes, and
 * the keys meant for browsers do not.
 */
describe('configured as npm run dev configures it', () => {
  it('has both service keys the status block prints', () => {
    expect(env.SUPABASE_SECRET_KEY).toBe(SECRET);
    expect(env.SUPABASE_SERVICE_ROLE_KEY).toBe(LEGACY_SERVICE);
  });

  it.each([
    ['the secret key', SECRET],
    ['the legacy service_role JWT', LEGACY_SERVICE],
  ])('accepts %s on the admin routes and on a user’s organizations', async (_name, key) => {
    expect((await api('/api/v1/auth/admin/users?per_page=1', { token: key })).status).toBe(200);
    const created = await api('/api/v1/auth/admin/users', { token: key, body: { email: uniqueEmail('dev-keys'), password: PASSWORD } });
    expect(created.status).toBe(201);
    const organizations = await api(`/api/v1/auth/users/${created.body.data.id}/organizations`, { token: key });
    expect(organizations.status).toBe(200);
    expect(organizations.body.count).toBe(1); // the personal organization every user gets
  });

  it.each([
    ['the publishable key', PUBLISHABLE],
    ['the legacy anon JWT', LEGACY_ANON],
    ['a service_role JWT of the right shape but another signature', `${LEGACY_SERVICE.slice(0, -4)}AAAA`],
  ])('refuses %s there', async (_name, key) => {
    const res = await api('/api/v1/auth/admin/users', { token: key });
    expect([401, 403]).toContain(res.status);
    expect(res.body.success).toBe(false);
  });
});
