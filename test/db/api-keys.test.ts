/**
 * Organization API keys (supabase/migrations/20261207000010_api_keys_and_webhooks.sql,
 * shared/spec/integrations.md), through the functions as PostgREST runs them:
 * - the user side (create_api_key, list_api_keys, revoke_api_key): OWNERs and ADMINs of a
 *   team organization, aal2 when it requires a second factor; row-level security never
 *   shows the hash, and shows keys to nobody else;
 * - the key side (api_key_authenticate, key_*; service_role with the presented key's hash):
 *   unknown, revoked or expired keys PT401, another organization PT404, outside the scopes
 *   PT403 (a full scope x function matrix), never to, from or of an OWNER, audited with the
 *   key as actor and never its key or hash, last_used_at at most once a minute.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyRow } from '../../src/supabase/integrations.ts';
import {
  ANON_CLAIMS,
  asRole,
  beginAs,
  beginAsService,
  commitAs,
  commitAsService,
  createOrganization,
  createUser,
  errorOf,
  newApiKey,
  newPool,
  personalOrgId,
  queryAs,
  SERVICE_CLAIMS,
  SERVICE_INTEGRATION_FUNCTIONS,
  type TestUser,
  userClaims,
  waitUntilBlockedBy,
} from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

const SCOPES = ['organization:read', 'members:read', 'members:write', 'invitations:write', 'audit:read'] as const;
type Scope = (typeof SCOPES)[number];

/** A key as create_api_key answers it, with the key and hash the test made for it. */
type CreatedKey = ApiKeyRow & { key: string; hash: string };

const tag = () => randomUUID().slice(0, 8);

/** Creates a key as the user (committed); the answer plus the key and its hash. */
async function createKey(
  user: TestUser,
  orgId: string,
  scopes: readonly string[],
  opts: { name?: string; expiresAt?: string | null; aal?: 'aal1' | 'aal2' } = {},
): Promise<CreatedKey> {
  const { key, hash, prefix } = newApiKey();
  const [row] = await commitAs<{ k: ApiKeyRow }>(
    db,
    user,
    'select public.create_api_key($1, $2, $3, $4, $5, $6) as k',
    [orgId, opts.name ?? `Key ${tag()}`, scopes, hash, prefix, opts.expiresAt ?? null],
    opts.aal ? { aal: opts.aal } : {},
  );
  return { ...row!.k, key, hash };
}

/** Runs SQL as service_role (rolled back); the rows, or the error. */
const asService = <R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  queryAs<R>(db, 'service_role', SERVICE_CLAIMS, sql, params);

/** What a call came to: 'ok', or its SQLSTATE and DETAIL. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    const e = err as { code?: string; detail?: string };
    return `${e.code}${e.detail ? ` ${e.detail}` : ''}`;
  }
}

async function team() {
  const [owner, admin, member, target, stranger] = await Promise.all([
    createUser(db),
    createUser(db),
    createUser(db),
    createUser(db),
    createUser(db),
  ]);
  const org = await createOrganization(db, [
    { user: owner, role: 'owner' },
    { user: admin, role: 'admin' },
    { user: member, role: 'member' },
    { user: target, role: 'member' },
  ]);
  return { owner, admin, member, target, stranger, org };
}

describe('managing keys (OWNER, ADMIN)', () => {
  let t: Awaited<ReturnType<typeof team>>;
  beforeAll(async () => {
    t = await team();
  });

  it('creates a key: the answer never has the hash, the scopes are canonical, the creation is audited without hash or key', async () => {
    const created = await createKey(t.owner, t.org.id, ['audit:read', 'organization:read', 'audit:read'], { name: '  CI deploy  ' });
    expect(created).toEqual({
      id: expect.any(String),
      name: 'CI deploy',
      prefix: created.key.slice(0, 12),
      scopes: ['organization:read', 'audit:read'],
      created_at: expect.any(String),
      expires_at: null,
      last_used_at: null,
      key: created.key,
      hash: created.hash,
    });
    const { rows } = await db.query('select key_hash, created_by, organization_id from public.organization_api_keys where id = $1', [
      created.id,
    ]);
    expect(rows).toEqual([{ key_hash: created.hash, created_by: t.owner.id, organization_id: t.org.id }]);

    const { rows: audit } = await db.query(
      `select action, actor_type, actor_id, actor_key_id, actor_name, details from public.organization_audit_log
       where organization_id = $1 and action = 'api_key.created' and details ->> 'api_key_id' = $2`,
      [t.org.id, created.id],
    );
    expect(audit).toEqual([
      {
        action: 'api_key.created',
        actor_type: 'user',
        actor_id: t.owner.id,
        actor_key_id: null,
        actor_name: t.owner.email,
        details: { api_key_id: created.id, name: 'CI deploy', scopes: ['organization:read', 'audit:read'], expires_at: null },
      },
    ]);
  });

  it('an ADMIN manages keys too; the list is newest first, without revoked keys, never with the hash', async () => {
    const first = await createKey(t.admin, t.org.id, ['members:read']);
    const second = await createKey(t.admin, t.org.id, ['members:write'], { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const list = async () =>
      (await queryAs<{ l: ApiKeyRow[] }>(db, 'authenticated', userClaims(t.admin), 'select public.list_api_keys($1) as l', [t.org.id]))[0]!
        .l;
    const before = await list();
    const ids = before.map((k) => k.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(before.find((k) => k.id === second.id)).toEqual({
      id: second.id,
      name: second.name,
      prefix: second.prefix,
      scopes: ['members:write'],
      created_at: second.created_at,
      expires_at: second.expires_at,
      last_used_at: null,
    });
    expect(JSON.stringify(before)).not.toContain(second.hash);

    const [revoked] = await commitAs<{ k: ApiKeyRow }>(db, t.admin, 'select public.revoke_api_key($1, $2) as k', [t.org.id, first.id]);
    expect(revoked!.k).toMatchObject({ id: first.id, name: first.name });
    expect((await list()).map((k) => k.id)).not.toContain(first.id);
    const { rows } = await db.query(`select revoked_at is not null as revoked from public.organization_api_keys where id = $1`, [first.id]);
    expect(rows).toEqual([{ revoked: true }]);
    const { rows: audit } = await db.query(
      `select actor_type, actor_id, details from public.organization_audit_log where organization_id = $1 and action = 'api_key.revoked'`,
      [t.org.id],
    );
    expect(audit).toEqual([{ actor_type: 'user', actor_id: t.admin.id, details: { api_key_id: first.id, name: first.name } }]);

    // Revoking again, or a key of another organization: NOT_FOUND.
    expect(await errorOf(commitAs(db, t.admin, 'select public.revoke_api_key($1, $2)', [t.org.id, first.id]))).toMatchObject({
      code: 'PT404',
      detail: 'NOT_FOUND',
    });
    const other = await createOrganization(db, [{ user: t.admin, role: 'owner' }]);
    expect(await errorOf(commitAs(db, t.admin, 'select public.revoke_api_key($1, $2)', [other.id, second.id]))).toMatchObject({
      code: 'PT404',
      detail: 'NOT_FOUND',
    });
    expect(await errorOf(commitAs(db, t.admin, 'select public.revoke_api_key($1, $2)', [t.org.id, randomUUID()]))).toMatchObject({
      code: 'PT404',
      detail: 'NOT_FOUND',
    });
  });

  it('refuses bad input with 22023 VALIDATION_ERROR, and a hash already registered with 409 CONFLICT', async () => {
    const k = newApiKey();
    const create =
      (name: unknown, scopes: unknown, hash: unknown, prefix: unknown, expiresAt: unknown = null) =>
      () =>
        commitAs(db, t.owner, 'select public.create_api_key($1, $2, $3, $4, $5, $6)', [t.org.id, name, scopes, hash, prefix, expiresAt]);
    const bad: [string, () => Promise<unknown>][] = [
      ['unknown scope', create('n', ['members:read', 'admin'], k.hash, k.prefix)],
      ['empty scopes', create('n', [], k.hash, k.prefix)],
      ['null scopes', create('n', null, k.hash, k.prefix)],
      ['a null scope', create('n', ['members:read', null], k.hash, k.prefix)],
      ['empty name', create('   ', ['members:read'], k.hash, k.prefix)],
      ['long name', create('x'.repeat(101), ['members:read'], k.hash, k.prefix)],
      ['control character', create('a\u0007b', ['members:read'], k.hash, k.prefix)],
      ['expiry in the past', create('n', ['members:read'], k.hash, k.prefix, new Date(Date.now() - 1000).toISOString())],
      ['not a hash', create('n', ['members:read'], k.key, k.prefix)],
      ['not a prefix', create('n', ['members:read'], k.hash, 'eak_')],
    ];
    for (const [why, call] of bad) {
      expect(await outcome(call()), why).toBe('22023 VALIDATION_ERROR');
    }
    const taken = await createKey(t.owner, t.org.id, ['members:read']);
    expect(await outcome(create('again', ['members:read'], taken.hash, taken.prefix)())).toBe('PT409 CONFLICT');
  });

  it('a MEMBER is FORBIDDEN, a stranger gets NOT_FOUND, a personal organization has no keys, anon and service_role may not call', async () => {
    const existing = await createKey(t.owner, t.org.id, ['members:read']);
    const k = newApiKey();
    const calls: [string, unknown[]][] = [
      ['select public.create_api_key($1, $2, $3, $4, $5)', [t.org.id, 'n', ['members:read'], k.hash, k.prefix]],
      ['select public.list_api_keys($1)', [t.org.id]],
      ['select public.revoke_api_key($1, $2)', [t.org.id, existing.id]],
    ];
    for (const [sql, params] of calls) {
      expect(await outcome(queryAs(db, 'authenticated', userClaims(t.member), sql, params)), sql).toBe('PT403 FORBIDDEN');
      expect(await outcome(queryAs(db, 'authenticated', userClaims(t.stranger), sql, params)), sql).toBe('PT404 NOT_FOUND');
      expect(await outcome(queryAs(db, 'anon', ANON_CLAIMS, sql, params)), sql).toBe('42501');
      expect(await outcome(asService(sql, params)), sql).toBe('42501');
    }
    const personal = await personalOrgId(db, t.owner.id);
    expect(
      await outcome(
        queryAs(db, 'authenticated', userClaims(t.owner), 'select public.create_api_key($1, $2, $3, $4, $5)', [
          personal,
          'n',
          ['members:read'],
          k.hash,
          k.prefix,
        ]),
      ),
    ).toBe('PT403 FORBIDDEN');
    expect(await outcome(queryAs(db, 'authenticated', userClaims(t.owner), 'select public.list_api_keys($1)', [personal]))).toBe(
      'PT403 FORBIDDEN',
    );
  });

  it('row-level security: OWNERs and ADMINs see the keys but never the hash; a MEMBER and a stranger see none', async () => {
    const key = await createKey(t.owner, t.org.id, ['members:read']);
    const visible = (u: TestUser) =>
      queryAs<{ id: string }>(
        db,
        'authenticated',
        userClaims(u),
        'select id, name, prefix, scopes from public.organization_api_keys where organization_id = $1',
        [t.org.id],
      );
    expect((await visible(t.owner)).map((r) => r.id)).toContain(key.id);
    expect((await visible(t.admin)).map((r) => r.id)).toContain(key.id);
    expect(await visible(t.member)).toEqual([]);
    expect(await visible(t.stranger)).toEqual([]);
    for (const sql of ['select key_hash from public.organization_api_keys', 'select * from public.organization_api_keys']) {
      const err = await errorOf(queryAs(db, 'authenticated', userClaims(t.owner), sql));
      expect(err.code, sql).toBe('42501');
    }
    // Nobody writes through the API.
    const err = await errorOf(
      queryAs(db, 'authenticated', userClaims(t.owner), 'update public.organization_api_keys set revoked_at = null where id = $1', [
        key.id,
      ]),
    );
    expect(err.code).toBe('42501');
    expect(await outcome(queryAs(db, 'anon', ANON_CLAIMS, 'select id from public.organization_api_keys'))).toBe('42501');
  });
});

describe('an organization that requires a second factor', () => {
  it('needs aal2 to create, list and revoke keys, and hides them from row-level security below aal2', async () => {
    const { owner, org } = await team();
    await db.query('update public.organizations set require_mfa = true where id = $1', [org.id]);
    const k = newApiKey();
    const create = (aal: 'aal1' | 'aal2') =>
      queryAs(db, 'authenticated', userClaims(owner, { aal }), 'select public.create_api_key($1, $2, $3, $4, $5)', [
        org.id,
        'n',
        ['members:read'],
        k.hash,
        k.prefix,
      ]);
    expect(await outcome(create('aal1'))).toBe('PT403 MFA_REQUIRED');
    expect(await outcome(create('aal2'))).toBe('ok');

    const key = await createKey(owner, org.id, ['members:read'], { aal: 'aal2' });
    for (const [sql, params] of [
      ['select public.list_api_keys($1)', [org.id]],
      ['select public.revoke_api_key($1, $2)', [org.id, key.id]],
    ] as const) {
      expect(await outcome(queryAs(db, 'authenticated', userClaims(owner, { aal: 'aal1' }), sql, [...params])), sql).toBe(
        'PT403 MFA_REQUIRED',
      );
      expect(await outcome(queryAs(db, 'authenticated', userClaims(owner, { aal: 'aal2' }), sql, [...params])), sql).toBe('ok');
    }
    const rls = (aal: 'aal1' | 'aal2') =>
      queryAs(db, 'authenticated', userClaims(owner, { aal }), 'select id from public.organization_api_keys where organization_id = $1', [
        org.id,
      ]);
    expect(await rls('aal1')).toEqual([]);
    expect(await rls('aal2')).toHaveLength(1);
  });
});

describe('using a key (service_role with the key hash)', () => {
  let t: Awaited<ReturnType<typeof team>>;
  /** One key per scope, and one with all of them. */
  const keys = {} as Record<Scope | 'all', CreatedKey>;
  let invitationId: string;

  beforeAll(async () => {
    t = await team();
    for (const scope of SCOPES) keys[scope] = await createKey(t.owner, t.org.id, [scope], { name: `only ${scope}` });
    keys.all = await createKey(t.owner, t.org.id, SCOPES, { name: 'everything' });
    const [inv] = await commitAs<{ i: { id: string } }>(db, t.owner, 'select public.create_invitation($1, $2) as i', [
      t.org.id,
      `pending-${tag()}@test.example`,
    ]);
    invitationId = inv!.i.id;
  });

  /** Every key function, with arguments that succeed (each call is rolled back), and the scope it needs. */
  const calls = (): { fn: string; scope: Scope; sql: string; params: (hash: string, orgId: string) => unknown[] }[] => [
    { fn: 'key_get_organization', scope: 'organization:read', sql: 'select public.key_get_organization($1, $2)', params: (h, o) => [h, o] },
    { fn: 'key_list_members', scope: 'members:read', sql: 'select public.key_list_members($1, $2)', params: (h, o) => [h, o] },
    {
      fn: 'key_change_member_role',
      scope: 'members:write',
      sql: `select public.key_change_member_role($1, $2, $3, 'admin')`,
      params: (h, o) => [h, o, t.target.id],
    },
    {
      fn: 'key_remove_member',
      scope: 'members:write',
      sql: 'select public.key_remove_member($1, $2, $3)',
      params: (h, o) => [h, o, t.target.id],
    },
    {
      fn: 'key_create_invitation',
      scope: 'invitations:write',
      sql: 'select public.key_create_invitation($1, $2, $3)',
      params: (h, o) => [h, o, `new-${tag()}@test.example`],
    },
    { fn: 'key_list_invitations', scope: 'invitations:write', sql: 'select public.key_list_invitations($1, $2)', params: (h, o) => [h, o] },
    {
      fn: 'key_revoke_invitation',
      scope: 'invitations:write',
      sql: 'select public.key_revoke_invitation($1, $2, $3)',
      params: (h, o) => [h, o, invitationId],
    },
    { fn: 'key_list_audit', scope: 'audit:read', sql: 'select public.key_list_audit($1, $2)', params: (h, o) => [h, o] },
  ];

  it('api_key_authenticate answers the key (never the hash); unknown, revoked and expired keys are PT401 TOKEN_INVALID', async () => {
    const [row] = await asService<{ k: Record<string, unknown> }>('select public.api_key_authenticate($1) as k', [keys.all.hash]);
    expect(row!.k).toEqual({ id: keys.all.id, organization_id: t.org.id, name: 'everything', scopes: [...SCOPES] });

    const revoked = await createKey(t.owner, t.org.id, ['members:read']);
    await commitAs(db, t.owner, 'select public.revoke_api_key($1, $2)', [t.org.id, revoked.id]);
    const expired = await createKey(t.owner, t.org.id, ['members:read']);
    await db.query(
      `update public.organization_api_keys set created_at = now() - interval '2 days', expires_at = now() - interval '1 day' where id = $1`,
      [expired.id],
    );
    for (const [why, hash] of [
      ['unknown', newApiKey().hash],
      ['revoked', revoked.hash],
      ['expired', expired.hash],
      ['the key itself instead of its hash', keys.all.key],
      ['null', null],
    ] as const) {
      expect(await outcome(asService('select public.api_key_authenticate($1)', [hash])), why).toBe('PT401 TOKEN_INVALID');
      for (const c of calls()) {
        expect(await outcome(asService(c.sql, c.params(hash as string, t.org.id))), `${why} ${c.fn}`).toBe('PT401 TOKEN_INVALID');
      }
    }
  });

  it('scope x function: each function within its scope only (PT403 FORBIDDEN outside)', async () => {
    const covered = new Set(calls().map((c) => c.fn));
    expect([...covered, 'api_key_authenticate'].sort()).toEqual(
      SERVICE_INTEGRATION_FUNCTIONS.filter((f) => !f.startsWith('webhook_')).sort(),
    );

    const got: Record<string, Record<string, string>> = {};
    const want: Record<string, Record<string, string>> = {};
    for (const c of calls()) {
      got[c.fn] = {};
      want[c.fn] = {};
      for (const scope of [...SCOPES, 'all'] as const) {
        got[c.fn]![scope] = await outcome(asService(c.sql, c.params(keys[scope].hash, t.org.id)));
        want[c.fn]![scope] = scope === 'all' || scope === c.scope ? 'ok' : 'PT403 FORBIDDEN';
      }
    }
    expect(got).toEqual(want);
  });

  it("another organization's key, or an organization that does not exist: PT404 NOT_FOUND, whatever the scopes", async () => {
    const other = await createOrganization(db, [{ user: t.stranger, role: 'owner' }]);
    const theirs = await createKey(t.stranger, other.id, SCOPES);
    for (const c of calls()) {
      expect(await outcome(asService(c.sql, c.params(keys.all.hash, other.id))), c.fn).toBe('PT404 NOT_FOUND');
      expect(await outcome(asService(c.sql, c.params(keys.all.hash, randomUUID()))), c.fn).toBe('PT404 NOT_FOUND');
      // Another organization's key does not see this one, even with fitting scopes.
      expect(await outcome(asService(c.sql, c.params(theirs.hash, t.org.id))), c.fn).toBe('PT404 NOT_FOUND');
    }
  });

  it('answers as the user functions do: the organization (role null), members, invitations, audit rows', async () => {
    const [org] = await asService<{ o: Record<string, unknown> }>('select public.key_get_organization($1, $2) as o', [
      keys.all.hash,
      t.org.id,
    ]);
    expect(org!.o).toMatchObject({ id: t.org.id, name: t.org.name, role: null, member_count: 4, is_personal_account: false });
    const [members] = await asService<{ m: { members: { user_id: string; role: string }[]; total: number } }>(
      'select public.key_list_members($1, $2, 2, 1) as m',
      [keys.all.hash, t.org.id],
    );
    expect(members!.m.total).toBe(4);
    expect(members!.m.members).toHaveLength(2);
    expect(await outcome(asService('select public.key_list_members($1, $2, 0)', [keys.all.hash, t.org.id]))).toBe('22023 VALIDATION_ERROR');
    const [invitations] = await asService<{ i: { id: string; role: string }[] }>('select public.key_list_invitations($1, $2) as i', [
      keys.all.hash,
      t.org.id,
    ]);
    expect(invitations!.i.map((i) => i.id)).toContain(invitationId);
    const [audit] = await asService<{ a: { action: string }[] }>('select public.key_list_audit($1, $2, 1) as a', [keys.all.hash, t.org.id]);
    expect(audit!.a).toHaveLength(1);
    expect(Object.keys(audit!.a[0]!).sort()).toEqual(
      [
        'action',
        'actor_id',
        'actor_key_id',
        'actor_name',
        'actor_type',
        'created_at',
        'details',
        'id',
        'target_email',
        'target_user_id',
      ].sort(),
    );
  });

  it('members:write never touches an OWNER: not to, not from, not removing one', async () => {
    const k = keys['members:write'].hash;
    const cases: [string, string, unknown[], string][] = [
      ['owner to admin', `select public.key_change_member_role($1, $2, $3, 'admin')`, [k, t.org.id, t.owner.id], 'PT403 FORBIDDEN'],
      ['member to owner', `select public.key_change_member_role($1, $2, $3, 'OWNER')`, [k, t.org.id, t.target.id], 'PT403 FORBIDDEN'],
      ['remove the owner', 'select public.key_remove_member($1, $2, $3)', [k, t.org.id, t.owner.id], 'PT403 FORBIDDEN'],
      ['admin to member', `select public.key_change_member_role($1, $2, $3, 'member')`, [k, t.org.id, t.admin.id], 'ok'],
      ['remove an admin', 'select public.key_remove_member($1, $2, $3)', [k, t.org.id, t.admin.id], 'ok'],
      ['bad role', `select public.key_change_member_role($1, $2, $3, 'boss')`, [k, t.org.id, t.target.id], '22023 VALIDATION_ERROR'],
      ['not a member', `select public.key_change_member_role($1, $2, $3, 'admin')`, [k, t.org.id, t.stranger.id], 'PT404 NOT_FOUND'],
      ['remove a non-member', 'select public.key_remove_member($1, $2, $3)', [k, t.org.id, t.stranger.id], 'PT404 NOT_FOUND'],
    ];
    for (const [why, sql, params, expected] of cases) {
      expect(await outcome(asService(sql, params)), why).toBe(expected);
    }
    const { rows } = await db.query('select role from public.memberships where organization_id = $1 and user_id = $2', [
      t.org.id,
      t.owner.id,
    ]);
    expect(rows).toEqual([{ role: 'owner' }]);
  });

  it('invitations:write never invites an OWNER; the invitation has no inviter', async () => {
    const k = keys['invitations:write'].hash;
    const email = `Invitee-${tag()}@Test.example`;
    expect(await outcome(asService(`select public.key_create_invitation($1, $2, $3, 'owner')`, [k, t.org.id, email]))).toBe(
      'PT403 FORBIDDEN',
    );
    expect(await outcome(asService(`select public.key_create_invitation($1, $2, 'not an address')`, [k, t.org.id]))).toBe(
      '22023 VALIDATION_ERROR',
    );
    expect(await outcome(asService(`select public.key_create_invitation($1, $2, $3)`, [k, t.org.id, t.member.email]))).toBe(
      'PT409 CONFLICT',
    );
    const [row] = await asService<{ i: Record<string, unknown> }>(`select public.key_create_invitation($1, $2, $3, 'ADMIN') as i`, [
      k,
      t.org.id,
      email,
    ]);
    expect(row!.i).toMatchObject({ email: email.toLowerCase(), role: 'admin', status: 'pending', invited_by: null, inviter_email: null });
    const [plain] = await asService<{ i: Record<string, unknown> }>(`select public.key_create_invitation($1, $2, $3) as i`, [
      k,
      t.org.id,
      `plain-${tag()}@test.example`,
    ]);
    expect(plain!.i).toMatchObject({ role: 'member' });
  });

  it('authenticated and anon may not call the key functions (42501)', async () => {
    for (const c of [
      ...calls(),
      { fn: 'api_key_authenticate', sql: 'select public.api_key_authenticate($1)', params: (h: string) => [h] },
    ]) {
      const params = c.params(keys.all.hash, t.org.id);
      expect(await outcome(queryAs(db, 'authenticated', userClaims(t.owner), c.sql, params)), c.fn).toBe('42501');
      expect(await outcome(queryAs(db, 'anon', ANON_CLAIMS, c.sql, params)), c.fn).toBe('42501');
    }
  });
});

describe('the audit log names the key, never its key or hash', () => {
  it('changes made with a key are audited with actor api_key (actor_id null, the key name), readable by users and keys', async () => {
    const t = await team();
    const key = await createKey(t.owner, t.org.id, SCOPES, { name: 'HR sync' });
    await commitAsService(db, `select public.key_change_member_role($1, $2, $3, 'admin')`, [key.hash, t.org.id, t.target.id]);
    const email = `hire-${tag()}@test.example`;
    const [inv] = await commitAsService<{ i: { id: string } }>(db, 'select public.key_create_invitation($1, $2, $3) as i', [
      key.hash,
      t.org.id,
      email,
    ]);
    await commitAsService(db, 'select public.key_revoke_invitation($1, $2, $3)', [key.hash, t.org.id, inv!.i.id]);
    await commitAsService(db, 'select public.key_remove_member($1, $2, $3)', [key.hash, t.org.id, t.member.id]);

    const { rows } = await db.query(
      `select action, actor_type, actor_id, actor_key_id, actor_name, target_user_id, target_email from public.organization_audit_log
       where organization_id = $1 and actor_type = 'api_key' order by id`,
      [t.org.id],
    );
    const actor = { actor_type: 'api_key', actor_id: null, actor_key_id: key.id, actor_name: 'HR sync' };
    expect(rows).toEqual([
      { action: 'member.role_changed', ...actor, target_user_id: t.target.id, target_email: t.target.email },
      { action: 'invitation.created', ...actor, target_user_id: null, target_email: email },
      { action: 'invitation.revoked', ...actor, target_user_id: null, target_email: email },
      { action: 'member.removed', ...actor, target_user_id: t.member.id, target_email: t.member.email },
    ]);

    // The user's list and the key's list both carry the actor; users are named by their email.
    const userList = await queryAs<{
      action: string;
      actor_type: string;
      actor_id: string | null;
      actor_key_id: string | null;
      actor_name: string;
    }>(db, 'authenticated', userClaims(t.owner), 'select * from public.list_organization_audit($1)', [t.org.id]);
    expect(userList.find((r) => r.action === 'member.removed')).toMatchObject(actor);
    expect(userList.find((r) => r.action === 'api_key.created')).toMatchObject({
      actor_type: 'user',
      actor_id: t.owner.id,
      actor_key_id: null,
      actor_name: t.owner.email,
    });
    const [keyList] = await asService<{ a: Record<string, unknown>[] }>('select public.key_list_audit($1, $2) as a', [key.hash, t.org.id]);
    expect(keyList!.a).toHaveLength(userList.length);
    expect(keyList!.a[0]).toMatchObject({ action: 'member.removed', ...actor });

    // Never the key, its hash or its prefix, in the audit log or in the events.
    const { rows: everything } = await db.query(
      `select (select coalesce(string_agg(to_jsonb(a)::text, ' '), '') from public.organization_audit_log a where a.organization_id = $1) as audit,
              (select coalesce(string_agg(to_jsonb(e)::text, ' '), '') from private.webhook_events e where e.organization_id = $1) as events`,
      [t.org.id],
    );
    for (const text of [everything[0].audit, everything[0].events] as string[]) {
      expect(text).toContain(key.id);
      expect(text).not.toContain(key.hash);
      expect(text).not.toContain(key.key);
      expect(text).not.toContain(key.prefix);
    }
  });

  it('a user who sets edge_auth.api_key_id is still audited as themselves', async () => {
    const t = await team();
    const key = await createKey(t.owner, t.org.id, SCOPES);
    await asRole(
      db,
      'authenticated',
      userClaims(t.owner),
      async (c) => {
        await c.query(`select set_config('edge_auth.api_key_id', $1, true)`, [key.id]);
        await c.query(`select public.change_member_role($1, $2, 'admin')`, [t.org.id, t.target.id]);
      },
      true,
    );
    const { rows } = await db.query(
      `select actor_type, actor_id, actor_key_id from public.organization_audit_log where organization_id = $1 and action = 'member.role_changed'`,
      [t.org.id],
    );
    expect(rows).toEqual([{ actor_type: 'user', actor_id: t.owner.id, actor_key_id: null }]);
  });

  it('a refused key call changes nothing and writes no audit row', async () => {
    const t = await team();
    const key = await createKey(t.owner, t.org.id, ['members:read']);
    const before = await db.query('select count(*)::int as n from public.organization_audit_log where organization_id = $1', [t.org.id]);
    expect(
      await outcome(commitAsService(db, `select public.key_change_member_role($1, $2, $3, 'admin')`, [key.hash, t.org.id, t.target.id])),
    ).toBe('PT403 FORBIDDEN');
    const after = await db.query('select count(*)::int as n from public.organization_audit_log where organization_id = $1', [t.org.id]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});

describe('last_used_at', () => {
  it('is set on use, at most once a minute, by api_key_authenticate and by the key functions', async () => {
    const t = await team();
    const key = await createKey(t.owner, t.org.id, ['organization:read']);
    const lastUsed = async () =>
      (await db.query<{ at: Date | null }>('select last_used_at as at from public.organization_api_keys where id = $1', [key.id])).rows[0]!
        .at;
    expect(await lastUsed()).toBeNull();

    await commitAsService(db, 'select public.api_key_authenticate($1)', [key.hash]);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await commitAsService(db, 'select public.api_key_authenticate($1)', [key.hash]);
    await commitAsService(db, 'select public.key_get_organization($1, $2)', [key.hash, t.org.id]);
    expect(await lastUsed()).toEqual(first);

    // More than a minute ago: the next use sets it again.
    await db.query(`update public.organization_api_keys set last_used_at = now() - interval '61 seconds' where id = $1`, [key.id]);
    const old = await lastUsed();
    await commitAsService(db, 'select public.key_get_organization($1, $2)', [key.hash, t.org.id]);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old!.getTime());
    const [listed] = await queryAs<{ l: ApiKeyRow[] }>(db, 'authenticated', userClaims(t.owner), 'select public.list_api_keys($1) as l', [
      t.org.id,
    ]);
    expect(listed!.l.find((k) => k.id === key.id)!.last_used_at).not.toBeNull();
  });
});

describe('revoking while the key is in use', () => {
  it('a key call that waited for a revocation to commit is refused (PT401), and changes nothing', async () => {
    const t = await team();
    const key = await createKey(t.owner, t.org.id, SCOPES);
    const revoking = await beginAs(t.owner);
    const using = await beginAsService();
    try {
      await revoking.query('select public.revoke_api_key($1, $2)', [t.org.id, key.id]);
      const call = using.query(`select public.key_change_member_role($1, $2, $3, 'admin')`, [key.hash, t.org.id, t.target.id]).then(
        () => 'ok',
        (err: { code?: string; detail?: string }) => `${err.code} ${err.detail}`,
      );
      await waitUntilBlockedBy(db, using, revoking);
      await revoking.query('commit');
      expect(await call).toBe('PT401 TOKEN_INVALID');
      await using.query('rollback');
    } finally {
      await revoking.end();
      await using.end();
    }
    const { rows } = await db.query('select role from public.memberships where organization_id = $1 and user_id = $2', [
      t.org.id,
      t.target.id,
    ]);
    expect(rows).toEqual([{ role: 'member' }]);
  });
});

describe('keys die with their organization', () => {
  it('deleting the organization deletes its keys: the key is PT401 from then on', async () => {
    const t = await team();
    const key = await createKey(t.owner, t.org.id, SCOPES);
    await commitAs(db, t.owner, 'select public.delete_organization($1)', [t.org.id]);
    expect(await outcome(asService('select public.api_key_authenticate($1)', [key.hash]))).toBe('PT401 TOKEN_INVALID');
    const { rows } = await db.query('select count(*)::int as n from public.organization_api_keys where id = $1', [key.id]);
    expect(rows[0].n).toBe(0);
  });
});
