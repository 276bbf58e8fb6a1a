/**
 * The role table of organizations.md as a permission matrix: every organization function ×
 * OWNER / ADMIN / MEMBER / non-member / invitee (not a member, holds an invitation) / anon /
 * service_role, each call through the public RPC with the caller's own claims, in a
 * transaction that is rolled back (so one organization serves every cell). A cell is either
 * allowed or the exact SQLSTATE and DETAIL the worker maps.
 *
 *   Org F: owner (owner), admin (admin), member (member), targetMember (member),
 *          targetAdmin (admin); one pending invitation I to invitee's address.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANON_CLAIMS,
  commitAs,
  createOrganization,
  createUser,
  errorOf,
  newPool,
  ORGANIZATION_FUNCTIONS,
  queryAs,
  SERVICE_CLAIMS,
  type TestUser,
  userClaims,
} from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

type Caller = 'owner' | 'admin' | 'member' | 'outsider' | 'invitee' | 'anon' | 'service';
type Outcome = 'ok' | { code: string; detail?: string };

const OK = 'ok' as const;
const NOT_FOUND = { code: 'PT404', detail: 'NOT_FOUND' };
const FORBIDDEN = { code: 'PT403', detail: 'FORBIDDEN' };
const LAST_OWNER = { code: 'PT409', detail: 'LAST_OWNER' };
const DENIED = { code: '42501' };

let users: Record<'owner' | 'admin' | 'member' | 'outsider' | 'invitee' | 'targetMember' | 'targetAdmin', TestUser>;
let org: { id: string };
let invitationId: string;

beforeAll(async () => {
  const names = ['owner', 'admin', 'member', 'outsider', 'invitee', 'targetMember', 'targetAdmin'] as const;
  const created = await Promise.all(names.map(() => createUser(db)));
  users = Object.fromEntries(names.map((n, i) => [n, created[i]!])) as typeof users;
  org = await createOrganization(db, [
    { user: users.owner, role: 'owner' },
    { user: users.admin, role: 'admin' },
    { user: users.member, role: 'member' },
    { user: users.targetMember, role: 'member' },
    { user: users.targetAdmin, role: 'admin' },
  ]);
  // The outsider runs an organization of their own.
  await createOrganization(db, [{ user: users.outsider, role: 'owner' }]);
  const [inv] = await commitAs<{ i: { id: string } }>(db, users.owner, `select public.create_invitation($1, $2, 'member') as i`, [
    org.id,
    users.invitee.email,
  ]);
  invitationId = inv!.i.id;
});

interface Case {
  call: string;
  sql: string;
  /** Parameters; `me` is the caller (undefined for anon and service_role). */
  params: (me: TestUser | undefined) => unknown[];
  expect: Partial<Record<Caller, Outcome>>;
}

const fresh = () => `new-${randomUUID()}@test.example`;
const meOr = (me: TestUser | undefined) => me?.id ?? randomUUID();

/** Members see; others get 404 (never 403). */
const members = (o: Outcome, a: Outcome, m: Outcome): Partial<Record<Caller, Outcome>> => ({
  owner: o,
  admin: a,
  member: m,
  outsider: NOT_FOUND,
  invitee: NOT_FOUND,
});

const CASES: Case[] = [
  { call: 'get_organization', sql: 'select public.get_organization($1)', params: () => [org.id], expect: members(OK, OK, OK) },
  {
    call: 'list_organization_members',
    sql: 'select public.list_organization_members($1, 10, 0)',
    params: () => [org.id],
    expect: members(OK, OK, OK),
  },
  {
    call: 'update_organization (rename)',
    sql: `select public.update_organization($1, 'Renamed', null)`,
    params: () => [org.id],
    expect: members(OK, OK, FORBIDDEN),
  },
  {
    call: 'update_organization (slug)',
    sql: 'select public.update_organization($1, null, $2)',
    params: () => [org.id, `m-${randomUUID()}`],
    expect: members(OK, OK, FORBIDDEN),
  },
  {
    call: 'delete_organization',
    sql: 'select public.delete_organization($1)',
    params: () => [org.id],
    expect: members(OK, FORBIDDEN, FORBIDDEN),
  },
  {
    call: 'create_invitation (member)',
    sql: `select public.create_invitation($1, $2, 'member')`,
    params: () => [org.id, fresh()],
    expect: members(OK, OK, FORBIDDEN),
  },
  {
    call: 'create_invitation (admin)',
    sql: `select public.create_invitation($1, $2, 'ADMIN')`,
    params: () => [org.id, fresh()],
    expect: members(OK, OK, FORBIDDEN),
  },
  {
    call: 'create_invitation (owner)',
    sql: `select public.create_invitation($1, $2, 'owner')`,
    params: () => [org.id, fresh()],
    expect: members(OK, FORBIDDEN, FORBIDDEN),
  },
  {
    call: 'list_organization_invitations',
    sql: 'select * from public.list_organization_invitations($1)',
    params: () => [org.id],
    expect: members(OK, OK, FORBIDDEN),
  },
  {
    call: 'revoke_invitation',
    sql: 'select public.revoke_invitation($1, $2)',
    params: () => [org.id, invitationId],
    expect: members(OK, OK, FORBIDDEN),
  },
  {
    call: 'change_member_role (member -> admin)',
    sql: `select public.change_member_role($1, $2, 'admin')`,
    params: () => [org.id, users.targetMember.id],
    expect: members(OK, OK, FORBIDDEN),
  },
  {
    call: 'change_member_role (admin -> member)',
    sql: `select public.change_member_role($1, $2, 'member')`,
    params: () => [org.id, users.targetAdmin.id],
    expect: members(OK, OK, FORBIDDEN),
  },
  {
    call: 'change_member_role (member -> owner)',
    sql: `select public.change_member_role($1, $2, 'owner')`,
    params: () => [org.id, users.targetMember.id],
    expect: members(OK, FORBIDDEN, FORBIDDEN),
  },
  {
    call: 'change_member_role (the last owner -> admin)',
    sql: `select public.change_member_role($1, $2, 'admin')`,
    params: () => [org.id, users.owner.id],
    expect: members(LAST_OWNER, FORBIDDEN, FORBIDDEN),
  },
  {
    call: 'change_member_role (own role -> member)',
    sql: `select public.change_member_role($1, $2, 'member')`,
    params: (me) => [org.id, meOr(me)],
    // The owner is the last one; an admin may step down; a member changes nothing.
    expect: members(LAST_OWNER, OK, FORBIDDEN),
  },
  {
    call: 'remove_member (a member)',
    sql: 'select public.remove_member($1, $2)',
    params: () => [org.id, users.targetMember.id],
    expect: members(OK, OK, FORBIDDEN),
  },
  {
    call: 'remove_member (an admin)',
    sql: 'select public.remove_member($1, $2)',
    params: () => [org.id, users.targetAdmin.id],
    expect: members(OK, FORBIDDEN, FORBIDDEN),
  },
  {
    call: 'remove_member (the last owner)',
    sql: 'select public.remove_member($1, $2)',
    params: () => [org.id, users.owner.id],
    expect: members(LAST_OWNER, FORBIDDEN, FORBIDDEN),
  },
  {
    call: 'remove_member (own id = leave)',
    sql: 'select public.remove_member($1, $2)',
    params: (me) => [org.id, meOr(me)],
    expect: members(LAST_OWNER, OK, OK),
  },
  { call: 'leave_organization', sql: 'select public.leave_organization($1)', params: () => [org.id], expect: members(LAST_OWNER, OK, OK) },
  {
    call: 'transfer_ownership',
    sql: 'select public.transfer_ownership($1, $2)',
    params: () => [org.id, users.targetMember.id],
    expect: members(OK, FORBIDDEN, FORBIDDEN),
  },
  {
    call: 'list_organization_audit',
    sql: 'select * from public.list_organization_audit($1, 10, null)',
    params: () => [org.id],
    expect: members(OK, OK, FORBIDDEN),
  },
  {
    call: 'set_active_organization',
    sql: 'select public.set_active_organization($1)',
    params: () => [org.id],
    expect: members(OK, OK, OK),
  },
  {
    call: 'create_organization',
    sql: `select public.create_organization('Matrix Inc', null)`,
    params: () => [],
    expect: { owner: OK, admin: OK, member: OK, outsider: OK, invitee: OK },
  },
  {
    call: 'list_my_invitations',
    sql: 'select * from public.list_my_invitations()',
    params: () => [],
    expect: { owner: OK, admin: OK, member: OK, outsider: OK, invitee: OK },
  },
  {
    call: 'accept_invitation',
    sql: 'select public.accept_invitation($1)',
    params: () => [invitationId],
    // Only the addressee (members of the organization included, it is not theirs).
    expect: { owner: FORBIDDEN, admin: FORBIDDEN, member: FORBIDDEN, outsider: FORBIDDEN, invitee: OK },
  },
  {
    call: 'decline_invitation',
    sql: 'select public.decline_invitation($1)',
    params: () => [invitationId],
    expect: { owner: FORBIDDEN, admin: FORBIDDEN, member: FORBIDDEN, outsider: FORBIDDEN, invitee: OK },
  },
];

const CALLERS: Caller[] = ['owner', 'admin', 'member', 'outsider', 'invitee', 'anon', 'service'];

async function run(caller: Caller, c: Case): Promise<Outcome> {
  const me = caller === 'anon' || caller === 'service' ? undefined : users[caller];
  const call =
    caller === 'anon'
      ? queryAs(db, 'anon', ANON_CLAIMS, c.sql, c.params(me))
      : caller === 'service'
        ? queryAs(db, 'service_role', SERVICE_CLAIMS, c.sql, c.params(me))
        : queryAs(db, 'authenticated', userClaims(me!), c.sql, c.params(me));
  try {
    await call;
    return OK;
  } catch (err) {
    const e = err as { code?: string; detail?: string };
    return e.detail === undefined ? { code: e.code ?? '?' } : { code: e.code ?? '?', detail: e.detail };
  }
}

describe('permission matrix', () => {
  it('covers every organization function, each executable by authenticated only', async () => {
    const covered = new Set(CASES.map((c) => c.call.split(' ')[0]));
    expect([...covered].sort()).toEqual([...ORGANIZATION_FUNCTIONS].sort());
    const { rows } = await db.query<{ f: string; roles: string[] }>(
      `select p.proname as f,
              array(select r from unnest(array['anon', 'authenticated', 'service_role', 'supabase_auth_admin']) r
                    where has_function_privilege(r, p.oid, 'execute')) as roles
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.proname = any($1) order by 1`,
      [ORGANIZATION_FUNCTIONS],
    );
    expect(rows).toEqual([...ORGANIZATION_FUNCTIONS].sort().map((f) => ({ f, roles: ['authenticated'] })));
  });

  for (const c of CASES) {
    it(c.call, async () => {
      const got: Partial<Record<Caller, Outcome>> = {};
      for (const caller of CALLERS) got[caller] = await run(caller, c);
      expect(got).toEqual({ anon: DENIED, service: DENIED, ...c.expect });
    });
  }

  it('refused and rolled-back calls left no change and no audit row', async () => {
    const { rows } = await db.query('select action from public.organization_audit_log where organization_id = $1 order by id', [org.id]);
    expect(rows).toEqual([{ action: 'invitation.created' }]);
    const roles = await db.query('select count(*)::int as n from public.memberships where organization_id = $1', [org.id]);
    expect(roles.rows[0].n).toBe(5);
  });
});

describe('an organization that does not exist, or that the caller is not a member of', () => {
  const ORG_CALLS = [
    'select public.get_organization($1)',
    'select public.list_organization_members($1)',
    `select public.update_organization($1, 'x')`,
    'select public.delete_organization($1)',
    `select public.change_member_role($1, gen_random_uuid(), 'member')`,
    'select public.remove_member($1, gen_random_uuid())',
    'select public.leave_organization($1)',
    'select public.transfer_ownership($1, gen_random_uuid())',
    `select public.create_invitation($1, 'someone@test.example', 'member')`,
    'select * from public.list_organization_invitations($1)',
    'select public.revoke_invitation($1, gen_random_uuid())',
    'select public.set_active_organization($1)',
    'select * from public.list_organization_audit($1)',
  ];

  it('answers 404 NOT_FOUND for every function, the same for an unknown id and a foreign organization', async () => {
    for (const sql of ORG_CALLS) {
      for (const id of [randomUUID(), org.id]) {
        const err = await errorOf(queryAs(db, 'authenticated', userClaims(users.outsider), sql, [id]));
        expect({ code: err.code, detail: err.detail, message: err.message }, `${sql} ${id === org.id ? 'foreign' : 'unknown'}`).toEqual({
          code: 'PT404',
          detail: 'NOT_FOUND',
          message: 'Organization not found',
        });
      }
    }
  });

  it('an unknown invitation is 404 for accept and decline; an unknown member 404 for the admins', async () => {
    for (const sql of ['select public.accept_invitation($1)', 'select public.decline_invitation($1)']) {
      const err = await errorOf(queryAs(db, 'authenticated', userClaims(users.invitee), sql, [randomUUID()]));
      expect([err.code, err.detail]).toEqual(['PT404', 'NOT_FOUND']);
    }
    for (const sql of [
      `select public.change_member_role($1, $2, 'member')`,
      'select public.remove_member($1, $2)',
      'select public.transfer_ownership($1, $2)',
    ]) {
      const err = await errorOf(queryAs(db, 'authenticated', userClaims(users.owner), sql, [org.id, users.outsider.id]));
      expect([err.code, err.detail, err.message], sql).toEqual(['PT404', 'NOT_FOUND', 'Member not found']);
    }
    const err = await errorOf(
      queryAs(db, 'authenticated', userClaims(users.owner), 'select public.revoke_invitation($1, $2)', [org.id, randomUUID()]),
    );
    expect([err.code, err.detail, err.message]).toEqual(['PT404', 'NOT_FOUND', 'Invitation not found']);
  });

  it('the implementations in private are not reachable by anon or service_role either', async () => {
    let err = await errorOf(queryAs(db, 'anon', ANON_CLAIMS, 'select private.get_organization($1)', [org.id]));
    expect(err).toMatchObject({ code: '42501', message: 'permission denied for schema private' });
    err = await errorOf(queryAs(db, 'service_role', SERVICE_CLAIMS, 'select private.get_organization($1)', [org.id]));
    expect(err).toMatchObject({ code: '42501', message: 'permission denied for function get_organization' });
  });

  it('a caller whose session has ended is refused before anything else (PT401)', async () => {
    const gone = { ...userClaims(users.owner), session_id: randomUUID() };
    for (const sql of ORG_CALLS) {
      const err = await errorOf(queryAs(db, 'authenticated', gone, sql, [org.id]));
      expect(err.code, sql).toBe('PT401');
    }
  });
});

describe('validation (22023 VALIDATION_ERROR)', () => {
  it('bad names, slugs, emails, roles, limits; transferring to oneself', async () => {
    const calls: [string, unknown[]][] = [
      [`select public.create_organization($1)`, ['   ']],
      [`select public.create_organization($1)`, ['x'.repeat(201)]],
      [`select public.create_organization($1)`, ['bad\u0007name']],
      [`select public.create_organization('Fine', $1)`, ['UPPER']],
      [`select public.create_organization('Fine', $1)`, ['ab']],
      [`select public.create_organization('Fine', $1)`, ['x'.repeat(49)]],
      [`select public.create_organization('Fine', $1)`, ['under_score']],
      [`select public.update_organization($1, '')`, [null]],
      [`select public.create_invitation($1, 'not-an-email', 'member')`, [null]],
      [`select public.create_invitation($1, 'two@@test.example', 'member')`, [null]],
      [`select public.create_invitation($1, 'a@nodot', 'member')`, [null]],
      [`select public.create_invitation($1, 'ok@test.example', 'superuser')`, [null]],
      [`select public.change_member_role($1, $2, 'boss')`, [null, null]],
      [`select public.list_organization_members($1, 0, 0)`, [null]],
      [`select public.list_organization_members($1, 10, -1)`, [null]],
      [`select * from public.list_organization_audit($1, 1001)`, [null]],
      [`select public.transfer_ownership($1, $2)`, [null, users.owner.id]],
    ];
    for (const [sql, params] of calls) {
      const filled = params.map((p, i) => (p === null && i === 0 ? org.id : p === null ? users.member.id : p));
      const err = await errorOf(queryAs(db, 'authenticated', userClaims(users.owner), sql, filled));
      expect([err.code, err.detail], `${sql} ${JSON.stringify(filled)}`).toEqual(['22023', 'VALIDATION_ERROR']);
    }
  });
});
