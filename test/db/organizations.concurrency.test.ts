/**
 * Concurrent requests, each on a connection of its own as its user (as PostgREST runs
 * them): an organization never ends without an OWNER, whatever the interleaving of
 * demotions, leaves, promotions and transfers; and 20 parallel accepts into an
 * organization limited to 10 members end with exactly 10. The limits live in
 * private.settings; the one test that changes a setting restores it.
 */
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { beginAs, commitAs, createOrganization, createUser, errorOf, newPool, type TestUser, waitUntilBlocked } from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

async function rolesOf(orgId: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ user_id: string; role: string }>(
    'select user_id, role from public.memberships where organization_id = $1',
    [orgId],
  );
  return Object.fromEntries(rows.map((r) => [r.user_id, r.role]));
}

const owners = async (orgId: string) => Object.values(await rolesOf(orgId)).filter((r) => r === 'owner').length;

type Outcome = 'ok' | string; // 'ok' or "<SQLSTATE> <detail>"

/** Runs `sql` on an open transaction and commits (rolls back on error); the outcome. */
async function finish(c: pg.Client, pending: Promise<unknown>): Promise<Outcome> {
  try {
    await pending;
    await c.query('commit');
    return 'ok';
  } catch (err) {
    await c.query('rollback').catch(() => {});
    const e = err as { code?: string; detail?: string };
    return `${e.code} ${e.detail ?? ''}`.trim();
  } finally {
    await c.end();
  }
}

/** Two requests: `first` runs and holds its transaction open; `second` must wait for it; then `first` commits. */
async function interleave(
  first: { user: TestUser; sql: string; params: unknown[] },
  second: { user: TestUser; sql: string; params: unknown[] },
  firstEnds: 'commit' | 'rollback' = 'commit',
): Promise<[Outcome, Outcome]> {
  const c1 = await beginAs(first.user);
  const c2 = await beginAs(second.user);
  let one: Outcome;
  try {
    await c1.query(first.sql, first.params);
    one = 'ok';
  } catch (err) {
    await c1.end();
    await c2.end();
    throw err;
  }
  const two = finish(c2, c2.query(second.sql, second.params));
  await waitUntilBlocked(db, c2);
  await c1.query(firstEnds);
  await c1.end();
  return [firstEnds === 'commit' ? one : 'rolled back', await two];
}

describe('last owner, under concurrency', () => {
  it('two owners demoting each other at the same moment: the second, now an ADMIN, is refused', async () => {
    const [a, b] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: a, role: 'owner' },
      { user: b, role: 'owner' },
    ]);
    const outcome = await interleave(
      { user: a, sql: `select public.change_member_role($1, $2, 'admin')`, params: [org.id, b.id] },
      { user: b, sql: `select public.change_member_role($1, $2, 'admin')`, params: [org.id, a.id] },
    );
    expect(outcome).toEqual(['ok', 'PT403 FORBIDDEN']);
    expect(await rolesOf(org.id)).toEqual({ [a.id]: 'owner', [b.id]: 'admin' });
  });

  it('two owners each demoting themselves at the same moment: the second is the last owner', async () => {
    const [a, b] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: a, role: 'owner' },
      { user: b, role: 'owner' },
    ]);
    const outcome = await interleave(
      { user: a, sql: `select public.change_member_role($1, $2, 'member')`, params: [org.id, a.id] },
      { user: b, sql: `select public.change_member_role($1, $2, 'member')`, params: [org.id, b.id] },
    );
    expect(outcome).toEqual(['ok', 'PT409 LAST_OWNER']);
    expect(await owners(org.id)).toBe(1);
  });

  it('two owners leaving at the same moment: one stays', async () => {
    const [a, b, m] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: a, role: 'owner' },
      { user: b, role: 'owner' },
      { user: m, role: 'member' },
    ]);
    const outcome = await interleave(
      { user: a, sql: 'select public.leave_organization($1)', params: [org.id] },
      { user: b, sql: 'select public.remove_member($1, $2)', params: [org.id, b.id] },
    );
    expect(outcome).toEqual(['ok', 'PT409 LAST_OWNER']);
    expect(await rolesOf(org.id)).toEqual({ [b.id]: 'owner', [m.id]: 'member' });
  });

  it('the only owner leaves while promoting a successor: the leave waits and succeeds after the promotion', async () => {
    const [o, a] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: o, role: 'owner' },
      { user: a, role: 'admin' },
    ]);
    const outcome = await interleave(
      { user: o, sql: `select public.change_member_role($1, $2, 'owner')`, params: [org.id, a.id] },
      { user: o, sql: 'select public.leave_organization($1)', params: [org.id] },
    );
    expect(outcome).toEqual(['ok', 'ok']);
    expect(await rolesOf(org.id)).toEqual({ [a.id]: 'owner' });
  });

  it('... and when the promotion is rolled back, the leave is refused', async () => {
    const [o, a] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: o, role: 'owner' },
      { user: a, role: 'admin' },
    ]);
    const outcome = await interleave(
      { user: o, sql: `select public.change_member_role($1, $2, 'owner')`, params: [org.id, a.id] },
      { user: o, sql: 'select public.leave_organization($1)', params: [org.id] },
      'rollback',
    );
    expect(outcome).toEqual(['rolled back', 'PT409 LAST_OWNER']);
    expect(await rolesOf(org.id)).toEqual({ [o.id]: 'owner', [a.id]: 'admin' });
  });

  it('a member leaves while being promoted or handed ownership: the change finds no member; the owner stays', async () => {
    for (const sql of [`select public.change_member_role($1, $2, 'owner')`, 'select public.transfer_ownership($1, $2)']) {
      const [o, a] = await Promise.all([createUser(db), createUser(db)]);
      const org = await createOrganization(db, [
        { user: o, role: 'owner' },
        { user: a, role: 'member' },
      ]);
      const outcome = await interleave(
        { user: a, sql: 'select public.leave_organization($1)', params: [org.id] },
        { user: o, sql, params: [org.id, a.id] },
      );
      expect(outcome, sql).toEqual(['ok', 'PT404 NOT_FOUND']);
      expect(await rolesOf(org.id), sql).toEqual({ [o.id]: 'owner' });
    }
  });

  it('a promoted member leaves at once: the other owner remains', async () => {
    const [o, a] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: o, role: 'owner' },
      { user: a, role: 'admin' },
    ]);
    const outcome = await interleave(
      { user: o, sql: `select public.change_member_role($1, $2, 'owner')`, params: [org.id, a.id] },
      { user: a, sql: 'select public.leave_organization($1)', params: [org.id] },
    );
    expect(outcome).toEqual(['ok', 'ok']);
    expect(await rolesOf(org.id)).toEqual({ [o.id]: 'owner' });
  });

  it('free-running: owners demoting, removing and leaving all at once, 10 rounds, never zero owners', async () => {
    for (let round = 0; round < 10; round++) {
      const [a, b, c] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
      const org = await createOrganization(db, [
        { user: a, role: 'owner' },
        { user: b, role: 'owner' },
        { user: c, role: 'admin' },
      ]);
      const requests: [TestUser, string, unknown[]][] = [
        [a, `select public.change_member_role($1, $2, 'admin')`, [org.id, b.id]],
        [b, `select public.change_member_role($1, $2, 'admin')`, [org.id, a.id]],
        [a, 'select public.leave_organization($1)', [org.id]],
        [b, 'select public.remove_member($1, $2)', [org.id, b.id]],
        [c, 'select public.leave_organization($1)', [org.id]],
      ];
      const outcomes = await Promise.all(
        requests.map(async ([u, sql, params]) => {
          const conn = await beginAs(u);
          return finish(conn, conn.query(sql, params));
        }),
      );
      for (const o of outcomes) expect(['ok', 'PT403 FORBIDDEN', 'PT404 NOT_FOUND', 'PT409 LAST_OWNER']).toContain(o);
      expect(await owners(org.id), JSON.stringify(outcomes)).toBeGreaterThanOrEqual(1);
    }
  });

  it('an owner change made around the functions (plain SQL) is waited for, then seen: LAST_OWNER', async () => {
    const [a, b] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: a, role: 'owner' },
      { user: b, role: 'owner' },
    ]);
    // b's ownership ends in a transaction the functions know nothing about ...
    const raw = await db.connect();
    try {
      await raw.query('begin');
      await raw.query(`update public.memberships set role = 'member' where organization_id = $1 and user_id = $2`, [org.id, b.id]);
      // ... while a demotes themself: a waits for the organization lock, then sees the
      // truth (a is the last owner).
      const c = await beginAs(a);
      const outcome = finish(c, c.query(`select public.change_member_role($1, $2, 'admin')`, [org.id, a.id]));
      await waitUntilBlocked(db, c);
      await raw.query('commit');
      expect(await outcome).toBe('PT409 LAST_OWNER');
    } finally {
      raw.release();
    }
    expect(await rolesOf(org.id)).toEqual({ [a.id]: 'owner', [b.id]: 'member' });
  });
});

describe('limits', () => {
  it('20 parallel accepts into an organization limited to 10 members end with exactly 10', async () => {
    const owner = await createUser(db);
    const invitees = await Promise.all(Array.from({ length: 20 }, () => createUser(db)));
    const org = await createOrganization(db, [{ user: owner, role: 'owner' }]);
    const invitations: string[] = [];
    for (const u of invitees) {
      const [row] = await commitAs<{ i: { id: string } }>(db, owner, `select public.create_invitation($1, $2, 'member') as i`, [
        org.id,
        u.email,
      ]);
      invitations.push(row!.i.id);
    }

    const { rows } = await db.query<{ limit: number }>('select org_member_limit as limit from private.settings');
    const saved = rows[0]!.limit;
    await db.query('update private.settings set org_member_limit = 10');
    let outcomes: Outcome[];
    try {
      // Every request opens its transaction first, then all call at once.
      const conns = await Promise.all(invitees.map((u) => beginAs(u)));
      outcomes = await Promise.all(conns.map((c, i) => finish(c, c.query('select public.accept_invitation($1)', [invitations[i]]))));
    } finally {
      await db.query('update private.settings set org_member_limit = $1', [saved]);
    }

    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(9);
    expect(outcomes.filter((o) => o === 'PT409 LIMIT_REACHED')).toHaveLength(11);
    const members = await db.query('select count(*)::int as n from public.memberships where organization_id = $1', [org.id]);
    expect(members.rows[0].n).toBe(10);
    const statuses = await db.query(
      'select status, count(*)::int as n from public.invitations where organization_id = $1 group by status order by status',
      [org.id],
    );
    expect(statuses.rows).toEqual([
      { status: 'pending', n: 11 },
      { status: 'accepted', n: 9 },
    ]);
    const audit = await db.query(
      `select count(*)::int as n from public.organization_audit_log where organization_id = $1 and action = 'member.added'`,
      [org.id],
    );
    expect(audit.rows[0].n).toBe(9);
  });

  it('inviting counts members plus pending invitations against the member limit', async () => {
    const owner = await createUser(db);
    const org = await createOrganization(db, [{ user: owner, role: 'owner' }]);
    const { rows } = await db.query<{ limit: number }>('select org_member_limit as limit from private.settings');
    // Fill up to the limit with pending invitations directly (one member already).
    await db.query(
      `insert into public.invitations (organization_id, email, role, invited_by, expires_at)
       select $1::uuid, 'fill-' || g || '-' || $1::text || '@test.example', 'member', $2, now() + interval '1 day'
       from generate_series(1, $3::int - 1) g`,
      [org.id, owner.id, rows[0]!.limit],
    );
    const err = await errorOf(commitAs(db, owner, `select public.create_invitation($1, 'one-more@test.example', 'member')`, [org.id]));
    expect([err.code, err.detail]).toEqual(['PT409', 'LIMIT_REACHED']);
    // An expired invitation frees its place.
    await db.query(
      `update public.invitations set created_at = now() - interval '9 days', expires_at = now() - interval '1 day'
       where id = (select id from public.invitations where organization_id = $1 limit 1)`,
      [org.id],
    );
    await commitAs(db, owner, `select public.create_invitation($1, 'one-more@test.example', 'member')`, [org.id]);
  });

  it('at most org_create_limit organizations per creator, also when created in parallel', async () => {
    const u = await createUser(db);
    const { rows } = await db.query<{ limit: number }>('select org_create_limit as limit from private.settings');
    const limit = rows[0]!.limit;
    const conns = await Promise.all(Array.from({ length: limit + 3 }, () => beginAs(u)));
    const outcomes = await Promise.all(conns.map((c, i) => finish(c, c.query(`select public.create_organization($1)`, [`Parallel ${i}`]))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(limit);
    expect(outcomes.filter((o) => o === 'PT409 LIMIT_REACHED')).toHaveLength(3);
    const created = await db.query(
      'select count(*)::int as n from public.organizations where created_by = $1 and not is_personal_account',
      [u.id],
    );
    expect(created.rows[0].n).toBe(limit);
    // Deleting one frees a place.
    const [one] = (await db.query('select id from public.organizations where created_by = $1 and not is_personal_account limit 1', [u.id]))
      .rows;
    await commitAs(db, u, 'select public.delete_organization($1)', [one.id]);
    await commitAs(db, u, `select public.create_organization('One more')`);
  });
});
