/**
 * The web app's flows in a real Chromium, end to end: pages of examples/web, the client,
 * the real worker, the stand-in and its mailbox. Each flow uses new accounts, so flows
 * are independent of each other and of the order they run in.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Request } from 'playwright-core';
import { PASSWORD, uniqueEmail } from '../support/accounts.ts';
import { keepScreenshot, withPages } from './browser.ts';
import type { Environment } from './environment.ts';
import {
  claimsOf,
  emailLink,
  expectAccount,
  heading,
  registeredUser,
  shareSession,
  signIn,
  storedSession,
  TEST_TIMEOUT,
} from './support.ts';

// The page.evaluate callbacks below run in the page; the root tsconfig has no DOM library.
declare const document: { activeElement: { textContent: string | null } | null };

const NEW_PASSWORD = 'another-horse-battery';

/** The session id inside an access token. */
function sessionIdOf(token: string): string {
  return String(claimsOf(token).session_id);
}

/** What the worker answers to GET /me with `token`. */
async function meStatus(env: Environment, token: string): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${env.site.workerUrl}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code };
}

/** Registers the browser flows (node:test) against `env` with `browser`. */
export function browserFlows(env: Environment, browser: Browser): void {
  const flow = (name: string, fn: Parameters<typeof withPages>[2]) =>
    test(name, { timeout: TEST_TIMEOUT }, () => withPages(browser, name, fn));
  const app = env.site.appUrl;

  flow('register → sign out → sign in', async ({ page }) => {
    const email = uniqueEmail('browser');
    await page.goto(`${app}/register`);
    assert.equal(await heading(page), 'Create an account');
    await page.getByLabel('First name (optional)').fill('Ada');
    await page.getByLabel('Last name (optional)').fill('Lovelace');
    await page.getByLabel('Organization (optional)').fill('Analytical Engines');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectAccount(page, email);
    await page.getByRole('status').filter({ hasText: 'Welcome! Your account is ready.' }).waitFor();
    assert.equal(await page.getByLabel('First name').inputValue(), 'Ada');
    await page.getByText('Active organization: Analytical Engines (owner').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('status').filter({ hasText: 'You have been signed out.' }).waitFor();
    assert.equal(await storedSession(page), null);

    await signIn(page, app, email, 'wrong-password-here');
    await page.getByRole('alert').filter({ hasText: 'Invalid email or password' }).waitFor();
    await signIn(page, app, email);
    await expectAccount(page, email);
  });

  flow('sign in with the keyboard only; errors are announced', async ({ page }) => {
    const email = await registeredUser(env);
    await page.goto(`${app}/login`);
    await page.getByLabel('Email').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Invalid email or password' }).waitFor();
    assert.equal(await alert.getAttribute('aria-live'), 'assertive');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expectAccount(page, email);
    // The heading of a page reached by navigation has the focus (announced by screen readers).
    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('cell', { name: 'Personal Account' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Your organizations');
  });

  flow('forgot → mailbox → reset page → the old password is refused, the new one works', async ({ page }) => {
    const email = await registeredUser(env);
    await page.goto(`${app}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `If an account exists for ${email}` })
      .waitFor();

    const link = await emailLink(env, email, '/reset-password');
    assert.equal(new URL(link).origin, app, 'the email links to the web app (site_url)');
    await page.goto(link);
    assert.equal(await heading(page), 'Choose a new password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill('something-else-entirely');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await keepScreenshot(page, 'reset-password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('status').filter({ hasText: 'Your password has been changed' }).waitFor();

    await signIn(page, app, email, PASSWORD);
    await page.getByRole('alert').filter({ hasText: 'Invalid email or password' }).waitFor();
    await signIn(page, app, email, NEW_PASSWORD);
    await expectAccount(page, email);

    // The link was single use.
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('yet-another-battery');
    await page.getByLabel('Repeat the new password').fill('yet-another-battery');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('alert').filter({ hasText: 'expired or has already been used' }).waitFor();
  });

  flow('with confirmations on: sign up → EMAIL_NOT_VERIFIED → verify link → signed in', async ({ page }) => {
    const confirmingApp = env.confirming.appUrl;
    const email = uniqueEmail('browser-confirm');
    await page.goto(`${confirmingApp}/register`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `We sent a confirmation link to ${email}` })
      .waitFor();
    assert.equal(await storedSession(page), null);

    await signIn(page, confirmingApp, email);
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /confirm|verif/i);
    // The auth server sends one email of a kind per address per second (max_frequency).
    await page.waitForTimeout(1100);
    await page.getByRole('button', { name: 'Send the confirmation email again' }).click();
    await page.getByRole('status').filter({ hasText: 'a new link is on its way' }).waitFor();

    // The resent email is the newest; wait for it so its link is the one still valid.
    let link = '';
    for (let i = 0; i < 100 && !link; i++) {
      const res = await fetch(`${env.mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`);
      if (((await res.json()) as { messages: unknown[] }).messages.length >= 2) link = await emailLink(env, email, '/verify-email');
      else await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(link, 'the confirmation email was sent again');
    assert.equal(new URL(link).origin, confirmingApp);
    assert.equal(new URL(link).searchParams.get('type'), 'signup');
    await page.goto(link);
    assert.equal(await heading(page), 'Confirm your email address');
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await expectAccount(page, email);
    await page.getByRole('status').filter({ hasText: 'Your email address is confirmed' }).waitFor();
  });

  flow('account: names, password change, and "sign out this device" ends that session at once', async ({ page, newDevice }) => {
    const email = await registeredUser(env, { first_name: 'Grace' });
    const phone = await newDevice();
    await signIn(phone.page, app, email);
    await expectAccount(phone.page, email);
    await signIn(page, app, email);
    await expectAccount(page, email);

    // Names.
    await page.getByLabel('Last name').fill('Hopper');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Your name has been saved.' }).waitFor();
    await page.reload();
    assert.equal(await page.getByLabel('Last name').inputValue(), 'Hopper');

    // Sessions (registration's, the phone's, this one): newest first, this device marked,
    // every other one with its own "sign out this device".
    const sessions = page.getByRole('list', { name: 'Where you are signed in' }).getByRole('listitem');
    await sessions.nth(2).waitFor();
    assert.equal(await sessions.count(), 3);
    assert.equal(await sessions.nth(0).getAttribute('aria-current'), 'true');
    await sessions.nth(0).getByText('This device').waitFor();
    assert.equal(await sessions.nth(0).getByRole('button').count(), 0);
    assert.equal(await sessions.getByRole('button', { name: /^Sign out this device \(/ }).count(), 2);
    await sessions
      .getByRole('button', { name: /^Sign out this device \(Chrome on Linux, signed in/ })
      .first()
      .waitFor();
    await keepScreenshot(page, 'account');

    const phoneToken = (await storedSession(phone.page))?.access_token ?? '';
    assert.deepEqual(await meStatus(env, phoneToken), { status: 200, code: undefined });
    const phoneRow = page.locator(`li[data-session-id="${sessionIdOf(phoneToken)}"]`);
    await phoneRow.getByRole('button', { name: /^Sign out this device/ }).click();
    await page.getByRole('status').filter({ hasText: 'has been signed out.' }).waitFor();
    await phoneRow.waitFor({ state: 'detached' });
    assert.equal(await sessions.count(), 2);
    // That session's access token is refused at once, and that device is sent to sign in
    // with its next request (the access token it holds in memory is refused, and so is the
    // refresh with its cookie; after a reload it would simply find itself signed out).
    assert.deepEqual(await meStatus(env, phoneToken), { status: 401, code: 'TOKEN_INVALID' });
    await phone.page.getByRole('link', { name: 'Organizations' }).click();
    await phone.page.waitForURL('**/login**');
    await phone.page.getByRole('status').filter({ hasText: 'Your session has ended' }).waitFor();

    // Password change: a wrong current password is refused; the right one works and ends other sessions.
    const laptop = await newDevice();
    await signIn(laptop.page, app, email);
    await expectAccount(laptop.page, email);
    const laptopToken = (await storedSession(laptop.page))?.access_token ?? '';
    await page.getByLabel('Current password').fill('not-the-password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid email or password' }).waitFor();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password has been changed' }).waitFor();
    assert.equal((await meStatus(env, laptopToken)).status, 401);
    await page.reload();
    await expectAccount(page, email);
  });

  flow('two tabs at expiry refresh once between them (Web Locks)', async ({ page, context }) => {
    const email = await registeredUser(env);
    await signIn(page, app, email);
    await expectAccount(page, email);
    const other = await context.newPage();
    await other.goto(`${app}/account`);
    await expectAccount(other, email);
    // Make the session the tabs share (in memory, over their BroadcastChannel) look expired
    // to the client; both tabs then open a page at once, each needing a fresh token.
    const shared = await storedSession(page);
    assert.ok(shared);
    await shareSession(page, { ...shared, expires_at: Math.floor(Date.now() / 1000) - 5 });
    const refreshes: Request[] = [];
    context.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/auth/refresh') refreshes.push(request);
    });
    await Promise.all([
      page.getByRole('link', { name: 'Organizations' }).click(),
      other.getByRole('link', { name: 'Organizations' }).click(),
    ]);
    await Promise.all([page.waitForURL('**/organizations'), other.waitForURL('**/organizations')]);
    await Promise.all([
      page.getByRole('heading', { level: 1, name: 'Your organizations' }).waitFor(),
      other.getByRole('heading', { level: 1, name: 'Your organizations' }).waitFor(),
    ]);
    assert.equal(refreshes.length, 1, 'one refresh for both tabs');
    const session = await storedSession(other);
    assert.ok(session && session.expires_at > Date.now() / 1000 + 800);
  });
}
