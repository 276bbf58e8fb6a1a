/**
 * Everything the browser tests drive, started on free ports and stopped again: the
 * local stand-in (Postgres in a temporary folder, the Supabase API, the mailbox) and a
 * second auth API with email confirmations on; for each auth API the real worker
 * (wrangler's `unstable_startWorker`, i.e. what `wrangler dev` serves) and the web app
 * (examples/web/server.ts) in front of it. Each auth API's site_url is its web app, so
 * the links of its emails open that app, as they do under `npm run dev`. The first worker
 * sends invitation emails to the mailbox (linking to its app); the second sends none, as
 * a deployment without an email provider, so its invitations answer `delivered: false`.
 *
 * Passkeys: browsers refuse WebAuthn on IP addresses, so each web app answers on
 * http://localhost:<port> too (examples/web/server.ts), and its auth API's relying party is
 * `localhost` with that origin (config.toml's `[auth.webauthn]` names port 3000, which the
 * tests do not use). The emails keep linking to http://127.0.0.1:<port>, as under `npm run dev`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unstable_startWorker } from 'wrangler';
import { startWebApp } from '../../examples/web/server.ts';
import { startApiServer } from '../../local/api.ts';
import type { ProjectConfig } from '../../local/config.ts';
import { DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY } from '../../local/demo-keys.ts';
import { startStack } from '../../local/stack.ts';
import { freePort } from '../support/ports.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url).href);

/** One worker with its web app. */
interface Site {
  /** The web app, e.g. http://127.0.0.1:41234 */
  appUrl: string;
  /** The same web app at http://localhost:41234: the relying party's origin, where passkeys work. */
  localhostUrl: string;
  /** The worker itself. */
  workerUrl: string;
}

/** The running environment. */
export interface Environment {
  /** Confirmations off: sign-up gives a session at once (as `npm run dev`). */
  site: Site;
  /** Confirmations on: sign-up waits for the email link. No email provider for invitations. Same database as `site`. */
  confirming: Site;
  mailboxUrl: string;
  stop(): Promise<void>;
}

/**
 * The worker in workerd against `supabaseUrl`, with the local demo keys and `mail`: its
 * invitation emails link to that web app and go to that mailbox, or (no mailbox) are not
 * sent at all, so that the app hands out the link itself (`delivered: false`).
 */
async function startWorker(
  supabaseUrl: string,
  mail: { appUrl: string; mailboxUrl?: string },
): Promise<{ url: string; stop(): Promise<void> }> {
  // Miniflare would fetch a `Request.cf` sample from Cloudflare; there is no network here.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  const vars = {
    SUPABASE_URL: supabaseUrl,
    SUPABASE_PUBLISHABLE_KEY: DEMO_PUBLISHABLE_KEY,
    SUPABASE_SECRET_KEY: DEMO_SECRET_KEY,
    APP_URL: mail.appUrl,
    // Cookie mode needs the page's origin allowed (wrangler.toml names port 3000, the tests use free ports).
    CORS_ORIGINS: [mail.appUrl, localhostOf(mail.appUrl)].join(','),
    // wrangler.toml's MAILPIT_URL is `npm run dev`'s mailbox: never that one here.
    ...(mail.mailboxUrl ? { EMAIL_PROVIDER: 'mailpit', MAILPIT_URL: mail.mailboxUrl } : { EMAIL_PROVIDER: 'none', MAILPIT_URL: '' }),
  };
  const worker = await unstable_startWorker({
    config: path.join(ROOT, 'wrangler.toml'),
    bindings: Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: 'plain_text' as const, value }])),
    sendMetrics: false,
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist: false, logLevel: 'error' },
  });
  await worker.ready;
  return { url: (await worker.url).origin, stop: () => worker.dispose() };
}

/** The web app on `localhost` (same port): the origin passkeys are made for. */
function localhostOf(appUrl: string): string {
  const url = new URL(appUrl);
  url.hostname = 'localhost';
  return url.origin;
}

/**
 * With this site_url (email links), optionally confirmations on, and passkeys for the web
 * app on `localhost` (relying party id `localhost`, that origin only).
 */
function siteConfig(config: ProjectConfig, siteUrl: string, confirmations: boolean): ProjectConfig {
  return {
    ...config,
    auth: {
      ...config.auth,
      siteUrl,
      additionalRedirectUrls: [`${siteUrl}/**`],
      email: { ...config.auth.email, enableConfirmations: confirmations },
      passkey: { ...config.auth.passkey, enabled: true, rpId: 'localhost', rpOrigins: [localhostOf(siteUrl)] },
    },
  };
}

/** Starts everything; on failure stops what had started and rethrows. */
export async function startEnvironment(log: (line: string) => void = () => {}): Promise<Environment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edge-auth-browser-'));
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stoppers.reverse()) await fn().catch((err: unknown) => console.error('stopping:', err));
    stoppers.length = 0;
    // As root, the cluster may live in a folder of its own (local/postgres.ts notes where).
    const location = path.join(dataDir, 'pgdata-location.txt');
    if (fs.existsSync(location)) fs.rmSync(fs.readFileSync(location, 'utf8').trim(), { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const [dbPort, appPort, confirmingAppPort] = [await freePort(), await freePort(), await freePort()];
    const appUrl = `http://127.0.0.1:${appPort}`;
    const confirmingAppUrl = `http://127.0.0.1:${confirmingAppPort}`;
    log('starting Postgres and the Supabase stand-in');
    const stack = await startStack({
      workdir: ROOT,
      dataDir,
      seed: false,
      reset: true,
      ports: { api: 0, db: dbPort, mailbox: 0 },
      configure: (config) => siteConfig(config, appUrl, false),
    });
    stoppers.push(() => stack.stop());
    const confirmingApi = await startApiServer({
      config: siteConfig(stack.config, confirmingAppUrl, true),
      databaseUrl: stack.databaseUrl,
      dataDir,
      port: 0,
      keys: stack.keys,
      mailbox: stack.mailbox,
    });
    stoppers.push(() => confirmingApi.close());
    log('starting the workers');
    const [worker, confirmingWorker] = await Promise.all([
      startWorker(stack.apiUrl, { appUrl, mailboxUrl: stack.mailboxUrl }),
      startWorker(confirmingApi.url, { appUrl: confirmingAppUrl }),
    ]);
    stoppers.push(worker.stop, confirmingWorker.stop);
    log('starting the web apps');
    const web = await startWebApp({ port: appPort, workerUrl: worker.url });
    stoppers.push(web.close);
    const confirmingWeb = await startWebApp({ port: confirmingAppPort, workerUrl: confirmingWorker.url });
    stoppers.push(confirmingWeb.close);
    return {
      site: { appUrl: web.url, localhostUrl: localhostOf(web.url), workerUrl: worker.url },
      confirming: { appUrl: confirmingWeb.url, localhostUrl: localhostOf(confirmingWeb.url), workerUrl: confirmingWorker.url },
      mailboxUrl: stack.mailboxUrl,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
