/**
 * Organization API keys and webhooks through the worker, the stand-in and Postgres
 * (integrations.md): keys made, used within their scopes and organization, refused outside
 * them, revoked and expired, audited as api_key, limited per key; webhooks delivered end to
 * end through wrangler's local queue to a receiver of the test run (test/setup/sql-server.ts),
 * signed as Standard Webhooks says and checked here as a consumer would, retried after 500s,
 * logged, stopped by deletion, swept by the cron handler for direct SQL changes, and never
 * holding up the API request that caused them.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index.ts';
import { api, envWith, registerUser, sql, uniqueEmail } from './support/e2e.ts';
import { awaitFreshWindow } from './support/harness.ts';

const RECEIVER = `${env.TEST_SQL_URL}/receiver`;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** An owner with a team organization, and the organization's id. */
async function ownerWithOrg() {
  const owner = await registerUser({ organization_name: `Integrations ${crypto.randomUUID().slice(0, 6)}` });
  const [org] = await sql<{ id: string }>('select id from public.organizations where created_by = $1 and not is_personal_account', [
    owner.data.user.id,
  ]);
  return { token: owner.data.access_token as string, userId: owner.data.user.id as string, orgId: org!.id };
}

async function createKey(token: string, orgId: string, scopes: string[], extra: Record<string, unknown> = {}) {
  const res = await api(`/api/v1/auth/organizations/${orgId}/api-keys`, { token, body: { name: 'CI', scopes, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; key: string; prefix: string };
}

/** What the receiver `name` has received so far, waiting until `count` requests arrived (bounded by the test timeout). */
async function received(name: string, count = 1): Promise<{ headers: Record<string, string>; body: string }[]> {
  for (;;) {
    const { requests } = (await (await fetch(`${RECEIVER}/${name}`)).json()) as {
      requests: { headers: Record<string, string>; body: string }[];
    };
    if (requests.length >= count) return requests;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Checks a delivery's signature as a consumer would (Standard Webhooks). */
async function signatureValid(secret: string, headers: Record<string, string>, body: string): Promise<boolean> {
  const key = await crypto.subtle.importKey(
    'raw',
    Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const signature = Uint8Array.from(atob(headers['webhook-signature']!.replace(/^v1,/, '')), (c) => c.charCodeAt(0));
  return crypto.subtle.verify(
    'HMAC',
    key,
    signature,
    new TextEncoder().encode(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`),
  );
}

describe('organization API keys', () => {
  it('are shown once, stored as a hash only, and listed without the key', async () => {
    const { token, orgId } = await ownerWithOrg();
    const key = await createKey(token, orgId, ['members:read']);
    expect(key.key).toMatch(/^eak_[0-9A-Za-z]{40}$/);
    expect(key.prefix).toBe(key.key.slice(0, 12));
    const listed = await api(`/api/v1/auth/organizations/${orgId}/api-keys`, { token });
    expect(listed.body.data).toEqual([
      expect.objectContaining({ id: key.id, prefix: key.prefix, scopes: ['members:read'], last_used_at: null }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(key.key);
    const [row] = await sql<{ key_hash: string; whole: string }>(
      'select key_hash, row_to_json(k)::text as whole from public.organization_api_keys k where id = $1',
      [key.id],
    );
    expect(row!.key_hash).toBe(await sha256Hex(key.key));
    expect(row!.whole).not.toContain(key.key);
  });

  it('act within their scopes and organization only', async () => {
    const { token, orgId } = await ownerWithOrg();
    const other = await ownerWithOrg();
    const { key } = await createKey(token, orgId, ['members:read', 'invitations:write']);
    expect((await api(`/api/v1/auth/organizations/${orgId}/members`, { token: key })).status).toBe(200);
    const invited = await api(`/api/v1/auth/organizations/${orgId}/invitations`, { token: key, body: { email: uniqueEmail('by-key') } });
    expect(invited.status).toBe(201);
    expect((await api(`/api/v1/auth/organizations/${orgId}/audit`, { token: key })).status).toBe(403); // no audit:read
    expect((await api(`/api/v1/auth/organizations/${other.orgId}/members`, { token: key })).status).toBe(404);
    for (const [method, path] of [
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/auth/organizations'],
      ['GET', '/api/v1/auth/admin/users'],
      ['POST', `/api/v1/auth/organizations/${orgId}/transfer-ownership`],
      ['DELETE', `/api/v1/auth/organizations/${orgId}`],
      ['GET', `/api/v1/auth/organizations/${orgId}/api-keys`],
    ] as const) {
      const res = await api(path, { method, token: key, ...(method === 'POST' ? { body: { user_id: crypto.randomUUID() } } : {}) });
      expect([res.status, res.body.error.code], `${method} ${path}`).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('changes made with a key are audited with actor api_key; no key or hash in the audit log', async () => {
    const { token, orgId } = await ownerWithOrg();
    const { key, id } = await createKey(token, orgId, ['invitations:write', 'audit:read']);
    await api(`/api/v1/auth/organizations/${orgId}/invitations`, { token: key, body: { email: uniqueEmail('audited') } });
    const audit = await api(`/api/v1/auth/organizations/${orgId}/audit`, { token });
    const byKey = audit.body.data.find((row: { action: string }) => row.action === 'invitation.created');
    expect(byKey).toMatchObject({ actor_id: null, actor: { type: 'api_key', id, name: 'CI' } });
    const rows = await sql<{ all: string }>(
      'select json_agg(a)::text as all from public.organization_audit_log a where organization_id = $1',
      [orgId],
    );
    expect(rows[0]!.all).not.toContain(key);
    expect(rows[0]!.all).not.toContain(await sha256Hex(key));
  });

  it('a revoked or expired key is refused from the next request on; an unknown one too', async () => {
    const { token, orgId } = await ownerWithOrg();
    const revoked = await createKey(token, orgId, ['members:read']);
    expect((await api(`/api/v1/auth/organizations/${orgId}/api-keys/${revoked.id}`, { method: 'DELETE', token })).status).toBe(200);
    const expired = await createKey(token, orgId, ['members:read']);
    await sql(
      `update public.organization_api_keys set created_at = now() - interval '1 hour', expires_at = now() - interval '1 second' where id = $1`,
      [expired.id],
    );
    for (const key of [revoked.key, expired.key, `eak_${'x'.repeat(40)}`]) {
      const res = await api(`/api/v1/auth/organizations/${orgId}/members`, { token: key });
      expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    }
  });

  it('are limited per key (429 with Retry-After), each key on its own', async () => {
    const { token, orgId } = await ownerWithOrg();
    const limited = envWith({ API_KEY_RATE_LIMIT: env.TEST_LOW_RATE_LIMIT });
    const first = await createKey(token, orgId, ['members:read']);
    const second = await createKey(token, orgId, ['members:read']);
    const statuses = [];
    await awaitFreshWindow();
    for (let i = 0; i < 4; i++)
      statuses.push((await api(`/api/v1/auth/organizations/${orgId}/members`, { token: first.key, env: limited })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await api(`/api/v1/auth/organizations/${orgId}/members`, { token: second.key, env: limited })).status).toBe(200);
  });

  it('only OWNERs and ADMINs manage keys', async () => {
    const { orgId } = await ownerWithOrg();
    const member = await registerUser();
    await sql(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'member')`, [orgId, member.data.user.id]);
    const res = await api(`/api/v1/auth/organizations/${orgId}/api-keys`, {
      token: member.data.access_token,
      body: { name: 'x', scopes: ['members:read'] },
    });
    expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('webhooks', () => {
  async function subscribe(token: string, orgId: string, name: string, events = ['*']) {
    const res = await api(`/api/v1/auth/organizations/${orgId}/webhooks`, { token, body: { url: `${RECEIVER}/${name}`, events } });
    expect(res.status).toBe(201);
    return res.body.data as { id: string; secret: string };
  }

  it('deliver a signed event for a change made through the API', async () => {
    const { token, orgId } = await ownerWithOrg();
    const name = `r${crypto.randomUUID().slice(0, 8)}`;
    const hook = await subscribe(token, orgId, name, ['invitation.created']);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const email = uniqueEmail('hooked');
    await api(`/api/v1/auth/organizations/${orgId}/invitations`, { token, body: { email } });
    const [delivery] = await received(name);
    const event = JSON.parse(delivery!.body);
    expect(event).toMatchObject({ type: 'invitation.created', timestamp: expect.any(String), data: { organization_id: orgId } });
    expect(delivery!.headers['content-type']).toMatch(/^application\/json/);
    expect(delivery!.headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(await signatureValid(hook.secret, delivery!.headers, delivery!.body)).toBe(true);
    expect(await signatureValid(hook.secret, delivery!.headers, `${delivery!.body} `)).toBe(false); // control
    expect(delivery!.body).not.toContain(hook.secret);
  });

  it('retry after 500s with the same webhook-id, and log every attempt', async () => {
    const { token, orgId } = await ownerWithOrg();
    const name = `r${crypto.randomUUID().slice(0, 8)}`;
    await fetch(`${RECEIVER}/${name}/script`, { method: 'PUT', body: JSON.stringify({ statuses: [500, 503] }) });
    const hook = await subscribe(token, orgId, name, ['invitation.created']);
    await api(`/api/v1/auth/organizations/${orgId}/invitations`, { token, body: { email: uniqueEmail('retried') } });
    const attempts = await received(name, 3);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    let log: { attempt: number; status: string; response_status: number | null }[] = [];
    while (log.length < 3) {
      log = (await api(`/api/v1/auth/organizations/${orgId}/webhooks/${hook.id}/deliveries`, { token })).body.data;
    }
    expect(log.map((d) => [d.attempt, d.status, d.response_status]).sort()).toEqual([
      [1, 'retrying', 500],
      [2, 'retrying', 503],
      [3, 'delivered', 200],
    ]);
  });

  it('a direct SQL change is delivered by the cron sweep', async () => {
    const { token, orgId } = await ownerWithOrg();
    const name = `r${crypto.randomUUID().slice(0, 8)}`;
    await subscribe(token, orgId, name, ['member.added']);
    const someone = await registerUser();
    await sql(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'member')`, [orgId, someone.data.user.id]);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '* * * * *' }), env as never, ctx);
    await waitOnExecutionContext(ctx);
    const [delivery] = await received(name);
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: 'member.added', data: { organization_id: orgId } });
  });

  it('an endpoint that does not answer does not hold up the API request that caused the event', async () => {
    const { token, orgId } = await ownerWithOrg();
    const name = `r${crypto.randomUUID().slice(0, 8)}`;
    await fetch(`${RECEIVER}/${name}/script`, { method: 'PUT', body: JSON.stringify({ statuses: [200], delay_ms: 15_000 }) });
    const hook = await subscribe(token, orgId, name, ['invitation.created']);
    const res = await api(`/api/v1/auth/organizations/${orgId}/invitations`, { token, body: { email: uniqueEmail('slow') } });
    expect(res.status).toBe(201);
    // The receiver got the delivery and has not answered it yet, and the API has answered already.
    await received(name);
    const log = await api(`/api/v1/auth/organizations/${orgId}/webhooks/${hook.id}/deliveries`, { token });
    expect(log.body.data).toEqual([]);
  });

  it('deleting a webhook stops deliveries', async () => {
    const { token, orgId } = await ownerWithOrg();
    const name = `r${crypto.randomUUID().slice(0, 8)}`;
    const hook = await subscribe(token, orgId, name, ['invitation.created']);
    expect((await api(`/api/v1/auth/organizations/${orgId}/webhooks/${hook.id}`, { method: 'DELETE', token })).status).toBe(200);
    const control = `r${crypto.randomUUID().slice(0, 8)}`;
    await subscribe(token, orgId, control, ['invitation.created']);
    await api(`/api/v1/auth/organizations/${orgId}/invitations`, { token, body: { email: uniqueEmail('after-delete') } });
    await received(control); // the live one got it
    expect(await received(name, 0)).toEqual([]);
  });

  it('refuses URLs that are not https, carry credentials or point at private addresses (loopback allowed locally)', async () => {
    const { token, orgId } = await ownerWithOrg();
    for (const url of [
      'http://example.com/hook',
      'https://user:pw@example.com/hook',
      'https://10.0.0.8/hook',
      'https://[fd00::1]/hook',
      'ftp://example.com',
      'not a url',
    ]) {
      const res = await api(`/api/v1/auth/organizations/${orgId}/webhooks`, { token, body: { url, events: ['*'] } });
      expect([res.status, res.body.error.code], url).toEqual([400, 'VALIDATION_ERROR']);
    }
    const production = envWith({ WEBHOOK_ALLOW_LOOPBACK: 'false' });
    const local = await api(`/api/v1/auth/organizations/${orgId}/webhooks`, {
      token,
      body: { url: `${RECEIVER}/x`, events: ['*'] },
      env: production,
    });
    expect([local.status, local.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
  });
});
