/**
 * Deliberately failing, in the real Chromium: with EDGE_AUTH_GATE=1, test/browser/run.ts
 * registers only this test instead of the real ones (scripts/gate.sh), after starting the
 * same environment and browser, so that the run goes through the same runner as the real
 * flows (node:test, {@link withPages} with its screenshot of the failure, the `after` hook
 * that stops everything) and must exit non-zero with this failure in its output.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { withPages } from '../browser.ts';
import type { Environment } from '../environment.ts';
import { heading, TEST_TIMEOUT } from '../support.ts';

/** Registers the failing test (node:test) against the environment's web app. */
export function gateChecks(env: Environment, browser: Browser): void {
  test('the browser gate: a failing assertion on a page fails the run', { timeout: TEST_TIMEOUT }, () =>
    // Its screenshot: test/browser/failures/browser-gate.png (scripts/gate.sh removes it).
    withPages(browser, 'browser gate', async ({ page }) => {
      await page.goto(`${env.site.appUrl}/login`);
      // The page really rendered (its h1 waited for), then an assertion on it fails.
      const shown = await heading(page);
      assert.ok(shown, 'the sign-in page has a heading');
      assert.equal(shown, 'No page has this heading', `browser gate: /login shows the heading "${shown}"`);
    }),
  );
}
