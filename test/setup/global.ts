/**
 * Vitest global setup: starts the test run's own local stack once — Postgres with the
 * bootstrap and the real migrations (no seed), the Supabase API stand-in and the mailbox —
 * in a fresh temporary data folder on the TEST_STACK ports, and stops it when the run ends.
 * Beside it: a second auth API with email confirmations on, and the test SQL endpoint.
 * Whatever was started is stopped and the data folder removed also when setup fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApiServer } from '../../local/api.ts';
import { startStack } from '../../local/stack.ts';
import { startSqlServer } from './sql-server.ts';
import { TEST_STACK } from './stack-config.ts';

export default async function setup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edge-auth-test-'));
  const stoppers: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
    // As root under a folder the postgres user cannot reach, the cluster lives elsewhere
    // (local/postgres.ts notes where); it goes with the data folder.
    const location = path.join(dataDir, 'pgdata-location.txt');
    if (fs.existsSync(location)) fs.rmSync(fs.readFileSync(location, 'utf8').trim(), { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
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
    const sql = await startSqlServer(stack.databaseUrl, TEST_STACK.sqlPort);
    stoppers.push(() => sql.close());
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
