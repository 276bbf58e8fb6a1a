/**
 * Two-factor authentication in the web app, in a real Chromium end to end (pages, client,
 * worker, stand-in): setting up an authenticator app from the security page (the QR code
 * decoded by the browser, the key read off the page, codes computed here with `otpauth` as
 * the app would), then the code step after a password sign-in; recovery codes shown once,
 * downloaded and copied, and a sign-in with one (pages that need a session lead to the code
 * step until then); an organization that requires a second factor — refused to an owner
 * without one, turned on once the owner has one — and a member without a factor sent to
 * set one up, and back. axe-core checks each new page in each of its states; the focus
 * moves to each new step's heading.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, uniqueEmail } from '../support/accounts.ts';
import { expectNoAxeViolations } from './axe.ts';
import { keepScreenshot, withPages } from './browser.ts';
import type { Environment } from './environment.ts';
import { claimsOf, expectAccount, heading, signIn, storedSession, TEST_TIMEOUT } from './support.ts';

// The page.evaluate callbacks below run in the page; the root tsconfig has no DOM library.
declare const document: { activeElement: { textContent: string | null } | null };
declare const navigator: { clipboard: { readText(): Promise<string> } };

/** The code an authenticator app shows for `secret`, `steps` periods from now. */
function codeFor(secret: string, steps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/** A code that is not the one of now, nor of the periods either side. */
function wrongCode(secret: string): string {
  const near = new Set([-1, 0, 1].map((steps) => codeFor(secret, steps)));
  let n = Number(codeFor(secret)) + 1;
  while (near.has(String(n % 1_000_000).padStart(6, '0'))) n++;
  return String(n % 1_000_000).padStart(6, '0');
}

/** The text of the focused element. */
function focusedText(page: Page): Promise<string | null | undefined> {
  return page.evaluate(() => document.activeElement?.textContent);
}

async function expectHeading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

async function expectStatus(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}

async function expectAlert(page: Page, text: string): Promise<void> {
  await page.getByRole('alert').filter({ hasText: text }).waitFor();
}

/** A user made through the worker's /register, with the answer's tokens. */
async function registered(env: Environment, fields: Record<string, string> = {}): Promise<{ email: string; token: string }> {
  const email = uniqueEmail('browser-2fa');
  const res = await fetch(`${env.site.workerUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, ...fields }),
  });
  const body = (await res.json()) as { data: { access_token: string } };
  assert.equal(res.status, 201, JSON.stringify(body));
  return { email, token: body.data.access_token };
}

/** A call to the worker with a user's token; answers the envelope's data. */
async function call(env: Environment, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${env.site.workerUrl}/api/v1/auth${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = (await res.json()) as { success: boolean; data: unknown };
  assert.ok(answer.success, `${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
  return answer.data;
}

/**
 * On the security page: starts setting up an authenticator app, checks the step (focus,
 * the QR code decoded, the key, the code field's hints to browsers and keyboards), confirms
 * with this period's code and answers the secret.
 */
async function enrol(page: Page, options: { axe?: string; screenshot?: string } = {}): Promise<string> {
  await page.getByRole('button', { name: /^(Set up an|Add another) authenticator app$/ }).click();
  await page.getByRole('heading', { level: 3, name: 'Set up your authenticator app' }).waitFor();
  assert.equal(await focusedText(page), 'Set up your authenticator app', 'the new step has the focus');
  const qr = page.getByRole('img', { name: /^QR code for adding .+ to an authenticator app/ });
  await qr.waitFor();
  const decoded = await qr.evaluate((img: { complete: boolean; naturalWidth: number }) => (img.complete ? img.naturalWidth : 0));
  assert.ok(decoded > 0, 'the browser decoded the QR code image');
  const secret = (await page.getByLabel('Setup key').inputValue()).replace(/\s+/g, '');
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  const code = page.getByLabel('6-digit code from the app');
  assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
  assert.equal(await code.getAttribute('inputmode'), 'numeric');
  if (options.axe) await expectNoAxeViolations(page, options.axe);
  if (options.screenshot) await keepScreenshot(page, options.screenshot);
  await code.fill(codeFor(secret));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await expectStatus(page, 'Two-factor authentication is on.');
  assert.equal(await focusedText(page), 'Two-factor authentication', 'the section heading has the focus');
  return secret;
}

/** Registers the two-factor flows (node:test) against `env` with `browser`. */
export function secondFactorFlows(env: Environment, browser: Browser): void {
  const flow = (name: string, fn: Parameters<typeof withPages>[2]) =>
    test(name, { timeout: TEST_TIMEOUT }, () => withPages(browser, name, fn));
  const app = env.site.appUrl;

  flow('enrol (QR code, key, code) → sign out → sign in → code step → account', async ({ page }) => {
    const { email } = await registered(env);
    await signIn(page, app, email);
    await expectAccount(page, email);
    await page.getByText('Off: your password alone signs you in.').waitFor();
    await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();
    await expectHeading(page, 'Account security');
    await page.getByText('Two-factor authentication is off.').waitFor();
    await expectNoAxeViolations(page, 'the security page, no factor');

    // A wrong code is announced and its field marked; the enrolment stays open.
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secretField = page.getByLabel('Setup key');
    const firstSecret = (await secretField.inputValue()).replace(/\s+/g, '');
    const codeField = page.getByLabel('6-digit code from the app');
    await codeField.fill(wrongCode(firstSecret));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await expectAlert(page, 'The code is wrong, expired or already used');
    assert.equal(await codeField.getAttribute('aria-invalid'), 'true');
    await expectNoAxeViolations(page, 'the enrolment step with a refused code');
    // Cancel: the step closes and the focus returns to the button that opened it.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expectStatus(page, 'Setting up the authenticator app was cancelled.');
    assert.equal(await focusedText(page), 'Set up an authenticator app');

    const secret = await enrol(page, { axe: 'the enrolment step', screenshot: 'second-factor-enrol' });
    assert.notEqual(secret, firstSecret, 'a new enrolment has a new key');
    assert.equal(claimsOf((await storedSession(page))?.access_token ?? '').aal, 'aal2', 'the verify answer replaced the session');
    await page.getByRole('list', { name: 'Your authenticator apps' }).getByText('Authenticator app', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'the security page, factor on');

    // Sign out, sign in: the password leads to the code step, where only "Sign out" is offered.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await signIn(page, app, email);
    await page.waitForURL('**/sign-in/code?next=*');
    await expectHeading(page, 'Two-factor authentication');
    assert.equal(claimsOf((await storedSession(page))?.access_token ?? '').aal, 'aal1');
    assert.deepEqual(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents(), []);
    const step = page.getByLabel('6-digit code');
    assert.equal(await step.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await step.getAttribute('inputmode'), 'numeric');
    await expectNoAxeViolations(page, 'the code step');
    await keepScreenshot(page, 'second-factor-code');

    // With the keyboard: a wrong code is announced and selected for the next try; then the next period's code.
    await step.focus();
    await page.keyboard.type(wrongCode(secret));
    await page.keyboard.press('Enter');
    await expectAlert(page, 'The code is wrong, expired or already used');
    assert.equal(await step.getAttribute('aria-invalid'), 'true');
    await expectNoAxeViolations(page, 'the code step with a refused code');
    await page.keyboard.type(codeFor(secret, 1)); // the refused code is selected: typing replaces it
    await page.keyboard.press('Enter');
    await expectAccount(page, email);
    assert.equal(claimsOf((await storedSession(page))?.access_token ?? '').aal, 'aal2');
    await page.getByText('On: signing in asks for a code from your authenticator app.').waitFor();
    await page.getByText('with a second factor').first().waitFor();
    await expectNoAxeViolations(page, 'the account page with two-factor authentication on');
  });

  flow(
    'recovery codes: shown once, downloaded and copied; pages lead to the code step; a recovery code signs in',
    async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app });
      const { email } = await registered(env);
      await signIn(page, app, email);
      await expectAccount(page, email);
      await page.goto(`${app}/account/security`);
      await expectHeading(page, 'Account security');
      await enrol(page);

      await page.getByRole('button', { name: 'Create recovery codes' }).click();
      await page.getByRole('heading', { level: 3, name: 'Your new recovery codes' }).waitFor();
      assert.equal(await focusedText(page), 'Your new recovery codes');
      const codes = await page.getByRole('list', { name: 'Your new recovery codes' }).getByRole('listitem').allTextContents();
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      await expectNoAxeViolations(page, 'the security page showing recovery codes');
      await keepScreenshot(page, 'second-factor-recovery-codes');

      // The download is a text file with every code; the copy button puts them on the clipboard.
      const link = page.getByRole('link', { name: 'Download the codes (.txt)' });
      assert.match((await link.getAttribute('href')) ?? '', /^blob:/);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), 'edge-auth-recovery-codes.txt');
      const file = fs.readFileSync(await download.path(), 'utf8');
      for (const code of codes) assert.ok(file.includes(code), `the file has ${code}`);
      assert.ok(file.includes(email));
      await page.getByRole('button', { name: 'Copy the codes' }).click();
      await expectStatus(page, 'Copied to the clipboard.');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), codes.join('\n'));

      // Shown once: "I have saved them" hides them, and a new visit does not show them again.
      await page.getByRole('button', { name: 'I have saved them' }).click();
      await expectStatus(page, 'they are not shown again');
      assert.equal(await focusedText(page), 'Recovery codes');
      assert.equal(await page.getByText(codes[0]!).count(), 0);
      await page.reload();
      await expectHeading(page, 'Account security');
      await page.getByRole('button', { name: 'Create recovery codes' }).waitFor();
      assert.equal(await page.getByText(codes[0]!).count(), 0);

      // Signed in with the password only, every page that needs a session leads to the code step, and back.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/login');
      await signIn(page, app, email);
      await page.waitForURL('**/sign-in/code?next=*');
      await page.goto(`${app}/organizations`);
      await page.waitForURL(`**/sign-in/code?next=${encodeURIComponent('/organizations')}`);
      await expectHeading(page, 'Two-factor authentication');

      await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
      assert.equal(await focusedText(page), 'Use a recovery code', 'the recovery step has the focus');
      const recoveryField = page.getByRole('textbox', { name: 'Recovery code' });
      assert.equal(await recoveryField.getAttribute('autocomplete'), 'one-time-code');
      await expectNoAxeViolations(page, 'the recovery-code step');
      await keepScreenshot(page, 'second-factor-recovery-step');
      await recoveryField.fill('not-one-of-them');
      await page.getByRole('button', { name: 'Sign in with the recovery code' }).click();
      await expectAlert(page, 'The code is wrong, expired or already used');
      await expectNoAxeViolations(page, 'the recovery-code step with a refused code');
      // Back and forth: the app step again, then the recovery step once more.
      await page.getByRole('button', { name: 'Use your authenticator app instead' }).click();
      assert.equal(await focusedText(page), 'Code from your authenticator app');
      await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await recoveryField.fill(codes[3]!);
      await page.getByRole('button', { name: 'Sign in with the recovery code' }).click();
      await page.waitForURL('**/organizations');
      await expectHeading(page, 'Your organizations');
      await expectStatus(page, 'You signed in with a recovery code; it cannot be used again.');
      assert.equal(claimsOf((await storedSession(page))?.access_token ?? '').aal, 'aal2');
      await page.getByRole('link', { name: 'Account', exact: true }).waitFor();
    },
  );

  flow(
    'organization requires a second factor: refused to an owner without one; a member without one is sent to set it up',
    async ({ page, newDevice }) => {
      const owner = await registered(env, { organization_name: 'Vault Works' });
      const member = await registered(env);
      // The membership is made through the API (the invitation flows are organizations.ts's).
      const orgs: { id: string; name: string }[] = await call(env, owner.token, 'GET', '/organizations');
      const org = orgs.find((o) => o.name === 'Vault Works')!;
      const invitation = await call(env, owner.token, 'POST', `/organizations/${org.id}/invitations`, {
        email: member.email,
        role: 'MEMBER',
      });
      await call(env, member.token, 'POST', `/invitations/${invitation.id}/accept`, {});

      // The owner has no factor yet: the API refuses the setting, and the page says why and where to go.
      await signIn(page, app, owner.email);
      await expectAccount(page, owner.email);
      await page.goto(`${app}/organizations/${org.id}`);
      await expectHeading(page, 'Vault Works');
      const section = page.getByRole('region', { name: 'Two-factor authentication' });
      const box = section.getByRole('checkbox', { name: 'Require two-factor authentication' });
      assert.equal(await box.isChecked(), false);
      await box.check();
      await section.getByRole('button', { name: 'Save' }).click();
      await expectAlert(page, 'Only an owner whose own account has two-factor authentication can change this setting.');
      await section
        .getByRole('alert')
        .filter({ hasText: /second factor/ })
        .waitFor(); // the API's MFA_REQUIRED message first
      assert.equal(await box.isChecked(), false, 'the box shows the setting as it is');
      await expectNoAxeViolations(page, 'the organization page with the setting refused');
      await keepScreenshot(page, 'second-factor-organization-refused');

      // Set up from there, and back through "Continue".
      await section.getByRole('link', { name: 'Set up two-factor authentication' }).click();
      await page.waitForURL(`**/account/security?next=${encodeURIComponent(`/organizations/${org.id}`)}`);
      await enrol(page);
      await page.getByRole('link', { name: 'Continue where you were going' }).click();
      await expectHeading(page, 'Vault Works');
      await box.check();
      await section.getByRole('button', { name: 'Save' }).click();
      await expectStatus(page, 'Vault Works now requires two-factor authentication.');
      assert.equal(await box.isChecked(), true);
      await page.getByText('Two-factor authentication is required: members open it only after verifying a code.').waitFor();
      await expectNoAxeViolations(page, 'the organization page of an owner, requirement on');

      // The member without a factor: the list says so; opening it leads to enrolment, with the reason.
      const phone = (await newDevice()).page;
      await signIn(phone, app, member.email);
      await expectAccount(phone, member.email);
      await phone.getByRole('link', { name: 'Organizations', exact: true }).click();
      await expectHeading(phone, 'Your organizations');
      const row = phone.getByRole('row').filter({ hasText: 'Vault Works' });
      await row.getByText('Requires two-factor authentication').waitFor();
      await expectNoAxeViolations(phone, 'the organizations list with an organization that requires a second factor');
      await row.getByRole('link', { name: 'Vault Works' }).click();
      await phone.waitForURL(`**/account/security?next=${encodeURIComponent(`/organizations/${org.id}`)}`);
      await expectHeading(phone, 'Account security');
      await expectStatus(phone, 'Vault Works requires two-factor authentication. Set up an authenticator app for your account to open it.');
      assert.equal(await heading(phone), 'Account security');
      assert.equal(await focusedText(phone), 'Account security', 'the new page’s heading has the focus');
      await expectNoAxeViolations(phone, 'the security page reached from an organization that requires a second factor');
      await keepScreenshot(phone, 'second-factor-member-sent-to-enrol');
      await enrol(phone);
      await phone.getByRole('link', { name: 'Continue where you were going' }).click();
      await expectHeading(phone, 'Vault Works');
      await phone.getByText('your role: member').waitFor();
      assert.equal(await phone.getByRole('checkbox', { name: 'Require two-factor authentication' }).count(), 0, 'owners only');
    },
  );
}
