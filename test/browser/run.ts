/**
 * `npm run test:browser`: starts the environment (environment.ts) and Chromium, runs the
 * server checks (server.ts), the flows (flows.ts, organizations.ts, integrations.ts,
 * second-factor.ts, passwordless.ts, cookie-session.ts), axe on every page (accessibility.ts) and the API reference check
 * (api-reference.ts) with Node's test runner, then stops everything. Exits non-zero
 * when a test fails, anything cannot start, or the whole run takes longer than
 * {@link RUN_LIMIT_MS}; a failed flow leaves screenshots in test/browser/failures/
 * (git-ignored). BROWSER_SCREENSHOTS=<folder> also keeps the
 * documentation screenshots (reset page, account page, organization page, invitation
 * page) there.
 *
 * With EDGE_AUTH_GATE=1 (scripts/gate.sh) the same run — environment, Chromium, runner,
 * screenshots, stopping — registers only the deliberately failing test of
 * test/browser/gate/ instead of the real ones, and must exit non-zero.
 *
 *   npx tsx test/browser/run.ts
 */
import { after } from 'node:test';
import type { Browser } from 'playwright-core';
import { accessibilityChecks } from './accessibility.ts';
import { apiReferenceChecks } from './api-reference.ts';
import { launchBrowser } from './browser.ts';
import { cookieSessionFlows } from './cookie-session.ts';
import { type Environment, startEnvironment } from './environment.ts';
import { browserFlows } from './flows.ts';
import { gateChecks } from './gate/failing.ts';
import { integrationFlows } from './integrations.ts';
import { organizationFlows } from './organizations.ts';
import { passwordlessFlows } from './passwordless.ts';
import { secondFactorFlows } from './second-factor.ts';
import { serverChecks } from './server.ts';

/** The whole run, start-up included, takes about a minute on an idle machine (25 flows). */
const RUN_LIMIT_MS = 300_000;

/** The gate for the gate (scripts/gate.sh): only the deliberately failing test runs. */
const gate = process.env.EDGE_AUTH_GATE === '1';

const started = Date.now();
const say = (line: string) => console.log(`# ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

let env: Environment | undefined;
let browser: Browser | undefined;

async function stopAll(): Promise<void> {
  await browser?.close().catch(() => {});
  await env?.stop();
  browser = undefined;
  env = undefined;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(1)));
}
setTimeout(() => {
  console.error(`The browser tests took longer than ${RUN_LIMIT_MS / 1000} s: stopping.`);
  void stopAll().finally(() => process.exit(1));
}, RUN_LIMIT_MS).unref();

try {
  env = await startEnvironment(say);
  browser = await launchBrowser();
  say(`ready: app ${env.site.appUrl}, confirming app ${env.confirming.appUrl}`);
} catch (err) {
  console.error('The browser test environment did not start:', err);
  await stopAll();
  process.exit(1);
}

after(async () => {
  await stopAll();
  say('stopped everything');
});

if (gate) {
  say('EDGE_AUTH_GATE=1: only the deliberately failing gate test (test/browser/gate/), which must fail the run');
  gateChecks(env, browser);
} else {
  serverChecks(env);
  browserFlows(env, browser);
  organizationFlows(env, browser);
  integrationFlows(env, browser);
  secondFactorFlows(env, browser);
  passwordlessFlows(env, browser);
  cookieSessionFlows(env, browser);
  accessibilityChecks(env, browser);
  apiReferenceChecks(env, browser);
}
