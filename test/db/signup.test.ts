/**
 * Sign-up: the trigger on auth.users creates profile and organizations in the auth
 * server's transaction (as supabase_auth_admin, which has no rights on public tables), and
 * a failing step leaves nothing behind. Also admin-created users joining an existing
 * organization through app metadata, on insert and on GoTrue's follow-up update.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, errorOf, insertAuthUser, inTransaction, newPool, personalOrgId } from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

async function stateOf(userId: string) {
  const q = async (sql: string) => (await db.query(sql, [userId])).rows;
  return {
    users: await q('select id from auth.users where id = $1'),
    profiles: await q('select id, first_name, last_name, default_organization_id from public.profiles where id = $1'),
    memberships: await q(
      `select o.name, o.is_personal_account, o.plan, o.created_by, m.role
       from public.memberships m join public.organizations o on o.id = m.organization_id
       where m.user_id = $1 order by o.is_personal_account desc, o.name`,
    ),
    organizationsCreated: await q('select id from public.organizations where created_by = $1 or personal_user_id = $1'),
  };
}

/** Inserts a user the way GoTrue does, as supabase_auth_admin, in one transaction. */
async function signUp(userMeta: Record<string, unknown>, appMeta?: Record<string, unknown>, afterInsert?: string) {
  const id = randomUUID();
  const email = `signup-${id}@test.example`;
  try {
    await inTransaction(db, async (c) => {
      await c.query('set local role supabase_auth_admin');
      await insertAuthUser(c, { id, email, userMeta, appMeta: afterInsert ? undefined : appMeta });
      if (afterInsert) await c.query(afterInsert, [id, JSON.stringify(appMeta)]);
    });
    return id;
  } catch (err) {
    throw Object.assign(err as Error, { userId: id });
  }
}

it('the auth server role itself has no rights on public tables (the trigger runs as its owner)', async () => {
  const { rows } = await db.query(
    `select has_table_privilege('supabase_auth_admin', 'public.profiles', 'insert') as p,
            has_table_privilege('supabase_auth_admin', 'public.organizations', 'insert') as o,
            has_table_privilege('supabase_auth_admin', 'public.memberships', 'insert') as m`,
  );
  expect(rows[0]).toEqual({ p: false, o: false, m: false });
});

describe('sign-up', () => {
  it('creates the profile and the personal organization; personal is the default', async () => {
    const id = await signUp({ first_name: ' Ada ', last_name: 'Lovelace' });
    const s = await stateOf(id);
    expect(s.profiles).toEqual([{ id, first_name: 'Ada', last_name: 'Lovelace', default_organization_id: await personalOrgId(db, id) }]);
    expect(s.memberships).toEqual([{ name: 'Personal Account', is_personal_account: true, plan: 'free', created_by: id, role: 'owner' }]);
  });

  it('with organization_name: also a team organization, owned by the user, made the default', async () => {
    const id = await signUp({ first_name: 'Grace', organization_name: '  Hopper Labs  ' });
    const s = await stateOf(id);
    expect(s.memberships).toEqual([
      { name: 'Personal Account', is_personal_account: true, plan: 'free', created_by: id, role: 'owner' },
      { name: 'Hopper Labs', is_personal_account: false, plan: 'free', created_by: id, role: 'owner' },
    ]);
    const { rows } = await db.query(
      `select o.name from public.profiles p join public.organizations o on o.id = p.default_organization_id where p.id = $1`,
      [id],
    );
    expect(rows).toEqual([{ name: 'Hopper Labs' }]);
    expect(s.profiles[0]).toMatchObject({ first_name: 'Grace', last_name: null });
  });

  it('without names: null names (blank counts as none)', async () => {
    const id = await signUp({ first_name: '   ' });
    expect((await stateOf(id)).profiles[0]).toMatchObject({ first_name: null, last_name: null });
  });

  it.each([
    ['organization_name of 300 characters', { organization_name: 'o'.repeat(300) }, '23514'],
    ['organization_name empty after trimming', { organization_name: '  \t ' }, '23514'],
    ['organization_name empty', { organization_name: '' }, '23514'],
    ['first_name of 101 characters', { first_name: 'f'.repeat(101) }, '23514'],
    ['last_name of 101 characters', { last_name: 'l'.repeat(101), organization_name: 'Fine' }, '23514'],
  ])('a failing step (%s) leaves no user, profile, organization or membership', async (_label, meta, code) => {
    const err = (await errorOf(signUp(meta))) as { code?: string; userId?: string };
    expect(err.code).toBe(code);
    const s = await stateOf(err.userId!);
    expect(s).toEqual({ users: [], profiles: [], memberships: [], organizationsCreated: [] });
  });

  it('organization ids in user metadata are ignored (only admins set app metadata)', async () => {
    const owner = await createUser(db);
    const org = await createOrganization(db, [{ user: owner, role: 'owner' }]);
    const id = await signUp({ organization_id: org.id, organization_role: 'owner' });
    expect((await stateOf(id)).memberships).toHaveLength(1);
  });
});

describe('admin-created user joining an existing organization (app metadata)', () => {
  it('on insert: adds the membership with the role and makes it the default', async () => {
    const owner = await createUser(db);
    const org = await createOrganization(db, [{ user: owner, role: 'owner' }]);
    const id = await signUp({ first_name: 'New' }, { organization_id: org.id, organization_role: 'admin' });
    const s = await stateOf(id);
    expect(s.memberships.map((m) => [m.name, m.role])).toEqual([
      ['Personal Account', 'owner'],
      [org.name, 'admin'],
    ]);
    expect(s.profiles[0].default_organization_id).toBe(org.id);
  });

  it('role defaults to member', async () => {
    const owner = await createUser(db);
    const org = await createOrganization(db, [{ user: owner, role: 'owner' }]);
    const id = await signUp({}, { organization_id: org.id });
    expect((await stateOf(id)).memberships.map((m) => m.role)).toEqual(['owner', 'member']);
  });

  it('on the follow-up update GoTrue uses for app_metadata, in the same transaction', async () => {
    const owner = await createUser(db);
    const org = await createOrganization(db, [{ user: owner, role: 'owner' }]);
    const id = await signUp(
      {},
      { organization_id: org.id, organization_role: 'owner' },
      `update auth.users set raw_app_meta_data = raw_app_meta_data || $2::jsonb where id = $1`,
    );
    const s = await stateOf(id);
    expect(s.memberships.map((m) => [m.name, m.role])).toEqual([
      ['Personal Account', 'owner'],
      [org.name, 'owner'],
    ]);
    expect(s.profiles[0].default_organization_id).toBe(org.id);
  });

  it('unknown organization, invalid id or role, or a personal organization: the user is not created', async () => {
    const other = await createUser(db);
    const owner = await createUser(db);
    const org = await createOrganization(db, [{ user: owner, role: 'owner' }]);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ organization_id: randomUUID(), organization_role: 'member' }, '23503', /^Organization .* does not exist$/],
      [{ organization_id: 'not-a-uuid' }, '22023', /organization_id must be a UUID/],
      [{ organization_id: org.id, organization_role: 'boss' }, '22023', /organization_role must be owner, admin or member/],
      [{ organization_id: await personalOrgId(db, other.id) }, '23514', /A personal organization has exactly one member/],
    ];
    for (const [appMeta, code, message] of cases) {
      for (const afterInsert of [undefined, `update auth.users set raw_app_meta_data = raw_app_meta_data || $2::jsonb where id = $1`]) {
        const err = (await errorOf(signUp({ organization_name: 'Would be created' }, appMeta, afterInsert))) as {
          code?: string;
          message: string;
          userId?: string;
        };
        expect(err.code).toBe(code);
        expect(err.message).toMatch(message);
        expect(await stateOf(err.userId!)).toEqual({ users: [], profiles: [], memberships: [], organizationsCreated: [] });
      }
    }
  });

  it("an admin update of an existing user's app metadata adds them to the organization", async () => {
    const [owner, u] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [{ user: owner, role: 'owner' }]);
    await db.query(
      `update auth.users set raw_app_meta_data = raw_app_meta_data || jsonb_build_object('organization_id', $2::text, 'organization_role', 'member') where id = $1`,
      [u.id, org.id],
    );
    expect((await stateOf(u.id)).memberships.map((m) => [m.name, m.role])).toContainEqual([org.name, 'member']);
  });
});

describe('user metadata changes', () => {
  it('first_name / last_name updates are copied to the profile', async () => {
    const u = await createUser(db, { userMeta: { first_name: 'Old', last_name: 'Name' } });
    await db.query(`update auth.users set raw_user_meta_data = raw_user_meta_data || '{"first_name": "New"}' where id = $1`, [u.id]);
    expect((await stateOf(u.id)).profiles[0]).toMatchObject({ first_name: 'New', last_name: 'Name' });
    const err = await errorOf(
      db.query(
        `update auth.users set raw_user_meta_data = raw_user_meta_data || jsonb_build_object('last_name', repeat('x', 101)) where id = $1`,
        [u.id],
      ),
    );
    expect(err.code).toBe('23514');
  });
});
