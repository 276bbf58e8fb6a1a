/**
 * The second factor in the database (supabase/migrations/20261207000001_second_factor_in_the_database.sql),
 * through the functions and tables as PostgREST runs them, with the caller's claims:
 * - a user with a verified factor (GoTrue's auth.mfa_factors) and an aal1 token is refused
 *   by every user function but get_my_context, and row-level security shows them no more
 *   than their own rows; the same user at aal2, and a user without a verified factor, are not;
 * - an organization with require_mfa refuses members below aal2 on every function of it,
 *   before the role check, while outsiders still get NOT_FOUND and the organization stays listed.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asRole,
  commitAs,
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

async function addFactor(user: TestUser, status: 'verified' | 'unverified'): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
     values ($1, $2, $3, 'totp', $4, now(), now(), 'JBSWY3DPEHPK3PXP')`,
    [id, user.id, `phone ${id.slice(0, 4)}`, status],
  );
  return id;
}

const as = (u: TestUser, aal: 'aal1' | 'aal2') => userClaims(u, { aal });

/** Runs `sql` as the user at `aal`; resolves to the rows, or rejects with the database error. */
function callAs<R extends pg.QueryResultRow = Record<string, unknown>>(
  u: TestUser,
  aal: 'aal1' | 'aal2',
  sql: string,
  params: unknown[] = [],
) {
  return queryAs<R>(db, 'authenticated', as(u, aal), sql, params);
}

const mfaRequired = { code: 'PT403', detail: 'MFA_REQUIRED' };

describe('a user with a verified second factor', () => {
  let user: TestUser;
  let colleague: TestUser;
  let org: { id: string };

  beforeAll(async () => {
    user = await createUser(db);
    colleague = await createUser(db);
    org = await createOrganization(db, [
      { user, role: 'owner' },
      { user: colleague, role: 'member' },
    ]);
    await addFactor(user, 'verified');
  });

  // Every user function of the API but get_my_context, with arguments that would succeed at aal2.
  const calls: [string, (o: { id: string }) => [string, unknown[]]][] = [
    ['list_my_organizations', () => ['select * from public.list_my_organizations()', []]],
    ['list_my_sessions', () => ['select * from public.list_my_sessions()', []]],
    ['list_my_invitations', () => ['select public.list_my_invitations()', []]],
    ['get_organization', (o) => ['select public.get_organization($1)', [o.id]]],
    ['list_organization_members', (o) => ['select public.list_organization_members($1)', [o.id]]],
    ['list_organization_invitations', (o) => ['select public.list_organization_invitations($1)', [o.id]]],
    ['list_organization_audit', (o) => ['select public.list_organization_audit($1)', [o.id]]],
    ['set_active_organization', (o) => ['select public.set_active_organization($1)', [o.id]]],
    ['create_organization', () => ['select public.create_organization($1)', [`Second ${randomUUID().slice(0, 6)}`]]],
  ];

  it.each(calls)('is refused %s with an aal1 token (PT403 MFA_REQUIRED)', async (_name, call) => {
    const [sql, params] = call(org);
    expect(await errorOf(callAs(user, 'aal1', sql, params))).toMatchObject(mfaRequired);
  });

  it.each(calls)('may call %s with an aal2 token', async (_name, call) => {
    const [sql, params] = call(org);
    await expect(callAs(user, 'aal2', sql, params)).resolves.toBeDefined();
  });

  it('reads their own context at aal1, which says the level and that a factor exists', async () => {
    const [aal1] = await callAs<{ c: Record<string, unknown> }>(user, 'aal1', 'select public.get_my_context() as c');
    expect(aal1!.c).toMatchObject({ id: user.id, aal: 'aal1', mfa_enabled: true });
    const [aal2] = await callAs<{ c: Record<string, unknown> }>(user, 'aal2', 'select public.get_my_context() as c');
    expect(aal2!.c).toMatchObject({ aal: 'aal2', mfa_enabled: true });
  });

  it('sees only their own memberships at aal1 (the colleague too at aal2), and may not rename themselves', async () => {
    const members = (aal: 'aal1' | 'aal2') =>
      callAs<{ user_id: string }>(user, aal, 'select user_id from public.memberships where organization_id = $1 order by user_id', [
        org.id,
      ]);
    expect((await members('aal1')).map((r) => r.user_id)).toEqual([user.id]);
    expect((await members('aal2')).map((r) => r.user_id).sort()).toEqual([user.id, colleague.id].sort());
    const rename = (aal: 'aal1' | 'aal2') =>
      asRole(
        db,
        'authenticated',
        as(user, aal),
        async (c) => (await c.query(`update public.profiles set first_name = 'X' where id = $1`, [user.id])).rowCount,
      );
    expect(await rename('aal1')).toBe(0);
    expect(await rename('aal2')).toBe(1);
  });

  it('an unverified factor alone changes nothing (control): aal1 is enough', async () => {
    const fresh = await createUser(db);
    await addFactor(fresh, 'unverified');
    await expect(callAs(fresh, 'aal1', 'select * from public.list_my_organizations()')).resolves.toHaveLength(1);
    const [row] = await callAs<{ c: Record<string, unknown> }>(fresh, 'aal1', 'select public.get_my_context() as c');
    expect(row!.c).toMatchObject({ aal: 'aal1', mfa_enabled: false });
  });

  it('the colleague without a factor is not affected at aal1 (control)', async () => {
    const rows = await callAs<{ user_id: string }>(colleague, 'aal1', 'select user_id from public.memberships where organization_id = $1', [
      org.id,
    ]);
    expect(rows).toHaveLength(2);
  });

  it('admin functions ignore the level (service role)', async () => {
    const rows = await queryAs(db, 'service_role', SERVICE_CLAIMS, 'select * from public.admin_list_user_organizations($1)', [user.id]);
    expect(rows.length).toBe(2);
  });
});

describe('an organization that requires a second factor', () => {
  let owner: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let org: { id: string };

  beforeAll(async () => {
    [owner, member, stranger] = [await createUser(db), await createUser(db), await createUser(db)];
    org = await createOrganization(db, [
      { user: owner, role: 'owner' },
      { user: member, role: 'member' },
    ]);
    await db.query('update public.organizations set require_mfa = true where id = $1', [org.id]);
  });

  it('refuses its members below aal2, with or without a factor, before the role check', async () => {
    expect(await errorOf(callAs(member, 'aal1', 'select public.get_organization($1)', [org.id]))).toMatchObject(mfaRequired);
    // A member may not change roles (FORBIDDEN at aal2), but below aal2 the answer is MFA_REQUIRED.
    const change = (aal: 'aal1' | 'aal2') =>
      callAs(member, aal, 'select public.change_member_role($1, $2, $3)', [org.id, owner.id, 'member']);
    expect(await errorOf(change('aal1'))).toMatchObject(mfaRequired);
    expect(await errorOf(change('aal2'))).toMatchObject({ code: 'PT403', detail: 'FORBIDDEN' });
    expect(await errorOf(callAs(owner, 'aal1', 'select public.list_organization_members($1)', [org.id]))).toMatchObject(mfaRequired);
    await expect(callAs(owner, 'aal2', 'select public.list_organization_members($1)', [org.id])).resolves.toHaveLength(1);
  });

  it('answers outsiders NOT_FOUND as before', async () => {
    expect(await errorOf(callAs(stranger, 'aal1', 'select public.get_organization($1)', [org.id]))).toMatchObject({
      code: 'PT404',
      detail: 'NOT_FOUND',
    });
  });

  it('stays listed, but its memberships are hidden below aal2 (own membership excepted)', async () => {
    const listed = await callAs<{ id: string }>(member, 'aal1', 'select id from public.list_my_organizations()');
    expect(listed.map((r) => r.id)).toContain(org.id);
    const visible = (aal: 'aal1' | 'aal2') =>
      callAs<{ user_id: string }>(member, aal, 'select user_id from public.memberships where organization_id = $1', [org.id]);
    expect((await visible('aal1')).map((r) => r.user_id)).toEqual([member.id]);
    expect(await visible('aal2')).toHaveLength(2);
  });

  it('may not become the active organization below aal2', async () => {
    expect(await errorOf(callAs(member, 'aal1', 'select public.set_active_organization($1)', [org.id]))).toMatchObject(mfaRequired);
    await expect(callAs(member, 'aal2', 'select public.set_active_organization($1)', [org.id])).resolves.toBeDefined();
  });

  it('an invitation to it is accepted only at aal2; declining needs no factor', async () => {
    const invite = async (email: string) => {
      const [row] = await commitAs<{ i: { id: string } }>(db, owner, 'select public.create_invitation($1, $2) as i', [org.id, email], {
        aal: 'aal2',
      });
      return row!.i.id;
    };
    await db.query('update auth.users set email_confirmed_at = now() where id = $1', [stranger.id]);
    const first = await invite(stranger.email);
    expect(await errorOf(callAs(stranger, 'aal1', 'select public.accept_invitation($1)', [first]))).toMatchObject(mfaRequired);
    await expect(callAs(stranger, 'aal1', 'select public.decline_invitation($1)', [first])).resolves.toBeDefined();
    await expect(callAs(stranger, 'aal2', 'select public.accept_invitation($1)', [first])).resolves.toBeDefined();
  });

  it('an organization without the setting is unaffected (control)', async () => {
    const personal = await personalOrgId(db, member.id);
    await expect(callAs(member, 'aal1', 'select public.get_organization($1)', [personal])).resolves.toHaveLength(1);
  });
});

describe('the setting and the claim', () => {
  it('only an OWNER with an aal2 token changes require_mfa (audited); an ADMIN may not; a personal organization may not', async () => {
    const [owner, admin] = [await createUser(db), await createUser(db)];
    const org = await createOrganization(db, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
    ]);
    const set = (u: TestUser, aal: 'aal1' | 'aal2', on: boolean, orgId = org.id) =>
      callAs<{ o: Record<string, unknown> }>(u, aal, 'select public.update_organization($1, p_require_mfa => $2) as o', [orgId, on]);
    expect(await errorOf(set(owner, 'aal1', true))).toMatchObject(mfaRequired);
    expect(await errorOf(set(admin, 'aal2', true))).toMatchObject({ code: 'PT403', detail: 'FORBIDDEN' });
    const personal = await personalOrgId(db, owner.id);
    expect(await errorOf(set(owner, 'aal2', true, personal))).toMatchObject({ code: 'PT403', detail: 'FORBIDDEN' });
    const [row] = await commitAs<{ o: Record<string, unknown> }>(
      db,
      owner,
      'select public.update_organization($1, p_require_mfa => true) as o',
      [org.id],
      { aal: 'aal2' },
    );
    expect(row!.o).toMatchObject({ id: org.id, require_mfa: true });
    const { rows } = await db.query('select action, details from public.organization_audit_log where organization_id = $1', [org.id]);
    expect(rows).toContainEqual({ action: 'organization.updated', details: { require_mfa: { from: false, to: true } } });
    // A rename by the admin still works at aal2 (the requirement now applies to them too).
    await expect(callAs(admin, 'aal2', "select public.update_organization($1, 'Renamed')", [org.id])).resolves.toHaveLength(1);
    expect(await errorOf(callAs(admin, 'aal1', "select public.update_organization($1, 'Renamed')", [org.id]))).toMatchObject(mfaRequired);
  });

  it('the access token hook says whether a verified factor exists', async () => {
    const u = await createUser(db);
    const hook = async () => {
      // As the superuser: organizations.hook.test.ts checks the hook's privileges.
      const { rows } = await db.query('select public.custom_access_token_hook($1::jsonb) as out', [
        JSON.stringify({ user_id: u.id, claims: userClaims(u), authentication_method: 'password' }),
      ]);
      return rows[0].out.claims.mfa_enabled;
    };
    expect(await hook()).toBe(false);
    await addFactor(u, 'unverified');
    expect(await hook()).toBe(false);
    await addFactor(u, 'verified');
    expect(await hook()).toBe(true);
  });

  it('list_my_sessions says each session’s level', async () => {
    const u = await createUser(db);
    await db.query(`update auth.sessions set aal = 'aal2' where id = $1`, [u.sessionId]);
    const rows = await callAs<{ id: string; aal: string }>(u, 'aal2', 'select id, aal from public.list_my_sessions()');
    expect(rows).toEqual([{ id: u.sessionId, aal: 'aal2' }]);
  });
});
