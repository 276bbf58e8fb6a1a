/**
 * Query plans at realistic size: with 10,000 users and 1,000 team organizations loaded
 * (inside a transaction that is rolled back, so other tests never see them), the queries
 * the API functions run -- and plain reads of the tables -- use index scans on memberships
 * and organizations, never sequential scans, as role authenticated with the policies applied.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { connect } from './helpers.ts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The queries inside public.list_my_organizations() and public.list_user_organizations(). */
const MY_ORGANIZATIONS = `
  select o.id, o.name, o.is_personal_account, m.role::text
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  where m.user_id = (select auth.uid())
  order by o.name, o.id`;
const USER_ORGANIZATIONS = `
  select o.id, o.name, o.is_personal_account, m.role::text, m.user_id
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  where m.user_id = $1
  order by o.name, o.id`;

const clients: { end(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
});

it("the functions' queries use index scans with 10,000 users and 1,000 organizations", async () => {
  const c = await connect();
  clients.push(c);
  const tag = randomUUID().slice(0, 8);
  await c.query('begin');
  try {
    // 10,000 users as the auth server creates them (each gets a profile and a personal
    // organization from the trigger) ...
    await c.query(
      `create temporary table plan_users on commit drop as
       select g as n, gen_random_uuid() as id from generate_series(1, 10000) g`,
    );
    await c.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated',
              'plan-' || $1 || '-' || n || '@test.example', 'x', '{"provider": "email", "providers": ["email"]}', '{}', now(), now()
       from plan_users`,
      [tag],
    );
    // ... and 1,000 team organizations; user n belongs to organizations n % 1000 and
    // (7n + 3) % 1000, so each has about 20 members.
    await c.query(
      `create temporary table plan_orgs on commit drop as
       select g as n, gen_random_uuid() as id from generate_series(0, 999) g`,
    );
    await c.query(`insert into public.organizations (id, name) select id, 'Plan ' || $1 || ' ' || n from plan_orgs`, [tag]);
    await c.query(
      `insert into public.memberships (organization_id, user_id, role)
       select o.id, u.id, case when u.n <= 1000 then 'owner' else 'member' end::public.organization_role
       from plan_users u join plan_orgs o on o.n in (u.n % 1000, (7 * u.n + 3) % 1000)
       on conflict do nothing`,
    );
    await c.query(
      `insert into auth.sessions (id, user_id, created_at) select gen_random_uuid(), id, now() from plan_users where n in (1, 2)`,
    );
    await c.query('analyze public.organizations, public.memberships, public.profiles, auth.users, auth.sessions');

    const counts = (
      await c.query(
        `select (select count(*) from public.organizations)::int as orgs, (select count(*) from public.memberships)::int as memberships`,
      )
    ).rows[0];
    expect(counts.orgs).toBeGreaterThanOrEqual(11000);
    expect(counts.memberships).toBeGreaterThanOrEqual(29000);

    // The caller: user 1 (organizations 1 and 10); the target: user 2 (organizations 2
    // and 17), and user 1001 (organizations 1 and 10, shared with user 1).
    const { rows: people } = await c.query(
      `select u.n, u.id, s.id as session_id from plan_users u left join auth.sessions s on s.user_id = u.id where u.n in (1, 2, 1001) order by u.n`,
    );
    const [caller, stranger, colleague] = people as { id: string; session_id: string | null }[];

    await c.query('set local role authenticated');
    await c.query(`select set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ sub: caller!.id, role: 'authenticated', session_id: caller!.session_id }),
    ]);

    const explain = async (sql: string, params: unknown[] = [], options = '') => {
      const { rows } = await c.query(`explain (format json${options}) ${sql}`, params);
      return nodes((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan);
    };
    const assertIndexed = (plan: PlanNode[], label: string, relations = ['memberships', 'organizations']) => {
      const seq = plan.filter((n) => n['Node Type'] === 'Seq Scan' && ['memberships', 'organizations'].includes(n['Relation Name'] ?? ''));
      expect(seq, `${label}: ${JSON.stringify(plan.map((n) => [n['Node Type'], n['Relation Name'], n['Index Name']]))}`).toEqual([]);
      for (const rel of relations) {
        const scans = plan.filter((n) => n['Relation Name'] === rel);
        expect(scans.length, `${label}: ${rel} scanned`).toBeGreaterThan(0);
        expect(
          scans.every((n) => /Index|Bitmap Heap/.test(n['Node Type'])),
          `${label}: ${rel}`,
        ).toBe(true);
      }
    };

    assertIndexed(await explain(MY_ORGANIZATIONS), 'my organizations');
    for (const target of [stranger!, colleague!, caller!]) {
      assertIndexed(await explain(USER_ORGANIZATIONS, [target.id]), 'user organizations (custom plan)');
    }
    assertIndexed(await explain(USER_ORGANIZATIONS, [], ', generic_plan'), 'user organizations (generic plan)');
    // Reading the tables directly (PostgREST /rest/v1/<table>): the policies alone narrow
    // the scan through the primary keys.
    assertIndexed(await explain('select * from public.organizations'), 'organizations table', ['organizations']);
    assertIndexed(await explain('select * from public.memberships'), 'memberships table', ['memberships']);

    // The functions answer as the policies say.
    const mine = (await c.query('select * from public.list_my_organizations()')).rows;
    expect(mine.map((r) => r.name).sort()).toEqual(['Personal Account', `Plan ${tag} 1`, `Plan ${tag} 10`].sort());
    expect((await c.query('select * from public.list_user_organizations($1)', [stranger!.id])).rows).toEqual([]);
    const shared = (await c.query('select * from public.list_user_organizations($1)', [colleague!.id])).rows;
    expect(shared.map((r) => r.name).sort()).toEqual([`Plan ${tag} 1`, `Plan ${tag} 10`]);
  } finally {
    await c.query('rollback');
  }
});
