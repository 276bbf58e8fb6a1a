/**
 * Child process: the benchmark's own local Supabase stand-in (local/stack.ts) for the
 * repository's supabase/ folder, on the ports given, in a fresh data folder (migrations,
 * no seed). Run apart from the benchmark so that its work (bcrypt, Postgres clients, token
 * signing) never competes inside the processes whose CPU is measured.
 *
 *   node --import tsx bench/stand-in.ts <dataDir> <apiPort> <dbPort> <mailboxPort> [--raise-rate-limits]
 *
 * `--raise-rate-limits` (the load test) lifts the auth server's per-IP limits of
 * `[auth.rate_limit]` for this run only, through `configure()`: under load every request
 * comes from 127.0.0.1, so the limits meant for one client would be the first thing hit.
 * The passkey sign-in challenges' limit (GoTrue's `RATE_LIMIT_PASSKEY`, 30 per 5 minutes,
 * no config.toml key: `auth.rateLimit.passkey`) is lifted with them. supabase/config.toml
 * is not touched.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '../local/stack.ts';
import { announceReady } from './child.ts';

/** What the stand-in announces on its READY line. */
export interface StandInInfo {
  apiUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  databaseUrl: string;
}

const args = process.argv.slice(2);
const raiseRateLimits = args.includes('--raise-rate-limits');
const [dataDir, api, db, mailbox] = args.filter((a) => !a.startsWith('--'));
if (!dataDir || !api || !db || !mailbox) {
  console.error('usage: node --import tsx bench/stand-in.ts <dataDir> <apiPort> <dbPort> <mailboxPort> [--raise-rate-limits]');
  process.exit(2);
}

const HIGH = 1_000_000_000;
const stack = await startStack({
  workdir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  dataDir,
  seed: false,
  reset: true,
  ports: { api: Number(api), db: Number(db), mailbox: Number(mailbox) },
  ...(raiseRateLimits
    ? {
        configure: (config) => ({
          ...config,
          auth: {
            ...config.auth,
            rateLimit: { emailSent: HIGH, signInSignUps: HIGH, tokenRefresh: HIGH, tokenVerifications: HIGH, passkey: HIGH },
          },
        }),
      }
    : {}),
});
const info: StandInInfo = {
  apiUrl: stack.apiUrl,
  anonKey: stack.keys.anonKey,
  serviceRoleKey: stack.keys.serviceRoleKey,
  databaseUrl: stack.databaseUrl,
};
announceReady(info, stack.stop);
