/**
 * Signing in without a password in the web app, in a real Chromium end to end (pages,
 * client, worker, stand-in, mailbox):
 *
 * - Passkeys with Chromium's virtual authenticator (the DevTools protocol's `WebAuthn`
 *   domain: CTAP2, internal transport, resident keys, user verification) on
 *   http://localhost:<port>, the relying party's origin (browsers refuse WebAuthn on IP
 *   addresses): added on the account page, then signing in through the email field's
 *   autofill (conditional UI, which the virtual authenticator answers at once) and through
 *   "Sign in with a passkey" (in a browser without conditional UI); renamed, removed, and
 *   then refused; the client's own JSON conversion (a browser without
 *   `parse…OptionsFromJSON` and `toJSON()`); the code step after a passkey for an account
 *   with two-factor authentication. A spy on `navigator.credentials.get` shows the
 *   conditional request aborted when the password form is sent.
 * - An emailed code: "Email me a code instead", the code read from the mailbox, a wrong
 *   one refused and selected, a new code sent.
 * - The email's link: /sign-in/email signs in, once; with two-factor authentication the
 *   code step follows.
 *
 * axe-core checks each new page and state; the focus moves to each new step's heading.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD } from '../support/accounts.ts';
import { expectNoAxeViolations } from './axe.ts';
import { keepScreenshot, withPages } from './browser.ts';
import type { Environment } from './environment.ts';
import { claimsOf, emailLink, expectAccount, registeredUser, signIn, storedSession, TEST_TIMEOUT } from './support.ts';

// The page.evaluate callbacks below run in the page; the root tsconfig has no DOM library.
declare const document: { activeElement: { textContent: string | null } | null };
declare const window: { __webauthn?: WebAuthnCall[]; __errors?: string[] };

/** What the spy saw of one `navigator.credentials.get()`. */
interface WebAuthnCall {
  mediation: string | null;
  aborted: boolean;
  outcome: string;
}

/**
 * Wraps `navigator.credentials.get` to note each call (its mediation, whether its signal
 * was aborted, how it ended) in `window.__webauthn`, and notes unhandled rejections in
 * `window.__errors`.
 */
const SPY = `(() => {
  window.__webauthn = [];
  window.__errors = [];
  window.addEventListener('unhandledrejection', (event) => window.__errors.push(String(event.reason)));
  const container = navigator.credentials;
  if (!container) return;
  const get = container.get.bind(container);
  container.get = (options) => {
    const entry = { mediation: (options && options.mediation) || null, aborted: false, outcome: 'pending' };
    window.__webauthn.push(entry);
    options && options.signal && options.signal.addEventListener('abort', () => { entry.aborted = true; });
    return get(options).then(
      (credential) => { entry.outcome = credential ? 'credential' : 'null'; return credential; },
      (error) => { entry.outcome = error.name; throw error; },
    );
  };
})();`;

/** A browser without conditional UI (the passkeys are offered through the button only). */
const NO_CONDITIONAL_UI = `PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);`;

/** A browser without the WebAuthn JSON helpers: the client converts the options and credentials itself. */
const NO_JSON_HELPERS = `delete PublicKeyCredential.parseCreationOptionsFromJSON;
delete PublicKeyCredential.parseRequestOptionsFromJSON;
delete PublicKeyCredential.prototype.toJSON;`;

/** Chromium's virtual authenticator on `page`: a platform authenticator with user verification and resident keys. */
async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials };
}

/** The code an authenticator app shows for `secret`, `steps` periods from now. */
function totp(secret: string, steps = 0): string {
  const generator = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return generator.generate({ timestamp: Date.now() + steps * 30_000 });
}

/** A call to the worker; answers the envelope's data. */
async function call(env: Environment, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const res = await fetch(`${env.site.workerUrl}/api/v1/auth${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = (await res.json()) as { success: boolean; data: unknown };
  assert.ok(answer.success, `${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
  return answer.data;
}

/** Turns on an authenticator app for `email` through the API (the code of this period verifies it); answers its secret. */
async function enrolAuthenticatorApp(env: Environment, email: string): Promise<string> {
  const { access_token } = await call(env, 'POST', '/login', { email, password: PASSWORD });
  const factor = await call(env, 'POST', '/mfa/factors', { type: 'totp', friendly_name: 'Phone' }, access_token);
  await call(env, 'POST', `/mfa/factors/${factor.id}/verify`, { code: totp(factor.totp.secret) }, access_token);
  return factor.totp.secret;
}

/** How many emails `email` has. */
async function mailCount(env: Environment, email: string): Promise<number> {
  const search = await fetch(`${env.mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`);
  return ((await search.json()) as { messages: unknown[] }).messages.length;
}

/** The 6-digit code of the newest sign-in email to `email`, once it has more than `seen` emails. */
async function signInCode(env: Environment, email: string, seen = 0): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const search = await fetch(`${env.mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`);
    const { messages } = (await search.json()) as { messages: { ID: string }[] };
    if (messages.length > seen && messages[0]) {
      const message = (await (await fetch(`${env.mailboxUrl}/api/v1/message/${messages[0].ID}`)).json()) as { HTML: string };
      const code = /<strong>\s*(\d{6})\s*<\/strong>/.exec(message.HTML)?.[1];
      assert.ok(code, `a code in the email: ${message.HTML}`);
      return code;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no sign-in email to ${email}`);
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

/** The methods of the stored session's access token (`amr`). */
async function signedInWith(page: Page): Promise<{ aal: unknown; methods: string[] }> {
  const claims = claimsOf((await storedSession(page))?.access_token ?? '');
  return { aal: claims.aal, methods: ((claims.amr as { method: string }[] | undefined) ?? []).map((m) => m.method) };
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL('**/login');
}

/** On the account page: adds a passkey (named, or not) and waits for the list to show it. */
async function addPasskey(page: Page, name?: string): Promise<void> {
  const section = page.getByRole('region', { name: 'Passkeys' });
  if (name) await section.getByLabel('Name (optional)').fill(name);
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  await expectStatus(page, `${name ?? 'Passkey'} has been added.`);
  assert.equal(await focusedText(page), 'Passkeys', 'the section heading has the focus');
  await section
    .getByRole('list', { name: 'Your passkeys' })
    .getByText(name ?? 'Passkey', { exact: true })
    .waitFor();
}

/** Registers the passwordless flows (node:test) against `env` with `browser`. */
export function passwordlessFlows(env: Environment, browser: Browser): void {
  const flow = (name: string, fn: Parameters<typeof withPages>[2]) =>
    test(name, { timeout: TEST_TIMEOUT }, () => withPages(browser, name, fn));
  const app = env.site.appUrl;
  const local = env.site.localhostUrl;

  flow(
    'passkey: added on the account page; the email field’s autofill (conditional UI) signs in; the form aborts it',
    async ({ page, context }) => {
      await context.addInitScript(SPY);
      const email = await registeredUser(env);

      // No authenticator yet: the conditional request waits (for a passkey chosen in the
      // autofill), and sending the form aborts it.
      await page.goto(`${local}/login`);
      await expectHeading(page, 'Sign in');
      assert.equal(await page.getByLabel('Email').getAttribute('autocomplete'), 'username webauthn');
      await page.waitForFunction(() => window.__webauthn?.length === 1);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expectAccount(page, email);
      // The spy lives in the document, which the app keeps across its own navigations.
      assert.deepEqual(await page.evaluate(() => window.__webauthn), [{ mediation: 'conditional', aborted: true, outcome: 'AbortError' }]);
      assert.deepEqual(await page.evaluate(() => window.__errors), []);
      const authenticator = await virtualAuthenticator(context, page);

      const section = page.getByRole('region', { name: 'Passkeys' });
      await section.getByText('You have no passkeys yet.').waitFor();
      await expectNoAxeViolations(page, 'the account page without passkeys (localhost)');
      await addPasskey(page, 'Work laptop');
      await section.getByText('not used yet').waitFor();
      const [credential, ...more] = await authenticator.credentials();
      assert.equal(more.length, 0);
      assert.equal(credential?.rpId, 'localhost');
      assert.equal(credential?.isResidentCredential, true);
      await expectNoAxeViolations(page, 'the account page with a passkey');
      await keepScreenshot(page, 'passkeys-account');

      // Signed out, the sign-in page asks for a passkey in the autofill, which the virtual
      // authenticator answers at once with its one passkey: signed in, aal1, by passkey.
      await signOut(page);
      await expectAccount(page, email);
      assert.deepEqual(await signedInWith(page), { aal: 'aal1', methods: ['passkey'] });
      const last = (await page.evaluate(() => window.__webauthn ?? [])).at(-1);
      assert.deepEqual([last?.mediation, last?.outcome], ['conditional', 'credential']);
      await section.getByText('last used').waitFor();
      assert.deepEqual(await page.evaluate(() => window.__errors), []);
    },
  );

  flow('passkey: “Sign in with a passkey”; renamed and removed on the account page, then refused', async ({ page, context }) => {
    await context.addInitScript(SPY);
    await context.addInitScript(NO_CONDITIONAL_UI);
    await virtualAuthenticator(context, page);
    const email = await registeredUser(env);
    await signIn(page, local, email);
    await expectAccount(page, email);
    await addPasskey(page); // no name: the API's own ("Passkey" from the stand-in)

    await signOut(page);
    await expectHeading(page, 'Sign in');
    await expectNoAxeViolations(page, 'the sign-in page with passkeys (localhost)');
    await keepScreenshot(page, 'passkeys-sign-in');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await expectAccount(page, email);
    assert.deepEqual(await signedInWith(page), { aal: 'aal1', methods: ['passkey'] });
    assert.deepEqual(
      (await page.evaluate(() => window.__webauthn ?? [])).map((c) => c.mediation),
      [null],
      'no conditional request in a browser without conditional UI; one dialog',
    );

    // Rename: an inline form with the focus in its field; Cancel goes back to the button.
    const section = page.getByRole('region', { name: 'Passkeys' });
    const list = section.getByRole('list', { name: 'Your passkeys' });
    await list.getByRole('button', { name: /^Rename Passkey \(added / }).click();
    const field = section.getByLabel('New name for Passkey');
    assert.equal(await page.evaluate(() => (document.activeElement as unknown as { name?: string })?.name), 'friendly_name');
    await section.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await focusedText(page), 'Rename');
    await list.getByRole('button', { name: /^Rename Passkey/ }).click();
    await field.fill('Desk');
    await expectNoAxeViolations(page, 'renaming a passkey');
    await section.getByRole('button', { name: 'Save the name' }).click();
    await expectStatus(page, 'The passkey is now called Desk.');
    await list.getByText('Desk', { exact: true }).waitFor();

    // Remove, behind a confirmation whose question has the focus.
    await list.getByRole('button', { name: /^Remove Desk… \(added / }).click();
    assert.match((await focusedText(page)) ?? '', /^Remove Desk\? It will no longer sign you in\./);
    await expectNoAxeViolations(page, 'removing a passkey (the confirmation)');
    await keepScreenshot(page, 'passkeys-remove');
    await section.getByRole('button', { name: 'Remove Desk', exact: true }).click();
    await expectStatus(page, 'Desk has been removed.');
    await section.getByText('You have no passkeys yet.').waitFor();

    // The authenticator still holds it; the API no longer takes it.
    await signOut(page);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await expectAlert(page, 'That passkey was not accepted.');
    assert.equal(await storedSession(page), null);
    await expectNoAxeViolations(page, 'the sign-in page with a refused passkey');
    assert.deepEqual(await page.evaluate(() => window.__errors), []);
  });

  flow(
    'passkey without the browser’s JSON helpers, for an account with two-factor authentication: the code step follows',
    async ({ page, context }) => {
      await context.addInitScript(NO_CONDITIONAL_UI);
      await context.addInitScript(NO_JSON_HELPERS);
      await virtualAuthenticator(context, page);
      const email = await registeredUser(env);
      await signIn(page, local, email);
      await expectAccount(page, email);
      assert.equal(await page.evaluate('typeof PublicKeyCredential.parseCreationOptionsFromJSON'), 'undefined');
      await addPasskey(page, 'Security key');
      // Two-factor authentication turned on afterwards (its first code is used up by the enrolment).
      const secret = await enrolAuthenticatorApp(env, email);

      await signOut(page);
      assert.equal(await page.evaluate('typeof PublicKeyCredential.prototype.toJSON'), 'undefined');
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.waitForURL(`**/sign-in/code?next=${encodeURIComponent('/account')}`);
      await expectHeading(page, 'Two-factor authentication');
      await page.getByText(`Signing in as ${email}.`).waitFor();
      assert.deepEqual(await signedInWith(page), { aal: 'aal1', methods: ['passkey'] });
      await page.getByLabel('6-digit code').fill(totp(secret, 1));
      await page.getByRole('button', { name: 'Verify' }).click();
      await expectAccount(page, email);
      assert.equal((await signedInWith(page)).aal, 'aal2');
    },
  );

  flow('an emailed code: “Email me a code instead”, a wrong code refused and selected, a new code, signed in', async ({ page }) => {
    const email = await registeredUser(env);
    await page.goto(`${app}/login`);
    await expectHeading(page, 'Sign in');
    // On an IP address there are no passkeys: the page points to localhost instead.
    await page.getByRole('link', { name: `${new URL(local).origin}/login` }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign in with a passkey' }).count(), 0);
    await expectNoAxeViolations(page, 'the sign-in page on an IP address (passkeys on localhost)');
    await keepScreenshot(page, 'sign-in-ip-address');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a code instead' }).click();
    await page.getByRole('heading', { level: 2, name: 'Sign in with a code from your email' }).waitFor();
    assert.equal(await focusedText(page), 'Sign in with a code from your email', 'the step’s heading has the focus');
    assert.equal(await page.getByLabel('Email', { exact: true }).inputValue(), email, 'the address typed for the password is kept');
    // Back to the password and here again: the email field, then the heading, have the focus.
    await page.getByRole('button', { name: 'Use your password instead' }).click();
    assert.equal(await page.getByLabel('Password').count(), 1);
    await page.getByRole('button', { name: 'Email me a code instead' }).click();
    await expectNoAxeViolations(page, 'the sign-in page, asking for a code');
    await keepScreenshot(page, 'sign-in-code-request');
    await page.getByRole('button', { name: 'Email me a code' }).click();

    await page.getByRole('heading', { level: 2, name: 'Enter the code from your email' }).waitFor();
    assert.equal(await focusedText(page), 'Enter the code from your email');
    await page.getByText(`If ${email} has an account here, we have sent it a 6-digit code.`).waitFor();
    const field = page.getByLabel('6-digit code');
    assert.equal(await field.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await field.getAttribute('inputmode'), 'numeric');
    const first = await signInCode(env, email);
    await expectNoAxeViolations(page, 'the sign-in page, entering the code');
    await keepScreenshot(page, 'sign-in-code-enter');

    // A wrong code, typed: refused, announced, the field marked and selected for the next try.
    await field.focus();
    await page.keyboard.type(String((Number(first) + 1) % 1_000_000).padStart(6, '0'));
    await page.keyboard.press('Enter');
    await expectAlert(page, 'The code or link is wrong or was already used');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    await expectNoAxeViolations(page, 'the sign-in page with a refused code');

    // A new code (the auth server sends one email of a kind per address per second).
    await page.waitForTimeout(1100);
    const seen = await mailCount(env, email);
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await expectStatus(page, `If ${email} has an account here, a new code is on its way.`);
    const code = await signInCode(env, email, seen);
    await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await page.keyboard.press('Enter');
    await expectAccount(page, email);
    assert.deepEqual(await signedInWith(page), { aal: 'aal1', methods: ['otp'] });
  });

  flow(
    'the email’s link: /sign-in/email signs in once; with two-factor authentication the code step follows',
    async ({ page, newDevice }) => {
      const email = await registeredUser(env);
      await call(env, 'POST', '/otp', { email });
      const link = await emailLink(env, email, '/sign-in/email');
      assert.equal(new URL(link).origin, app, 'the email links to the web app (site_url)');
      assert.equal(new URL(link).searchParams.get('type'), 'magiclink');
      await page.goto(link);
      await expectHeading(page, 'Sign in with your email link');
      await expectNoAxeViolations(page, 'the email link page');
      await keepScreenshot(page, 'sign-in-email');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expectAccount(page, email);
      await expectStatus(page, 'You are signed in.');
      assert.deepEqual(await signedInWith(page), { aal: 'aal1', methods: ['otp'] });

      // Once only: on another device the link says so, and offers a new code (focused).
      const other = (await newDevice()).page;
      await other.goto(link);
      await other.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expectAlert(other, 'This link has already been used');
      assert.equal(await focusedText(other), 'Email me a new code');
      await expectNoAxeViolations(other, 'the email link page, link used');
      await other.getByRole('link', { name: 'Email me a new code' }).click();
      await other.getByRole('heading', { level: 2, name: 'Sign in with a code from your email' }).waitFor();

      // Two-factor authentication: the link leads to the code step, then the account page.
      const secured = await registeredUser(env);
      const secret = await enrolAuthenticatorApp(env, secured);
      await call(env, 'POST', '/otp', { email: secured });
      const securedLink = await emailLink(env, secured, '/sign-in/email');
      const third = (await newDevice()).page;
      await third.goto(securedLink);
      await third.getByRole('button', { name: 'Sign in', exact: true }).click();
      await third.waitForURL(`**/sign-in/code?next=${encodeURIComponent('/account')}`);
      await third.getByText(`Signing in as ${secured}.`).waitFor();
      await third.getByLabel('6-digit code').fill(totp(secret, 1));
      await third.getByRole('button', { name: 'Verify' }).click();
      await expectAccount(third, secured);
      assert.equal((await signedInWith(third)).aal, 'aal2');
    },
  );
}
