/**
 * Query plans of the organization lookups at a realistic size (inside a transaction that
 * is rolled back): the access token hook's lookup, the invitation and audit log policies,
 * and the invitation and audit lists use index scans, never sequential scans of
 * invitations, organization_audit_log, memberships, organizations or profiles.
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

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];
const WATCHED = ['invitations', 'organization_audit_log', 'memberships', 'organizations', 'profiles'];

/** The query inside private.access_token_organization(), the hook's one lookup. */
const HOOK_LOOKUP = `
  select jsonb_build_object('id', o.id, 'name', o.name, 'slug', o.slug, 'role', m.role, 'plan', o.plan)
  from public.profiles p
  join public.memberships m
    on m.user_id = p.id
   and m.organization_id = coalesce(p.default_organization_id, (select po.id from public.organizations po where po.personal_user_id = p.id))
  join public.organizations o on o.id = m.organization_id
  where p.id = $1`;
const MY_INVITATIONS = `
  select i.id from public.invitations i join public.organizations o on o.id = i.organization_id
  where i.email = $1 and i.status = 'pending' and i.expires_at > now() order by i.created_at desc, i.id`;
const AUDIT_PAGE = `
  select a.id from public.organization_audit_log a
  where a.organization_id = $1 and ($2::bigint is null or a.id < $2) order by a.id desc limit 50`;

const clients: { end(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
});

it('the hook lookup, the policies and the lists use indexes with 5,000 users, 500 organizations, 10,000 invitations and audit rows', async () => {
  const c = await connect();
  clients.push(c);
  const tag = randomUUID().slice(0, 8);
  await c.query('begin');
  try {
    await c.query(
      `create temporary table plan_users on commit drop as select g as n, gen_random_uuid() as id from generate_series(1, 5000) g`,
    );
    await c.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', 'oplan-' || $1 || '-' || n || '@test.example', 'x', now(),
              '{"provider": "email", "providers": ["email"]}', '{}', now(), now()
       from plan_users`,
      [tag],
    );
    await c.query(
      `create temporary table plan_orgs on commit drop as select g as n, gen_random_uuid() as id from generate_series(0, 499) g`,
    );
    await c.query(`insert into public.organizations (id, name) select id, 'OPlan ' || $1 || ' ' || n from plan_orgs`, [tag]);
    await c.query(
      `insert into public.memberships (organization_id, user_id, role)
       select o.id, u.id, case when u.n <= 500 then 'owner' else 'member' end::public.organization_role
       from plan_users u join plan_orgs o on o.n = u.n % 500`,
    );
    // Half the users have a team organization active.
    await c.query(
      `update public.profiles p set default_organization_id = m.organization_id
       from plan_users u join public.memberships m on m.user_id = u.id
       join public.organizations o on o.id = m.organization_id and not o.is_personal_account
       where p.id = u.id and u.n % 2 = 0`,
    );
    await c.query(
      `insert into public.invitations (organization_id, email, role, status, expires_at, answered_at)
       select o.id, 'oplan-inv-' || $1 || '-' || g || '@test.example', 'member',
              case when g % 3 = 0 then 'declined' else 'pending' end::public.invitation_status,
              now() + interval '1 day', case when g % 3 = 0 then now() end
       from generate_series(1, 10000) g join plan_orgs o on o.n = g % 500`,
      [tag],
    );
    await c.query(
      `insert into public.organization_audit_log (organization_id, action, details)
       select o.id, 'member.added', '{}' from generate_series(1, 10000) g join plan_orgs o on o.n = g % 500`,
    );
    await c.query(
      'analyze public.organizations, public.memberships, public.profiles, public.invitations, public.organization_audit_log, auth.users',
    );

    const { rows: people } = await c.query<{ id: string; n: number }>(`select id, n from plan_users where n in (1, 2) order by n`);
    const owner = people[0]!;
    const member = people[1]!;
    const { rows: orgRows } = await c.query<{ id: string }>(`select id from plan_orgs where n = 1`);
    const orgId = orgRows[0]!.id;
    await c.query(`insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), $1, now())`, [owner.id]);

    const explain = async (sql: string, params: unknown[] = []) => {
      const { rows } = await c.query(`explain (format json) ${sql}`, params);
      return nodes((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan);
    };
    const assertIndexed = (plan: PlanNode[], label: string, relations: string[]) => {
      const seq = plan.filter((n) => n['Node Type'] === 'Seq Scan' && WATCHED.includes(n['Relation Name'] ?? ''));
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

    // As the auth server runs the hook (the lookup runs as its owner; plain SQL here).
    for (const id of [owner.id, member.id]) {
      assertIndexed(await explain(HOOK_LOOKUP, [id]), 'hook lookup', ['profiles', 'memberships', 'organizations']);
    }
    assertIndexed(await explain(MY_INVITATIONS, ['oplan-inv-x@test.example']), 'my invitations', ['invitations']);
    assertIndexed(await explain(AUDIT_PAGE, [orgId, null]), 'audit page', ['organization_audit_log']);
    assertIndexed(await explain(AUDIT_PAGE, [orgId, 5000]), 'audit page (before)', ['organization_audit_log']);

    // Reading the tables through the API: the policies narrow the scans through indexes.
    await c.query('set local role authenticated');
    await c.query(`select set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ sub: owner.id, role: 'authenticated', email: `oplan-${tag}-1@test.example` }),
    ]);
    assertIndexed(await explain('select * from public.invitations'), 'invitations table', ['invitations']);
    assertIndexed(await explain('select * from public.organization_audit_log'), 'audit log table', ['organization_audit_log']);
    // And they answer as the policies say: the owner of organization 1 sees its rows.
    const seen = (await c.query('select count(*)::int as n from public.organization_audit_log')).rows[0].n;
    expect(seen).toBe(20);
  } finally {
    await c.query('rollback');
  }
});
