/**
 * Webhooks (supabase/migrations/20261207000010_api_keys_and_webhooks.sql,
 * shared/spec/integrations.md):
 * - managing them (create_webhook, list_webhooks, delete_webhook, list_webhook_deliveries):
 *   OWNERs and ADMINs, aal2 when required; the secret is never answered nor selectable by
 *   authenticated; row-level security shows them to nobody else;
 * - the outbox (private.webhook_events): exactly one event per committed change, none for
 *   a rolled-back or refused one, for the organization functions, the key functions and
 *   direct SQL alike, every event type;
 * - the delivery side: webhook_event_targets / webhook_pending_events hand every event out
 *   once (two concurrent sweeps never share one), with its subscribed targets; deliveries
 *   are recorded; a deleted organization's webhooks go once organization.deleted is
 *   delivered or has failed everywhere.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PendingEvent, WebhookRow } from '../../src/supabase/integrations.ts';
import {
  ANON_CLAIMS,
  asRole,
  beginAsService,
  commitAs,
  commitAsService,
  createOrganization,
  createUser,
  errorOf,
  holdBarrier,
  inTransaction,
  newApiKey,
  newPool,
  newWebhookSecret,
  personalOrgId,
  queryAs,
  SERVICE_CLAIMS,
  type TestUser,
  userClaims,
} from './helpers.ts';

const db = newPool();
afterAll(() => db.end());

const tag = () => randomUUID().slice(0, 8);

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

async function createWebhook(user: TestUser, orgId: string, events: string[], url = `https://hooks.test.example/${tag()}`) {
  const secret = newWebhookSecret();
  const [row] = await commitAs<{ w: WebhookRow }>(db, user, 'select public.create_webhook($1, $2, $3, $4) as w', [
    orgId,
    url,
    events,
    secret,
  ]);
  return { ...row!.w, secret };
}

/** The organization's events, oldest first (superuser). */
async function eventsOf(orgId: string) {
  const { rows } = await db.query<{ id: string; type: string; data: Record<string, unknown>; dispatched: boolean }>(
    `select id, type, payload as data, dispatched_at is not null as dispatched from private.webhook_events
     where organization_id = $1 order by created_at, id`,
    [orgId],
  );
  return rows;
}

/** Runs `change`, then answers the events it added to the organization's outbox. */
async function eventsFrom(orgId: string, change: () => Promise<unknown>) {
  const before = (await eventsOf(orgId)).length;
  await change();
  return (await eventsOf(orgId)).slice(before);
}
const typesFrom = async (orgId: string, change: () => Promise<unknown>) => (await eventsFrom(orgId, change)).map((e) => e.type);

const service = <R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  commitAsService<R>(db, sql, params);

async function targetsOf(eventId: string): Promise<PendingEvent | null> {
  const [row] = await service<{ i: PendingEvent | null }>('select public.webhook_event_targets($1) as i', [eventId]);
  return row!.i;
}

async function alive(webhookId: string): Promise<boolean> {
  const [row] = await queryAs<{ a: boolean }>(db, 'service_role', SERVICE_CLAIMS, 'select public.webhook_targets_alive($1) as a', [
    webhookId,
  ]);
  return row!.a;
}

async function team() {
  const [owner, admin, member, stranger] = await Promise.all([createUser(db), createUser(db), createUser(db), createUser(db)]);
  const org = await createOrganization(db, [
    { user: owner, role: 'owner' },
    { user: admin, role: 'admin' },
    { user: member, role: 'member' },
  ]);
  return { owner, admin, member, stranger, org };
}

describe('managing webhooks (OWNER, ADMIN)', () => {
  let t: Awaited<ReturnType<typeof team>>;
  beforeAll(async () => {
    t = await team();
  });

  it('creates, lists and deletes; the secret is never answered; audited without the secret', async () => {
    const created = await createWebhook(t.admin, t.org.id, ['member.removed', 'member.added', 'member.added']);
    expect(created).toEqual({
      id: expect.any(String),
      url: created.url,
      events: ['member.added', 'member.removed'],
      created_at: expect.any(String),
      secret: created.secret,
    });
    const all = await createWebhook(t.owner, t.org.id, ['member.added', '*']);
    expect(all.events).toEqual(['*']);

    const list = async () =>
      (await queryAs<{ l: WebhookRow[] }>(db, 'authenticated', userClaims(t.owner), 'select public.list_webhooks($1) as l', [t.org.id]))[0]!
        .l;
    const listed = await list();
    expect(listed.slice(0, 2)).toEqual([
      { id: all.id, url: all.url, events: ['*'], created_at: all.created_at },
      { id: created.id, url: created.url, events: created.events, created_at: created.created_at },
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const [deleted] = await commitAs<{ w: WebhookRow }>(db, t.owner, 'select public.delete_webhook($1, $2) as w', [t.org.id, created.id]);
    expect(deleted!.w).toEqual({ id: created.id, url: created.url, events: created.events, created_at: created.created_at });
    expect((await list()).map((w) => w.id)).not.toContain(created.id);
    expect(await alive(created.id)).toBe(false);
    expect(await alive(all.id)).toBe(true);
    expect(await outcome(commitAs(db, t.owner, 'select public.delete_webhook($1, $2)', [t.org.id, created.id]))).toBe('PT404 NOT_FOUND');
    expect(await outcome(commitAs(db, t.owner, 'select public.delete_webhook($1, $2)', [t.org.id, randomUUID()]))).toBe('PT404 NOT_FOUND');

    const { rows } = await db.query(
      `select action, actor_type, actor_id, details from public.organization_audit_log
       where organization_id = $1 and action like 'webhook.%' and details ->> 'webhook_id' = $2 order by id`,
      [t.org.id, created.id],
    );
    expect(rows).toEqual([
      {
        action: 'webhook.created',
        actor_type: 'user',
        actor_id: t.admin.id,
        details: { webhook_id: created.id, url: created.url, events: created.events },
      },
      { action: 'webhook.deleted', actor_type: 'user', actor_id: t.owner.id, details: { webhook_id: created.id, url: created.url } },
    ]);
    const { rows: secrets } = await db.query(
      `select count(*)::int as n from public.organization_audit_log a where a.organization_id = $1 and to_jsonb(a)::text like '%whsec_%'`,
      [t.org.id],
    );
    expect(secrets[0].n).toBe(0);
  });

  it('refuses a bad url, events or secret with 22023 VALIDATION_ERROR', async () => {
    const ok = { url: 'https://hooks.test.example/x', events: ['member.added'], secret: newWebhookSecret() };
    const cases: [string, unknown, unknown, unknown][] = [
      ['empty url', '', ok.events, ok.secret],
      ['not http', 'ftp://hooks.test.example/x', ok.events, ok.secret],
      ['a space', 'https://hooks.test.example/a b', ok.events, ok.secret],
      ['no events', ok.url, [], ok.secret],
      ['unknown event', ok.url, ['member.added', 'user.created'], ok.secret],
      ['a null event', ok.url, [null], ok.secret],
      ['no secret', ok.url, ok.events, null],
      ['not a whsec secret', ok.url, ok.events, 'hunter2hunter2hunter2hunter2hunter2'],
      ['a short secret', ok.url, ok.events, 'whsec_c2hvcnQ='],
    ];
    for (const [why, url, events, secret] of cases) {
      const call = commitAs(db, t.owner, 'select public.create_webhook($1, $2, $3, $4)', [t.org.id, url, events, secret]);
      expect(await outcome(call), why).toBe('22023 VALIDATION_ERROR');
    }
  });

  it('a MEMBER is FORBIDDEN, a stranger gets NOT_FOUND, a personal organization has none, anon and service_role may not call', async () => {
    const hook = await createWebhook(t.owner, t.org.id, ['*']);
    const calls: [string, unknown[]][] = [
      ['select public.create_webhook($1, $2, $3, $4)', [t.org.id, 'https://hooks.test.example/m', ['*'], newWebhookSecret()]],
      ['select public.list_webhooks($1)', [t.org.id]],
      ['select public.delete_webhook($1, $2)', [t.org.id, hook.id]],
      ['select public.list_webhook_deliveries($1, $2)', [t.org.id, hook.id]],
    ];
    for (const [sql, params] of calls) {
      expect(await outcome(queryAs(db, 'authenticated', userClaims(t.member), sql, params)), sql).toBe('PT403 FORBIDDEN');
      expect(await outcome(queryAs(db, 'authenticated', userClaims(t.stranger), sql, params)), sql).toBe('PT404 NOT_FOUND');
      expect(await outcome(queryAs(db, 'anon', ANON_CLAIMS, sql, params)), sql).toBe('42501');
      expect(await outcome(queryAs(db, 'service_role', SERVICE_CLAIMS, sql, params)), sql).toBe('42501');
    }
    const personal = await personalOrgId(db, t.owner.id);
    expect(
      await outcome(
        queryAs(db, 'authenticated', userClaims(t.owner), 'select public.create_webhook($1, $2, $3, $4)', [
          personal,
          'https://hooks.test.example/p',
          ['*'],
          newWebhookSecret(),
        ]),
      ),
    ).toBe('PT403 FORBIDDEN');
  });

  it('the secret is not selectable by authenticated; row-level security shows webhooks to OWNERs and ADMINs only', async () => {
    const hook = await createWebhook(t.owner, t.org.id, ['*']);
    for (const sql of ['select secret from public.organization_webhooks', 'select * from public.organization_webhooks']) {
      expect(await outcome(queryAs(db, 'authenticated', userClaims(t.owner), sql)), sql).toBe('42501');
    }
    const visible = (u: TestUser) =>
      queryAs<{ id: string }>(
        db,
        'authenticated',
        userClaims(u),
        'select id, url, events from public.organization_webhooks where organization_id = $1',
        [t.org.id],
      );
    expect((await visible(t.owner)).map((r) => r.id)).toContain(hook.id);
    expect((await visible(t.admin)).map((r) => r.id)).toContain(hook.id);
    expect(await visible(t.member)).toEqual([]);
    expect(await visible(t.stranger)).toEqual([]);
    expect(
      await outcome(queryAs(db, 'authenticated', userClaims(t.owner), 'delete from public.organization_webhooks where id = $1', [hook.id])),
    ).toBe('42501');
    // The outbox and the delivery log are not readable by any API role.
    for (const role of ['authenticated', 'service_role'] as const) {
      const claims = role === 'authenticated' ? userClaims(t.owner) : SERVICE_CLAIMS;
      for (const table of ['private.webhook_events', 'private.webhook_deliveries']) {
        expect(await outcome(queryAs(db, role, claims, `select * from ${table} limit 1`)), `${role} ${table}`).toBe('42501');
      }
    }
    // service_role (the worker signs with it) reads the secret.
    const [row] = await queryAs<{ secret: string }>(
      db,
      'service_role',
      SERVICE_CLAIMS,
      'select secret from public.organization_webhooks where id = $1',
      [hook.id],
    );
    expect(row!.secret).toBe(hook.secret);
  });

  it('an organization that requires a second factor: aal2 for managing webhooks, and row-level security hides them below', async () => {
    const { owner, org } = await team();
    await db.query('update public.organizations set require_mfa = true where id = $1', [org.id]);
    const create = (aal: 'aal1' | 'aal2') =>
      queryAs(db, 'authenticated', userClaims(owner, { aal }), 'select public.create_webhook($1, $2, $3, $4)', [
        org.id,
        'https://hooks.test.example/mfa',
        ['*'],
        newWebhookSecret(),
      ]);
    expect(await outcome(create('aal1'))).toBe('PT403 MFA_REQUIRED');
    expect(await outcome(create('aal2'))).toBe('ok');
    const list = (aal: 'aal1' | 'aal2') =>
      queryAs(db, 'authenticated', userClaims(owner, { aal }), 'select public.list_webhooks($1)', [org.id]);
    expect(await outcome(list('aal1'))).toBe('PT403 MFA_REQUIRED');
    expect(await outcome(list('aal2'))).toBe('ok');
    await commitAs(
      db,
      owner,
      'select public.create_webhook($1, $2, $3, $4)',
      [org.id, 'https://hooks.test.example/m2', ['*'], newWebhookSecret()],
      {
        aal: 'aal2',
      },
    );
    const rls = (aal: 'aal1' | 'aal2') =>
      queryAs(db, 'authenticated', userClaims(owner, { aal }), 'select id from public.organization_webhooks where organization_id = $1', [
        org.id,
      ]);
    expect(await rls('aal1')).toEqual([]);
    expect(await rls('aal2')).toHaveLength(1);
  });
});

describe('the outbox: one event per committed change', () => {
  it('the organization and key functions: each change its event(s), with ids, emails and roles only', async () => {
    const [owner, member, invitee, other] = await Promise.all([createUser(db), createUser(db), createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: owner, role: 'owner' },
      { user: member, role: 'member' },
    ]);
    const as = (u: TestUser, sql: string, params: unknown[]) => () => commitAs(db, u, sql, params);

    const created = await eventsFrom(org.id, as(owner, 'select public.create_invitation($1, $2)', [org.id, invitee.email]));
    expect(created).toEqual([
      {
        id: expect.any(String),
        type: 'invitation.created',
        dispatched: false,
        data: {
          organization_id: org.id,
          invitation_id: expect.any(String),
          email: invitee.email,
          role: 'member',
          invited_by: owner.id,
          expires_at: expect.any(String),
        },
      },
    ]);
    const invitationId = created[0]!.data.invitation_id as string;
    const accepted = await eventsFrom(org.id, as(invitee, 'select public.accept_invitation($1)', [invitationId]));
    expect(accepted.map((e) => [e.type, e.data])).toEqual([
      ['member.added', { organization_id: org.id, user_id: invitee.id, email: invitee.email, role: 'member' }],
      ['invitation.accepted', { organization_id: org.id, invitation_id: invitationId, email: invitee.email, role: 'member' }],
    ]);

    const changed = await eventsFrom(org.id, as(owner, `select public.change_member_role($1, $2, 'admin')`, [org.id, invitee.id]));
    expect(changed.map((e) => [e.type, e.data])).toEqual([
      [
        'member.role_changed',
        { organization_id: org.id, user_id: invitee.id, email: invitee.email, role: 'admin', previous_role: 'member' },
      ],
    ]);
    // No change, no event.
    expect(await typesFrom(org.id, as(owner, `select public.change_member_role($1, $2, 'admin')`, [org.id, invitee.id]))).toEqual([]);

    const second = `second-${tag()}@test.example`;
    const [inv] = await commitAs<{ i: { id: string } }>(db, owner, 'select public.create_invitation($1, $2) as i', [org.id, second]);
    expect(await typesFrom(org.id, as(owner, 'select public.revoke_invitation($1, $2)', [org.id, inv!.i.id]))).toEqual([
      'invitation.revoked',
    ]);
    // Declining has no event type.
    const [inv2] = await commitAs<{ i: { id: string } }>(db, owner, 'select public.create_invitation($1, $2) as i', [org.id, other.email]);
    expect(await typesFrom(org.id, as(other, 'select public.decline_invitation($1)', [inv2!.i.id]))).toEqual([]);

    const renamed = await eventsFrom(org.id, as(owner, `select public.update_organization($1, 'Renamed Co')`, [org.id]));
    expect(renamed.map((e) => [e.type, e.data])).toEqual([
      [
        'organization.updated',
        {
          organization_id: org.id,
          name: 'Renamed Co',
          slug: expect.any(String),
          plan: 'free',
          require_mfa: false,
          changes: { name: { from: org.name, to: 'Renamed Co' } },
        },
      ],
    ]);
    expect(await typesFrom(org.id, as(owner, `select public.update_organization($1, 'Renamed Co')`, [org.id]))).toEqual([]);

    // Keys: created and revoked, never with the hash or the prefix.
    const k = newApiKey();
    const keyCreated = await eventsFrom(
      org.id,
      as(owner, 'select public.create_api_key($1, $2, $3, $4, $5)', [org.id, 'Zapier', ['members:read'], k.hash, k.prefix]),
    );
    expect(keyCreated.map((e) => e.type)).toEqual(['api_key.created']);
    const keyId = keyCreated[0]!.data.api_key_id as string;
    expect(keyCreated[0]!.data).toEqual({
      organization_id: org.id,
      api_key_id: keyId,
      name: 'Zapier',
      scopes: ['members:read'],
      expires_at: null,
      created_by: owner.id,
    });
    expect(await typesFrom(org.id, as(owner, 'select public.revoke_api_key($1, $2)', [org.id, keyId]))).toEqual(['api_key.revoked']);
    // Webhooks themselves have no events.
    expect(await typesFrom(org.id, () => createWebhook(owner, org.id, ['*']))).toEqual([]);

    // A transfer: both role changes, then the transfer itself.
    const transferred = await eventsFrom(org.id, as(owner, 'select public.transfer_ownership($1, $2)', [org.id, invitee.id]));
    expect(transferred.map((e) => [e.type, e.data])).toEqual([
      [
        'member.role_changed',
        { organization_id: org.id, user_id: invitee.id, email: invitee.email, role: 'owner', previous_role: 'admin' },
      ],
      ['member.role_changed', { organization_id: org.id, user_id: owner.id, email: owner.email, role: 'admin', previous_role: 'owner' }],
      ['ownership.transferred', { organization_id: org.id, user_id: invitee.id, email: invitee.email, previous_owner_id: owner.id }],
    ]);

    const removed = await eventsFrom(org.id, as(invitee, 'select public.remove_member($1, $2)', [org.id, member.id]));
    expect(removed.map((e) => [e.type, e.data])).toEqual([
      ['member.removed', { organization_id: org.id, user_id: member.id, email: member.email, role: 'member' }],
    ]);
    expect(await typesFrom(org.id, as(owner, 'select public.leave_organization($1)', [org.id]))).toEqual(['member.removed']);

    // Deleting: organization.deleted only, not one member.removed per member.
    const deleted = await eventsFrom(org.id, as(invitee, 'select public.delete_organization($1)', [org.id]));
    expect(deleted.map((e) => [e.type, e.data])).toEqual([
      ['organization.deleted', { organization_id: org.id, name: 'Renamed Co', slug: expect.any(String) }],
    ]);

    // Every event type of the list was written, and nothing secret.
    const all = await eventsOf(org.id);
    expect(new Set(all.map((e) => e.type))).toEqual(
      new Set([
        'member.added',
        'member.removed',
        'member.role_changed',
        'invitation.created',
        'invitation.accepted',
        'invitation.revoked',
        'organization.updated',
        'organization.deleted',
        'ownership.transferred',
        'api_key.created',
        'api_key.revoked',
      ]),
    );
    const text = JSON.stringify(all);
    expect(text).not.toContain(k.hash);
    expect(text).not.toContain(k.prefix);
    expect(text).not.toMatch(/whsec_|secret|hash|password|token/i);
  });

  it('the key functions write the same events', async () => {
    const [owner, member] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: owner, role: 'owner' },
      { user: member, role: 'member' },
    ]);
    const k = newApiKey();
    await commitAs(db, owner, 'select public.create_api_key($1, $2, $3, $4, $5)', [
      org.id,
      'bot',
      ['members:write', 'invitations:write'],
      k.hash,
      k.prefix,
    ]);
    const key = (sql: string, params: unknown[]) => () => service(sql, [k.hash, org.id, ...params]);
    expect(await typesFrom(org.id, key(`select public.key_change_member_role($1, $2, $3, 'admin')`, [member.id]))).toEqual([
      'member.role_changed',
    ]);
    const [inv] = await service<{ i: { id: string } }>('select public.key_create_invitation($1, $2, $3) as i', [
      k.hash,
      org.id,
      `bot-${tag()}@test.example`,
    ]);
    expect(await typesFrom(org.id, key('select public.key_revoke_invitation($1, $2, $3)', [inv!.i.id]))).toEqual(['invitation.revoked']);
    expect(await typesFrom(org.id, key('select public.key_remove_member($1, $2, $3)', [member.id]))).toEqual(['member.removed']);
    // Authenticating and reading write nothing.
    expect(await typesFrom(org.id, () => service('select public.api_key_authenticate($1)', [k.hash]))).toEqual([]);
  });

  it('direct SQL (dashboard, admin functions): the same events, from the triggers', async () => {
    const [owner, joiner, other] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
    const org = await createOrganization(db, [{ user: owner, role: 'owner' }]);
    const sql =
      (text: string, params: unknown[] = []) =>
      () =>
        db.query(text, params);

    expect(
      await typesFrom(
        org.id,
        sql(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'member')`, [org.id, joiner.id]),
      ),
    ).toEqual(['member.added']);
    expect(
      await typesFrom(
        org.id,
        sql(`update public.memberships set role = 'admin' where organization_id = $1 and user_id = $2`, [org.id, joiner.id]),
      ),
    ).toEqual(['member.role_changed']);
    expect(
      await typesFrom(
        org.id,
        sql(`update public.memberships set role = 'admin' where organization_id = $1 and user_id = $2`, [org.id, joiner.id]),
      ),
    ).toEqual([]);
    expect(
      await typesFrom(org.id, sql('delete from public.memberships where organization_id = $1 and user_id = $2', [org.id, joiner.id])),
    ).toEqual(['member.removed']);
    // The service role's admin function too.
    expect(await typesFrom(org.id, () => service(`select public.admin_set_membership($1, $2, 'member')`, [org.id, other.id]))).toEqual([
      'member.added',
    ]);

    const insertInvitation = `insert into public.invitations (organization_id, email, role, expires_at) values ($1, $2, 'member', now() + interval '1 day') returning id`;
    let invitationId = '';
    expect(
      await typesFrom(org.id, async () => {
        invitationId = (await db.query(insertInvitation, [org.id, `sql-${tag()}@test.example`])).rows[0].id;
      }),
    ).toEqual(['invitation.created']);
    expect(
      await typesFrom(org.id, sql(`update public.invitations set status = 'accepted', answered_at = now() where id = $1`, [invitationId])),
    ).toEqual(['invitation.accepted']);
    const second = (await db.query(insertInvitation, [org.id, `sql2-${tag()}@test.example`])).rows[0].id;
    expect(
      await typesFrom(org.id, sql(`update public.invitations set status = 'revoked', answered_at = now() where id = $1`, [second])),
    ).toEqual(['invitation.revoked']);

    const updated = await eventsFrom(org.id, sql(`update public.organizations set plan = 'pro' where id = $1`, [org.id]));
    expect(updated.map((e) => [e.type, e.data.changes])).toEqual([['organization.updated', { plan: { from: 'free', to: 'pro' } }]]);
    expect(await typesFrom(org.id, sql(`update public.organizations set plan = 'pro' where id = $1`, [org.id]))).toEqual([]);

    const k = newApiKey();
    let keyId = '';
    expect(
      await typesFrom(org.id, async () => {
        keyId = (
          await db.query(
            `insert into public.organization_api_keys (organization_id, name, prefix, key_hash, scopes) values ($1, 'sql', $2, $3, '{audit:read}') returning id`,
            [org.id, k.prefix, k.hash],
          )
        ).rows[0].id;
      }),
    ).toEqual(['api_key.created']);
    expect(await typesFrom(org.id, sql('update public.organization_api_keys set last_used_at = now() where id = $1', [keyId]))).toEqual([]);
    expect(await typesFrom(org.id, sql('update public.organization_api_keys set revoked_at = now() where id = $1', [keyId]))).toEqual([
      'api_key.revoked',
    ]);

    expect(await typesFrom(org.id, sql('delete from public.organizations where id = $1', [org.id]))).toEqual(['organization.deleted']);
  });

  it('no event for a change that rolled back, or a call that was refused', async () => {
    const [owner, admin] = await Promise.all([createUser(db), createUser(db)]);
    const org = await createOrganization(db, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
    ]);
    const k = newApiKey();
    await commitAs(db, owner, 'select public.create_api_key($1, $2, $3, $4, $5)', [org.id, 'rb', ['members:write'], k.hash, k.prefix]);
    const before = (await eventsOf(org.id)).length;

    /** Runs `sql` as `role` and rolls back; how many events the transaction itself saw for the organization. */
    const seenInside = (role: 'authenticated' | 'service_role', claims: Record<string, unknown>, text: string, params: unknown[]) =>
      asRole(db, role, claims, async (c) => {
        await c.query(text, params);
        await c.query('reset role');
        return (await c.query('select count(*)::int as n from private.webhook_events where organization_id = $1', [org.id])).rows[0]
          .n as number;
      });
    const calls: [string, 'authenticated' | 'service_role', Record<string, unknown>, string, unknown[]][] = [
      ['role change', 'authenticated', userClaims(owner), `select public.change_member_role($1, $2, 'member')`, [org.id, admin.id]],
      ['invitation', 'authenticated', userClaims(owner), 'select public.create_invitation($1, $2)', [org.id, `rb-${tag()}@test.example`]],
      ['rename', 'authenticated', userClaims(owner), `select public.update_organization($1, 'Rolled Back')`, [org.id]],
      ['transfer', 'authenticated', userClaims(owner), 'select public.transfer_ownership($1, $2)', [org.id, admin.id]],
      ['delete', 'authenticated', userClaims(owner), 'select public.delete_organization($1)', [org.id]],
      ['key removes', 'service_role', SERVICE_CLAIMS, 'select public.key_remove_member($1, $2, $3)', [k.hash, org.id, admin.id]],
    ];
    for (const [why, role, claims, text, params] of calls) {
      expect(await seenInside(role, claims, text, params), why).toBeGreaterThan(before);
    }
    for (const text of [
      `update public.organizations set name = 'SQL rollback' where id = $1`,
      `delete from public.memberships where organization_id = $1 and role = 'admin'`,
      `update public.organization_api_keys set revoked_at = now() where organization_id = $1`,
    ]) {
      await inTransaction(db, (c) => c.query(text, [org.id]), 'rollback');
    }
    // Refused: the last owner cannot leave; an ADMIN cannot demote the OWNER.
    expect(await outcome(commitAs(db, owner, 'select public.leave_organization($1)', [org.id]))).toBe('PT409 LAST_OWNER');
    expect(await outcome(commitAs(db, admin, `select public.change_member_role($1, $2, 'member')`, [org.id, owner.id]))).toBe(
      'PT403 FORBIDDEN',
    );
    const err = await errorOf(db.query('delete from public.memberships where organization_id = $1 and user_id = $2', [org.id, owner.id]));
    expect(err.code).toBe('23514');

    expect((await eventsOf(org.id)).length).toBe(before);
  });
});

describe('delivery', () => {
  it('webhook_event_targets: the subscribed, not deleted webhooks that existed before the event, once', async () => {
    const { owner, org } = await team();
    const all = await createWebhook(owner, org.id, ['*']);
    const added = await createWebhook(owner, org.id, ['member.added']);
    await createWebhook(owner, org.id, ['invitation.created']);
    const gone = await createWebhook(owner, org.id, ['*']);
    await commitAs(db, owner, 'select public.delete_webhook($1, $2)', [org.id, gone.id]);
    const joiner = await createUser(db);
    const [event] = await eventsFrom(org.id, () =>
      db.query(`insert into public.memberships (organization_id, user_id) values ($1, $2)`, [org.id, joiner.id]),
    );
    await createWebhook(owner, org.id, ['*']); // too late for this event

    const item = await targetsOf(event!.id);
    expect(item).toEqual({
      id: event!.id,
      type: 'member.added',
      organization_id: org.id,
      created_at: expect.any(String),
      data: { organization_id: org.id, user_id: joiner.id, email: joiner.email, role: 'member' },
      targets: [
        { webhook_id: all.id, url: all.url, secret: all.secret },
        { webhook_id: added.id, url: added.url, secret: added.secret },
      ],
    });
    expect((await eventsOf(org.id)).find((e) => e.id === event!.id)!.dispatched).toBe(true);
    expect(await targetsOf(event!.id)).toBeNull();
    expect(await targetsOf(randomUUID())).toBeNull();
  });

  it('records deliveries; the owner lists the last ones newest first; bad reports are refused', async () => {
    const { owner, member, org } = await team();
    const hook = await createWebhook(owner, org.id, ['*']);
    const [event] = await eventsFrom(org.id, () => commitAs(db, owner, `select public.update_organization($1, 'Delivered Inc')`, [org.id]));
    await targetsOf(event!.id);
    await service('select public.webhook_record_delivery($1, $2, 1, $3, $4)', [hook.id, event!.id, 'retrying', 503]);
    await service('select public.webhook_record_delivery($1, $2, 2, $3, null)', [hook.id, event!.id, 'retrying']);
    await service('select public.webhook_record_delivery($1, $2, 3, $3, 204)', [hook.id, event!.id, 'delivered']);

    const [row] = await queryAs<{ d: Record<string, unknown>[] }>(
      db,
      'authenticated',
      userClaims(owner),
      'select public.list_webhook_deliveries($1, $2) as d',
      [org.id, hook.id],
    );
    expect(row!.d).toEqual([
      { event_id: event!.id, type: 'organization.updated', attempt: 3, status: 'delivered', response_status: 204, at: expect.any(String) },
      { event_id: event!.id, type: 'organization.updated', attempt: 2, status: 'retrying', response_status: null, at: expect.any(String) },
      { event_id: event!.id, type: 'organization.updated', attempt: 1, status: 'retrying', response_status: 503, at: expect.any(String) },
    ]);
    expect(
      await outcome(queryAs(db, 'authenticated', userClaims(member), 'select public.list_webhook_deliveries($1, $2)', [org.id, hook.id])),
    ).toBe('PT403 FORBIDDEN');
    const other = await team();
    expect(
      await outcome(
        queryAs(db, 'authenticated', userClaims(other.owner), 'select public.list_webhook_deliveries($1, $2)', [other.org.id, hook.id]),
      ),
    ).toBe('PT404 NOT_FOUND');

    for (const [why, params] of [
      ['status', [hook.id, event!.id, 1, 'lost', null]],
      ['attempt', [hook.id, event!.id, 0, 'delivered', 200]],
      ['response status', [hook.id, event!.id, 1, 'delivered', 42]],
    ] as const) {
      expect(await outcome(service('select public.webhook_record_delivery($1, $2, $3, $4, $5)', [...params])), why).toBe(
        '22023 VALIDATION_ERROR',
      );
    }
    // The delivery functions are the worker's: service_role only.
    for (const [text, params] of [
      ['select public.webhook_pending_events(1)', []],
      ['select public.webhook_event_targets($1)', [event!.id]],
      [`select public.webhook_record_delivery($1, $2, 1, 'delivered', 200)`, [hook.id, event!.id]],
      ['select public.webhook_targets_alive($1)', [hook.id]],
    ] as const) {
      expect(await outcome(queryAs(db, 'authenticated', userClaims(owner), text, [...params])), text).toBe('42501');
      expect(await outcome(queryAs(db, 'anon', ANON_CLAIMS, text, [...params])), text).toBe('42501');
    }
  });

  it("a deleted organization's webhooks stay until organization.deleted is delivered or failed for every target", async () => {
    const { owner, org } = await team();
    const all = await createWebhook(owner, org.id, ['*']);
    const deletions = await createWebhook(owner, org.id, ['organization.deleted', 'member.added']);
    const unsubscribed = await createWebhook(owner, org.id, ['member.added']);
    const [event] = await eventsFrom(org.id, () => commitAs(db, owner, 'select public.delete_organization($1)', [org.id]));
    expect(event!.type).toBe('organization.deleted');

    const webhooksLeft = async () =>
      (await db.query('select count(*)::int as n from public.organization_webhooks where organization_id = $1', [org.id])).rows[0].n;
    expect(await webhooksLeft()).toBe(3);
    const item = await targetsOf(event!.id);
    expect(item!.targets.map((x) => x.webhook_id)).toEqual([all.id, deletions.id]);
    expect(await alive(all.id)).toBe(true);

    await service(`select public.webhook_record_delivery($1, $2, 1, 'delivered', 200)`, [all.id, event!.id]);
    await service(`select public.webhook_record_delivery($1, $2, 1, 'retrying', 500)`, [deletions.id, event!.id]);
    expect(await webhooksLeft()).toBe(3);
    expect(await alive(deletions.id)).toBe(true);
    await service(`select public.webhook_record_delivery($1, $2, 2, 'failed', 500)`, [deletions.id, event!.id]);
    expect(await webhooksLeft()).toBe(0);
    for (const w of [all, deletions, unsubscribed]) expect(await alive(w.id)).toBe(false);
    // A late report about a webhook that is gone is ignored.
    await service(`select public.webhook_record_delivery($1, $2, 3, 'failed', null)`, [deletions.id, event!.id]);
  });

  it('organization.deleted that no webhook subscribed to: the dispatch removes the webhooks at once', async () => {
    const { owner, org } = await team();
    const hook = await createWebhook(owner, org.id, ['member.added']);
    const [event] = await eventsFrom(org.id, () => db.query('delete from public.organizations where id = $1', [org.id]));
    expect(await alive(hook.id)).toBe(true);
    expect((await targetsOf(event!.id))!.targets).toEqual([]);
    expect(await alive(hook.id)).toBe(false);
  });

  it('a webhook deleted while an event waits is no longer a target, and its retries stop', async () => {
    const { owner, org } = await team();
    const hook = await createWebhook(owner, org.id, ['*']);
    const [event] = await eventsFrom(org.id, () => commitAs(db, owner, `select public.update_organization($1, 'Stopping')`, [org.id]));
    await commitAs(db, owner, 'select public.delete_webhook($1, $2)', [org.id, hook.id]);
    expect((await targetsOf(event!.id))!.targets).toEqual([]);
    expect(await alive(hook.id)).toBe(false);
  });
});

describe('webhook_pending_events', () => {
  /** Hands out every pending event (as the sweep does), the items it got. */
  async function drain(): Promise<PendingEvent[]> {
    const items: PendingEvent[] = [];
    for (;;) {
      const [row] = await service<{ i: PendingEvent[] }>('select public.webhook_pending_events(1000) as i');
      items.push(...row!.i);
      if (row!.i.length < 1000) return items;
    }
  }

  /** An organization with a webhook for everything and `n` fresh events (direct SQL). */
  async function orgWithEvents(n: number) {
    const { owner, org } = await team();
    const hook = await createWebhook(owner, org.id, ['*']);
    for (let i = 0; i < n; i++) await db.query(`update public.organizations set name = $2 where id = $1`, [org.id, `Name ${i}`]);
    const events = await eventsOf(org.id);
    return { org, hook, ids: events.filter((e) => !e.dispatched && e.type === 'organization.updated').map((e) => e.id) };
  }

  it('hands out pending events oldest first with their targets, and marks them dispatched', async () => {
    await drain();
    const { org, hook, ids } = await orgWithEvents(3);
    const items = (await drain()).filter((i) => i.organization_id === org.id);
    // The team's member.added events (before the webhook) have no target; the updates have it.
    const updates = items.filter((i) => i.type === 'organization.updated');
    expect(updates.map((i) => i.id)).toEqual(ids);
    expect(updates.map((i) => i.data.name)).toEqual(['Name 0', 'Name 1', 'Name 2']);
    for (const i of updates) expect(i.targets).toEqual([{ webhook_id: hook.id, url: hook.url, secret: hook.secret }]);
    expect(items.filter((i) => i.type === 'member.added').every((i) => i.targets.length === 0)).toBe(true);
    expect((await eventsOf(org.id)).every((e) => e.dispatched)).toBe(true);
    expect((await drain()).filter((i) => i.organization_id === org.id)).toEqual([]);
    expect(await outcome(service('select public.webhook_pending_events(0)'))).toBe('22023 VALIDATION_ERROR');
  });

  it('two sweeps at the same moment never hand out the same event', async () => {
    await drain();
    const { ids } = await orgWithEvents(20);
    const [c1, c2] = [await beginAsService(), await beginAsService()];
    const barrier = await holdBarrier();
    try {
      const sweep = async (c: pg.Client) => {
        await barrier.pass(c);
        const { rows } = await c.query<{ i: PendingEvent[] }>('select public.webhook_pending_events(1000) as i');
        await c.query('commit');
        return rows[0]!.i.map((i) => i.id);
      };
      const both = [sweep(c1), sweep(c2)];
      await barrier.waiting(db, [c1, c2]);
      await barrier.release();
      const [a, b] = await Promise.all(both);
      expect(a!.filter((id) => b!.includes(id))).toEqual([]);
      const later = (await drain()).map((i) => i.id);
      const handedOut = [...a!, ...b!, ...later];
      for (const id of ids)
        expect(
          handedOut.filter((x) => x === id),
          id,
        ).toHaveLength(1);
    } finally {
      await barrier.close();
      await c1.end();
      await c2.end();
    }
  });

  it('skips events another sweep holds (without waiting); a sweep that rolls back leaves them pending', async () => {
    await drain();
    const { ids } = await orgWithEvents(3);
    const c1 = await beginAsService();
    try {
      const { rows } = await c1.query<{ i: PendingEvent[] }>('select public.webhook_pending_events(1000) as i');
      const first = rows[0]!.i.map((i) => i.id);
      expect(first).toEqual(expect.arrayContaining(ids));
      // Meanwhile another sweep does not wait for c1 and gets none of its events.
      const second = (await drain()).map((i) => i.id);
      expect(second.filter((id) => first.includes(id))).toEqual([]);
      for (const id of ids) expect(await targetsOf(id)).toBeNull();
      await c1.query('rollback');
    } finally {
      await c1.end();
    }
    const again = (await drain()).map((i) => i.id);
    expect(again).toEqual(expect.arrayContaining(ids));
  });
});
