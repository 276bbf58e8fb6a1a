/**
 * The custom access token hook, run the way Supabase Auth runs it (as supabase_auth_admin,
 * input { user_id, claims, authentication_method }, output { claims }): it adds the user's
 * active organization as claims.organization and leaves every other claim alone; no API
 * role may execute it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ANON_CLAIMS,
  commitAs,
  createOrganization,
  createUser,
  errorOf,
  inTransaction,
  newPool,
  personalOrgId,
  queryAs,
  SERVICE_CLAIMS,
  type TestUser,
  userClaims,
} from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

/** The claims GoTrue puts in an access token before the hook runs. */
function gotrueClaims(u: TestUser): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: 'authenticated',
    exp: now + 900,
    iat: now,
    iss: 'http://127.0.0.1:54321/auth/v1',
    sub: u.id,
    email: u.email,
    phone: '',
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
    role: 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    session_id: u.sessionId,
    is_anonymous: false,
  };
}

/** Calls the hook as the auth server does. */
async function runHook(event: Record<string, unknown>): Promise<{ claims: Record<string, unknown> }> {
  return inTransaction(
    db,
    async (c) => {
      await c.query('set local role supabase_auth_admin');
      const { rows } = await c.query('select public.custom_access_token_hook($1::jsonb) as out', [JSON.stringify(event)]);
      return rows[0].out;
    },
    'rollback',
  );
}

const eventFor = (u: TestUser) => ({ user_id: u.id, claims: gotrueClaims(u), authentication_method: 'password' });

describe('custom_access_token_hook', () => {
  it('a user with an active team organization: its id, name, slug, lowercase role and plan; other claims unchanged', async () => {
    const u = await createUser(db, { userMeta: { organization_name: `Hooked ${randomUUID().slice(0, 8)}` } });
    const { rows } = await db.query('select id, name, slug from public.organizations where created_by = $1 and not is_personal_account', [
      u.id,
    ]);
    const team = rows[0];
    await db.query(`update public.organizations set plan = 'pro' where id = $1`, [team.id]);
    const event = eventFor(u);
    const out = await runHook(event);
    expect(Object.keys(out)).toEqual(['claims']);
    expect(out.claims).toEqual({
      ...event.claims,
      organization: { id: team.id, name: team.name, slug: team.slug, role: 'owner', plan: 'pro' },
      mfa_enabled: false,
    });
  });

  it('a user with only a personal organization: the personal one', async () => {
    const u = await createUser(db);
    const out = await runHook(eventFor(u));
    expect(out.claims.organization).toEqual({
      id: await personalOrgId(db, u.id),
      name: 'Personal Account',
      slug: null,
      role: 'owner',
      plan: 'free',
    });
  });

  it('follows set_active_organization, role changes, and falls back to personal when the organization is deleted', async () => {
    const [o, u] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: o, role: 'owner' },
      { user: u, role: 'member' },
    ]);
    await commitAs(db, u, 'select public.set_active_organization($1)', [org.id]);
    expect((await runHook(eventFor(u))).claims.organization).toMatchObject({ id: org.id, role: 'member' });
    await commitAs(db, o, `select public.change_member_role($1, $2, 'admin')`, [org.id, u.id]);
    expect((await runHook(eventFor(u))).claims.organization).toMatchObject({ id: org.id, role: 'admin' });
    await commitAs(db, o, 'select public.delete_organization($1)', [org.id]);
    expect((await runHook(eventFor(u))).claims.organization).toMatchObject({ id: await personalOrgId(db, u.id), role: 'owner' });
  });

  it('no organization for an unknown user (null), and a claim sent in is replaced, never trusted', async () => {
    const ghost: TestUser = { id: randomUUID(), email: 'ghost@test.example', sessionId: randomUUID() };
    const forged = { ...gotrueClaims(ghost), organization: { id: randomUUID(), role: 'owner', plan: 'enterprise' } };
    const out = await runHook({ user_id: ghost.id, claims: forged, authentication_method: 'password' });
    expect(out.claims).toEqual({ ...forged, organization: null, mfa_enabled: false });
    // Odd input does not fail the sign-in: the claims pass through.
    expect(await runHook({ user_id: 'not-a-uuid', claims: { sub: 'x' } })).toEqual({ claims: { sub: 'x' } });
  });

  it('runs as supabase_auth_admin, which reads nothing else; no API role may execute it', async () => {
    for (const [role, claims] of [
      ['authenticated', null],
      ['anon', ANON_CLAIMS],
      ['service_role', SERVICE_CLAIMS],
    ] as const) {
      const u = await createUser(db);
      const err = await errorOf(
        queryAs(db, role, role === 'authenticated' ? userClaims(u) : claims, 'select public.custom_access_token_hook($1::jsonb)', [
          JSON.stringify(eventFor(u)),
        ]),
      );
      expect(err, role).toMatchObject({ code: '42501', message: 'permission denied for function custom_access_token_hook' });
      const inner = await errorOf(
        queryAs(db, role, role === 'authenticated' ? userClaims(u) : claims, 'select private.access_token_organization($1)', [u.id]),
      );
      expect(inner.code, role).toBe('42501');
    }
    // The auth server's role still has no table privilege of its own.
    const err = await errorOf(
      inTransaction(
        db,
        async (c) => {
          await c.query('set local role supabase_auth_admin');
          await c.query('select * from public.memberships');
        },
        'rollback',
      ),
    );
    expect(err.code).toBe('42501');
  });

  it('is stable, and each of many calls in one statement answers for its own user (no answer reused across users)', async () => {
    const { rows } = await db.query(`select provolatile from pg_proc where oid = 'public.custom_access_token_hook(jsonb)'::regprocedure`);
    expect(rows[0].provolatile).toBe('s');
    // Three users in three different organizations, their events interleaved 100 times: 300
    // calls in one statement, where a wrongly reused answer would show. (What a call costs is
    // measured by bench/access-token-hook.ts against a baseline, never asserted here.)
    const users = await Promise.all(
      [0, 1, 2].map(() => createUser(db, { userMeta: { organization_name: `Many ${randomUUID().slice(0, 8)}` } })),
    );
    const teams = await Promise.all(
      users.map(async (u) => {
        const { rows } = await db.query('select id from public.organizations where created_by = $1 and not is_personal_account', [u.id]);
        expect(rows, u.id).toHaveLength(1);
        return rows[0].id as string;
      }),
    );
    expect(new Set(teams).size).toBe(3);
    const events = Array.from({ length: 300 }, (_, i) => eventFor(users[i % 3]!));
    const outs = await inTransaction(
      db,
      async (c) => {
        await c.query('set local role supabase_auth_admin');
        const { rows } = await c.query<{ i: string; out: { claims: Record<string, unknown> } }>(
          `select e.i, public.custom_access_token_hook(e.event) as out
           from jsonb_array_elements($1::jsonb) with ordinality as e(event, i) order by e.i`,
          [JSON.stringify(events)],
        );
        return rows;
      },
      'rollback',
    );
    expect(outs).toHaveLength(300);
    outs.forEach((row, i) => {
      expect(Number(row.i)).toBe(i + 1);
      expect(row.out.claims, `call ${i + 1}`).toEqual({
        ...events[i]!.claims,
        organization: expect.objectContaining({ id: teams[i % 3], role: 'owner', plan: 'free' }),
        mfa_enabled: false,
      });
    });
  });
});
