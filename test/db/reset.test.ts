/**
 * The migrations apply cleanly from scratch, twice in a row, followed by the seed -- as
 * `supabase db reset` / `npm run db:reset` do -- on a database of its own in the test
 * cluster (resetDatabase drops and recreates the database named in the URL).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { resetDatabase, withClient as withDb } from '../../local/postgres.ts';
import { scratchDatabase, urlAs } from './helpers.ts';

const scratch = scratchDatabase('reset_test');
const { name: dbName, url } = scratch;

afterAll(() => scratch.drop());

const ACME = '20000000-0000-4000-8000-000000000001';
const GLOBEX = '20000000-0000-4000-8000-000000000002';
const SEED_USERS = {
  'owner@acme.test': '10000000-0000-4000-8000-000000000001',
  'admin@acme.test': '10000000-0000-4000-8000-000000000002',
  'member@acme.test': '10000000-0000-4000-8000-000000000003',
  'owner@globex.test': '10000000-0000-4000-8000-000000000004',
  'solo@example.test': '10000000-0000-4000-8000-000000000005',
};

it('reset twice with the seed: same objects, same seed data', async () => {
  for (let round = 1; round <= 2; round++) {
    await resetDatabase(url, process.cwd(), { seed: true });

    await withDb(url, async (c) => {
      const q = async (sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows;

      // Objects.
      const tables = await q(`select tablename from pg_tables where schemaname = 'public' order by 1`);
      expect(tables.map((r) => r.tablename)).toEqual(
        expect.arrayContaining(['invitations', 'memberships', 'organization_audit_log', 'organizations', 'profiles']),
      );
      const fns = await q(
        `select n.nspname || '.' || p.proname as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname in ('public', 'private') order by 1`,
      );
      expect(fns.map((r) => r.f)).toEqual(
        expect.arrayContaining([
          'public.get_my_context',
          'public.list_my_organizations',
          'public.list_user_organizations',
          'public.admin_list_user_organizations',
          'public.admin_set_membership',
          'private.assert_session_active',
          'private.current_user_organization_ids',
          'private.handle_new_user',
          'public.create_organization',
          'public.accept_invitation',
          'public.set_active_organization',
          'public.custom_access_token_hook',
          'private.access_token_organization',
        ]),
      );
      const triggers = await q(`select tgname from pg_trigger where tgrelid = 'auth.users'::regclass and not tgisinternal order by 1`);
      expect(triggers.map((r) => r.tgname)).toEqual([
        'on_auth_user_app_metadata_changed',
        'on_auth_user_created',
        'on_auth_user_names_changed',
      ]);
      const applied = await q('select version from supabase_migrations.schema_migrations order by 1');
      expect(applied.length).toBeGreaterThanOrEqual(5);

      // Seed: users that a GoTrue-compatible server can sign in.
      const users = await q(
        `select u.email, u.id, u.aud, u.role, u.instance_id, u.email_confirmed_at is not null as confirmed,
                u.encrypted_password = extensions.crypt('password123', u.encrypted_password) as password_ok,
                u.encrypted_password like '$2_$10$%' as bcrypt_cost_10,
                u.raw_app_meta_data ->> 'provider' as provider,
                i.provider as identity_provider, i.provider_id, i.identity_data ->> 'email' as identity_email,
                (i.identity_data ->> 'email_verified')::boolean as identity_verified,
                -- GoTrue cannot read a user whose token columns are NULL (supabase/auth#1940).
                coalesce(u.confirmation_token = '' and u.recovery_token = '' and u.email_change_token_new = ''
                         and u.email_change = '', false) as tokens_empty
         from auth.users u join auth.identities i on i.user_id = u.id
         order by u.email`,
      );
      expect(users).toHaveLength(5);
      for (const u of users) {
        expect(u.id).toBe(SEED_USERS[u.email as keyof typeof SEED_USERS]);
        expect(u).toMatchObject({
          aud: 'authenticated',
          role: 'authenticated',
          instance_id: '00000000-0000-0000-0000-000000000000',
          confirmed: true,
          password_ok: true,
          bcrypt_cost_10: true,
          provider: 'email',
          identity_provider: 'email',
          provider_id: u.id,
          identity_email: u.email,
          identity_verified: true,
          tokens_empty: true,
        });
      }

      // Seed: organizations and roles.
      const orgs = await q(`select id, name, slug, plan from public.organizations where not is_personal_account order by name`);
      expect(orgs).toEqual([
        { id: ACME, name: 'Acme Corp', slug: 'acme', plan: 'pro' },
        { id: GLOBEX, name: 'Globex', slug: 'globex', plan: 'free' },
      ]);
      const personalSlugs = await q(`select count(*)::int as n from public.organizations where is_personal_account and slug is not null`);
      expect(personalSlugs).toEqual([{ n: 0 }]);
      // Seed: one pending invitation (solo@ into Acme Corp, by its owner) and its audit row.
      const invitations = await q(
        `select i.id, i.organization_id, i.email, i.role, i.status, i.invited_by,
                i.expires_at > now() + interval '6 days' as valid_for_days
         from public.invitations i order by i.id`,
      );
      expect(invitations).toEqual([
        {
          id: '30000000-0000-4000-8000-000000000001',
          organization_id: ACME,
          email: 'solo@example.test',
          role: 'member',
          status: 'pending',
          invited_by: SEED_USERS['owner@acme.test'],
          valid_for_days: true,
        },
      ]);
      const audit = await q(`select organization_id, action, actor_id, target_email from public.organization_audit_log order by id`);
      expect(audit).toEqual([
        { organization_id: ACME, action: 'invitation.created', actor_id: SEED_USERS['owner@acme.test'], target_email: 'solo@example.test' },
      ]);
      const roles = await q(
        `select u.email, o.name, m.role from public.memberships m
         join auth.users u on u.id = m.user_id join public.organizations o on o.id = m.organization_id
         where not o.is_personal_account order by o.name, m.role, u.email`,
      );
      expect(roles).toEqual([
        { email: 'owner@acme.test', name: 'Acme Corp', role: 'owner' },
        { email: 'admin@acme.test', name: 'Acme Corp', role: 'admin' },
        { email: 'member@acme.test', name: 'Acme Corp', role: 'member' },
        { email: 'owner@globex.test', name: 'Globex', role: 'owner' },
        { email: 'member@acme.test', name: 'Globex', role: 'member' },
      ]);
      const personal = await q(`select count(*)::int as n from public.organizations where is_personal_account`);
      expect(personal).toEqual([{ n: 5 }]);
      const defaults = await q(
        `select u.email, o.name from public.profiles p join auth.users u on u.id = p.id
         join public.organizations o on o.id = p.default_organization_id order by u.email`,
      );
      expect(defaults).toEqual([
        { email: 'admin@acme.test', name: 'Acme Corp' },
        { email: 'member@acme.test', name: 'Acme Corp' },
        { email: 'owner@acme.test', name: 'Acme Corp' },
        { email: 'owner@globex.test', name: 'Globex' },
        { email: 'solo@example.test', name: 'Personal Account' },
      ]);
    });

    // The seed users work through the API functions.
    await withDb(urlAs('authenticator', dbName), async (c) => {
      const sessionId = randomUUID();
      await c.query('begin');
      await c.query(`set local role authenticated`);
      await c.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: SEED_USERS['admin@acme.test'], role: 'authenticated', session_id: sessionId }),
      ]);
      const err = await c.query('select public.get_my_context()').catch((e: { code?: string }) => e);
      expect((err as { code?: string }).code).toBe('PT401'); // no session yet
      await c.query('rollback');
    });
    await withDb(url, async (c) => {
      const { rows } = await c.query(
        `insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), $1, now()) returning id`,
        [SEED_USERS['admin@acme.test']],
      );
      await c.query('begin');
      await c.query(`set local role authenticated`);
      await c.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: SEED_USERS['admin@acme.test'], role: 'authenticated', session_id: rows[0].id }),
      ]);
      const ctx = (await c.query('select public.get_my_context() as c')).rows[0].c;
      expect(ctx).toMatchObject({
        email: 'admin@acme.test',
        first_name: 'Ada',
        last_name: 'Admin',
        role: 'admin',
        email_verified: true,
        organization: { id: ACME, name: 'Acme Corp', plan: 'pro' },
      });
      const members = (await c.query(`select * from public.list_user_organizations($1)`, [SEED_USERS['member@acme.test']])).rows;
      expect(members.map((r) => r.name)).toEqual(['Acme Corp']);
      const acme = (await c.query('select public.get_organization($1) as o', [ACME])).rows[0].o;
      expect(acme).toMatchObject({ id: ACME, name: 'Acme Corp', slug: 'acme', plan: 'pro', role: 'admin', member_count: 3 });
      const pending = (await c.query('select id, email from public.list_organization_invitations($1)', [ACME])).rows;
      expect(pending).toEqual([{ id: '30000000-0000-4000-8000-000000000001', email: 'solo@example.test' }]);
      await c.query('rollback');
    });
  }
});
