/**
 * The client's integration methods against the real worker (integrations.md): an owner
 * creates, lists and revokes an organization API key, and creates, lists and deletes a
 * webhook and reads its deliveries; the key and the secret appear only in the answers that
 * create them, and a MEMBER is refused.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { AuthApiError, createAuthClient, memoryStorage } from '../../client/src/index.ts';
import { PASSWORD, registerUser } from '../worker/support/e2e.ts';
import { BASE_URL, workerFetch } from './support.ts';

/** A registered user signed in with a client of their own, and their team organization. */
async function ownerWithOrg() {
  const { email } = await registerUser({ organization_name: `Client Integrations ${crypto.randomUUID().slice(0, 6)}` });
  const { fetch } = workerFetch();
  const auth = createAuthClient({ baseUrl: BASE_URL, fetch, storage: memoryStorage() });
  await auth.login({ email, password: PASSWORD });
  const org = (await auth.organizations()).find((o) => !o.is_personal_account);
  if (!org) throw new Error('no team organization');
  return { auth, orgId: org.id };
}

describe('integration methods', () => {
  it('createApiKey shows the key once, apiKeys lists it without, revokeApiKey removes it', async () => {
    const { auth, orgId } = await ownerWithOrg();
    const created = await auth.createApiKey(orgId, { name: 'Backend', scopes: ['members:read', 'audit:read'] });
    expect(created).toMatchObject({ name: 'Backend', scopes: ['members:read', 'audit:read'], expires_at: null, last_used_at: null });
    expect(created.key).toMatch(/^eak_[0-9A-Za-z]{32,}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));

    const listed = await auth.apiKeys(orgId);
    expect(listed.map((k) => k.id)).toEqual([created.id]);
    expect(listed[0]).not.toHaveProperty('key');

    expect(await auth.revokeApiKey(orgId, created.id)).toEqual({ message: 'API key revoked' });
    expect((await auth.apiKeys(orgId)).map((k) => k.id)).not.toContain(created.id);

    const refused = await auth.createApiKey(orgId, { name: 'Bad', scopes: [] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthApiError);
    expect(refused).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
  });

  it('createWebhook shows the secret once, webhooks lists it, webhookDeliveries reads its attempts, deleteWebhook ends it', async () => {
    const { auth, orgId } = await ownerWithOrg();
    const url = `${env.TEST_SQL_URL}/receiver/client-${crypto.randomUUID()}`;
    const created = await auth.createWebhook(orgId, { url, events: ['api_key.created'] });
    expect(created).toMatchObject({ url, events: ['api_key.created'] });
    expect(created.secret).toMatch(/^whsec_/);

    const listed = await auth.webhooks(orgId);
    expect(listed.map((w) => w.id)).toEqual([created.id]);
    expect(listed[0]).not.toHaveProperty('secret');

    // An event it subscribes to: its delivery appears in the log.
    await auth.createApiKey(orgId, { name: 'Trigger', scopes: ['organization:read'] });
    let deliveries = await auth.webhookDeliveries(orgId, created.id);
    for (let attempt = 0; deliveries.length === 0 && attempt < 100; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      deliveries = await auth.webhookDeliveries(orgId, created.id);
    }
    expect(deliveries[0]).toMatchObject({ type: 'api_key.created', attempt: 1 });

    expect(await auth.deleteWebhook(orgId, created.id)).toEqual({ message: 'Webhook deleted' });
    expect(await auth.webhooks(orgId)).toEqual([]);
    await expect(auth.webhookDeliveries(orgId, created.id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
