/**
 * The test run's local stack, in a process of its own (started and stopped by
 * test/setup/global.ts): Postgres with the bootstrap and the real migrations (no seed), the
 * Supabase API stand-in and the mailbox, in a fresh temporary data folder on the TEST_STACK
 * ports; beside it a second auth API with email confirmations on, a third with IP
 * address forwarding on and hosted-like rate limits, and the test SQL endpoint. Keeping all of it out of vitest's own process means nothing the stand-in loads
 * can touch the exit status of `npm test`.
 *
 * Protocol (IPC): sends `{ ready: true }` once everything listens, or `{ error }` and exits 1;
 * on the message `'stop'` (or SIGTERM, or its parent going away) it stops everything,
 * removes the data folder and exits 0.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApiServer } from '../../local/api.ts';
import { startStack } from '../../local/stack.ts';
import { startSqlServer } from './sql-server.ts';
import { TEST_STACK } from './stack-config.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edge-auth-test-'));
const stoppers: (() => Promise<void>)[] = [];
let stopping: Promise<void> | undefined;

function teardown(): Promise<void> {
  stopping ??= (async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
    // As root under a folder the postgres user cannot reach, the cluster lives elsewhere
    // (local/postgres.ts notes where); it goes with the data folder.
    const location = path.join(dataDir, 'pgdata-location.txt');
    if (fs.existsSync(location)) fs.rmSync(fs.readFileSync(location, 'utf8').trim(), { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  })();
  return stopping;
}

function send(message: object): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

async function start(): Promise<void> {
  const stack = await startStack({
    workdir: process.cwd(),
    dataDir,
    seed: false,
    reset: true,
    ports: { api: TEST_STACK.apiPort, db: TEST_STACK.dbPort, mailbox: TEST_STACK.mailboxPort },
  });
  stoppers.push(() => stack.stop());
  // A second auth API on the same database and keys, with email confirmations on, for the
  // worker's tests of unverified accounts.
  const confirming = await startApiServer({
    config: { ...stack.config, auth: { ...stack.config.auth, email: { ...stack.config.auth.email, enableConfirmations: true } } },
    databaseUrl: stack.databaseUrl,
    dataDir,
    port: TEST_STACK.confirmingApiPort,
    keys: stack.keys,
    mailbox: stack.mailbox,
  });
  stoppers.push(() => confirming.close());
  // A third, with IP address forwarding on and a new hosted project's per-IP limits, for
  // the worker's tests that each end user behind it gets a bucket of their own.
  const forwarding = await startApiServer({
    config: {
      ...stack.config,
      auth: {
        ...stack.config.auth,
        ipForwarding: true,
        rateLimit: { ...stack.config.auth.rateLimit, signInSignUps: 30, tokenRefresh: 150, tokenVerifications: 30 },
      },
    },
    databaseUrl: stack.databaseUrl,
    dataDir,
    port: TEST_STACK.forwardingApiPort,
    keys: stack.keys,
    mailbox: stack.mailbox,
  });
  stoppers.push(() => forwarding.close());
  const sql = await startSqlServer(stack.databaseUrl, TEST_STACK.sqlPort, (claims) => stack.keys.sign(claims));
  stoppers.push(() => sql.close());
}

const stopAndExit = () => teardown().then(() => process.exit(0));
process.on('message', (message) => message === 'stop' && void stopAndExit());
process.on('disconnect', () => void stopAndExit());
process.on('SIGTERM', () => void stopAndExit());
process.on('SIGINT', () => void stopAndExit());

start().then(
  () => send({ ready: true }),
  async (err: unknown) => {
    await teardown();
    await send({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  },
);
