/**
 * axe-core on every page of the web app (WCAG 2.0 and 2.1, A and AA, and axe's best
 * practices; see axe.ts), signed out and signed in, including the states an error puts a
 * form in, and the steps of signing in with an emailed code or link. The two-factor pages
 * are checked in each of their steps by second-factor.ts, the passkey controls (on
 * `localhost`) by passwordless.ts.
 * A negative control first: axe finds an image planted without a text alternative, so a
 * clean page means axe looked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, runAxe } from './axe.ts';
import { withPages } from './browser.ts';
import type { Environment } from './environment.ts';
import { expectAccount, registeredUser, signIn, TEST_TIMEOUT } from './support.ts';

/** Opens `path` and waits for its h1 to read `title`. */
async function open(page: Page, url: string, title: string | RegExp): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Registers the accessibility checks (node:test) against `env` with `browser`. */
export function accessibilityChecks(env: Environment, browser: Browser): void {
  const app = env.site.appUrl;

  test('axe finds nothing on any page of the web app (and does find a planted problem)', { timeout: TEST_TIMEOUT }, () =>
    withPages(browser, 'axe on every page', async ({ page }) => {
      // Negative control: an image without a text alternative is reported.
      await open(page, `${app}/login`, 'Sign in');
      await page.evaluate("document.querySelector('main').append(document.createElement('img'))");
      const planted = await runAxe(page);
      assert.deepEqual(
        planted.violations.map((v) => v.id),
        ['image-alt'],
      );

      // Signed out.
      await open(page, `${app}/login`, 'Sign in');
      await expectNoAxeViolations(page, 'the sign-in page');
      await page.getByLabel('Email').fill('nobody@example.test');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Invalid email or password' }).waitFor();
      await expectNoAxeViolations(page, 'the sign-in page with an error');
      // Signing in with an emailed code: the address, then the code (an address without an
      // account gets the same steps, and its codes are refused).
      await page.getByRole('button', { name: 'Email me a code instead' }).click();
      await page.getByRole('heading', { level: 2, name: 'Sign in with a code from your email' }).waitFor();
      await expectNoAxeViolations(page, 'the sign-in page, asking for a code');
      await page.getByRole('button', { name: 'Email me a code', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: 'Enter the code from your email' }).waitFor();
      await expectNoAxeViolations(page, 'the sign-in page, entering the code');
      await page.getByLabel('6-digit code').fill('123456');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
      await expectNoAxeViolations(page, 'the sign-in page with a refused code');
      await open(page, `${app}/sign-in/email`, 'Sign in with your email link');
      await page.getByRole('alert').filter({ hasText: 'This sign-in link is incomplete' }).waitFor();
      await expectNoAxeViolations(page, 'the email link page, link incomplete');
      await open(page, `${app}/sign-in/email?token_hash=${'0'.repeat(56)}&type=magiclink`, 'Sign in with your email link');
      await expectNoAxeViolations(page, 'the email link page');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'This link has already been used' }).waitFor();
      await expectNoAxeViolations(page, 'the email link page, link used');
      await open(page, `${app}/register`, 'Create an account');
      await expectNoAxeViolations(page, 'the registration page');
      await open(page, `${app}/forgot-password`, /password/i);
      await expectNoAxeViolations(page, 'the forgotten-password page');
      await open(page, `${app}/reset-password?token_hash=not-a-token&type=recovery`, 'Choose a new password');
      await expectNoAxeViolations(page, 'the reset page');
      await open(page, `${app}/verify-email?token_hash=not-a-token&type=signup`, 'Confirm your email address');
      await expectNoAxeViolations(page, 'the confirmation page');
      await open(page, `${app}/no-such-page`, 'Page not found');
      await expectNoAxeViolations(page, 'the not-found page');

      // Signed in.
      const email = await registeredUser(env, { organization_name: 'Axe Testing Ltd' });
      await signIn(page, app, email);
      await expectAccount(page, email);
      await page.getByRole('list', { name: 'Where you are signed in' }).getByRole('listitem').first().waitFor();
      await expectNoAxeViolations(page, 'the account page');
      await page.getByRole('link', { name: 'Organizations', exact: true }).click();
      await page.getByRole('link', { name: 'Axe Testing Ltd' }).click();
      await page.getByRole('heading', { level: 1, name: 'Axe Testing Ltd' }).waitFor();
      await page.getByRole('form', { name: 'Invite someone' }).waitFor();
      await expectNoAxeViolations(page, 'an organization page (owner)');
      await open(page, `${app}/organizations`, 'Your organizations');
      await page.getByRole('cell', { name: 'Personal Account' }).waitFor();
      await expectNoAxeViolations(page, 'the organizations page');
      await open(page, `${app}/invitations`, 'Invitations for you');
      await expectNoAxeViolations(page, 'the invitations page');
      await page.goto(`${app}/invitations/00000000-0000-4000-8000-000000000000`);
      await page.getByRole('alert').filter({ hasText: 'There is no invitation here' }).waitFor();
      await expectNoAxeViolations(page, 'an invitation that is not there');
    }),
  );
}
