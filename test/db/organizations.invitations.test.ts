/**
 * Invitations: bound to a lowercased address, a role and an inviter; answered once by the
 * user whose CONFIRMED email is that address (wrong or unconfirmed email: 403; expired:
 * 410; already answered or revoked: 409; already a member: 409); kept as history. Also
 * the personal-organization rules (no invite, no leave, no delete) and the audit rows.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  commitAs,
  createOrganization,
  createUser,
  errorOf,
  insertAuthUser,
  inTransaction,
  newPool,
  personalOrgId,
  queryAs,
  type TestUser,
  userClaims,
} from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

interface Invitation {
  id: string;
  organization_id: string;
  organization_name: string;
  email: string;
  role: string;
  status: string;
  invited_by: string;
  inviter_email: string;
  inviter_first_name: string | null;
  inviter_last_name: string | null;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
}

async function invite(by: TestUser, orgId: string, email: string, role = 'member'): Promise<Invitation> {
  const [row] = await commitAs<{ i: Invitation }>(db, by, 'select public.create_invitation($1, $2, $3) as i', [orgId, email, role]);
  return row!.i;
}

async function refusal(user: TestUser, sql: string, params: unknown[]) {
  const err = await errorOf(commitAs(db, user, sql, params));
  return { code: err.code, detail: err.detail, message: err.message };
}

async function statusOf(invitationId: string) {
  const { rows } = await db.query('select status, answered_at is not null as answered from public.invitations where id = $1', [
    invitationId,
  ]);
  return rows[0];
}

async function rolesOf(orgId: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ user_id: string; role: string }>(
    'select user_id, role from public.memberships where organization_id = $1',
    [orgId],
  );
  return Object.fromEntries(rows.map((r) => [r.user_id, r.role]));
}

async function auditOf(orgId: string) {
  const { rows } = await db.query(
    'select action, actor_id, target_user_id, target_email, details from public.organization_audit_log where organization_id = $1 order by id',
    [orgId],
  );
  return rows;
}

async function team(): Promise<{ owner: TestUser; admin: TestUser; org: { id: string; name: string } }> {
  const [owner, admin] = await Promise.all([
    createUser(db, { userMeta: { first_name: 'Olga', last_name: 'Owner' } }),
    createUser(db, { userMeta: { first_name: 'Adam', last_name: 'Admin' } }),
  ]);
  const org = await createOrganization(db, [
    { user: owner, role: 'owner' },
    { user: admin, role: 'admin' },
  ]);
  return { owner, admin, org };
}

describe('creating and listing', () => {
  it('stores the address lowercased and trimmed, valid for the configured time; both sides see it', async () => {
    const { owner, admin, org } = await team();
    const invitee = await createUser(db);
    const inv = await invite(admin, org.id, `  ${invitee.email.toUpperCase()} `, 'ADMIN');
    expect(inv).toMatchObject({
      organization_id: org.id,
      organization_name: org.name,
      email: invitee.email,
      role: 'admin',
      status: 'pending',
      invited_by: admin.id,
      inviter_email: admin.email,
      inviter_first_name: 'Adam',
      inviter_last_name: 'Admin',
      answered_at: null,
    });
    const { rows } = await db.query('select invitation_ttl_seconds as ttl from private.settings');
    expect((Date.parse(inv.expires_at) - Date.parse(inv.created_at)) / 1000).toBe(rows[0].ttl);

    const forOrg = await queryAs(db, 'authenticated', userClaims(owner), 'select * from public.list_organization_invitations($1)', [
      org.id,
    ]);
    expect(forOrg).toEqual([
      {
        id: inv.id,
        email: invitee.email,
        role: 'admin',
        invited_by: admin.id,
        inviter_email: admin.email,
        inviter_first_name: 'Adam',
        inviter_last_name: 'Admin',
        created_at: expect.any(Date),
        expires_at: expect.any(Date),
      },
    ]);
    const mine = await queryAs(db, 'authenticated', userClaims(invitee), 'select * from public.list_my_invitations()');
    expect(mine).toEqual([
      {
        id: inv.id,
        organization_id: org.id,
        organization_name: org.name,
        email: invitee.email,
        role: 'admin',
        invited_by: admin.id,
        inviter_email: admin.email,
        inviter_first_name: 'Adam',
        inviter_last_name: 'Admin',
        created_at: expect.any(Date),
        expires_at: expect.any(Date),
      },
    ]);
    // Somebody else sees none of it.
    const other = await createUser(db);
    expect(await queryAs(db, 'authenticated', userClaims(other), 'select * from public.list_my_invitations()')).toEqual([]);
  });

  it('row-level security: the table shows an invitation to the organization admins and the invitee only', async () => {
    const { owner, admin, org } = await team();
    const [member, invitee, stranger] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
    await db.query(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'member')`, [org.id, member.id]);
    const inv = await invite(owner, org.id, invitee.email);
    const sees = async (u: TestUser) =>
      (await queryAs<{ id: string }>(db, 'authenticated', userClaims(u), 'select id from public.invitations where id = $1', [inv.id]))
        .length;
    expect([await sees(owner), await sees(admin), await sees(member), await sees(invitee), await sees(stranger)]).toEqual([1, 1, 0, 1, 0]);
    // Nobody writes it directly.
    const err = await errorOf(
      queryAs(db, 'authenticated', userClaims(owner), `update public.invitations set status = 'accepted' where id = $1`, [inv.id]),
    );
    expect(err.code).toBe('42501');
  });

  it('409 CONFLICT for an address that is already a member or already has a pending invitation', async () => {
    const { owner, admin, org } = await team();
    expect(await refusal(owner, `select public.create_invitation($1, $2, 'member')`, [org.id, admin.email.toUpperCase()])).toEqual({
      code: 'PT409',
      detail: 'CONFLICT',
      message: 'This address is already a member of the organization',
    });
    const address = `pending-${randomUUID()}@test.example`;
    await invite(owner, org.id, address);
    expect(await refusal(admin, `select public.create_invitation($1, $2, 'admin')`, [org.id, address])).toEqual({
      code: 'PT409',
      detail: 'CONFLICT',
      message: 'An invitation is already pending for this address',
    });
  });

  it('an expired pending invitation is replaced by a new one (the old one revoked, both audited)', async () => {
    const { owner, org } = await team();
    const address = `again-${randomUUID()}@test.example`;
    const old = await invite(owner, org.id, address);
    await db.query(
      `update public.invitations set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where id = $1`,
      [old.id],
    );
    const fresh = await invite(owner, org.id, address);
    expect(fresh.id).not.toBe(old.id);
    expect(await statusOf(old.id)).toEqual({ status: 'revoked', answered: true });
    expect((await auditOf(org.id)).map((a) => [a.action, a.details.reason ?? null])).toEqual([
      ['invitation.created', null],
      ['invitation.revoked', 'expired'],
      ['invitation.created', null],
    ]);
  });
});

describe('accepting', () => {
  it('creates the membership with the invited role; the invitation is answered once', async () => {
    const { owner, org } = await team();
    const invitee = await createUser(db);
    const inv = await invite(owner, org.id, invitee.email, 'admin');
    const [row] = await commitAs<{ o: Record<string, unknown> }>(db, invitee, 'select public.accept_invitation($1) as o', [inv.id]);
    expect(row!.o).toMatchObject({ id: org.id, name: org.name, role: 'admin', member_count: 3, is_personal_account: false });
    expect((await rolesOf(org.id))[invitee.id]).toBe('admin');
    expect(await statusOf(inv.id)).toEqual({ status: 'accepted', answered: true });
    // Reused: already answered.
    expect(await refusal(invitee, 'select public.accept_invitation($1)', [inv.id])).toMatchObject({ code: 'PT409', detail: 'CONFLICT' });
    expect(await refusal(invitee, 'select public.decline_invitation($1)', [inv.id])).toMatchObject({ code: 'PT409', detail: 'CONFLICT' });
    expect(await queryAs(db, 'authenticated', userClaims(invitee), 'select * from public.list_my_invitations()')).toEqual([]);
  });

  it('403 FORBIDDEN for anyone whose email is not the address, including the inviter; the invitation stays pending', async () => {
    const { owner, org } = await team();
    const [invitee, other] = await Promise.all([createUser(db), createUser(db)]);
    const inv = await invite(owner, org.id, invitee.email);
    for (const u of [other, owner]) {
      for (const fn of ['accept_invitation', 'decline_invitation']) {
        expect(await refusal(u, `select public.${fn}($1)`, [inv.id])).toEqual({
          code: 'PT403',
          detail: 'FORBIDDEN',
          message: 'This invitation is addressed to another email address',
        });
      }
    }
    // A token whose email claim says otherwise changes nothing: the account's email decides.
    const forged = { ...userClaims(other), email: invitee.email };
    const err = await errorOf(queryAs(db, 'authenticated', forged, 'select public.accept_invitation($1)', [inv.id]));
    expect(err.code).toBe('PT403');
    expect(await statusOf(inv.id)).toEqual({ status: 'pending', answered: false });
  });

  it('403 FORBIDDEN while the email is unconfirmed, and the invitation is not listed; after confirming it works', async () => {
    const { owner, org } = await team();
    const invitee = await createUser(db);
    await db.query('update auth.users set email_confirmed_at = null where id = $1', [invitee.id]);
    const inv = await invite(owner, org.id, invitee.email);
    expect(await queryAs(db, 'authenticated', userClaims(invitee), 'select * from public.list_my_invitations()')).toEqual([]);
    expect(
      (await queryAs(db, 'authenticated', userClaims(invitee), 'select id from public.invitations where id = $1', [inv.id])).length,
    ).toBe(0);
    for (const fn of ['accept_invitation', 'decline_invitation']) {
      expect(await refusal(invitee, `select public.${fn}($1)`, [inv.id])).toEqual({
        code: 'PT403',
        detail: 'FORBIDDEN',
        message: 'Confirm your email address to answer this invitation',
      });
    }
    await db.query('update auth.users set email_confirmed_at = now() where id = $1', [invitee.id]);
    expect((await queryAs(db, 'authenticated', userClaims(invitee), 'select id from public.list_my_invitations()')).length).toBe(1);
    await commitAs(db, invitee, 'select public.accept_invitation($1)', [inv.id]);
    expect((await rolesOf(org.id))[invitee.id]).toBe('member');
  });

  it('410 INVITATION_EXPIRED after its time, for accept and decline; no longer listed', async () => {
    const { owner, org } = await team();
    const invitee = await createUser(db);
    const inv = await invite(owner, org.id, invitee.email);
    await db.query(
      `update public.invitations set created_at = now() - interval '8 days', expires_at = now() - interval '1 second' where id = $1`,
      [inv.id],
    );
    for (const fn of ['accept_invitation', 'decline_invitation']) {
      expect(await refusal(invitee, `select public.${fn}($1)`, [inv.id])).toEqual({
        code: 'PT410',
        detail: 'INVITATION_EXPIRED',
        message: 'This invitation has expired',
      });
    }
    expect(await queryAs(db, 'authenticated', userClaims(invitee), 'select * from public.list_my_invitations()')).toEqual([]);
    expect(
      await queryAs(db, 'authenticated', userClaims(owner), 'select * from public.list_organization_invitations($1)', [org.id]),
    ).toEqual([]);
    expect(await rolesOf(org.id)).not.toHaveProperty(invitee.id);
  });

  it('409 CONFLICT once revoked or declined; revoking twice is 409 too', async () => {
    const { owner, admin, org } = await team();
    const [a, b] = await Promise.all([createUser(db), createUser(db)]);
    const revoked = await invite(owner, org.id, a.email);
    const [r] = await commitAs<{ i: Invitation }>(db, admin, 'select public.revoke_invitation($1, $2) as i', [org.id, revoked.id]);
    expect(r!.i).toMatchObject({ id: revoked.id, status: 'revoked', answered_at: expect.any(String) });
    expect(await refusal(a, 'select public.accept_invitation($1)', [revoked.id])).toEqual({
      code: 'PT409',
      detail: 'CONFLICT',
      message: 'This invitation was already revoked',
    });
    expect(await refusal(owner, 'select public.revoke_invitation($1, $2)', [org.id, revoked.id])).toMatchObject({
      code: 'PT409',
      detail: 'CONFLICT',
    });

    const declined = await invite(owner, org.id, b.email);
    const [d] = await commitAs<{ i: Invitation }>(db, b, 'select public.decline_invitation($1) as i', [declined.id]);
    expect(d!.i).toMatchObject({ status: 'declined' });
    expect(await refusal(b, 'select public.accept_invitation($1)', [declined.id])).toEqual({
      code: 'PT409',
      detail: 'CONFLICT',
      message: 'This invitation was already declined',
    });
    // Kept as history, not deleted.
    const { rows } = await db.query('select status from public.invitations where id = any($1) order by status', [
      [revoked.id, declined.id],
    ]);
    expect(rows.map((x) => x.status)).toEqual(['declined', 'revoked']);
    // A revoked invitation of another organization is not found through this one.
    const elsewhere = await team();
    expect(await refusal(elsewhere.owner, 'select public.revoke_invitation($1, $2)', [elsewhere.org.id, declined.id])).toMatchObject({
      code: 'PT404',
    });
  });

  it('409 CONFLICT when the invitee became a member meanwhile', async () => {
    const { owner, org } = await team();
    const invitee = await createUser(db);
    const inv = await invite(owner, org.id, invitee.email);
    await db.query(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'member')`, [org.id, invitee.id]);
    expect(await refusal(invitee, 'select public.accept_invitation($1)', [inv.id])).toEqual({
      code: 'PT409',
      detail: 'CONFLICT',
      message: 'You are already a member of this organization',
    });
  });

  it('a person without an account signs up with the invited address and then sees and accepts it', async () => {
    const { owner, org } = await team();
    const address = `later-${randomUUID()}@test.example`;
    const inv = await invite(owner, org.id, address);
    // Sign-up as the auth server does it, with the invited address (confirmed).
    const id = randomUUID();
    const sessionId = randomUUID();
    await inTransaction(db, async (c) => {
      await c.query('set local role supabase_auth_admin');
      await insertAuthUser(c, { id, email: address });
      await c.query(`insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`, [
        sessionId,
        id,
      ]);
    });
    const newcomer: TestUser = { id, email: address, sessionId };
    const mine = await queryAs<{ id: string }>(db, 'authenticated', userClaims(newcomer), 'select id from public.list_my_invitations()');
    expect(mine.map((r) => r.id)).toEqual([inv.id]);
    await commitAs(db, newcomer, 'select public.accept_invitation($1)', [inv.id]);
    expect((await rolesOf(org.id))[id]).toBe('member');
  });

  it('an inviter who leaves or is demoted does not invalidate pending invitations', async () => {
    const { owner, admin, org } = await team();
    const [a, b] = await Promise.all([createUser(db), createUser(db)]);
    const first = await invite(admin, org.id, a.email, 'admin');
    const second = await invite(admin, org.id, b.email);
    await commitAs(db, owner, `select public.change_member_role($1, $2, 'member')`, [org.id, admin.id]);
    await commitAs(db, admin, 'select public.leave_organization($1)', [org.id]);
    await commitAs(db, a, 'select public.accept_invitation($1)', [first.id]);
    await commitAs(db, b, 'select public.accept_invitation($1)', [second.id]);
    expect(await rolesOf(org.id)).toEqual({ [owner.id]: 'owner', [a.id]: 'admin', [b.id]: 'member' });
  });
});

describe('personal organizations', () => {
  it('refuse invite, leave (also as removing oneself), delete, rename, role changes and transfer with 403', async () => {
    const u = await createUser(db);
    const p = await personalOrgId(db, u.id);
    const calls: [string, unknown[], string][] = [
      [`select public.create_invitation($1, 'friend@test.example', 'member')`, [p], 'Nobody can be invited into a personal organization'],
      ['select public.leave_organization($1)', [p], 'You cannot leave your personal organization'],
      ['select public.remove_member($1, $2)', [p, u.id], 'You cannot leave your personal organization'],
      ['select public.delete_organization($1)', [p], 'A personal organization cannot be deleted'],
      [`select public.update_organization($1, 'Mine')`, [p], 'A personal organization cannot be changed'],
      [`select public.change_member_role($1, $2, 'admin')`, [p, u.id], 'The member of a personal organization is its OWNER'],
      ['select public.transfer_ownership($1, gen_random_uuid())', [p], 'A personal organization cannot be handed over'],
    ];
    for (const [sql, params, message] of calls) {
      expect(await refusal(u, sql, params), sql).toEqual({ code: 'PT403', detail: 'FORBIDDEN', message });
    }
    expect(await rolesOf(p)).toEqual({ [u.id]: 'owner' });
    expect(await auditOf(p)).toEqual([]);
    // What is allowed: seeing it, its one member, its (empty) audit log, making it active.
    const [o] = await queryAs<{ o: Record<string, unknown> }>(
      db,
      'authenticated',
      userClaims(u),
      'select public.get_organization($1) as o',
      [p],
    );
    expect(o!.o).toMatchObject({ id: p, name: 'Personal Account', slug: null, is_personal_account: true, role: 'owner', member_count: 1 });
    await commitAs(db, u, 'select public.set_active_organization($1)', [p]);
  });
});

describe('audit', () => {
  it('one row per change with actor, target and details; nothing for refused changes; no secret', async () => {
    const owner = await createUser(db, { userMeta: { first_name: 'Ona' } });
    const [created] = await commitAs<{ o: { id: string; slug: string } }>(
      db,
      owner,
      `select public.create_organization('Audit Co', $1) as o`,
      [`audit-${randomUUID().slice(0, 8)}`],
    );
    const orgId = created!.o.id;
    const [a, b, c] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
    const invA = await invite(owner, orgId, a.email, 'admin');
    const invB = await invite(owner, orgId, b.email);
    const invC = await invite(owner, orgId, c.email);
    await commitAs(db, a, 'select public.accept_invitation($1)', [invA.id]);
    await commitAs(db, b, 'select public.accept_invitation($1)', [invB.id]);
    await commitAs(db, c, 'select public.decline_invitation($1)', [invC.id]);
    const invD = await invite(a, orgId, `d-${randomUUID()}@test.example`);
    await commitAs(db, a, 'select public.revoke_invitation($1, $2)', [orgId, invD.id]);
    await commitAs(db, owner, `select public.update_organization($1, 'Audit Company')`, [orgId]);
    await commitAs(db, owner, `select public.change_member_role($1, $2, 'admin')`, [orgId, b.id]);
    await commitAs(db, owner, `select public.change_member_role($1, $2, 'admin')`, [orgId, b.id]); // no change, no row
    // Refused: an admin may not remove another admin (and the refusal leaves no audit row).
    expect(await errorOf(commitAs(db, a, 'select public.remove_member($1, $2)', [orgId, b.id]))).toMatchObject({
      code: 'PT403',
      detail: 'FORBIDDEN',
    });
    const stillThere = await db.query('select role from public.memberships where organization_id = $1 and user_id = $2', [orgId, b.id]);
    expect(stillThere.rows).toEqual([{ role: 'admin' }]);
    await commitAs(db, owner, 'select public.remove_member($1, $2)', [orgId, b.id]);
    await commitAs(db, owner, 'select public.transfer_ownership($1, $2)', [orgId, a.id]);
    await commitAs(db, owner, 'select public.leave_organization($1)', [orgId]);
    // Refused: the last owner cannot leave.
    expect(await errorOf(commitAs(db, a, 'select public.leave_organization($1)', [orgId]))).toMatchObject({
      code: 'PT409',
      detail: 'LAST_OWNER',
    });

    const rows = await queryAs<{
      id: string;
      action: string;
      actor_id: string;
      target_user_id: string | null;
      target_email: string | null;
      details: Record<string, unknown>;
    }>(db, 'authenticated', userClaims(a), 'select * from public.list_organization_audit($1)', [orgId]);
    const summary = rows.map((r) => [r.action, r.actor_id, r.target_user_id, r.target_email]);
    expect(summary).toEqual(
      [
        ['organization.created', owner.id, null, null],
        ['invitation.created', owner.id, null, a.email],
        ['invitation.created', owner.id, null, b.email],
        ['invitation.created', owner.id, null, c.email],
        ['invitation.accepted', a.id, a.id, a.email],
        ['member.added', a.id, a.id, a.email],
        ['invitation.accepted', b.id, b.id, b.email],
        ['member.added', b.id, b.id, b.email],
        ['invitation.declined', c.id, c.id, c.email],
        ['invitation.created', a.id, null, invD.email],
        ['invitation.revoked', a.id, null, invD.email],
        ['organization.updated', owner.id, null, null],
        ['member.role_changed', owner.id, b.id, b.email],
        ['member.removed', owner.id, b.id, b.email],
        ['ownership.transferred', owner.id, a.id, a.email],
        ['member.left', owner.id, owner.id, owner.email],
      ].reverse(),
    );
    const newest = (action: string) => rows.find((r) => r.action === action)?.details;
    const byAction = Object.fromEntries(rows.map((r) => [r.action, newest(r.action)]));
    expect(byAction['organization.updated']).toEqual({ name: { from: 'Audit Co', to: 'Audit Company' } });
    expect(byAction['member.role_changed']).toEqual({ from: 'member', to: 'admin' });
    expect(byAction['member.added']).toEqual({ invitation_id: invB.id, role: 'member', invited_by: owner.id });
    expect(byAction['organization.created']).toEqual({ name: 'Audit Co', slug: created!.o.slug });
    // Never a secret: no password, token or hash, whatever the key or value.
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/password|token|hash|secret|encrypted/i);
    const { rows: stored } = await db.query(
      `select count(*)::int as n from public.organization_audit_log a
       where a.organization_id = $1 and a.details::text ~* '\\$2[aby]\\$|password|token'`,
      [orgId],
    );
    expect(stored[0].n).toBe(0);

    // Paging: newest first, p_before = the last id seen.
    const page1 = await queryAs<{ id: string }>(
      db,
      'authenticated',
      userClaims(a),
      'select id from public.list_organization_audit($1, 5)',
      [orgId],
    );
    const page2 = await queryAs<{ id: string }>(
      db,
      'authenticated',
      userClaims(a),
      'select id from public.list_organization_audit($1, 5, $2)',
      [orgId, page1.at(-1)!.id],
    );
    expect([...page1, ...page2].map((r) => r.id)).toEqual(rows.slice(0, 10).map((r) => r.id));
  });

  it('the audit log outlives the organization, and shows to its current OWNERs and ADMINs only', async () => {
    const { owner, admin, org } = await team();
    const member = await createUser(db);
    await db.query(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'member')`, [org.id, member.id]);
    await invite(owner, org.id, `x-${randomUUID()}@test.example`);
    const sees = async (u: TestUser) =>
      (
        await queryAs(db, 'authenticated', userClaims(u), 'select id from public.organization_audit_log where organization_id = $1', [
          org.id,
        ])
      ).length;
    expect([await sees(owner), await sees(admin), await sees(member)]).toEqual([1, 1, 0]);
    await commitAs(db, owner, 'select public.delete_organization($1)', [org.id]);
    expect((await auditOf(org.id)).map((a) => a.action)).toEqual(['invitation.created', 'organization.deleted']);
    expect((await auditOf(org.id))[1]!.details).toEqual({ name: org.name, slug: expect.any(String), member_count: 3 });
    expect(await sees(owner)).toBe(0);
  });
});
