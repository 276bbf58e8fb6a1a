/**
 * Child process: the benchmark's own local Supabase stand-in (local/stack.ts) for the
 * repository's supabase/ folder, on the ports given, in a fresh data folder (migrations,
 * no seed). Run apart from bench/run.ts so that its work (bcrypt, Postgres clients, token
 * signing) never competes inside the processes whose CPU is measured.
 *
 *   node --import tsx bench/stand-in.ts <dataDir> <apiPort> <dbPort> <mailboxPort>
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '../local/stack.ts';
import { announceReady } from './child.ts';

const [dataDir, api, db, mailbox] = process.argv.slice(2);
if (!dataDir || !api || !db || !mailbox) {
  console.error('usage: node --import tsx bench/stand-in.ts <dataDir> <apiPort> <dbPort> <mailboxPort>');
  process.exit(2);
}

const stack = await startStack({
  workdir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  dataDir,
  seed: false,
  reset: true,
  ports: { api: Number(api), db: Number(db), mailbox: Number(mailbox) },
});
announceReady({ apiUrl: stack.apiUrl, anonKey: stack.keys.anonKey, serviceRoleKey: stack.keys.serviceRoleKey }, stack.stop);
