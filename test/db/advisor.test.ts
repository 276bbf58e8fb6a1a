/**
 * Supabase's database advisor rules, checked by construction against the catalog: RLS on
 * every public table, a policy on every table with RLS, no function with a mutable
 * search_path, auth.uid() never re-evaluated per row, every foreign key indexed, no
 * duplicate indexes, no views exposing auth.users or running as definer; plus the grants
 * and comments this project promises.
 *
 * A check that finds nothing proves nothing unless it can find something: each rule below is
 * a named query, run once on the migrated database (nothing to report) and once more, in a
 * transaction that is rolled back, after creating an object that breaks the rule (the same
 * query reports it).
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase } from '../../local/postgres.ts';
import {
  INTEGRATION_FUNCTIONS,
  inTransaction,
  newPool,
  ORGANIZATION_FUNCTIONS,
  SERVICE_INTEGRATION_FUNCTIONS,
  scratchDatabase,
} from './helpers.ts';

// The catalog checks below look at every object in public/private. Other test files
// create objects of their own in the shared database while they run (test/local/rest.test.ts
// adds a probe table and functions to public, which the bootstrap's default privileges
// grant to anon), so these checks run against a database of their own, freshly migrated.
const scratch = scratchDatabase('advisor_test');
const url = scratch.url;

let db: pg.Pool;
beforeAll(async () => {
  await resetDatabase(url, process.cwd(), { seed: false });
  db = newPool(url);
});
afterAll(async () => {
  await db?.end();
  await scratch.drop();
});

/** Policy helpers of the invitations and audit log policies (run with the caller's privileges). */
const ORGANIZATION_POLICY_HELPERS = ['private.current_user_confirmed_email', 'private.current_user_managed_organization_ids'];

type Queryable = pg.Pool | pg.PoolClient;

const rowsOn = async <T = Record<string, unknown>>(q: Queryable, sql: string, params: unknown[] = []) =>
  (await q.query(sql, params)).rows as T[];
const rows = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => rowsOn<T>(db, sql, params);

/**
 * Negative control: runs `setup` (objects that break a rule), then `check` on the same
 * connection, and rolls everything back; resolves with what the check reported.
 */
const withViolation = <T>(setup: string, check: (q: Queryable) => Promise<T>): Promise<T> =>
  inTransaction(
    db,
    async (c) => {
      await c.query(setup);
      return check(c);
    },
    'rollback',
  );

/** The advisor rules, each a query of the catalog that lists what breaks it. */
const check = {
  tablesWithoutRls: (q: Queryable) =>
    rowsOn(
      q,
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`,
    ),
  rlsTablesWithoutPolicy: (q: Queryable) =>
    rowsOn(
      q,
      `select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'private') and c.relkind in ('r', 'p') and c.relrowsecurity
         and not exists (select 1 from pg_policy p where p.polrelid = c.oid)`,
    ),
  mutableSearchPath: (q: Queryable) =>
    rowsOn(
      q,
      `select n.nspname, p.proname, p.prosecdef from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private')
         and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
         and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) cfg where cfg like 'search_path=%')`,
    ),
  looseDefiners: (q: Queryable) =>
    rowsOn(
      q,
      `select n.nspname, p.proname, pg_get_userbyid(p.proowner) as owner, p.proconfig
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and p.prosecdef
         and (pg_get_userbyid(p.proowner) <> 'postgres' or not coalesce(p.proconfig, '{}') @> array['search_path=""']::text[])`,
    ),
  publicDefiners: (q: Queryable) =>
    rowsOn(
      q,
      `select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.prosecdef`,
    ),
  /** How many policies there are in public, and what is wrong with them. */
  policyProblems: async (q: Queryable) => {
    const policies = await rowsOn<{
      tablename: string;
      policyname: string;
      roles: string[];
      qual: string | null;
      with_check: string | null;
    }>(q, `select tablename, policyname, roles::text[] as roles, qual, with_check from pg_policies where schemaname = 'public'`);
    const problems: string[] = [];
    for (const p of policies) {
      if (p.roles.join() !== 'authenticated') problems.push(`${p.policyname}: to ${p.roles.join(', ')}`);
      for (const expr of [p.qual, p.with_check]) {
        if (!expr) continue;
        const bare = expr.replace(/\(\s*SELECT\s+auth\.(uid|jwt|role)\(\)(\s+AS\s+\w+)?\s*\)/gi, '');
        if (/auth\.(uid|jwt|role)\(\)/.test(bare)) problems.push(`${p.policyname}: auth.*() outside a sub-select: ${expr}`);
        const bareHelpers = expr.replace(/\(\s*SELECT\s+private\.\w+\(\)(\s+AS\s+\w+)?\s*\)/gi, '');
        if (/private\.\w+\(/.test(bareHelpers)) problems.push(`${p.policyname}: private helper outside a sub-select: ${expr}`);
      }
    }
    return { count: policies.length, problems };
  },
  multiplePermissive: (q: Queryable) =>
    rowsOn(
      q,
      `select tablename, cmd, r.role, count(*)::int as n from pg_policies, unnest(roles) r(role)
       where schemaname = 'public' and permissive = 'PERMISSIVE'
       group by 1, 2, 3 having count(*) > 1`,
    ),
  unindexedForeignKeys: (q: Queryable) =>
    rowsOn(
      q,
      `select c.conrelid::regclass::text as tbl, c.conname
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and n.nspname in ('public', 'private')
         and not exists (
           select 1 from pg_index i
           where i.indrelid = c.conrelid and i.indpred is null
             and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
             and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
         )
       order by 1, 2`,
    ),
  duplicateIndexes: (q: Queryable) =>
    rowsOn(
      q,
      `select i.indrelid::regclass::text as tbl, array_agg(i.indexrelid::regclass::text order by i.indexrelid::regclass::text) as indexes
       from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'private')
       group by i.indrelid, i.indkey::text, coalesce(pg_get_expr(i.indexprs, i.indrelid), ''),
                coalesce(pg_get_expr(i.indpred, i.indrelid), ''), i.indclass::text, i.indcollation::text
       having count(*) > 1`,
    ),
  /** Views in public that run with their owner's rights, and views in public that read auth.users. */
  unsafeViews: async (q: Queryable) => ({
    definer: (
      await rowsOn<{ relname: string }>(
        q,
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('v', 'm')
           and not coalesce(c.reloptions, '{}') @> array['security_invoker=true']
         order by 1`,
      )
    ).map((r) => r.relname),
    exposing: (
      await rowsOn<{ relname: string }>(
        q,
        `select distinct v.relname from pg_class v join pg_namespace n on n.oid = v.relnamespace
         join pg_rewrite r on r.ev_class = v.oid join pg_depend d on d.objid = r.oid
         where n.nspname = 'public' and v.relkind in ('v', 'm') and d.refobjid = 'auth.users'::regclass
         order by 1`,
      )
    ).map((r) => r.relname),
  }),
  /** What anon may do: table and column privileges in public, execute on our functions, usage on private. */
  anonPrivileges: async (q: Queryable) => ({
    tables: await rowsOn(
      q,
      `select c.relname, p.privilege_type from pg_class c join pg_namespace n on n.oid = c.relnamespace,
         lateral (select unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) as privilege_type) p
       where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
         and has_table_privilege('anon', c.oid, p.privilege_type)`,
    ),
    columns: await rowsOn(
      q,
      `select table_name, column_name from information_schema.column_privileges
       where table_schema = 'public' and grantee in ('anon', 'PUBLIC')`,
    ),
    functions: await rowsOn(
      q,
      `select n.nspname, p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and has_function_privilege('anon', p.oid, 'execute')`,
    ),
    privateUsage: (await rowsOn<{ ok: boolean }>(q, `select has_schema_privilege('anon', 'private', 'usage') as ok`))[0]!.ok,
  }),
  authServerTablePrivileges: (q: Queryable) =>
    rowsOn(
      q,
      `select n.nspname, c.relname, p.privilege_type from pg_class c join pg_namespace n on n.oid = c.relnamespace,
         lateral (select unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) as privilege_type) p
       where n.nspname in ('public', 'private') and c.relkind in ('r', 'p', 'v', 'm')
         and has_table_privilege('supabase_auth_admin', c.oid, p.privilege_type)`,
    ),
  settingsPrivileges: (q: Queryable, role: string) =>
    rowsOn(
      q,
      `select p from unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
       where has_table_privilege($1, 'private.settings', p)`,
      [role],
    ),
  /** Tables, functions and policies of ours without a comment. */
  undocumentedObjects: async (q: Queryable) => ({
    tables: await rowsOn(
      q,
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and obj_description(c.oid, 'pg_class') is null`,
    ),
    functions: await rowsOn(
      q,
      `select n.nspname, p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and obj_description(p.oid, 'pg_proc') is null`,
    ),
    policies: await rowsOn(
      q,
      `select p.polname from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and obj_description(p.oid, 'pg_policy') is null`,
    ),
  }),
  /** Columns of the public tables, and types of ours, without a comment; whether the private schema has one. */
  undocumentedParts: async (q: Queryable) => ({
    columns: await rowsOn(
      q,
      `select c.relname, a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
         and col_description(c.oid, a.attnum) is null`,
    ),
    types: await rowsOn(
      q,
      `select t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
       where n.nspname = 'public' and t.typtype = 'e' and obj_description(t.oid, 'pg_type') is null`,
    ),
    privateSchemaCommented: (
      await rowsOn<{ ok: boolean }>(q, `select obj_description('private'::regnamespace, 'pg_namespace') is not null as ok`)
    )[0]!.ok,
  }),
};

/** A table in public with row-level security on and one good policy (the control's starting point). */
const PROBE_TABLE = `
  create table public.advisor_probe (id uuid primary key, user_id uuid);
  alter table public.advisor_probe enable row level security;
  create policy advisor_probe_own on public.advisor_probe for select to authenticated using (user_id = (select auth.uid()));`;

describe('advisor rules', () => {
  it('the expected tables exist', async () => {
    const names = await rows<{ relname: string }>(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    expect(names.map((r) => r.relname)).toEqual(
      expect.arrayContaining([
        'invitations',
        'memberships',
        'organization_api_keys',
        'organization_audit_log',
        'organization_webhooks',
        'organizations',
        'profiles',
      ]),
    );
  });

  it('every table in public has row-level security enabled', async () => {
    expect(await check.tablesWithoutRls(db)).toEqual([]);
    // Control: a table in public without row-level security is reported.
    expect(await withViolation('create table public.advisor_probe (id int)', check.tablesWithoutRls)).toEqual([
      { relname: 'advisor_probe' },
    ]);
  });

  it('no table with row-level security lacks a policy', async () => {
    expect(await check.rlsTablesWithoutPolicy(db)).toEqual([]);
    // Control: row-level security on, no policy, in either schema.
    expect(
      await withViolation(
        `create table public.advisor_probe (id int);
         alter table public.advisor_probe enable row level security;
         create table private.advisor_probe (id int);
         alter table private.advisor_probe enable row level security;`,
        check.rlsTablesWithoutPolicy,
      ),
    ).toEqual(
      expect.arrayContaining([
        { nspname: 'public', relname: 'advisor_probe' },
        { nspname: 'private', relname: 'advisor_probe' },
      ]),
    );
  });

  it('every function in public and private has a fixed search_path (security definer ones above all)', async () => {
    expect(await check.mutableSearchPath(db)).toEqual([]);
    const definers = await rows<{ n: number }>(
      `select count(*)::int as n from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and p.prosecdef`,
    );
    expect(definers[0]!.n).toBeGreaterThan(0);
    // Control: functions without a search_path setting, invoker and definer.
    expect(
      await withViolation(
        `create function public.advisor_probe() returns int language sql as 'select 1';
         create function private.advisor_probe() returns int language sql security definer as 'select 1';`,
        check.mutableSearchPath,
      ),
    ).toEqual(
      expect.arrayContaining([
        { nspname: 'public', proname: 'advisor_probe', prosecdef: false },
        { nspname: 'private', proname: 'advisor_probe', prosecdef: true },
      ]),
    );
  });

  it('every security definer function is owned by postgres and has an empty search_path', async () => {
    expect(await check.looseDefiners(db)).toEqual([]);
    // Control: a definer with a non-empty search_path, and one owned by another role.
    const found = await withViolation(
      `create function private.advisor_probe_path() returns int language sql security definer set search_path = public as 'select 1';
       create function private.advisor_probe_owner() returns int language sql security definer set search_path = '' as 'select 1';
       alter function private.advisor_probe_owner() owner to service_role;`,
      check.looseDefiners,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        { nspname: 'private', proname: 'advisor_probe_path', owner: 'postgres', proconfig: ['search_path=public'] },
        { nspname: 'private', proname: 'advisor_probe_owner', owner: 'service_role', proconfig: ['search_path=""'] },
      ]),
    );
  });

  it('no security definer function in public (the API functions are security invoker)', async () => {
    expect(await check.publicDefiners(db)).toEqual([]);
    // Control: a well-formed definer, but in public.
    expect(
      await withViolation(
        `create function public.advisor_probe() returns int language sql security definer set search_path = '' as 'select 1'`,
        check.publicDefiners,
      ),
    ).toEqual([{ proname: 'advisor_probe' }]);
  });

  it('policies: to authenticated only, and auth.uid()/auth.jwt() only inside a sub-select', async () => {
    const { count, problems } = await check.policyProblems(db);
    expect(count).toBeGreaterThanOrEqual(4);
    expect(problems).toEqual([]);
    // Control: a policy for anon, one calling auth.uid() per row, one calling a private helper per row.
    const found = await withViolation(
      `${PROBE_TABLE}
       create policy advisor_probe_anon on public.advisor_probe for update to anon using ((select auth.uid()) is not null);
       create policy advisor_probe_bare on public.advisor_probe for insert to authenticated with check (user_id = auth.uid());
       create policy advisor_probe_helper on public.advisor_probe for delete to authenticated
         using (private.current_user_confirmed_email() is not null);`,
      check.policyProblems,
    );
    const probes = found.problems.filter((p) => p.startsWith('advisor_probe')).sort();
    expect(probes).toEqual([
      'advisor_probe_anon: to anon',
      expect.stringMatching(/^advisor_probe_bare: auth\.\*\(\) outside a sub-select: /),
      expect.stringMatching(/^advisor_probe_helper: private helper outside a sub-select: /),
    ]);
  });

  it('no multiple permissive policies for the same table, role and action', async () => {
    expect(await check.multiplePermissive(db)).toEqual([]);
    // Control: a second permissive select policy for authenticated on the same table.
    expect(
      await withViolation(
        `${PROBE_TABLE}
         create policy advisor_probe_too on public.advisor_probe for select to authenticated using (true);`,
        check.multiplePermissive,
      ),
    ).toEqual([{ tablename: 'advisor_probe', cmd: 'SELECT', role: 'authenticated', n: 2 }]);
  });

  it('every foreign key is covered by an index whose leading columns are the key', async () => {
    expect(await check.unindexedForeignKeys(db)).toEqual([]);
    const fks = await rows<{ n: number }>(
      `select count(*)::int as n from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and n.nspname = 'public'`,
    );
    expect(fks[0]!.n).toBeGreaterThanOrEqual(6);
    // Control: a key with no index, one whose index leads with another column, one with only
    // a partial index; a key covered properly is not reported.
    expect(
      await withViolation(
        `create table public.advisor_probe_none (org uuid references public.organizations (id));
         create table public.advisor_probe_second (other int, org uuid references public.organizations (id));
         create index on public.advisor_probe_second (other, org);
         create table public.advisor_probe_partial (org uuid references public.organizations (id));
         create index on public.advisor_probe_partial (org) where org is not null;
         create table public.advisor_probe_ok (org uuid references public.organizations (id));
         create index on public.advisor_probe_ok (org);`,
        check.unindexedForeignKeys,
      ),
    ).toEqual([
      { tbl: 'advisor_probe_none', conname: 'advisor_probe_none_org_fkey' },
      { tbl: 'advisor_probe_partial', conname: 'advisor_probe_partial_org_fkey' },
      { tbl: 'advisor_probe_second', conname: 'advisor_probe_second_org_fkey' },
    ]);
  });

  it('no duplicate indexes', async () => {
    expect(await check.duplicateIndexes(db)).toEqual([]);
    // Control: the same index twice under two names.
    expect(
      await withViolation(
        `create table private.advisor_probe (a int, b int);
         create index advisor_probe_a1 on private.advisor_probe (a);
         create index advisor_probe_a2 on private.advisor_probe (a);
         create index advisor_probe_b on private.advisor_probe (b);`,
        check.duplicateIndexes,
      ),
    ).toEqual([{ tbl: 'private.advisor_probe', indexes: ['private.advisor_probe_a1', 'private.advisor_probe_a2'] }]);
  });

  it("no view in public exposes auth.users or runs with its owner's rights", async () => {
    expect(await check.unsafeViews(db)).toEqual({ definer: [], exposing: [] });
    // Control: a view without security_invoker, and an invoker view that reads auth.users.
    expect(
      await withViolation(
        `create view public.advisor_probe_definer as select 1 as x;
         create view public.advisor_probe_users with (security_invoker = true) as select id, email from auth.users;
         create view public.advisor_probe_ok with (security_invoker = true) as select id from public.organizations;`,
        check.unsafeViews,
      ),
    ).toEqual({ definer: ['advisor_probe_definer'], exposing: ['advisor_probe_users'] });
  });
});

describe('grants', () => {
  it('anon has no privilege on any public table, nor on any function of ours', async () => {
    expect(await check.anonPrivileges(db)).toEqual({ tables: [], columns: [], functions: [], privateUsage: false });
    // Control: each kind of grant to anon is reported.
    const found = await withViolation(
      `grant select on public.organizations to anon;
       grant update (first_name) on public.profiles to anon;
       grant execute on function public.get_my_context() to anon;
       grant usage on schema private to anon;`,
      check.anonPrivileges,
    );
    expect(found.tables).toContainEqual({ relname: 'organizations', privilege_type: 'SELECT' });
    expect(found.columns).toContainEqual({ table_name: 'profiles', column_name: 'first_name' });
    expect(found.functions).toEqual([{ nspname: 'public', proname: 'get_my_context' }]);
    expect(found.privateUsage).toBe(true);
  });

  it('execute is granted explicitly: exactly these functions per role', async () => {
    const granted = async (role: string) =>
      (
        await rows<{ f: string }>(
          `select n.nspname || '.' || p.proname as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname in ('public', 'private') and has_function_privilege($1, p.oid, 'execute') order by 1`,
          [role],
        )
      ).map((r) => r.f);
    expect((await granted('authenticated')).sort()).toEqual(
      [
        'private.assert_session_active',
        'private.current_user_account',
        'private.current_user_organization_ids',
        'public.get_my_context',
        'public.list_my_organizations',
        'public.list_user_organizations',
        // The caller's own sessions (account flows).
        'private.caller_sessions',
        'private.end_caller_session',
        'public.end_my_session',
        'public.list_my_sessions',
        ...ORGANIZATION_FUNCTIONS.flatMap((f) => [`private.${f}`, `public.${f}`]),
        // Organization API keys and webhooks, managed by OWNERs and ADMINs.
        ...INTEGRATION_FUNCTIONS.flatMap((f) => [`private.${f}`, `public.${f}`]),
        ...ORGANIZATION_POLICY_HELPERS,
        // The assurance level (second factor): each only about the caller.
        'private.assert_assurance',
        'private.assert_organization_assurance',
        'private.assert_session_live',
        'private.caller_has_verified_factor',
        'private.caller_is_aal2',
        'private.caller_meets_assurance',
        'private.caller_meets_organization_assurance',
        'private.current_user_unlocked_organization_ids',
      ].sort(),
    );
    // No user function: the session check has no role that skips it, so service paths
    // have admin_* functions of their own.
    // Plus the worker's side of API keys (the presented key's hash) and webhook deliveries.
    expect((await granted('service_role')).sort()).toEqual(
      [
        'private.email_token_pending',
        'private.reset_token_pending',
        'private.revoke_user_sessions',
        'private.user_exists',
        'public.admin_get_organization',
        'public.admin_list_user_organizations',
        'public.admin_revoke_user_sessions',
        'public.admin_set_membership',
        'public.admin_user_profiles',
        'public.email_token_pending',
        'public.password_reset_token_pending',
        ...SERVICE_INTEGRATION_FUNCTIONS.flatMap((f) => [`private.${f}`, `public.${f}`]),
      ].sort(),
    );
    // The access token hook, and the one lookup it makes; nothing else.
    expect(await granted('supabase_auth_admin')).toEqual(['private.access_token_organization', 'public.custom_access_token_hook']);
  });

  it('the auth server role has no table privilege in public or private (the hook reads through one definer function)', async () => {
    expect(await check.authServerTablePrivileges(db)).toEqual([]);
    // Control: a grant on a private table is reported.
    expect(await withViolation('grant select on private.settings to supabase_auth_admin', check.authServerTablePrivileges)).toEqual([
      { nspname: 'private', relname: 'settings', privilege_type: 'SELECT' },
    ]);
  });

  it('private.settings: row-level security on, no privilege for any API role, exactly one row', async () => {
    const [t] = await rows<{ rls: boolean }>(`select relrowsecurity as rls from pg_class where oid = 'private.settings'::regclass`);
    expect(t).toEqual({ rls: true });
    for (const role of ['anon', 'authenticated', 'service_role', 'supabase_auth_admin']) {
      expect(await check.settingsPrivileges(db, role), role).toEqual([]);
    }
    // Control: a grant to an API role is reported.
    expect(
      await withViolation('grant update on private.settings to service_role', (q) => check.settingsPrivileges(q, 'service_role')),
    ).toEqual([{ p: 'UPDATE' }]);
    expect(await rows('select org_create_limit, org_member_limit, invitation_ttl_seconds from private.settings')).toEqual([
      { org_create_limit: 10, org_member_limit: 100, invitation_ttl_seconds: 604800 },
    ]);
  });

  it('authenticated: select on the tables (RLS decides the rows), update on profile names only', async () => {
    const privs = await rows<{ t: string; p: string }>(
      `select c.relname as t, p.privilege_type as p from pg_class c join pg_namespace n on n.oid = c.relnamespace,
         lateral (select unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) as privilege_type) p
       where n.nspname = 'public' and c.relkind = 'r' and has_table_privilege('authenticated', c.oid, p.privilege_type)
       order by 1, 2`,
    );
    expect(privs).toEqual([
      { t: 'invitations', p: 'SELECT' },
      { t: 'memberships', p: 'SELECT' },
      { t: 'organization_audit_log', p: 'SELECT' },
      { t: 'organizations', p: 'SELECT' },
      { t: 'profiles', p: 'SELECT' },
    ]);
    const cols = await rows(
      `select table_name, column_name from information_schema.column_privileges
       where table_schema = 'public' and grantee = 'authenticated' and privilege_type = 'UPDATE' order by 1, 2`,
    );
    expect(cols).toEqual([
      { table_name: 'profiles', column_name: 'first_name' },
      { table_name: 'profiles', column_name: 'last_name' },
    ]);
    // API keys and webhooks: select on every column but the key's hash and the signing secret.
    const readable = await rows<{ table_name: string; columns: string[] }>(
      `select table_name, array_agg(column_name::text order by column_name) as columns from information_schema.column_privileges
       where table_schema = 'public' and grantee = 'authenticated' and privilege_type = 'SELECT'
         and table_name in ('organization_api_keys', 'organization_webhooks')
       group by 1 order by 1`,
    );
    expect(readable).toEqual([
      {
        table_name: 'organization_api_keys',
        columns: [
          'created_at',
          'created_by',
          'expires_at',
          'id',
          'last_used_at',
          'name',
          'organization_id',
          'prefix',
          'revoked_at',
          'scopes',
        ],
      },
      {
        table_name: 'organization_webhooks',
        columns: ['created_at', 'created_by', 'deleted_at', 'events', 'id', 'organization_id', 'url'],
      },
    ]);
  });
});

describe('documentation', () => {
  it('every table, function and policy of ours has a comment', async () => {
    expect(await check.undocumentedObjects(db)).toEqual({ tables: [], functions: [], policies: [] });
    // Control: a table, a function and a policy without a comment.
    expect(
      await withViolation(
        `${PROBE_TABLE}
         create function private.advisor_probe() returns int language sql set search_path = '' as 'select 1';`,
        check.undocumentedObjects,
      ),
    ).toEqual({
      tables: [{ relname: 'advisor_probe' }],
      functions: [{ nspname: 'private', proname: 'advisor_probe' }],
      policies: [{ polname: 'advisor_probe_own' }],
    });
  });

  it('every column of the public tables, and every type and schema of ours, has a comment', async () => {
    expect(await check.undocumentedParts(db)).toEqual({ columns: [], types: [], privateSchemaCommented: true });
    // Control: a column and an enum without a comment, and the private schema's comment removed.
    expect(
      await withViolation(
        `alter table public.profiles add column advisor_probe int;
         create type public.advisor_probe_kind as enum ('a');
         comment on schema private is null;`,
        check.undocumentedParts,
      ),
    ).toEqual({
      columns: [{ relname: 'profiles', attname: 'advisor_probe' }],
      types: [{ typname: 'advisor_probe_kind' }],
      privateSchemaCommented: false,
    });
  });
});
