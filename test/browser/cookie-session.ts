/**
 * Cookie mode in the web app (issue 21, strong-auth.md "Browser sessions that script cannot
 * steal"), in a real Chromium through the app's proxy: the refresh token is only the
 * HttpOnly `__Host-edge-auth-refresh` cookie — never in `document.cookie`, `localStorage`
 * or `sessionStorage` — and Chromium keeps that Secure cookie on http://127.0.0.1; a reload
 * signs back in by one POST /refresh with it; signing out clears it; two tabs reloaded at
 * once refresh once between them, and a new tab borrows the session of an open one without
 * any refresh; "Delete my account" with the password or an emailed code, axe on each state.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD } from '../support/accounts.ts';
import { expectNoAxeViolations } from './axe.ts';
import { keepScreenshot, withPages } from './browser.ts';
import type { Environment } from './environment.ts';
import { expectAccount, heading, registeredUser, signIn, storedSession, TEST_TIMEOUT } from './support.ts';

const COOKIE = '__Host-edge-auth-refresh';

/** The refresh cookie of the context, as the browser keeps it (HttpOnly: only the browser itself can say). */
async function refreshCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === COOKIE) ?? null;
}

/** Everything script can read: `document.cookie` and every key and value of both Web Storages. */
async function scriptReadable(page: Page): Promise<string> {
  // A string, not a function: the test's bundler would wrap named helpers in code the page lacks.
  return page.evaluate<string>(`(() => {
    const dump = (store) => Array.from({ length: store.length }, (_, i) => store.key(i) + '=' + store.getItem(store.key(i))).join('\\n');
    return [document.cookie, dump(localStorage), dump(sessionStorage)].join('\\n');
  })()`);
}

/** Counts the POST /refresh requests the pages of `context` send from now on. */
function countRefreshes(context: BrowserContext): { readonly count: number } {
  let count = 0;
  context.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/auth/refresh') count++;
  });
  return {
    get count() {
      return count;
    },
  };
}

/** The 6-digit code of the newest email to `email`, once it has more than `seen` emails. */
async function emailedCode(env: Environment, email: string, seen: number): Promise<string> {
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
  assert.fail(`no email to ${email}`);
}

async function mailCount(env: Environment, email: string): Promise<number> {
  const search = await fetch(`${env.mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`);
  return ((await search.json()) as { messages: unknown[] }).messages.length;
}

/** A login through the worker itself (bearer mode): whether these credentials still sign in. */
async function loginStatus(env: Environment, email: string): Promise<number> {
  const res = await fetch(`${env.site.workerUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return res.status;
}

/** Registers the cookie-mode flows (node:test) against `env` with `browser`. */
export function cookieSessionFlows(env: Environment, browser: Browser): void {
  const app = env.site.appUrl;
  const flow = (name: string, fn: Parameters<typeof withPages>[2]) =>
    test(name, { timeout: TEST_TIMEOUT }, () => withPages(browser, name, fn));

  flow(
    'cookie mode: the refresh token is an HttpOnly cookie only; a reload stays signed in; sign-out clears it',
    async ({ page, context }) => {
      const email = await registeredUser(env);
      await signIn(page, app, email);
      await expectAccount(page, email);

      // Chromium kept the Secure cookie on http://127.0.0.1, with every attribute the API set.
      const cookie = await refreshCookie(context);
      assert.ok(cookie, 'the refresh cookie is set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.secure, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.equal(cookie.path, '/');
      assert.equal(cookie.domain, '127.0.0.1');
      assert.ok(cookie.value.length > 5);

      // Nothing script can read holds the refresh token — nor the access token.
      const session = await storedSession(page);
      assert.ok(session?.access_token, 'the page holds an access token (in memory)');
      assert.equal(session.refresh_token, '', 'and no refresh token');
      const readable = await scriptReadable(page);
      assert.ok(!readable.includes(cookie.value), 'no refresh token in document.cookie or the Web Storages');
      assert.ok(!readable.includes(session.access_token), 'no access token there either');
      assert.ok(!readable.includes(COOKIE), 'document.cookie does not show the HttpOnly cookie');

      // A reload: the memory is gone, one POST /refresh with the cookie signs back in and rotates it.
      const refreshes = countRefreshes(context);
      await page.reload();
      await expectAccount(page, email);
      assert.equal(refreshes.count, 1);
      const rotated = await refreshCookie(context);
      assert.ok(rotated && rotated.value !== cookie.value, 'the cookie was rotated');
      assert.ok(!(await scriptReadable(page)).includes(rotated.value));

      // Sign out: the API clears the cookie; a reload is then signed out.
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL('**/login');
      await page.getByText('You have been signed out.').waitFor();
      assert.equal(await refreshCookie(context), null, 'the cookie is gone');
      await page.goto(`${app}/account`);
      await page.waitForURL('**/login?next=*');
      assert.equal(await heading(page), 'Sign in');
    },
  );

  flow('cookie mode: a new tab borrows the open tab’s session; two tabs reloaded at once refresh once', async ({ page, context }) => {
    const email = await registeredUser(env);
    await signIn(page, app, email);
    await expectAccount(page, email);
    const refreshes = countRefreshes(context);

    // A second tab asks the first over the BroadcastChannel: no refresh at all.
    const other = await context.newPage();
    await other.goto(`${app}/account`);
    await expectAccount(other, email);
    assert.equal(refreshes.count, 0, 'the new tab got the session from the open one');
    assert.equal((await storedSession(other))?.access_token, (await storedSession(page))?.access_token);

    // Both reloaded at once: neither has a session; one refreshes with the cookie under the
    // Web Lock, the other gets that session over the channel before its turn.
    await Promise.all([page.reload(), other.reload()]);
    await Promise.all([expectAccount(page, email), expectAccount(other, email)]);
    assert.equal(refreshes.count, 1, 'one refresh for both tabs');
    const [a, b] = [await storedSession(page), await storedSession(other)];
    assert.ok(a && b && a.access_token === b.access_token, 'both tabs hold the same new access token');
  });

  flow('delete my account: behind a confirmation with the password, then back to sign-in', async ({ page, context }) => {
    const email = await registeredUser(env);
    await signIn(page, app, email);
    await expectAccount(page, email);
    const open = page.getByRole('button', { name: 'Delete my account…' });
    await open.click();
    await page.getByText('Delete your account for good?').waitFor();
    assert.equal(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className,
      ),
      'question',
    );
    await expectNoAxeViolations(page, 'account page, delete step open');
    await keepScreenshot(page, 'account-delete-step');

    // Cancel goes back to the button, focused.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await open.waitFor();
    assert.equal(await open.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement), true);

    // A wrong password is refused and said so.
    await open.click();
    await page.getByLabel('Your password').fill('not-the-password-1');
    await page.getByRole('button', { name: 'Delete my account permanently' }).first().click();
    await page
      .getByRole('alert')
      .filter({ hasText: /password/i })
      .first()
      .waitFor();
    await expectNoAxeViolations(page, 'account page, delete step with an error');

    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Delete my account permanently' }).first().click();
    await page.waitForURL('**/login');
    await page.getByText('Your account has been deleted.').waitFor();
    assert.equal(await heading(page), 'Sign in');
    assert.equal(await refreshCookie(context), null, 'the cookie is cleared');
    assert.equal(await loginStatus(env, email), 401, 'the account is gone');
  });

  flow('delete my account with an emailed code (no password typed)', async ({ page }) => {
    const email = await registeredUser(env);
    await signIn(page, app, email);
    await expectAccount(page, email);
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const seen = await mailCount(env, email);
    await page.getByRole('button', { name: 'Email me a code instead' }).click();
    await page.getByText(`We have emailed a code to ${email}`).waitFor();
    const codeField = page.getByLabel('The 6-digit code from the email');
    assert.equal(await codeField.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement), true);
    await expectNoAxeViolations(page, 'account page, delete step with the code field');
    await codeField.fill(await emailedCode(env, email, seen));
    await page.getByRole('button', { name: 'Delete my account permanently' }).last().click();
    await page.waitForURL('**/login');
    await page.getByText('Your account has been deleted.').waitFor();
    assert.equal(await loginStatus(env, email), 401);
  });
}
