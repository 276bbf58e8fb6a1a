/**
 * Who sees what: four users of one organization's roles plus outsiders, against every table
 * and function, as authenticated (with a live session), as anon and as service_role.
 *
 *   Org A: owner (owner), admin (admin), member (member)
 *   Org B: outsider (owner), member (member)  -- member belongs to both
 *   stranger: only their personal organization
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANON_CLAIMS,
  asRole,
  createOrganization,
  createUser,
  errorOf,
  newPool,
  personalOrgId,
  queryAs,
  SERVICE_CLAIMS,
  type TestUser,
  userClaims,
} from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

type Role = 'owner' | 'admin' | 'member';
interface Membership {
  org: string;
  user: string;
  role: Role;
}

let users: Record<'owner' | 'admin' | 'member' | 'outsider' | 'stranger', TestUser>;
let orgA: { id: string; name: string };
let orgB: { id: string; name: string };
const personal = new Map<string, string>(); // user id -> personal org id
const orgNames = new Map<string, string>(); // org id -> name
let model: Membership[] = [];

beforeAll(async () => {
  const names = ['owner', 'admin', 'member', 'outsider', 'stranger'] as const;
  const created = await Promise.all(names.map((n) => createUser(db, { userMeta: { first_name: n, last_name: 'Test' } })));
  users = Object.fromEntries(names.map((n, i) => [n, created[i]!])) as typeof users;
  orgA = await createOrganization(db, [
    { user: users.owner, role: 'owner' },
    { user: users.admin, role: 'admin' },
    { user: users.member, role: 'member' },
  ]);
  orgB = await createOrganization(db, [
    { user: users.outsider, role: 'owner' },
    { user: users.member, role: 'member' },
  ]);
  orgNames.set(orgA.id, orgA.name);
  orgNames.set(orgB.id, orgB.name);
  for (const u of Object.values(users)) {
    const p = await personalOrgId(db, u.id);
    personal.set(u.id, p);
    orgNames.set(p, 'Personal Account');
    model.push({ org: p, user: u.id, role: 'owner' });
  }
  model = model.concat([
    { org: orgA.id, user: users.owner.id, role: 'owner' },
    { org: orgA.id, user: users.admin.id, role: 'admin' },
    { org: orgA.id, user: users.member.id, role: 'member' },
    { org: orgB.id, user: users.outsider.id, role: 'owner' },
    { org: orgB.id, user: users.member.id, role: 'member' },
  ]);
});

const everyone = () => Object.entries(users) as [string, TestUser][];
const orgsOf = (userId: string) => model.filter((m) => m.user === userId).map((m) => m.org);
const sortOrgs = <T extends { id: string; name: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const key = (m: { org?: string; organization_id?: string; user?: string; user_id?: string }) =>
  `${m.org ?? m.organization_id}/${m.user ?? m.user_id}`;

describe('as authenticated', () => {
  it('profiles: each user sees exactly their own profile', async () => {
    for (const [name, u] of everyone()) {
      const rows = await queryAs(db, 'authenticated', userClaims(u), 'select id, first_name, last_name from public.profiles');
      expect(rows, name).toEqual([{ id: u.id, first_name: name, last_name: 'Test' }]);
    }
  });

  it('organizations: each user sees exactly the organizations they belong to', async () => {
    for (const [name, u] of everyone()) {
      const rows = await queryAs<{ id: string }>(db, 'authenticated', userClaims(u), 'select id from public.organizations');
      expect(rows.map((r) => r.id).sort(), name).toEqual(orgsOf(u.id).sort());
    }
  });

  it('memberships: each user sees every membership of their organizations, and no other', async () => {
    for (const [name, u] of everyone()) {
      const rows = await queryAs<{ organization_id: string; user_id: string; role: string }>(
        db,
        'authenticated',
        userClaims(u),
        'select organization_id, user_id, role from public.memberships',
      );
      const mine = new Set(orgsOf(u.id));
      const expected = model.filter((m) => mine.has(m.org));
      expect(rows.map(key).sort(), name).toEqual(expected.map(key).sort());
      // Their own memberships are all among them.
      for (const m of model.filter((x) => x.user === u.id)) expect(rows.map(key)).toContain(key(m));
    }
  });

  it('get_my_context: own identity, names, default organization and role', async () => {
    for (const [name, u] of everyone()) {
      const [row] = await queryAs<{ c: Record<string, unknown> }>(
        db,
        'authenticated',
        userClaims(u),
        'select public.get_my_context() as c',
      );
      expect(row!.c, name).toEqual({
        id: u.id,
        email: u.email,
        first_name: name,
        last_name: 'Test',
        email_verified: true,
        aal: 'aal1',
        mfa_enabled: false,
        created_at: expect.any(String),
        role: 'owner',
        organization: { id: personal.get(u.id), name: 'Personal Account', plan: 'free' },
      });
    }
  });

  it('get_my_context: role and plan come from the default organization', async () => {
    await db.query('update public.profiles set default_organization_id = $1 where id = $2', [orgA.id, users.admin.id]);
    await db.query(`update public.organizations set plan = 'pro' where id = $1`, [orgA.id]);
    try {
      const [row] = await queryAs<{ c: Record<string, unknown> }>(
        db,
        'authenticated',
        userClaims(users.admin),
        'select public.get_my_context() as c',
      );
      expect(row!.c).toMatchObject({ role: 'admin', organization: { id: orgA.id, name: orgA.name, plan: 'pro' } });
    } finally {
      await db.query('update public.profiles set default_organization_id = $1 where id = $2', [
        personal.get(users.admin.id),
        users.admin.id,
      ]);
      await db.query(`update public.organizations set plan = 'free' where id = $1`, [orgA.id]);
    }
  });

  it('list_my_organizations: own organizations with lowercase role, ordered by name then id', async () => {
    for (const [name, u] of everyone()) {
      const rows = await queryAs(db, 'authenticated', userClaims(u), 'select * from public.list_my_organizations()');
      const expected = sortOrgs(
        model
          .filter((m) => m.user === u.id)
          .map((m) => ({
            id: m.org,
            name: orgNames.get(m.org)!,
            is_personal_account: m.org === personal.get(u.id),
            role: m.role,
            mfa_required: false,
          })),
      );
      expect(rows, name).toEqual(expected);
    }
  });

  it('list_user_organizations: for every caller x target, exactly the memberships RLS allows', async () => {
    for (const [callerName, caller] of everyone()) {
      const callerOrgs = new Set(orgsOf(caller.id));
      for (const [targetName, target] of everyone()) {
        const rows = await queryAs(db, 'authenticated', userClaims(caller), 'select * from public.list_user_organizations($1)', [
          target.id,
        ]);
        const expected = sortOrgs(
          model
            .filter((m) => m.user === target.id && (caller.id === target.id || callerOrgs.has(m.org)))
            .map((m) => ({
              id: m.org,
              name: orgNames.get(m.org)!,
              is_personal_account: m.org === personal.get(target.id),
              role: m.role,
              user_id: target.id,
            })),
        );
        expect(rows, `${callerName} -> ${targetName}`).toEqual(expected);
      }
    }
    // Spot checks of the rule in words.
    const seen = await queryAs<{ id: string }>(
      db,
      'authenticated',
      userClaims(users.outsider),
      'select id from public.list_user_organizations($1)',
      [users.member.id],
    );
    expect(seen.map((r) => r.id)).toEqual([orgB.id]); // not org A, not member's personal organization
    const none = await queryAs(db, 'authenticated', userClaims(users.stranger), 'select * from public.list_user_organizations($1)', [
      users.owner.id,
    ]);
    expect(none).toEqual([]);
  });

  it('list_user_organizations of an unknown user is empty', async () => {
    const rows = await queryAs(
      db,
      'authenticated',
      userClaims(users.owner),
      'select * from public.list_user_organizations(gen_random_uuid())',
    );
    expect(rows).toEqual([]);
  });

  it('cannot write organizations, memberships, invitations or the audit log, nor other columns/rows of profiles', async () => {
    const c = userClaims(users.owner);
    const denied = [
      [`insert into public.organizations (name) values ('x')`, []],
      [`update public.organizations set plan = 'pro' where id = $1`, [orgA.id]],
      [`delete from public.organizations where id = $1`, [orgA.id]],
      [`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'owner')`, [orgB.id, users.owner.id]],
      [`update public.memberships set role = 'owner' where organization_id = $1`, [orgA.id]],
      [`delete from public.memberships where organization_id = $1`, [orgA.id]],
      [`update public.profiles set default_organization_id = null where id = $1`, [users.owner.id]],
      [`insert into public.profiles (id) values (gen_random_uuid())`, []],
      [`delete from public.profiles where id = $1`, [users.owner.id]],
      [
        `insert into public.invitations (organization_id, email, expires_at) values ($1, 'x@test.example', now() + interval '1 day')`,
        [orgA.id],
      ],
      [`update public.invitations set status = 'accepted' where organization_id = $1`, [orgA.id]],
      [`insert into public.organization_audit_log (organization_id, action) values ($1, 'member.added')`, [orgA.id]],
      [`delete from public.organization_audit_log where organization_id = $1`, [orgA.id]],
      [`update public.organizations set slug = 'taken-over' where id = $1`, [orgA.id]],
    ] as const;
    for (const [sql, params] of denied) {
      const err = await errorOf(queryAs(db, 'authenticated', c, sql, [...params]));
      expect(err.code, sql).toBe('42501');
    }
  });

  it('may update their own names, and only their own', async () => {
    const updated = await asRole(db, 'authenticated', userClaims(users.member), async (c) => {
      const own = await c.query(`update public.profiles set first_name = 'Renamed' where id = $1`, [users.member.id]);
      const other = await c.query(`update public.profiles set first_name = 'Hacked' where id = $1`, [users.owner.id]);
      const { rows } = await c.query('select first_name from public.profiles');
      return { own: own.rowCount, other: other.rowCount, rows };
    });
    expect(updated).toEqual({ own: 1, other: 0, rows: [{ first_name: 'Renamed' }] });
    const [p] = (await db.query('select first_name from public.profiles where id = $1', [users.owner.id])).rows;
    expect(p.first_name).toBe('owner');
  });

  it('may not call the service-only functions', async () => {
    for (const sql of [
      'select * from public.admin_get_organization($1)',
      `select public.admin_set_membership($1, '${users.owner.id}', 'member')`,
      'select * from public.admin_list_user_organizations($1)',
    ]) {
      const err = await errorOf(queryAs(db, 'authenticated', userClaims(users.owner), sql, [orgB.id]));
      expect(err.code).toBe('42501');
      expect(err.message).toMatch(/permission denied for function/);
    }
  });
});

describe('as anon', () => {
  it('every table: permission denied', async () => {
    for (const t of ['profiles', 'organizations', 'memberships', 'invitations', 'organization_audit_log']) {
      const err = await errorOf(queryAs(db, 'anon', ANON_CLAIMS, `select * from public.${t}`));
      expect(err.code).toBe('42501');
      expect(err.message).toBe(`permission denied for table ${t}`);
    }
  });

  it('every function: permission denied', async () => {
    const calls = [
      'select public.get_my_context()',
      'select * from public.list_my_organizations()',
      `select * from public.list_user_organizations('${users.owner.id}')`,
      `select * from public.admin_get_organization('${orgA.id}')`,
      `select * from public.admin_list_user_organizations('${users.owner.id}')`,
      `select public.admin_set_membership('${orgA.id}', '${users.stranger.id}', 'member')`,
      `select public.get_organization('${orgA.id}')`,
      `select public.create_organization('Anonymous')`,
      `select public.create_invitation('${orgA.id}', 'x@test.example', 'member')`,
      'select * from public.list_my_invitations()',
      `select public.accept_invitation(gen_random_uuid())`,
      `select public.set_active_organization('${orgA.id}')`,
      `select public.custom_access_token_hook('{}')`,
    ];
    for (const sql of calls) {
      const err = await errorOf(queryAs(db, 'anon', ANON_CLAIMS, sql));
      expect(err.code, sql).toBe('42501');
      expect(err.message, sql).toMatch(/^permission denied for function /);
    }
  });

  it('the private schema: permission denied', async () => {
    const err = await errorOf(queryAs(db, 'anon', ANON_CLAIMS, 'select * from private.current_user_organization_ids()'));
    expect(err.code).toBe('42501');
    expect(err.message).toBe('permission denied for schema private');
  });

  it('even with a user id in the claims, anon sees nothing', async () => {
    const err = await errorOf(queryAs(db, 'anon', { ...ANON_CLAIMS, sub: users.owner.id }, 'select * from public.organizations'));
    expect(err.code).toBe('42501');
  });
});

describe('as service_role', () => {
  const ours = () => Object.values(users).map((u) => u.id);

  it('reads invitations and the audit log (admin integrations), and may not write the audit log', async () => {
    expect(await queryAs(db, 'service_role', SERVICE_CLAIMS, 'select count(*)::int as n from public.invitations where false')).toEqual([
      { n: 0 },
    ]);
    expect(
      await queryAs(db, 'service_role', SERVICE_CLAIMS, 'select count(*)::int as n from public.organization_audit_log where false'),
    ).toEqual([{ n: 0 }]);
    const err = await errorOf(
      queryAs(db, 'service_role', SERVICE_CLAIMS, `delete from public.organization_audit_log where organization_id = $1`, [orgA.id]),
    );
    expect(err.code).toBe('42501');
  });

  it('sees every profile, organization and membership', async () => {
    const ids = ours();
    const profiles = await queryAs<{ id: string }>(
      db,
      'service_role',
      SERVICE_CLAIMS,
      'select id from public.profiles where id = any($1)',
      [ids],
    );
    expect(profiles.map((r) => r.id).sort()).toEqual([...ids].sort());
    const orgIds = [...new Set(model.map((m) => m.org))];
    const orgs = await queryAs<{ id: string }>(
      db,
      'service_role',
      SERVICE_CLAIMS,
      'select id from public.organizations where id = any($1)',
      [orgIds],
    );
    expect(orgs.map((r) => r.id).sort()).toEqual([...orgIds].sort());
    const ms = await queryAs<{ organization_id: string; user_id: string }>(
      db,
      'service_role',
      SERVICE_CLAIMS,
      'select organization_id, user_id from public.memberships where user_id = any($1)',
      [ids],
    );
    expect(ms.map(key).sort()).toEqual(model.map(key).sort());
  });

  it("admin_list_user_organizations returns all of a user's memberships", async () => {
    for (const [name, target] of everyone()) {
      const rows = await queryAs<{ id: string; role: string; user_id: string }>(
        db,
        'service_role',
        SERVICE_CLAIMS,
        'select * from public.admin_list_user_organizations($1)',
        [target.id],
      );
      expect(rows.map((r) => r.id).sort(), name).toEqual(orgsOf(target.id).sort());
      expect(rows.every((r) => r.user_id === target.id)).toBe(true);
    }
  });

  it('may not call the user functions (they check a user session, which it has none of)', async () => {
    for (const sql of [
      'select public.get_my_context()',
      'select * from public.list_my_organizations()',
      'select * from public.list_user_organizations(gen_random_uuid())',
      `select public.get_organization('${orgA.id}')`,
      `select public.list_organization_members('${orgA.id}')`,
      `select public.create_organization('Service')`,
      `select public.delete_organization('${orgA.id}')`,
      'select * from public.list_my_invitations()',
      `select public.set_active_organization('${orgA.id}')`,
      `select public.custom_access_token_hook('{}')`,
    ]) {
      expect((await errorOf(queryAs(db, 'service_role', SERVICE_CLAIMS, sql))).code, sql).toBe('42501');
    }
  });

  it('the admin functions the worker calls', async () => {
    const [org] = await queryAs(db, 'service_role', SERVICE_CLAIMS, 'select * from public.admin_get_organization($1)', [
      personal.get(users.stranger.id),
    ]);
    expect(org).toEqual({ id: personal.get(users.stranger.id), name: 'Personal Account', is_personal_account: true });
    expect(await queryAs(db, 'service_role', SERVICE_CLAIMS, 'select * from public.admin_get_organization(gen_random_uuid())')).toEqual([]);
    const profiles = await queryAs(
      db,
      'service_role',
      SERVICE_CLAIMS,
      'select * from public.admin_user_profiles($1::jsonb) order by first_name',
      [JSON.stringify([users.owner.id, users.admin.id, crypto.randomUUID()])],
    );
    expect(profiles).toEqual([
      { id: users.admin.id, first_name: 'admin', last_name: 'Test' },
      { id: users.owner.id, first_name: 'owner', last_name: 'Test' },
    ]);
    expect(await queryAs(db, 'service_role', SERVICE_CLAIMS, `select * from public.admin_user_profiles('{"not": "an array"}')`)).toEqual(
      [],
    );
    expect(await queryAs(db, 'service_role', SERVICE_CLAIMS, `select public.password_reset_token_pending('no-such-hash') as p`)).toEqual([
      { p: false },
    ]);
    // Revoking sessions is rolled back here (queryAs never commits): the count, and null for nobody.
    expect(
      await queryAs(db, 'service_role', SERVICE_CLAIMS, 'select public.admin_revoke_user_sessions($1) as n', [users.stranger.id]),
    ).toEqual([{ n: 1 }]);
    expect(await queryAs(db, 'service_role', SERVICE_CLAIMS, 'select public.admin_revoke_user_sessions(gen_random_uuid()) as n')).toEqual([
      { n: null },
    ]);
  });

  it('admin functions: permission denied for authenticated and anon', async () => {
    const calls = [
      `select * from public.admin_get_organization('${orgA.id}')`,
      `select * from public.admin_user_profiles('["${users.owner.id}"]')`,
      `select public.admin_revoke_user_sessions('${users.owner.id}')`,
      `select public.password_reset_token_pending('x')`,
    ];
    for (const sql of calls) {
      for (const [role, claims] of [
        ['authenticated', userClaims(users.owner)],
        ['anon', ANON_CLAIMS],
      ] as const) {
        const err = await errorOf(queryAs(db, role, claims, sql));
        expect(err.code, `${role}: ${sql}`).toBe('42501');
      }
    }
    // The owner's session is untouched.
    expect(
      await queryAs(db, 'authenticated', userClaims(users.owner), 'select count(*)::int as n from public.list_my_organizations()'),
    ).toEqual([{ n: 2 }]);
  });
});
