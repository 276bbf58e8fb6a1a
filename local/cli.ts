/**
 * Command line of the local stand-in, the `supabase` CLI's counterpart without Docker:
 *
 *   tsx local/cli.ts dev                      stack + `wrangler dev` on 127.0.0.1:8787 + the web app on :3000 (npm run dev)
 *   tsx local/cli.ts start [--workdir DIR]    the stand-in only, for any project's supabase/ folder
 *   tsx local/cli.ts reset [--workdir DIR]    wipe the database, re-apply migrations and seed
 *
 * `DATABASE_URL` points the stand-in at an existing Postgres server instead of the
 * embedded one. Ctrl-C or SIGTERM stops every child process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stop as stopEsbuild } from 'esbuild';
import { startWebApp } from '../examples/web/server.ts';
import { loadProjectConfig } from './config.ts';
import { ensureLocalDevVars, readDevVars } from './dev-vars.ts';
import { resetDatabase, startPostgres, withClient } from './postgres.ts';
import { assertPortsFree, defaultDataDir, PortInUseError, type Stack, startStack } from './stack.ts';

const WORKER_PORT = 8787;
/** The web app's port: the `site_url` of supabase/config.toml. */
const WEB_APP_PORT = 3000;

function parseArgs(argv: string[]): { command: string; workdir: string } {
  const [command = 'dev', ...rest] = argv;
  let workdir = process.cwd();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--workdir') workdir = path.resolve(rest[++i] ?? '.');
    else if (arg.startsWith('--workdir=')) workdir = path.resolve(arg.slice('--workdir='.length));
    else fail(`unknown argument ${arg}`);
  }
  if (!fs.existsSync(path.join(workdir, 'supabase'))) fail(`${workdir} has no supabase/ folder (use --workdir)`);
  return { command, workdir };
}

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

function log(line: string): void {
  console.log(`  ${line}`);
}

function isLocalUrl(url: string | undefined): boolean {
  if (!url) return true;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The enabled auth hook, when there is one ([auth.hook.custom_access_token]). */
function hookRows(stack: Stack): [string, string][] {
  const hook = stack.config.auth.hooks.customAccessToken;
  return hook ? [['Access token hook', hook.uri]] : [];
}

function statusBlock(stack: Stack, extra: [string, string][] = []): string {
  const rows: [string, string][] = [
    ['API URL', stack.apiUrl],
    ['Auth URL', `${stack.apiUrl}/auth/v1`],
    ['RPC URL', `${stack.apiUrl}/rest/v1/rpc`],
    ['JWKS URL', `${stack.apiUrl}/auth/v1/.well-known/jwks.json`],
    ['DB URL', stack.databaseUrl],
    ['Mailbox URL', stack.mailboxUrl],
    ...extra,
    ...hookRows(stack),
    ['Publishable key', stack.keys.publishableKey],
    ['Secret key', stack.keys.secretKey],
    ['JWT secret', stack.keys.jwtSecret],
    ['anon key', stack.keys.anonKey],
    ['service_role key', stack.keys.serviceRoleKey],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const table = rows.map(([k, v]) => `${k.padStart(width)}: ${v}`).join('\n');
  return `${table}\n\n${WHO_USES_WHAT}`;
}

/** Which credential each kind of caller uses (README "Configuration" says the same). */
const WHO_USES_WHAT = [
  'Who uses which credential:',
  "  web apps              the worker's URL with a user's access token (no project key in a browser)",
  '  the worker            Publishable key and Secret key, from .dev.vars',
  '  service integrations  Authorization: Bearer <Secret key> or <service_role key> on the admin routes',
  '                        (/api/v1/auth/admin/*, /api/v1/auth/users/:id/organizations)',
  '  SQL and the dashboard DB URL; anon and service_role keys also open the Supabase API directly',
].join('\n');

/** Resolves when SIGINT or SIGTERM arrives. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    // `on`, not `once`: a second signal while shutting down (tsx passes the signal on to
    // this process, which may also have received it itself) must not kill it half-way.
    process.on('SIGINT', () => resolve('SIGINT'));
    process.on('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function startOrExplain(workdir: string, like: 'this project' | 'the CLI' = 'this project'): Promise<Stack> {
  try {
    return await startStack({
      workdir,
      dataDir: defaultDataDir(workdir),
      databaseUrl: process.env.DATABASE_URL,
      onProgress: log,
      // `start` is `supabase start`: its GoTrue counts per-IP limits only by an address it
      // is given (forwarding or a rate-limit header), never by the socket.
      configure: (config) =>
        like === 'the CLI'
          ? { ...config, auth: { ...config.auth, rateLimitBySocket: false } }
          : // Every local client is 127.0.0.1: passkey challenges (GoTrue's RATE_LIMIT_PASSKEY,
            // no config.toml key) refill at the local sign-in rate, or reloading the sign-in
            // page (passkey autofill asks for a challenge) would soon meet 429.
            { ...config, auth: { ...config.auth, rateLimit: { ...config.auth.rateLimit, passkey: config.auth.rateLimit.signInSignUps } } },
    });
  } catch (err) {
    if (err instanceof PortInUseError) fail(err.message);
    throw err;
  }
}

/** `start`: the stand-in alone, like `supabase start`. */
async function start(workdir: string): Promise<void> {
  console.log('Starting the local Supabase stand-in...');
  const stack = await startOrExplain(workdir, 'the CLI');
  console.log(`\nStarted local Supabase stand-in for ${workdir}.\n\n${statusBlock(stack)}\n`);
  await untilSignal();
  console.log('Stopping...');
  await stack.stop();
}

/** Spawns `wrangler dev` in its own process group so that it and workerd stop together. */
function spawnWorker(): ChildProcess {
  const bin = path.join(process.cwd(), 'node_modules', '.bin', 'wrangler');
  // --test-scheduled: the scheduled handler answers at /cdn-cgi/local/scheduled (see sweepEveryMinute).
  return spawn(
    bin,
    ['dev', '--ip', '127.0.0.1', '--port', String(WORKER_PORT), '--show-interactive-dev-session=false', '--test-scheduled'],
    {
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  );
}

function stopWorker(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      resolve();
    }
  });
}

/**
 * `wrangler dev` fires no cron trigger by itself: every minute, call the worker's scheduled
 * handler (the webhook outbox sweep, wrangler.toml `[triggers]`) as Cloudflare would.
 */
function sweepEveryMinute(): NodeJS.Timeout {
  const timer = setInterval(() => {
    fetch(`http://127.0.0.1:${WORKER_PORT}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('* * * * *')}`)
      .then((res) => res.body?.cancel())
      .catch(() => undefined);
  }, 60_000);
  timer.unref();
  return timer;
}

/** `dev`: the stand-in (unless .dev.vars points at a hosted project) and the worker. */
async function dev(workdir: string): Promise<void> {
  const devVarsFile = path.join(workdir, '.dev.vars');
  const vars = readDevVars(devVarsFile);
  for (const [what, port] of [
    ['worker', WORKER_PORT],
    ['web app', WEB_APP_PORT],
  ] as const) {
    try {
      await assertPortsFree({ [what]: port });
    } catch {
      fail(`Port ${port} (${what}) is already in use on 127.0.0.1. Stop whatever is using it first.`);
    }
  }
  let stack: Stack | null = null;
  if (isLocalUrl(vars.SUPABASE_URL)) {
    console.log('Starting the local Supabase stand-in...');
    stack = await startOrExplain(workdir);
    const done = ensureLocalDevVars(devVarsFile, { apiUrl: stack.apiUrl, ...stack.keys });
    if (done === 'written') log('Wrote .dev.vars for the local stand-in');
    if (done === 'completed') log('Added the missing local keys to .dev.vars');
    console.log(
      `\nLocal development setup is running.\n\n${statusBlock(stack, [
        ['Worker URL', `http://127.0.0.1:${WORKER_PORT}/api/v1`],
        ['Cron (webhook sweep)', 'called every minute by npm run dev (wrangler dev fires no cron itself)'],
        ['API docs', `http://127.0.0.1:${WORKER_PORT}/api/v1/docs`],
        ['Web app', `http://127.0.0.1:${WEB_APP_PORT}`],
      ])}\n`,
    );
  } else {
    console.log(`.dev.vars points SUPABASE_URL at ${vars.SUPABASE_URL}: starting only the worker.`);
  }
  const worker = spawnWorker();
  const sweep = sweepEveryMinute();
  // The reference web app (examples/web) at the site_url, so every email link opens it.
  const web = await startWebApp({ port: WEB_APP_PORT, workerUrl: `http://127.0.0.1:${WORKER_PORT}` });
  log(`Web app on ${web.url}${web.localhostUrl ? ` and ${web.localhostUrl} (passkeys need localhost)` : ''}`);
  const outcome = await Promise.race([
    untilSignal().then((s) => `signal ${s}`),
    new Promise<string>((resolve) => {
      worker.once('exit', (code) => resolve(`wrangler exited (${code})`));
      worker.once('error', (err) => resolve(`wrangler did not start: ${err.message}`));
    }),
  ]);
  console.log(`\nStopping (${outcome})...`);
  clearInterval(sweep);
  await web.close();
  // The web app's bundler runs an esbuild service process: end it, so no child is left.
  await stopEsbuild();
  await stopWorker(worker);
  await stack?.stop();
  process.exit(outcome.startsWith('signal') ? 0 : 1);
}

/** `reset`: like `supabase db reset`, on the running database or a briefly started one. */
async function reset(workdir: string): Promise<void> {
  const config = loadProjectConfig(workdir);
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const running = await assertPortsFree({ Postgres: config.ports.db }).then(
      () => false,
      () => true,
    );
    if (running) {
      url = `postgresql://postgres:postgres@127.0.0.1:${config.ports.db}/postgres`;
    } else {
      const db = await startPostgres({ dataDir: defaultDataDir(workdir), port: config.ports.db, onProgress: log });
      url = db.url;
      stop = db.stop;
    }
  }
  try {
    console.log(`Resetting ${url.replace(/:[^:@/]+@/, ':***@')} ...`);
    await resetDatabase(url, workdir);
    const migrations = await withClient(
      url,
      async (c) => (await c.query('select count(*)::int as n from supabase_migrations.schema_migrations')).rows[0]?.n,
    );
    const seeded = fs.existsSync(path.join(workdir, 'supabase', 'seed.sql')) ? ' and seed' : '';
    console.log(`Done: bootstrap${seeded ? ',' : ' and'} ${migrations} migration(s)${seeded} applied.`);
  } finally {
    await stop();
  }
}

const { command, workdir } = parseArgs(process.argv.slice(2));
const commands: Record<string, (dir: string) => Promise<void>> = { dev, start, reset };
const run = commands[command];
if (!run) fail(`unknown command "${command}" (dev, start, reset)`);
run(workdir).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
