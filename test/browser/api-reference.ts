/**
 * The worker's API reference (GET /api/v1/docs, Scalar served from the worker's static
 * assets, wrangler.toml [assets]) in a real Chromium: it renders the document, its
 * "Test Request" reaches the worker on the same origin and answers 200, the page's
 * Content-Security-Policy blocks nothing, and nothing is fetched from another origin.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { withPages } from './browser.ts';
import type { Environment } from './environment.ts';

/** Drives the reference page of the worker at `workerUrl`; throws on the first thing that is wrong. */
async function checkApiReference(page: Page, workerUrl: string): Promise<void> {
  const origin = new URL(workerUrl).origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) foreign.push(request.url());
  });
  await page.addInitScript({
    content: `window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`,
  });
  await page.goto(`${origin}/api/v1/docs`);
  await page.getByRole('heading', { name: 'Sign in with email and password' }).waitFor();
  await page
    .getByRole('button', { name: /^401 INVALID_CREDENTIALS: Invalid email or password; EMAIL_NOT_VERIFIED/ })
    .first()
    .waitFor();
  await page.getByRole('button', { name: 'Open Group - meta' }).click();
  await page.getByRole('link', { name: /^Health check/ }).click();
  const health = page.locator('section', { has: page.getByRole('heading', { name: 'Health check' }) }).first();
  await health.getByRole('button', { name: 'Test Request' }).click();
  const client = page.getByRole('dialog', { name: 'API Client' });
  const [answer] = await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/health'),
    client.getByRole('button', { name: /^Send get request to / }).click(),
  ]);
  if (new URL(answer.url()).origin !== origin || answer.status() !== 200) {
    throw new Error(`Test Request: ${answer.url()} answered ${answer.status()}`);
  }
  await client.getByText('200 OK').waitFor();
  const violations = (await page.evaluate('window.cspViolations')) as string[];
  if (violations.length) throw new Error(`CSP violations on /api/v1/docs:\n${violations.join('\n')}`);
  if (foreign.length) throw new Error(`/api/v1/docs requested other origins:\n${foreign.join('\n')}`);
}

/** Registers the API reference check (node:test) against the environment's worker. */
export function apiReferenceChecks(env: Environment, browser: Browser): void {
  test('the API reference renders from the worker’s assets and its Test Request answers 200', { timeout: 60_000 }, async () => {
    // The bundle is a static asset: served by the worker itself, before any route runs.
    const bundle = await fetch(`${env.site.workerUrl}/api/v1/docs/vendor/scalar.js`);
    assert.equal(bundle.status, 200, 'assets/api/v1/docs/vendor/scalar.js is served (run `npm run docs-assets`)');
    await bundle.arrayBuffer();
    await withPages(browser, 'api reference', ({ page }) => checkApiReference(page, env.site.workerUrl));
  });
}
