/**
 * Rules the database enforces whatever writes to it: one personal organization per user
 * with exactly one member, at least one owner per organization (also under concurrency),
 * valid names, and a consistent state after a user is deleted.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  asRole,
  type Barrier,
  backendPid,
  connect,
  createOrganization,
  createUser,
  errorOf,
  holdBarrier,
  newPool,
  personalOrgId,
  pollUntil,
  queryAs,
  SERVICE_CLAIMS,
  type TestUser,
  userClaims,
  waitUntilBlockedBy,
} from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

const OWNER_MESSAGE = 'An organization must keep at least one owner';

async function rolesOf(orgId: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ user_id: string; role: string }>(
    'select user_id, role from public.memberships where organization_id = $1',
    [orgId],
  );
  return Object.fromEntries(rows.map((r) => [r.user_id, r.role]));
}

describe('personal organizations', () => {
  it('exactly one per user', async () => {
    const u = await createUser(db);
    const err = await errorOf(
      db.query(`insert into public.organizations (name, personal_user_id) values ('Personal Account', $1)`, [u.id]),
    );
    expect(err.code).toBe('23505');
    const { rows } = await db.query('select count(*)::int as n from public.organizations where personal_user_id = $1', [u.id]);
    expect(rows[0].n).toBe(1);
  });

  it('no second member can join', async () => {
    const [u, other] = await Promise.all([createUser(db), createUser(db)]);
    const p = await personalOrgId(db, u.id);
    for (const role of ['owner', 'admin', 'member']) {
      const err = await errorOf(
        db.query('insert into public.memberships (organization_id, user_id, role) values ($1, $2, $3)', [p, other.id, role]),
      );
      expect(err.code).toBe('23514');
      expect(err.message).toBe('A personal organization has exactly one member');
    }
    expect(await rolesOf(p)).toEqual({ [u.id]: 'owner' });
  });

  it('its member stays owner, cannot leave, and the organization cannot be deleted or handed over', async () => {
    const [u, other] = await Promise.all([createUser(db), createUser(db)]);
    const p = await personalOrgId(db, u.id);
    let err = await errorOf(db.query(`update public.memberships set role = 'admin' where organization_id = $1`, [p]));
    expect(err).toMatchObject({ code: '23514', message: 'The member of a personal organization is its owner' });
    err = await errorOf(db.query('delete from public.memberships where organization_id = $1', [p]));
    expect(err).toMatchObject({ code: '23514', message: OWNER_MESSAGE });
    err = await errorOf(db.query('delete from public.organizations where id = $1', [p]));
    expect(err).toMatchObject({ code: '23514', message: 'A personal organization cannot be deleted while its user exists' });
    err = await errorOf(db.query('update public.organizations set personal_user_id = $2 where id = $1', [p, other.id]));
    expect(err).toMatchObject({ code: '23514', message: 'The owner of a personal organization cannot be changed' });
    err = await errorOf(db.query('update public.organizations set is_personal_account = false where id = $1', [p]));
    expect(err.code).toBe('428C9'); // generated column
    err = await errorOf(db.query('update public.memberships set user_id = $2 where organization_id = $1', [p, other.id]));
    expect(err).toMatchObject({ code: '23514', message: "A membership's organization and user cannot be changed" });
    expect(await rolesOf(p)).toEqual({ [u.id]: 'owner' });
  });
});

describe('at least one owner', () => {
  it('demoting or removing the last owner fails with a clear message', async () => {
    const [o, a] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: o, role: 'owner' },
      { user: a, role: 'admin' },
    ]);
    for (const sql of [
      `update public.memberships set role = 'admin' where organization_id = $1 and user_id = $2`,
      `update public.memberships set role = 'member' where organization_id = $1 and user_id = $2`,
      `delete from public.memberships where organization_id = $1 and user_id = $2`,
    ]) {
      const err = await errorOf(db.query(sql, [org.id, o.id]));
      expect(err.code, sql).toBe('23514');
      expect(err.message, sql).toBe(OWNER_MESSAGE);
      expect(err.hint).toMatch(/another member owner/);
    }
    // Removing everyone at once fails as well.
    const err = await errorOf(db.query('delete from public.memberships where organization_id = $1', [org.id]));
    expect(err.message).toBe(OWNER_MESSAGE);
    expect(await rolesOf(org.id)).toEqual({ [o.id]: 'owner', [a.id]: 'admin' });
  });

  it('promote first, then demote: fine; in one statement: fine; deferred within a transaction: fine', async () => {
    const [o, a] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: o, role: 'owner' },
      { user: a, role: 'admin' },
    ]);
    await db.query(`update public.memberships set role = 'owner' where organization_id = $1 and user_id = $2`, [org.id, a.id]);
    await db.query(`update public.memberships set role = 'member' where organization_id = $1 and user_id = $2`, [org.id, o.id]);
    expect(await rolesOf(org.id)).toEqual({ [o.id]: 'member', [a.id]: 'owner' });
    // Swap in one statement.
    await db.query(
      `update public.memberships set role = case when role = 'owner' then 'member'::public.organization_role else 'owner' end where organization_id = $1`,
      [org.id],
    );
    expect(await rolesOf(org.id)).toEqual({ [o.id]: 'owner', [a.id]: 'member' });
    // Demote before promoting, with the check deferred to commit.
    const c = await db.connect();
    try {
      await c.query('begin');
      await c.query('set constraints public.memberships_keep_an_owner deferred');
      await c.query(`update public.memberships set role = 'admin' where organization_id = $1 and user_id = $2`, [org.id, o.id]);
      await c.query(`update public.memberships set role = 'owner' where organization_id = $1 and user_id = $2`, [org.id, a.id]);
      await c.query('commit');
    } finally {
      c.release();
    }
    expect(await rolesOf(org.id)).toEqual({ [o.id]: 'admin', [a.id]: 'owner' });
  });

  it('deferred, a transaction that ends without an owner fails at commit', async () => {
    const [o, a] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: o, role: 'owner' },
      { user: a, role: 'admin' },
    ]);
    const c = await db.connect();
    try {
      await c.query('begin');
      await c.query('set constraints public.memberships_keep_an_owner deferred');
      await c.query(`update public.memberships set role = 'admin' where organization_id = $1 and user_id = $2`, [org.id, o.id]);
      const err = await errorOf(c.query('commit'));
      expect(err.message).toBe(OWNER_MESSAGE);
    } finally {
      c.release();
    }
    expect(await rolesOf(org.id)).toEqual({ [o.id]: 'owner', [a.id]: 'admin' });
  });

  it('a new organization needs an owner by the end of its transaction', async () => {
    const u = await createUser(db);
    let err = await errorOf(db.query(`insert into public.organizations (name) values ('Nobody owns me')`));
    expect(err).toMatchObject({ code: '23514', message: OWNER_MESSAGE });
    const c = await db.connect();
    try {
      await c.query('begin');
      const { rows } = await c.query(`insert into public.organizations (name) values ('Members only') returning id`);
      await c.query(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'member')`, [rows[0].id, u.id]);
      err = await errorOf(c.query('commit'));
      expect(err.message).toBe(OWNER_MESSAGE);
    } finally {
      c.release();
    }
  });

  it('two sessions demoting the last two owners at the same time: one fails', async () => {
    const [a, b] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: a, role: 'owner' },
      { user: b, role: 'owner' },
    ]);
    const c1 = await connect();
    const c2 = await connect();
    try {
      await c1.query('begin');
      await c2.query('begin');
      await c1.query(`update public.memberships set role = 'admin' where organization_id = $1 and user_id = $2`, [org.id, a.id]);
      // c2 blocks on the organization lock that c1 holds ...
      const second = c2
        .query(`update public.memberships set role = 'admin' where organization_id = $1 and user_id = $2`, [org.id, b.id])
        .then(
          () => null,
          (e: Error & { code?: string }) => e,
        );
      await waitUntilBlockedBy(db, c2, c1);
      // ... until c1 commits; then it sees c1's change and fails.
      await c1.query('commit');
      const err = await second;
      expect(err?.message).toBe(OWNER_MESSAGE);
      expect(err?.code).toBe('23514');
      await c2.query('rollback');
    } finally {
      await c1.end();
      await c2.end();
    }
    expect(await rolesOf(org.id)).toEqual({ [a.id]: 'admin', [b.id]: 'owner' });
  });

  it('two sessions removing the last two owners at the same time: one fails', async () => {
    const [a, b, m] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: a, role: 'owner' },
      { user: b, role: 'owner' },
      { user: m, role: 'member' },
    ]);
    const results = await concurrently([a, b], async (c, u) => {
      await c.query('delete from public.memberships where organization_id = $1 and user_id = $2', [org.id, u.id]);
    });
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as Error).message).toBe(OWNER_MESSAGE);
    const roles = await rolesOf(org.id);
    expect(Object.values(roles).filter((r) => r === 'owner')).toHaveLength(1);
    expect(roles[m.id]).toBe('member');
  });
});

/**
 * Runs `work` for each user in a transaction of its own connection, all of them certainly
 * at the same time, and settles with each transaction's outcome (committed, or the error
 * that rolled it back):
 * 1. every transaction begins and waits at a start barrier; the test checks that all of
 *    them wait there, then lets them through together;
 * 2. each runs `work`, then waits at an end barrier before committing; the test checks that
 *    every transaction is now waiting on a lock, either at the end barrier (its change made,
 *    not committed) or blocked by another of them (contention on the same rows or
 *    organization) — so every change was attempted while the others were uncommitted —
 *    then lets them commit.
 */
async function concurrently(users: TestUser[], work: (c: pg.Client, u: TestUser) => Promise<void>): Promise<PromiseSettledResult<void>[]> {
  const barriers: Barrier[] = [];
  const clients: pg.Client[] = [];
  let settled: Promise<PromiseSettledResult<void>[]> | undefined;
  try {
    const start = await holdBarrier();
    barriers.push(start);
    const end = await holdBarrier();
    barriers.push(end);
    for (const _ of users) clients.push(await connect());
    settled = Promise.allSettled(
      users.map(async (u, i) => {
        const c = clients[i]!;
        try {
          await c.query('begin');
          await start.pass(c);
          await work(c, u);
          await end.pass(c);
          await c.query('commit');
        } catch (e) {
          await c.query('rollback');
          throw e;
        }
      }),
    );
    const pids = clients.map(backendPid);
    // 1. All transactions are open and wait together at the start.
    await start.waiting(db, clients);
    expect((await start.waitingPids(db, pids)).sort()).toEqual([...pids].sort());
    await start.release();
    // 2. Every one has made its change or is blocked by another one's: none has committed.
    const waits = await pollUntil(async () => {
      const atEnd = new Set(await end.waitingPids(db, pids));
      const { rows } = await db.query<{ pid: number; by: number[] }>(
        'select p.pid, pg_blocking_pids(p.pid) as by from unnest($1::int[]) as p(pid)',
        [pids],
      );
      const state = rows.map((r) => ({ pid: r.pid, atEnd: atEnd.has(r.pid), blockedByPeer: r.by.some((x) => pids.includes(x)) }));
      return state.every((w) => w.atEnd || w.blockedByPeer) ? state : undefined;
    }, 'the transactions never all reached the end barrier or blocked on one another');
    expect(waits).toHaveLength(users.length);
    await end.release();
    return await settled;
  } finally {
    for (const barrier of barriers) await barrier.close();
    if (settled) await settled;
    for (const c of clients) await c.end();
  }
}

describe('data rules', () => {
  it('organization names: trimmed, 1-200 characters after trimming', async () => {
    const u = await createUser(db);
    const org = await createOrganization(db, [{ user: u, role: 'owner' }], { name: `  Spaced ${randomUUID().slice(0, 6)}\t ` });
    const { rows } = await db.query('select name from public.organizations where id = $1', [org.id]);
    expect(rows[0].name).toMatch(/^Spaced [0-9a-f]{6}$/);
    for (const bad of ['', '   ', 'x'.repeat(201), ` ${'x'.repeat(201)} `]) {
      const err = await errorOf(db.query('update public.organizations set name = $2 where id = $1', [org.id, bad]));
      expect(err.code).toBe('23514');
      expect(err.message).toMatch(/organizations_name_length/);
    }
    await db.query('update public.organizations set name = $2 where id = $1', [org.id, ` ${'y'.repeat(200)} `]);
  });

  it('profile names: at most 100 characters', async () => {
    const u = await createUser(db);
    await db.query('update public.profiles set first_name = $2, last_name = $2 where id = $1', [u.id, 'n'.repeat(100)]);
    for (const col of ['first_name', 'last_name']) {
      const err = await errorOf(db.query(`update public.profiles set ${col} = $2 where id = $1`, [u.id, 'n'.repeat(101)]));
      expect(err.code).toBe('23514');
    }
  });

  it('roles and plans are enums', async () => {
    const u = await createUser(db);
    const p = await personalOrgId(db, u.id);
    let err = await errorOf(db.query(`update public.memberships set role = 'superuser' where organization_id = $1`, [p]));
    expect(err.code).toBe('22P02');
    err = await errorOf(db.query(`update public.organizations set plan = 'platinum' where id = $1`, [p]));
    expect(err.code).toBe('22P02');
    const { rows } = await db.query('select plan from public.organizations where id = $1', [p]);
    expect(rows[0].plan).toBe('free');
  });

  it("the default organization must be one of the user's memberships, and falls back to personal", async () => {
    const [u, o] = await Promise.all([createUser(db), createUser(db)]);
    const mine = await createOrganization(
      db,
      [
        { user: o, role: 'owner' },
        { user: u, role: 'member' },
      ],
      { plan: 'enterprise' },
    );
    const notMine = await createOrganization(db, [{ user: o, role: 'owner' }]);
    const err = await errorOf(db.query('update public.profiles set default_organization_id = $2 where id = $1', [u.id, notMine.id]));
    expect(err.code).toBe('23503');
    await db.query('update public.profiles set default_organization_id = $2 where id = $1', [u.id, mine.id]);
    let [ctx] = await queryAs<{ c: { role: string; organization: { id: string; plan: string } } }>(
      db,
      'authenticated',
      userClaims(u),
      'select public.get_my_context() as c',
    );
    expect(ctx!.c.role).toBe('member');
    expect(ctx!.c.organization).toMatchObject({ id: mine.id, plan: 'enterprise' });
    // Leaving the organization clears the default; /me falls back to the personal organization.
    await db.query('delete from public.memberships where organization_id = $1 and user_id = $2', [mine.id, u.id]);
    const { rows } = await db.query('select default_organization_id from public.profiles where id = $1', [u.id]);
    expect(rows[0].default_organization_id).toBeNull();
    [ctx] = await queryAs<{ c: { role: string; organization: { id: string; plan: string } } }>(
      db,
      'authenticated',
      userClaims(u),
      'select public.get_my_context() as c',
    );
    expect(ctx!.c.role).toBe('owner');
    expect(ctx!.c.organization.id).toBe(await personalOrgId(db, u.id));
  });
});

describe('deleting a user', () => {
  async function deleteUserAsAuthServer(id: string) {
    const c = await db.connect();
    try {
      await c.query('begin');
      await c.query('set local role supabase_auth_admin');
      await c.query('delete from auth.users where id = $1', [id]);
      await c.query('commit');
    } catch (e) {
      await c.query('rollback');
      throw e;
    } finally {
      c.release();
    }
  }

  it('removes profile, memberships and personal organization, and settles each team organization', async () => {
    const [gone, admin1, admin2, member1, member2, coOwner] = await Promise.all([
      createUser(db),
      createUser(db),
      createUser(db),
      createUser(db),
      createUser(db),
      createUser(db),
    ]);
    const personal = await personalOrgId(db, gone.id);
    // Only member: deleted with the user.
    const solo = await createOrganization(db, [{ user: gone, role: 'owner' }]);
    // Last owner, admins and members remain: the longest-standing admin takes over.
    const withAdmins = await createOrganization(db, [
      { user: gone, role: 'owner', joinedAt: '2020-01-01' },
      { user: member1, role: 'member', joinedAt: '2020-01-02' },
      { user: admin2, role: 'admin', joinedAt: '2020-01-04' },
      { user: admin1, role: 'admin', joinedAt: '2020-01-03' },
    ]);
    // Last owner, only members remain: the longest-standing member takes over.
    const withMembers = await createOrganization(db, [
      { user: gone, role: 'owner', joinedAt: '2020-01-01' },
      { user: member1, role: 'member', joinedAt: '2020-02-02' },
      { user: member2, role: 'member', joinedAt: '2020-02-01' },
    ]);
    // Another owner remains: nothing changes but the departure.
    const coOwned = await createOrganization(db, [
      { user: coOwner, role: 'owner', joinedAt: '2021-01-01' },
      { user: gone, role: 'owner', joinedAt: '2020-01-01' },
      { user: admin1, role: 'admin', joinedAt: '2020-01-01' },
    ]);
    // A plain member leaving.
    const asMember = await createOrganization(db, [
      { user: coOwner, role: 'owner' },
      { user: gone, role: 'member' },
    ]);
    await db.query('update public.organizations set created_by = $1 where id = any($2)', [gone.id, [coOwned.id, asMember.id]]);

    await deleteUserAsAuthServer(gone.id);

    const count = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0].n as number;
    expect(await count('select count(*)::int as n from public.profiles where id = $1', [gone.id])).toBe(0);
    expect(await count('select count(*)::int as n from public.memberships where user_id = $1', [gone.id])).toBe(0);
    expect(await count('select count(*)::int as n from public.organizations where id = any($1)', [[personal, solo.id]])).toBe(0);
    expect(await rolesOf(withAdmins.id)).toEqual({ [member1.id]: 'member', [admin1.id]: 'owner', [admin2.id]: 'admin' });
    expect(await rolesOf(withMembers.id)).toEqual({ [member1.id]: 'member', [member2.id]: 'owner' });
    expect(await rolesOf(coOwned.id)).toEqual({ [coOwner.id]: 'owner', [admin1.id]: 'admin' });
    expect(await rolesOf(asMember.id)).toEqual({ [coOwner.id]: 'owner' });
    const { rows } = await db.query('select created_by from public.organizations where id = any($1)', [[coOwned.id, asMember.id]]);
    expect(rows).toEqual([{ created_by: null }, { created_by: null }]);
  });

  it('succession skips a successor whose membership is being removed at the same time', async () => {
    const [gone, admin, member] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: gone, role: 'owner', joinedAt: '2020-01-01' },
      { user: admin, role: 'admin', joinedAt: '2020-01-02' },
      { user: member, role: 'member', joinedAt: '2020-01-03' },
    ]);
    const leaving = await connect();
    const deleting = await connect();
    try {
      // The admin (first in line) leaves; not an owner, so no organization lock is taken.
      await leaving.query('begin');
      await leaving.query('delete from public.memberships where organization_id = $1 and user_id = $2', [org.id, admin.id]);
      // Meanwhile the owner's account is deleted: succession waits for the admin's row ...
      await deleting.query('begin');
      await deleting.query('set local role supabase_auth_admin');
      const deleted = deleting.query('delete from auth.users where id = $1', [gone.id]).then(
        () => null,
        (e: Error) => e,
      );
      await waitUntilBlockedBy(db, deleting, leaving);
      // ... and, once it is gone, promotes the next in line instead of nobody.
      await leaving.query('commit');
      expect(await deleted).toBeNull();
      await deleting.query('commit');
    } finally {
      await leaving.end();
      await deleting.end();
    }
    expect(await rolesOf(org.id)).toEqual({ [member.id]: 'owner' });
  });

  it('two co-owners deleted at the same time: the organization passes to the next in line', async () => {
    const [a, b, m] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: a, role: 'owner', joinedAt: '2020-01-01' },
      { user: b, role: 'owner', joinedAt: '2020-01-02' },
      { user: m, role: 'member', joinedAt: '2020-01-03' },
    ]);
    const results = await concurrently([a, b], async (c, u) => {
      await c.query('set local role supabase_auth_admin');
      await c.query('delete from auth.users where id = $1', [u.id]);
    });
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await rolesOf(org.id)).toEqual({ [m.id]: 'owner' });
  });

  it('deleting an organization (admin) removes its memberships and clears defaults', async () => {
    const [o, m] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: o, role: 'owner' },
      { user: m, role: 'member' },
    ]);
    await db.query('update public.profiles set default_organization_id = $1 where id = any($2)', [org.id, [o.id, m.id]]);
    await asRole(db, 'service_role', SERVICE_CLAIMS, (c) => c.query('delete from public.organizations where id = $1', [org.id]), true);
    expect(await rolesOf(org.id)).toEqual({});
    const { rows } = await db.query('select default_organization_id from public.profiles where id = any($1)', [[o.id, m.id]]);
    expect(rows).toEqual([{ default_organization_id: null }, { default_organization_id: null }]);
  });
});

describe('admin_set_membership (service role)', () => {
  const call = (org: string, user: string, role: string | null) =>
    asRole(
      db,
      'service_role',
      SERVICE_CLAIMS,
      async (c) => (await c.query('select (public.admin_set_membership($1, $2, $3)).*', [org, user, role])).rows,
      true,
    );

  it('adds a member and changes roles, invariants included', async () => {
    const [o, u] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [{ user: o, role: 'owner' }]);
    const [added] = await call(org.id, u.id, 'member');
    expect(added).toMatchObject({ organization_id: org.id, user_id: u.id, role: 'member' });
    await call(org.id, u.id, 'owner');
    await call(org.id, o.id, 'admin');
    expect(await rolesOf(org.id)).toEqual({ [o.id]: 'admin', [u.id]: 'owner' });
    let err = await errorOf(call(org.id, u.id, 'member'));
    expect(err).toMatchObject({ code: '23514', message: OWNER_MESSAGE });
    err = await errorOf(call(await personalOrgId(db, o.id), u.id, 'member'));
    expect(err).toMatchObject({ code: '23514', message: 'A personal organization has exactly one member' });
  });

  it('refuses unknown organizations and users, and invalid roles', async () => {
    const u = await createUser(db);
    const org = await createOrganization(db, [{ user: u, role: 'owner' }]);
    expect(await errorOf(call(randomUUID(), u.id, 'member'))).toMatchObject({ code: 'PT404', message: 'Organization not found' });
    expect(await errorOf(call(org.id, randomUUID(), 'member'))).toMatchObject({ code: 'PT404', message: 'User not found' });
    for (const role of ['OWNER', 'boss', null]) {
      expect(await errorOf(call(org.id, u.id, role))).toMatchObject({ code: '22023', message: 'Role must be owner, admin or member' });
    }
  });
});
