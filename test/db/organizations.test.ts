/**
 * Running organizations through the RPCs, each call with the caller's own claims: create
 * (slug given or generated, unique), read, rename, delete (memberships and invitations go
 * with it, active organizations fall back to personal), the member list (role then email,
 * paged, with a total), role changes, removal, transfer of ownership, and the active
 * organization that /me and /login report.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  commitAs,
  createOrganization,
  createUser,
  errorOf,
  newPool,
  personalOrgId,
  queryAs,
  type TestUser,
  userClaims,
} from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

interface Organization {
  id: string;
  name: string;
  slug: string | null;
  plan: string;
  is_personal_account: boolean;
  role: string;
  member_count: number;
  created_at: string;
}

async function create(u: TestUser, name: string, slug: string | null = null): Promise<Organization> {
  const [row] = await commitAs<{ o: Organization }>(db, u, 'select public.create_organization($1, $2) as o', [name, slug]);
  return row!.o;
}

async function context(u: TestUser) {
  const [row] = await queryAs<{ c: { role: string; organization: { id: string; name: string; plan: string } | null } }>(
    db,
    'authenticated',
    userClaims(u),
    'select public.get_my_context() as c',
  );
  return row!.c;
}

const tag = () => randomUUID().slice(0, 8);

describe('create, read, update', () => {
  it('creates a team organization with the caller as OWNER and answers the organization', async () => {
    const u = await createUser(db);
    const slug = `team-${tag()}`;
    const org = await create(u, '  Team Rocket  ', slug);
    expect(org).toEqual({
      id: expect.any(String),
      name: 'Team Rocket',
      slug,
      plan: 'free',
      is_personal_account: false,
      require_mfa: false,
      role: 'owner',
      member_count: 1,
      created_at: expect.any(String),
    });
    const [got] = await queryAs<{ o: Organization }>(db, 'authenticated', userClaims(u), 'select public.get_organization($1) as o', [
      org.id,
    ]);
    expect(got!.o).toEqual(org);
    const { rows } = await db.query('select created_by, personal_user_id from public.organizations where id = $1', [org.id]);
    expect(rows[0]).toEqual({ created_by: u.id, personal_user_id: null });
    // Creating does not change the active organization.
    expect((await context(u)).organization?.id).toBe(await personalOrgId(db, u.id));
  });

  it('generates a slug from the name, with a suffix when taken; 409 CONFLICT for a taken slug', async () => {
    const u = await createUser(db);
    const name = `Ünïcode & Co ${tag()}`;
    const first = await create(u, name);
    expect(first.slug).toMatch(/^n-code-co-[0-9a-f]{8}$/);
    const second = await create(u, name);
    expect(second.slug).toMatch(new RegExp(`^${first.slug}-[0-9a-f]{6}$`));
    const short = await create(u, '!');
    expect(short.slug).toMatch(/^org(-[0-9a-f]{6})?$/);
    const long = await create(u, `${'x'.repeat(60)}${tag()}`);
    expect(long.slug!.length).toBeLessThanOrEqual(48);

    for (const [sql, params] of [
      ['select public.create_organization($1, $2)', ['Another', first.slug]],
      ['select public.update_organization($1, null, $2)', [second.id, first.slug]],
    ] as const) {
      const err = await errorOf(commitAs(db, u, sql, [...params]));
      expect({ code: err.code, detail: err.detail, message: err.message }, sql).toEqual({
        code: 'PT409',
        detail: 'CONFLICT',
        message: 'This slug is already taken',
      });
    }
  });

  it('team organizations made by sign-up or by admins get a slug too; personal ones never', async () => {
    const u = await createUser(db, { userMeta: { organization_name: `Registered ${tag()}` } });
    const { rows } = await db.query(
      `select o.is_personal_account, o.slug from public.memberships m join public.organizations o on o.id = m.organization_id
       where m.user_id = $1 order by o.is_personal_account`,
      [u.id],
    );
    expect(rows).toEqual([
      { is_personal_account: false, slug: expect.stringMatching(/^registered-[0-9a-f]{8}$/) },
      { is_personal_account: true, slug: null },
    ]);
    const err = await errorOf(db.query(`update public.organizations set slug = 'mine-now' where personal_user_id = $1`, [u.id]));
    expect(err.code).toBe('23514');
  });

  it('OWNERs and ADMINs rename and change the slug; the answer is the organization; no change, no audit row', async () => {
    const [o, a] = await Promise.all([createUser(db), createUser(db)]);
    const org = await create(o, 'Before');
    await db.query(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'admin')`, [org.id, a.id]);
    const slug = `after-${tag()}`;
    const [row] = await commitAs<{ o: Organization }>(db, a, 'select public.update_organization($1, $2, $3) as o', [
      org.id,
      ' After ',
      slug,
    ]);
    expect(row!.o).toMatchObject({ id: org.id, name: 'After', slug, role: 'admin', member_count: 2 });
    await commitAs(db, o, 'select public.update_organization($1, $2)', [org.id, 'After']);
    await commitAs(db, o, 'select public.update_organization($1)', [org.id]);
    const { rows } = await db.query(`select action, details from public.organization_audit_log where organization_id = $1 order by id`, [
      org.id,
    ]);
    expect(rows).toEqual([
      { action: 'organization.created', details: { name: 'Before', slug: org.slug } },
      { action: 'organization.updated', details: { name: { from: 'Before', to: 'After' }, slug: { from: org.slug, to: slug } } },
    ]);
  });
});

describe('delete', () => {
  it('memberships and invitations go with it; whoever had it active falls back to the personal organization', async () => {
    const [o, m] = await Promise.all([createUser(db), createUser(db)]);
    const org = await create(o, 'Doomed');
    await db.query(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'member')`, [org.id, m.id]);
    await commitAs(db, o, `select public.create_invitation($1, 'pending@test.example', 'member')`, [org.id]);
    for (const u of [o, m]) await commitAs(db, u, 'select public.set_active_organization($1)', [org.id]);
    expect(await context(m)).toMatchObject({ role: 'member', organization: { id: org.id, name: 'Doomed' } });

    await commitAs(db, o, 'select public.delete_organization($1)', [org.id]);

    const count = async (sql: string) => (await db.query(sql, [org.id])).rows[0].n;
    expect(await count('select count(*)::int as n from public.organizations where id = $1')).toBe(0);
    expect(await count('select count(*)::int as n from public.memberships where organization_id = $1')).toBe(0);
    expect(await count('select count(*)::int as n from public.invitations where organization_id = $1')).toBe(0);
    for (const u of [o, m]) {
      expect(await context(u)).toMatchObject({
        role: 'owner',
        organization: { id: await personalOrgId(db, u.id), name: 'Personal Account' },
      });
    }
    const err = await errorOf(queryAs(db, 'authenticated', userClaims(o), 'select public.get_organization($1)', [org.id]));
    expect([err.code, err.detail]).toEqual(['PT404', 'NOT_FOUND']);
  });
});

describe('members', () => {
  it('lists members ordered by role then email, paged, with emails, names, joined_at and the total', async () => {
    const people = await Promise.all(
      ['Zed', 'Amy', 'Bob', 'Cat', 'Dan'].map((first) => createUser(db, { userMeta: { first_name: first, last_name: 'L' } })),
    );
    const [zed, amy, bob, cat, dan] = people as [TestUser, TestUser, TestUser, TestUser, TestUser];
    const org = await createOrganization(db, [
      { user: zed, role: 'owner' },
      { user: amy, role: 'member' },
      { user: bob, role: 'admin' },
      { user: cat, role: 'member' },
      { user: dan, role: 'owner' },
    ]);
    const expected = [
      ...[zed, dan].sort((x, y) => (x.email < y.email ? -1 : 1)).map((u) => ({ u, role: 'owner' })),
      { u: bob, role: 'admin' },
      ...[amy, cat].sort((x, y) => (x.email < y.email ? -1 : 1)).map((u) => ({ u, role: 'member' })),
    ];
    const firstNames = new Map(people.map((u, i) => [u.id, ['Zed', 'Amy', 'Bob', 'Cat', 'Dan'][i]]));
    const [all] = await queryAs<{ r: { members: Record<string, unknown>[]; total: number } }>(
      db,
      'authenticated',
      userClaims(amy),
      'select public.list_organization_members($1) as r',
      [org.id],
    );
    expect(all!.r.total).toBe(5);
    expect(all!.r.members).toEqual(
      expected.map(({ u, role }) => ({
        user_id: u.id,
        email: u.email,
        first_name: firstNames.get(u.id),
        last_name: 'L',
        role,
        joined_at: expect.any(String),
      })),
    );
    const [page] = await queryAs<{ r: { members: { user_id: string }[]; total: number } }>(
      db,
      'authenticated',
      userClaims(amy),
      'select public.list_organization_members($1, 2, 2) as r',
      [org.id],
    );
    expect(page!.r).toEqual({
      members: [expect.objectContaining({ user_id: expected[2]!.u.id }), expect.objectContaining({ user_id: expected[3]!.u.id })],
      total: 5,
    });
    const [past] = await queryAs<{ r: unknown }>(
      db,
      'authenticated',
      userClaims(amy),
      'select public.list_organization_members($1, 10, 50) as r',
      [org.id],
    );
    expect(past!.r).toEqual({ members: [], total: 5 });
  });

  it('role change answers the member; remove; transfer makes the member OWNER and the caller ADMIN, atomically', async () => {
    const [o, a, m] = await Promise.all([createUser(db, { userMeta: { first_name: 'O' } }), createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: o, role: 'owner' },
      { user: a, role: 'admin' },
      { user: m, role: 'member' },
    ]);
    const [changed] = await commitAs<{ m: Record<string, unknown> }>(db, a, `select public.change_member_role($1, $2, 'ADMIN') as m`, [
      org.id,
      m.id,
    ]);
    expect(changed!.m).toEqual({
      user_id: m.id,
      email: m.email,
      first_name: null,
      last_name: null,
      role: 'admin',
      joined_at: expect.any(String),
    });

    const [t] = await commitAs<{ o: Organization }>(db, o, 'select public.transfer_ownership($1, $2) as o', [org.id, m.id]);
    expect(t!.o).toMatchObject({ id: org.id, role: 'admin' });
    const roles = await db.query('select user_id, role from public.memberships where organization_id = $1', [org.id]);
    expect(Object.fromEntries(roles.rows.map((r) => [r.user_id, r.role]))).toEqual({ [o.id]: 'admin', [a.id]: 'admin', [m.id]: 'owner' });

    // The new OWNER removes an ADMIN; the former owner (now ADMIN) may not remove the OWNER.
    await commitAs(db, m, 'select public.remove_member($1, $2)', [org.id, a.id]);
    const err = await errorOf(commitAs(db, o, 'select public.remove_member($1, $2)', [org.id, m.id]));
    expect([err.code, err.detail]).toEqual(['PT403', 'FORBIDDEN']);
    const { rows } = await db.query('select count(*)::int as n from public.memberships where organization_id = $1', [org.id]);
    expect(rows[0].n).toBe(2);
  });
});

describe('the active organization (get_my_context, /me and /login)', () => {
  it('initially the team organization of /register, else the personal one', async () => {
    const registered = await createUser(db, { userMeta: { organization_name: `Reg ${tag()}` } });
    const plain = await createUser(db);
    const team = (await db.query('select id from public.organizations where created_by = $1 and not is_personal_account', [registered.id]))
      .rows[0];
    expect(await context(registered)).toMatchObject({ role: 'owner', organization: { id: team.id, plan: 'free' } });
    expect(await context(plain)).toMatchObject({
      role: 'owner',
      organization: { id: await personalOrgId(db, plain.id), name: 'Personal Account' },
    });
  });

  it('set_active_organization makes it active (the answer is the /me data); only for a member (404)', async () => {
    const [o, u] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(
      db,
      [
        { user: o, role: 'owner' },
        { user: u, role: 'member' },
      ],
      { plan: 'enterprise' },
    );
    const [row] = await commitAs<{ c: Record<string, unknown> }>(db, u, 'select public.set_active_organization($1) as c', [org.id]);
    expect(row!.c).toMatchObject({
      id: u.id,
      email: u.email,
      role: 'member',
      organization: { id: org.id, name: org.name, plan: 'enterprise' },
    });
    expect(await context(u)).toEqual(row!.c);
    // A role change shows at once.
    await commitAs(db, o, `select public.change_member_role($1, $2, 'admin')`, [org.id, u.id]);
    expect((await context(u)).role).toBe('admin');
    // Back to the personal organization.
    await commitAs(db, u, 'select public.set_active_organization($1)', [await personalOrgId(db, u.id)]);
    expect((await context(u)).organization?.id).toBe(await personalOrgId(db, u.id));

    const other = await createOrganization(db, [{ user: o, role: 'owner' }]);
    for (const id of [other.id, randomUUID()]) {
      const err = await errorOf(commitAs(db, u, 'select public.set_active_organization($1)', [id]));
      expect([err.code, err.detail]).toEqual(['PT404', 'NOT_FOUND']);
    }
    // Not audited: a preference of the user, not a change of the organization.
    const { rows } = await db.query('select count(*)::int as n from public.organization_audit_log where organization_id = $1', [org.id]);
    expect(rows[0].n).toBe(1); // the role change
  });

  it('leaving or being removed from the active organization falls back to the personal one', async () => {
    const [o, a, b] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: o, role: 'owner' },
      { user: a, role: 'member' },
      { user: b, role: 'member' },
    ]);
    for (const u of [a, b]) await commitAs(db, u, 'select public.set_active_organization($1)', [org.id]);
    await commitAs(db, a, 'select public.leave_organization($1)', [org.id]);
    await commitAs(db, o, 'select public.remove_member($1, $2)', [org.id, b.id]);
    for (const u of [a, b]) {
      expect(await context(u)).toMatchObject({ role: 'owner', organization: { id: await personalOrgId(db, u.id) } });
    }
  });
});
