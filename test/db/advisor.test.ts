/**
 * Supabase's database advisor rules, checked by construction against the catalog: RLS on
 * every public table, a policy on every table with RLS, no function with a mutable
 * search_path, auth.uid() never re-evaluated per row, every foreign key indexed, no
 * duplicate indexes, no views exposing auth.users or running as definer; plus the grants
 * and comments this project promises.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase } from '../../local/postgres.ts';
import { newPool, ORGANIZATION_FUNCTIONS, scratchDatabase } from './helpers.ts';

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

const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];

describe('advisor rules', () => {
  it('the expected tables exist', async () => {
    const names = await rows<{ relname: string }>(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    expect(names.map((r) => r.relname)).toEqual(
      expect.arrayContaining(['invitations', 'memberships', 'organization_audit_log', 'organizations', 'profiles']),
    );
  });

  it('every table in public has row-level security enabled', async () => {
    const missing = await rows(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`,
    );
    expect(missing).toEqual([]);
  });

  it('no table with row-level security lacks a policy', async () => {
    const missing = await rows(
      `select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'private') and c.relkind in ('r', 'p') and c.relrowsecurity
         and not exists (select 1 from pg_policy p where p.polrelid = c.oid)`,
    );
    expect(missing).toEqual([]);
  });

  it('every function in public and private has a fixed search_path (security definer ones above all)', async () => {
    const mutable = await rows(
      `select n.nspname, p.proname, p.prosecdef from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private')
         and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
         and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) cfg where cfg like 'search_path=%')`,
    );
    expect(mutable).toEqual([]);
    const definers = await rows<{ n: number }>(
      `select count(*)::int as n from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and p.prosecdef`,
    );
    expect(definers[0]!.n).toBeGreaterThan(0);
  });

  it('every security definer function is owned by postgres and has an empty search_path', async () => {
    const loose = await rows(
      `select n.nspname, p.proname, pg_get_userbyid(p.proowner) as owner, p.proconfig
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and p.prosecdef
         and (pg_get_userbyid(p.proowner) <> 'postgres' or not coalesce(p.proconfig, '{}') @> array['search_path=""']::text[])`,
    );
    expect(loose).toEqual([]);
  });

  it('no security definer function in public (the API functions are security invoker)', async () => {
    const definers = await rows(
      `select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.prosecdef`,
    );
    expect(definers).toEqual([]);
  });

  it('policies: to authenticated only, and auth.uid()/auth.jwt() only inside a sub-select', async () => {
    const policies = await rows<{ tablename: string; policyname: string; roles: string[]; qual: string | null; with_check: string | null }>(
      `select tablename, policyname, roles::text[] as roles, qual, with_check from pg_policies where schemaname = 'public'`,
    );
    expect(policies.length).toBeGreaterThanOrEqual(4);
    for (const p of policies) {
      expect(p.roles, p.policyname).toEqual(['authenticated']);
      for (const expr of [p.qual, p.with_check]) {
        if (!expr) continue;
        const bare = expr.replace(/\(\s*SELECT\s+auth\.(uid|jwt|role)\(\)(\s+AS\s+\w+)?\s*\)/gi, '');
        expect(bare, `${p.policyname}: ${expr}`).not.toMatch(/auth\.(uid|jwt|role)\(\)/);
        const bareHelpers = expr.replace(/\(\s*SELECT\s+private\.\w+\(\)(\s+AS\s+\w+)?\s*\)/gi, '');
        expect(bareHelpers, `${p.policyname}: ${expr}`).not.toMatch(/private\.\w+\(/);
      }
    }
  });

  it('no multiple permissive policies for the same table, role and action', async () => {
    const dupes = await rows(
      `select tablename, cmd, r.role, count(*) from pg_policies, unnest(roles) r(role)
       where schemaname = 'public' and permissive = 'PERMISSIVE'
       group by 1, 2, 3 having count(*) > 1`,
    );
    expect(dupes).toEqual([]);
  });

  it('every foreign key is covered by an index whose leading columns are the key', async () => {
    const unindexed = await rows(
      `select c.conrelid::regclass::text as tbl, c.conname
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and n.nspname in ('public', 'private')
         and not exists (
           select 1 from pg_index i
           where i.indrelid = c.conrelid and i.indpred is null
             and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
             and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
         )`,
    );
    expect(unindexed).toEqual([]);
    const fks = await rows<{ n: number }>(
      `select count(*)::int as n from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and n.nspname = 'public'`,
    );
    expect(fks[0]!.n).toBeGreaterThanOrEqual(6);
  });

  it('no duplicate indexes', async () => {
    const dupes = await rows(
      `select i.indrelid::regclass::text as tbl, array_agg(i.indexrelid::regclass::text) as indexes
       from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'private')
       group by i.indrelid, i.indkey::text, coalesce(pg_get_expr(i.indexprs, i.indrelid), ''),
                coalesce(pg_get_expr(i.indpred, i.indrelid), ''), i.indclass::text, i.indcollation::text
       having count(*) > 1`,
    );
    expect(dupes).toEqual([]);
  });

  it("no view in public exposes auth.users or runs with its owner's rights", async () => {
    const views = await rows<{ relname: string; reloptions: string[] | null }>(
      `select c.relname, c.reloptions from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('v', 'm')`,
    );
    for (const v of views) expect(v.reloptions ?? [], v.relname).toContain('security_invoker=true');
    const exposing = await rows(
      `select distinct v.relname from pg_class v join pg_namespace n on n.oid = v.relnamespace
       join pg_rewrite r on r.ev_class = v.oid join pg_depend d on d.objid = r.oid
       where n.nspname = 'public' and v.relkind in ('v', 'm') and d.refobjid = 'auth.users'::regclass`,
    );
    expect(exposing).toEqual([]);
  });
});

describe('grants', () => {
  it('anon has no privilege on any public table, nor on any function of ours', async () => {
    const tables = await rows(
      `select c.relname, p.privilege_type from pg_class c join pg_namespace n on n.oid = c.relnamespace,
         lateral (select unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) as privilege_type) p
       where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
         and has_table_privilege('anon', c.oid, p.privilege_type)`,
    );
    expect(tables).toEqual([]);
    const columns = await rows(
      `select table_name, column_name from information_schema.column_privileges
       where table_schema = 'public' and grantee in ('anon', 'PUBLIC')`,
    );
    expect(columns).toEqual([]);
    const functions = await rows(
      `select n.nspname, p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and has_function_privilege('anon', p.oid, 'execute')`,
    );
    expect(functions).toEqual([]);
    const schema = await rows<{ ok: boolean }>(`select has_schema_privilege('anon', 'private', 'usage') as ok`);
    expect(schema).toEqual([{ ok: false }]);
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
        ...ORGANIZATION_POLICY_HELPERS,
      ].sort(),
    );
    // No user function: the session check has no role that skips it, so service paths
    // have admin_* functions of their own.
    expect(await granted('service_role')).toEqual([
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
    ]);
    // The access token hook, and the one lookup it makes; nothing else.
    expect(await granted('supabase_auth_admin')).toEqual(['private.access_token_organization', 'public.custom_access_token_hook']);
  });

  it('the auth server role has no table privilege in public or private (the hook reads through one definer function)', async () => {
    const privs = await rows(
      `select n.nspname, c.relname, p.privilege_type from pg_class c join pg_namespace n on n.oid = c.relnamespace,
         lateral (select unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) as privilege_type) p
       where n.nspname in ('public', 'private') and c.relkind in ('r', 'p', 'v', 'm')
         and has_table_privilege('supabase_auth_admin', c.oid, p.privilege_type)`,
    );
    expect(privs).toEqual([]);
  });

  it('private.settings: row-level security on, no privilege for any API role, exactly one row', async () => {
    const [t] = await rows<{ rls: boolean }>(`select relrowsecurity as rls from pg_class where oid = 'private.settings'::regclass`);
    expect(t).toEqual({ rls: true });
    for (const role of ['anon', 'authenticated', 'service_role', 'supabase_auth_admin']) {
      const privs = await rows(
        `select p from unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
         where has_table_privilege($1, 'private.settings', p)`,
        [role],
      );
      expect(privs, role).toEqual([]);
    }
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
  });
});

describe('documentation', () => {
  it('every table, function and policy of ours has a comment', async () => {
    const tables = await rows(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and obj_description(c.oid, 'pg_class') is null`,
    );
    expect(tables).toEqual([]);
    const functions = await rows(
      `select n.nspname, p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and obj_description(p.oid, 'pg_proc') is null`,
    );
    expect(functions).toEqual([]);
    const policies = await rows(
      `select p.polname from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and obj_description(p.oid, 'pg_policy') is null`,
    );
    expect(policies).toEqual([]);
  });

  it('every column of the public tables, and every type and schema of ours, has a comment', async () => {
    const columns = await rows(
      `select c.relname, a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
         and col_description(c.oid, a.attnum) is null`,
    );
    expect(columns).toEqual([]);
    const types = await rows(
      `select t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
       where n.nspname = 'public' and t.typtype = 'e' and obj_description(t.oid, 'pg_type') is null`,
    );
    expect(types).toEqual([]);
    const schemas = await rows(`select obj_description('private'::regnamespace, 'pg_namespace') is not null as ok`);
    expect(schemas).toEqual([{ ok: true }]);
  });
});
