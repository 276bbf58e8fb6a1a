/**
 * GET /organizations and GET /users/:userId/organizations through the worker against the
 * local stack. The end-to-end proof that row-level security decides: A owns team X, B is a
 * member of X, C is a stranger; each asks for A's organizations with their own token and
 * sees exactly what the policies allow, while the service key sees everything — and no
 * user token ever sees what only the service key may.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, loginUser, PASSWORD, registerUser, sql, uniqueEmail } from './support/e2e.ts';

const SERVICE = env.SUPABASE_SECRET_KEY!;
const userOrgs = (userId: string) => `/api/v1/auth/users/${userId}/organizations`;

interface OrgItem {
  id: string;
  name: string;
  is_personal_account: boolean;
  role: string;
  user_id?: string;
  requested_by?: string | null;
}

/** Registers a user (optionally owning a new team organization) and logs them in. */
async function newUser(organizationName?: string) {
  const { email } = await registerUser(organizationName ? { organization_name: organizationName } : {});
  const session = await loginUser(email);
  return { email, id: session.user.id as string, token: session.access_token };
}

const ids = (items: OrgItem[]) => items.map((o) => o.id).sort();

describe('GET /users/:userId/organizations — row-level security decides', () => {
  let a: Awaited<ReturnType<typeof newUser>>;
  let b: Awaited<ReturnType<typeof newUser>>;
  let c: Awaited<ReturnType<typeof newUser>>;
  let teamX: OrgItem;
  let personalA: OrgItem;

  beforeAll(async () => {
    const teamName = `Team X ${crypto.randomUUID().slice(0, 8)}`;
    a = await newUser(teamName);
    const mine = await api<OrgItem[]>('/api/v1/auth/organizations', { token: a.token });
    teamX = mine.body.data.find((o) => o.name === teamName)!;
    personalA = mine.body.data.find((o) => o.is_personal_account)!;
    expect(teamX).toBeDefined();
    expect(personalA).toBeDefined();

    // B joins X through the admin route (app_metadata → trigger → membership).
    const bEmail = uniqueEmail('member-b');
    const created = await api('/api/v1/auth/admin/users', {
      token: SERVICE,
      body: { email: bEmail, password: PASSWORD, organization_id: teamX.id, role: 'member' },
    });
    expect(created.status).toBe(201);
    const bSession = await loginUser(bEmail);
    b = { email: bEmail, id: bSession.user.id, token: bSession.access_token };

    c = await newUser();
  });

  it('A sees all of their own memberships, requested_by = A', async () => {
    const res = await api<OrgItem[]>(userOrgs(a.id), { token: a.token });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Retrieved 2 organizations for user');
    expect(res.body.count).toBe(2);
    expect(ids(res.body.data)).toEqual([personalA.id, teamX.id].sort());
    for (const item of res.body.data) {
      expect(item).toEqual({
        id: item.id,
        name: item.name,
        is_personal_account: item.id === personalA.id,
        role: 'OWNER',
        user_id: a.id,
        requested_by: a.id,
      });
    }
  });

  it("B (member of X) sees A's membership in X, not A's personal organization", async () => {
    const res = await api<OrgItem[]>(userOrgs(a.id), { token: b.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { id: teamX.id, name: teamX.name, is_personal_account: false, role: 'OWNER', user_id: a.id, requested_by: b.id },
    ]);
    expect(res.body.count).toBe(1);
    expect(res.body.message).toBe('Retrieved 1 organizations for user');
  });

  it('C (stranger) sees nothing of A: 200 with an empty list', async () => {
    const res = await api<OrgItem[]>(userOrgs(a.id), { token: c.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'Retrieved 0 organizations for user', data: [], count: 0 });
  });

  it('A sees B only where they share an organization (X), as MEMBER', async () => {
    const res = await api<OrgItem[]>(userOrgs(b.id), { token: a.token });
    expect(res.body.data).toEqual([
      { id: teamX.id, name: teamX.name, is_personal_account: false, role: 'MEMBER', user_id: b.id, requested_by: a.id },
    ]);
  });

  it('the service key sees every membership (requested_by null); user tokens never see more than RLS allows', async () => {
    const service = await api<OrgItem[]>(userOrgs(a.id), { token: SERVICE });
    expect(service.status).toBe(200);
    expect(ids(service.body.data)).toEqual([personalA.id, teamX.id].sort());
    expect(service.body.data.every((o) => o.requested_by === null && o.user_id === a.id)).toBe(true);

    const byB = ids((await api<OrgItem[]>(userOrgs(a.id), { token: b.token })).body.data);
    const byC = ids((await api<OrgItem[]>(userOrgs(a.id), { token: c.token })).body.data);
    const serviceOnly = ids(service.body.data).filter((id) => !byB.includes(id));
    expect(serviceOnly).toEqual([personalA.id]);
    expect(byB.every((id) => ids(service.body.data).includes(id))).toBe(true);
    expect(byC).toEqual([]);

    // Same for B's memberships: the service key sees B's personal organization, A does not.
    const serviceB = ids((await api<OrgItem[]>(userOrgs(b.id), { token: SERVICE })).body.data);
    const aOnB = ids((await api<OrgItem[]>(userOrgs(b.id), { token: a.token })).body.data);
    expect(serviceB).toHaveLength(2);
    expect(aOnB).toEqual([teamX.id]);
  });

  it('an unknown user is 200 with an empty list, never 404 (user token and service key)', async () => {
    const unknown = crypto.randomUUID();
    for (const token of [a.token, SERVICE]) {
      const res = await api(userOrgs(unknown), { token });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
      expect(res.body.count).toBe(0);
    }
  });

  it('userId must be a UUID: 400 VALIDATION_ERROR naming userId', async () => {
    const res = await api(userOrgs('not-a-uuid'), { token: a.token });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_ERROR');
    expect(res.body.error?.details).toEqual([{ path: 'userId', message: 'must be a UUID' }]);
  });

  it('401 AUTH_REQUIRED without a token; 401 TOKEN_INVALID with the anon key or garbage', async () => {
    expect((await api(userOrgs(a.id))).body.error?.code).toBe('AUTH_REQUIRED');
    for (const token of [env.SUPABASE_PUBLISHABLE_KEY!, env.TEST_LEGACY_ANON_KEY!, 'not.a.jwt']) {
      const res = await api(userOrgs(a.id), { token });
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('TOKEN_INVALID');
    }
  });
});

describe('GET /organizations', () => {
  it('lists the caller’s organizations ordered by name then id, roles UPPERCASE, with count and message', async () => {
    const owner = await newUser();
    const d = await newUser('Zeta');
    // Three more organizations owned by someone else, with D as ADMIN (two named alike) and MEMBER.
    const created = await sql<{ id: string; name: string }>(
      `with o as (
         insert into public.organizations (name) values ('Alpha'), ('Alpha'), ('Mid') returning id, name
       ), owners as (
         insert into public.memberships (organization_id, user_id, role) select id, $2, 'owner' from o returning 1
       ), members as (
         insert into public.memberships (organization_id, user_id, role)
         select id, $1, (case when name = 'Mid' then 'member' else 'admin' end)::public.organization_role from o
         returning 1
       )
       select id::text, name from o`,
      [d.id, owner.id],
    );
    const alphas = created
      .filter((o) => o.name === 'Alpha')
      .map((o) => o.id)
      .sort();

    const res = await api<OrgItem[]>('/api/v1/auth/organizations', { token: d.token });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Retrieved 5 organizations');
    expect(res.body.count).toBe(5);
    expect(res.body.data.map((o) => [o.name, o.role])).toEqual([
      ['Alpha', 'ADMIN'],
      ['Alpha', 'ADMIN'],
      ['Mid', 'MEMBER'],
      ['Personal Account', 'OWNER'],
      ['Zeta', 'OWNER'],
    ]);
    expect(res.body.data.slice(0, 2).map((o) => o.id)).toEqual(alphas);
    expect(res.body.data.map((o) => o.is_personal_account)).toEqual([false, false, false, true, false]);
    expect(Object.keys(res.body.data[0]!).sort()).toEqual(['id', 'is_personal_account', 'mfa_required', 'name', 'role']);
  });

  it('a new user has exactly their personal organization', async () => {
    const user = await newUser();
    const res = await api<OrgItem[]>('/api/v1/auth/organizations', { token: user.token });
    expect(res.body).toEqual({
      success: true,
      message: 'Retrieved 1 organizations',
      data: [{ id: expect.any(String), name: 'Personal Account', is_personal_account: true, role: 'OWNER', mfa_required: false }],
      count: 1,
    });
  });

  it('401 AUTH_REQUIRED without a token', async () => {
    const res = await api('/api/v1/auth/organizations');
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('AUTH_REQUIRED');
  });

  it('a logged-out access token is refused at once: 401 TOKEN_INVALID', async () => {
    const user = await newUser();
    expect((await api('/api/v1/auth/organizations', { token: user.token })).status).toBe(200);
    const logout = await api('/api/v1/auth/logout', { token: user.token, body: {} });
    expect(logout.status).toBe(200);
    const res = await api('/api/v1/auth/organizations', { token: user.token });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('TOKEN_INVALID');
  });

  it('the service key is not a user: 401 TOKEN_INVALID on GET /organizations', async () => {
    const res = await api('/api/v1/auth/organizations', { token: SERVICE });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('TOKEN_INVALID');
  });
});
