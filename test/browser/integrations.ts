/**
 * The organization page's API keys and webhooks in a real Chromium, end to end (page,
 * client, worker, stand-in, wrangler's local queue): an owner creates an API key, sees it
 * once in a read-only field with a Copy button, finds it gone after a reload and in the
 * list by its prefix, and revokes it; creates a webhook to a receiver of this test (the
 * local worker allows http://127.0.0.1), copies its signing secret, sees a delivery to the
 * receiver in the webhook's recent deliveries, and deletes it. A MEMBER is offered neither
 * card. axe-core checks every new state.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD } from '../support/accounts.ts';
import { expectNoAxeViolations } from './axe.ts';
import { withPages } from './browser.ts';
import type { Environment } from './environment.ts';
import { expectAccount, registeredUser, signIn, TEST_TIMEOUT } from './support.ts';

// The page.evaluate callbacks below run in the page; the root tsconfig has no DOM library.
declare const document: { activeElement: { id: string } | null };
declare const navigator: { clipboard: { readText(): Promise<string> } };

/** Waits for a status (success) message containing `text`. */
async function expectStatus(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}

/** A request to the worker with a user's token; answers the envelope's `data`. */
async function call(env: Environment, path: string, init: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${env.site.workerUrl}/api/v1/auth${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json', ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${path}: ${res.status} ${text}`);
  return (JSON.parse(text) as { data: Record<string, unknown> & { id: string; access_token: string } }).data;
}

/** A local webhook receiver answering 204 to every POST, and the bodies it has received. */
async function startReceiver(): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/edge-auth`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Registers the integration flows (node:test) against `env` with `browser`. */
export function integrationFlows(env: Environment, browser: Browser): void {
  const flow = (name: string, fn: Parameters<typeof withPages>[2]) =>
    test(name, { timeout: TEST_TIMEOUT }, () => withPages(browser, name, fn));
  const app = env.site.appUrl;

  flow(
    'API keys: create → shown once → copy → listed → revoke; webhooks: create → delivery → delete; a member sees neither',
    async ({ page, context, newDevice }) => {
      const receiver = await startReceiver();
      try {
        const owner = await registeredUser(env, { organization_name: 'Hooked Co' });
        const member = await registeredUser(env);
        const ownerToken = (await call(env, '/login', { body: { email: owner, password: PASSWORD } })).access_token;
        const orgs = (await call(env, '/organizations', { token: ownerToken })) as unknown as { id: string; name: string }[];
        const orgId = orgs.find((o) => o.name === 'Hooked Co')?.id ?? '';
        assert.ok(orgId, 'the owner has the team organization');
        const invitation = await call(env, `/organizations/${orgId}/invitations`, {
          token: ownerToken,
          body: { email: member, role: 'MEMBER' },
        });
        const memberToken = (await call(env, '/login', { body: { email: member, password: PASSWORD } })).access_token;
        await call(env, `/invitations/${invitation.id}/accept`, { token: memberToken, body: {} });

        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app });
        await signIn(page, app, owner);
        await expectAccount(page, owner);
        await page.goto(`${app}/organizations/${orgId}`);
        await page.getByRole('heading', { level: 1, name: 'Hooked Co' }).waitFor();
        const keys = page.getByRole('form', { name: 'API keys' });
        await keys.waitFor();
        await page.getByText('No API keys.').waitFor();
        await page.getByText('No webhooks.').waitFor();
        await expectNoAxeViolations(page, 'the organization page with the API keys and webhooks cards');

        // Create a key: shown once, focused, copied with the button. The scopes are one group
        // (a fieldset named by its legend), as the webhook's events are.
        await keys.getByLabel('Key name').fill('CI backend');
        const scopes = keys.getByRole('group', { name: 'Scopes' });
        assert.equal(await scopes.getByRole('checkbox').count(), 5, 'every scope in the Scopes group');
        await scopes.getByLabel('Scope: Read members (members:read)').check();
        await scopes.getByLabel('Scope: Read the audit log (audit:read)').check();
        await keys.getByRole('button', { name: 'Create API key' }).click();
        await expectStatus(page, 'API key CI backend created. Copy it now: it is shown only once.');
        const keyField = page.getByLabel('API key', { exact: true });
        const key = await keyField.inputValue();
        assert.match(key, /^eak_[0-9A-Za-z]{32,}$/);
        assert.equal(await keyField.getAttribute('readonly'), '');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-api-key');
        const keyItem = page.getByRole('list', { name: 'Existing API keys' }).getByRole('listitem');
        await keyItem
          .filter({ hasText: `${key.slice(0, 12)}…` })
          .getByText('scopes: members:read, audit:read')
          .waitFor();
        await page.getByRole('button', { name: 'Copy the API key' }).click();
        await expectStatus(page, 'Copied to the clipboard.');
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
        await expectNoAxeViolations(page, 'the organization page showing a new API key');

        // After a reload the key is gone; the list still has it by its prefix.
        await page.reload();
        await keyItem.filter({ hasText: 'CI backend' }).waitFor();
        assert.equal(await page.getByLabel('API key', { exact: true }).count(), 0, 'the key is shown only once');
        assert.equal((await page.content()).includes(key), false, 'the key is nowhere on the page after a reload');

        // Create a webhook subscribed to api_key.created: its secret shown once.
        const hooks = page.getByRole('form', { name: 'Webhooks' });
        await hooks.getByLabel('Endpoint URL').fill(receiver.url);
        const events = hooks.getByRole('group', { name: 'Events' });
        assert.ok((await events.getByRole('checkbox').count()) > 5, 'every event in the Events group');
        await events.getByLabel('All events').waitFor();
        await events.getByLabel('Event api_key.created').check();
        await hooks.getByRole('button', { name: 'Create webhook' }).click();
        await expectStatus(page, `Webhook to ${receiver.url} created. Copy its signing secret now: it is shown only once.`);
        const secret = await page.getByLabel('Signing secret', { exact: true }).inputValue();
        assert.match(secret, /^whsec_/);
        const hookItem = page.getByRole('list', { name: 'Existing webhooks' }).getByRole('listitem').filter({ hasText: receiver.url });
        await hookItem.getByText('events: api_key.created').waitFor();
        await hookItem.getByText('No deliveries yet.').waitFor();
        await page.getByRole('button', { name: 'Copy the signing secret' }).click();
        await page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).last().waitFor();
        await expectNoAxeViolations(page, 'the organization page showing a new webhook secret');

        // Another key makes an event: the receiver gets it, and the webhook lists the delivery.
        await keys.getByLabel('Key name').fill('Reporting');
        await keys.getByLabel('Scope: Read the organization (organization:read)').check();
        await keys.getByRole('button', { name: 'Create API key' }).click();
        await expectStatus(page, 'API key Reporting created.');
        for (let attempt = 0; attempt < 100 && receiver.bodies.length === 0; attempt++) await new Promise((r) => setTimeout(r, 100));
        assert.equal(JSON.parse(receiver.bodies[0] ?? '{}').type, 'api_key.created', 'the receiver got the event');
        let delivered = false;
        for (let attempt = 0; attempt < 30 && !delivered; attempt++) {
          await page.reload();
          await hookItem.waitFor();
          delivered = (await hookItem.getByRole('table', { name: `Recent deliveries to ${receiver.url}` }).count()) > 0;
          if (!delivered) await new Promise((r) => setTimeout(r, 200));
        }
        assert.ok(delivered, 'the delivery is listed');
        const row = hookItem.getByRole('row').filter({ hasText: 'api_key.created' });
        await row.getByRole('cell', { name: 'delivered (HTTP 204)' }).waitFor();
        await row.getByRole('cell', { name: '1', exact: true }).waitFor();
        await expectNoAxeViolations(page, 'the organization page with a webhook delivery');

        // Revoke the first key, after a confirmation step that Cancel closes without revoking:
        // gone from the list; delete the webhook the same way: gone too.
        const revoke = page.getByRole('button', { name: /^Revoke… \(the API key CI backend, eak_/ });
        await revoke.click();
        await page.getByText('Revoke the API key CI backend (eak_').waitFor();
        await expectNoAxeViolations(page, 'the confirmation step of revoking an API key');
        await keyItem.filter({ hasText: 'CI backend' }).getByRole('button', { name: 'Cancel' }).click();
        const focused = (el: unknown) => el === (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement;
        assert.equal(await revoke.evaluate(focused), true, 'Cancel gives the focus back to the Revoke… button');
        await page.reload();
        await keyItem.filter({ hasText: 'CI backend' }).waitFor(); // not revoked
        await page.getByRole('button', { name: /^Revoke… \(the API key CI backend, eak_/ }).click();
        await page.getByRole('button', { name: 'Revoke CI backend' }).click();
        await expectStatus(page, 'The API key CI backend has been revoked.');
        await keyItem.filter({ hasText: 'CI backend' }).waitFor({ state: 'detached' });
        await keyItem.filter({ hasText: 'Reporting' }).waitFor();
        await page.getByRole('button', { name: `Delete… (the webhook to ${receiver.url})` }).click();
        await page.getByRole('button', { name: 'Delete the webhook' }).click();
        await expectStatus(page, `The webhook to ${receiver.url} has been deleted.`);
        await page.getByText('No webhooks.').waitFor();
        await expectNoAxeViolations(page, 'the organization page after revoking a key and deleting a webhook');

        // A MEMBER opens the same page: neither card.
        const other = (await newDevice()).page;
        await signIn(other, app, member);
        await expectAccount(other, member);
        await other.goto(`${app}/organizations/${orgId}`);
        await other.getByText('your role: member').waitFor();
        assert.equal(await other.getByRole('heading', { name: 'API keys' }).count(), 0);
        assert.equal(await other.getByRole('heading', { name: 'Webhooks' }).count(), 0);
        assert.equal(await other.getByRole('form', { name: 'API keys' }).count(), 0);
        assert.equal(await other.getByRole('button', { name: /^Revoke… \(the API key/ }).count(), 0);
        await expectNoAxeViolations(other, 'the organization page of a member');
      } finally {
        await receiver.close();
      }
    },
  );
}
