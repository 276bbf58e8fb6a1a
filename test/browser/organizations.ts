/**
 * The organization pages of the web app in a real Chromium, end to end (pages, client,
 * worker, stand-in, mailbox): an invitation from the email to the membership, the
 * switcher and the token's claim, roles and what each role is offered, removal; and, on
 * the worker without an email provider, creating, the link to pass on, an invitee who
 * creates an account first, declining, revoking, accepting from the list, transferring
 * ownership and deleting.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, uniqueEmail } from '../support/accounts.ts';
import { keepScreenshot, withPages } from './browser.ts';
import type { Environment } from './environment.ts';
import { claimsOf, emailLink, expectAccount, heading, registeredUser, signIn, storedSession, TEST_TIMEOUT } from './support.ts';

// The page.evaluate callbacks below run in the page; the root tsconfig has no DOM library.
declare const document: { activeElement: { textContent: string | null } | null };

const INVITATION_PATH = /^\/invitations\/[0-9a-f-]{36}$/;

/** Waits for the h1 to read `name`. */
async function expectHeading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/** Waits for a status (success) message containing `text`. */
async function expectStatus(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}

/** Waits for an alert (error) message containing `text`. */
async function expectAlert(page: Page, text: string): Promise<void> {
  await page.getByRole('alert').filter({ hasText: text }).waitFor();
}

/** Sends the organization page's invite form. */
async function invite(page: Page, email: string, role?: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Email').fill(email);
  if (role) await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Send invitation' }).click();
}

/** Registers the organization flows (node:test) against `env` with `browser`. */
export function organizationFlows(env: Environment, browser: Browser): void {
  const flow = (name: string, fn: Parameters<typeof withPages>[2]) =>
    test(name, { timeout: TEST_TIMEOUT }, () => withPages(browser, name, fn));
  const app = env.site.appUrl;

  flow(
    'invite → email → link → sign in → accept → member, switcher, account page; role change, removal → not found',
    async ({ page, newDevice }) => {
      const owner = await registeredUser(env, { first_name: 'Olive', last_name: 'Owner', organization_name: 'Acme Rockets' });
      const invitee = await registeredUser(env, { first_name: 'Ivan' });

      // The owner invites from the organization page.
      await signIn(page, app, owner);
      await expectAccount(page, owner);
      await page.getByRole('link', { name: 'Organizations', exact: true }).click();
      await page.getByRole('link', { name: 'Acme Rockets' }).click();
      await expectHeading(page, 'Acme Rockets');
      const orgId = new URL(page.url()).pathname.split('/').pop() ?? '';
      await invite(page, invitee, 'ADMIN');
      await expectStatus(page, `Invitation sent to ${invitee} as admin.`);
      const pending = page.getByRole('list', { name: 'Pending invitations' }).getByRole('listitem');
      await pending
        .filter({ hasText: invitee })
        .getByRole('button', { name: `Revoke the invitation of ${invitee}` })
        .waitFor();

      // The email links to the web app's invitation page; signed out, it asks to sign in first.
      const link = await emailLink(env, invitee, INVITATION_PATH);
      assert.equal(new URL(link).origin, app, 'the invitation email links to the web app (APP_URL)');
      const phone = (await newDevice()).page;
      await phone.goto(link);
      await expectHeading(phone, 'You have been invited');
      await phone.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
      await phone.waitForURL('**/login?next=*');
      await phone.getByLabel('Email').fill(invitee);
      await phone.getByLabel('Password').fill(PASSWORD);
      await phone.getByRole('button', { name: 'Sign in', exact: true }).click();
      await phone.waitForURL(link);
      await expectHeading(phone, 'Join Acme Rockets?');
      await phone.getByText(`Olive Owner (${owner})`).waitFor();
      await keepScreenshot(phone, 'invitation');
      await phone.getByRole('button', { name: 'Accept the invitation to Acme Rockets' }).click();
      await phone.waitForURL(`**/organizations/${orgId}`);
      await expectStatus(phone, 'You have joined Acme Rockets as admin.');
      assert.equal(await phone.getByLabel(`Role of ${invitee}`, { exact: true }).inputValue(), 'ADMIN');
      // An ADMIN is offered inviting, but not what only OWNERs may do.
      await phone.getByRole('form', { name: 'Invite someone' }).waitFor();
      assert.equal(await phone.getByRole('button', { name: 'Delete this organization…' }).count(), 0);
      assert.equal(await phone.getByRole('button', { name: 'Transfer ownership…' }).count(), 0);
      assert.equal(await phone.getByRole('button', { name: `Remove ${owner}` }).count(), 0);

      // The switcher: the new organization is there; switching refreshes the token, and the account page shows it.
      await phone.getByRole('link', { name: 'Organizations', exact: true }).click();
      await expectHeading(phone, 'Your organizations');
      const switcher = phone.getByLabel('Active organization');
      await switcher.locator('option').nth(1).waitFor({ state: 'attached' });
      assert.deepEqual(await switcher.locator('option').allTextContents(), ['Acme Rockets', 'Personal Account']);
      assert.equal(await switcher.locator('option:checked').textContent(), 'Personal Account', 'accepting does not switch');
      await switcher.selectOption({ label: 'Acme Rockets' });
      await phone.getByRole('button', { name: 'Switch' }).click();
      await expectStatus(phone, 'Acme Rockets is now your active organization.');
      await phone.locator(`tr[data-organization-id="${orgId}"][aria-current="true"]`).waitFor();
      const session = await storedSession(phone);
      assert.deepEqual(claimsOf(session?.access_token ?? '').organization, {
        ...(claimsOf(session?.access_token ?? '').organization as object),
        id: orgId,
        role: 'admin',
      });
      await phone.getByRole('link', { name: 'Account', exact: true }).click();
      await phone.getByText('Active organization: Acme Rockets (admin').waitFor();

      // The owner makes the ADMIN a MEMBER: the MEMBER is offered no invite form, no role selects, no removal.
      await page.reload();
      await page.getByRole('button', { name: `Remove ${invitee}` }).waitFor();
      assert.equal(await page.getByRole('list', { name: 'Pending invitations' }).count(), 0, 'the invitation is answered');
      await keepScreenshot(page, 'organization');
      await page.getByLabel(`Role of ${invitee}`, { exact: true }).selectOption('MEMBER');
      await page.getByRole('button', { name: `Change role of ${invitee}` }).click();
      await expectStatus(page, `${invitee} is now member.`);
      await phone.goto(`${app}/organizations/${orgId}`);
      await expectHeading(phone, 'Acme Rockets');
      await phone.getByText('your role: member').waitFor();
      assert.equal(await phone.getByRole('form', { name: 'Invite someone' }).count(), 0);
      assert.equal(await phone.getByRole('combobox').count(), 0);
      assert.equal(await phone.getByRole('button', { name: /^Remove / }).count(), 0);

      // The API decides: the one OWNER cannot leave, and the page says why.
      await page.getByRole('button', { name: 'Leave this organization…' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Leave Acme Rockets?');
      await page.getByRole('button', { name: 'Leave Acme Rockets' }).click();
      await expectAlert(page, 'The last OWNER cannot leave the organization');

      // Removed by the owner, the member loses the organization page.
      await page.getByRole('button', { name: `Remove ${invitee}` }).click();
      await expectStatus(page, `${invitee} has been removed from Acme Rockets.`);
      await page.locator('tr', { hasText: invitee }).waitFor({ state: 'detached' });
      await phone.reload();
      await expectHeading(phone, 'Organization not found');
      await expectAlert(phone, 'not found');
    },
  );

  flow(
    'no email provider: create → invite → the link to pass on → the invitee creates an account → decline; revoke; accept from the list; transfer; delete',
    async ({ page, newDevice }) => {
      // A worker without an email provider, with email confirmations on; same database.
      const site = env.confirming.appUrl;
      const owner = await registeredUser(env);
      await signIn(page, site, owner);
      await expectAccount(page, owner);

      // Create.
      await page.goto(`${site}/organizations`);
      const create = page.getByRole('form', { name: 'Create an organization' });
      await create.getByLabel('Name', { exact: true }).fill('Brief Ventures');
      await create.getByLabel('URL name (optional)').fill(`brief-${randomUUID().slice(0, 8)}`);
      await create.getByRole('button', { name: 'Create organization' }).click();
      await page.waitForURL('**/organizations/*');
      await expectHeading(page, 'Brief Ventures');
      await expectStatus(page, 'Brief Ventures has been created. You are its owner.');

      // Invite: no email went out, so the page hands out the link.
      const newcomer = uniqueEmail('browser-newcomer');
      await invite(page, newcomer);
      await expectStatus(page, `Invitation created for ${newcomer} as member, but no email was sent`);
      const link = await page.getByLabel('Invitation link').inputValue();
      assert.equal(new URL(link).origin, site);
      assert.match(new URL(link).pathname, INVITATION_PATH);

      // The newcomer has no account: creates one from the invitation, confirms it, and is back.
      const other = (await newDevice()).page;
      await other.goto(link);
      await expectHeading(other, 'You have been invited');
      await other.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
      await other.waitForURL('**/register?next=*');
      await other.getByLabel('Email').fill(newcomer);
      await other.getByLabel('Password').fill(PASSWORD);
      await other.getByRole('button', { name: 'Create account' }).click();
      await expectStatus(other, `We sent a confirmation link to ${newcomer}`);
      await other.goto(await emailLink(env, newcomer, '/verify-email'));
      await other.getByRole('button', { name: 'Confirm my email address' }).click();
      await other.waitForURL(link);
      await expectHeading(other, 'Join Brief Ventures?');
      await other.getByRole('button', { name: 'Decline the invitation to Brief Ventures' }).click();
      await expectStatus(other, 'You have declined the invitation to Brief Ventures.');

      // Someone else's invitation: the owner opening that link is told it is not for them.
      const stranger = uniqueEmail('browser-stranger');
      await page.reload();
      await invite(page, stranger, 'ADMIN');
      await expectStatus(page, `Invitation created for ${stranger} as admin`);
      const strangersLink = await page.getByLabel('Invitation link').inputValue();
      const orgPage = page.url();
      await page.goto(strangersLink);
      await expectAlert(page, `There is no invitation here waiting for ${owner}.`);
      await page.getByRole('button', { name: 'Sign in with another address' }).waitFor();

      // Revoke.
      await page.goto(orgPage);
      await page.getByRole('button', { name: `Revoke the invitation of ${stranger}` }).click();
      await expectStatus(page, `The invitation of ${stranger} has been revoked.`);
      await page.getByText('No invitations are waiting for an answer.').waitFor();

      // Invited again, the newcomer accepts from their list of invitations.
      await invite(page, newcomer);
      await expectStatus(page, `Invitation created for ${newcomer} as member`);
      await other.getByRole('link', { name: 'Invitations', exact: true }).click();
      await expectHeading(other, 'Invitations for you');
      const waiting = other.getByRole('list', { name: 'Invitations for you' }).getByRole('listitem');
      assert.equal(await waiting.count(), 1);
      await waiting.getByText('Brief Ventures · as member').waitFor();
      await waiting.getByRole('button', { name: 'Accept the invitation to Brief Ventures' }).click();
      await expectStatus(other, 'You have joined Brief Ventures as member.');
      await expectHeading(other, 'Brief Ventures');

      // Transfer ownership to the newcomer (a confirmation step): the owner becomes an admin.
      await page.reload();
      await page.getByLabel('New owner').selectOption({ label: `${newcomer} (member)` });
      await page.getByRole('button', { name: 'Transfer ownership…' }).click();
      await page.getByText(`Make ${newcomer} an owner of Brief Ventures? You will become an admin.`).waitFor();
      await page.getByRole('button', { name: 'Transfer ownership', exact: true }).click();
      await expectStatus(page, `${newcomer} is now an owner of Brief Ventures; you are an admin.`);
      await page.getByText('your role: admin').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Delete this organization…' }).count(), 0);

      // The new owner deletes it, behind a confirmation step that wants the name.
      await other.reload();
      await other.getByText('your role: owner').waitFor();
      await other.getByRole('button', { name: 'Delete this organization…' }).click();
      await other.getByLabel('Type the name of the organization to confirm').fill('Brief');
      await other.getByRole('button', { name: 'Delete Brief Ventures' }).click();
      await expectAlert(other, 'Type “Brief Ventures” exactly to confirm.');
      await other.getByLabel('Type the name of the organization to confirm').fill('Brief Ventures');
      await other.getByRole('button', { name: 'Delete Brief Ventures' }).click();
      await other.waitForURL('**/organizations');
      await expectStatus(other, 'Brief Ventures has been deleted.');
      await other.getByRole('cell', { name: 'Personal Account' }).waitFor();
      assert.equal(await other.getByRole('link', { name: 'Brief Ventures' }).count(), 0);
      assert.equal(await heading(other), 'Your organizations');
      await page.reload();
      await expectHeading(page, 'Organization not found');
    },
  );
}
