/**
 * What the benchmark (bench/run.ts) and the load test (bench/load.ts) share: a run that
 * owns a temporary data folder, a list of things to stop, a hard deadline and Ctrl-C
 * handling ({@link startRun}); the stand-in in its child process ({@link startStandIn});
 * free loopback ports; a bounded fetch; confirmed users created in bulk through the
 * stand-in's admin API; and the check that nothing the run started is still there
 * ({@link leftovers}).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import bcrypt from 'bcryptjs';
import { startChild } from './child.ts';
import type { StandInInfo } from './stand-in.ts';
import type { WorkerVars } from './workers.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAND_IN_START_TIMEOUT_MS = 120_000;

/** The run's own output. */
export const out = (line = ''): void => void process.stdout.write(`${line}\n`);

/**
 * Silences console.* (wrangler forwards the worker's one-JSON-line-per-request log there,
 * and the in-process worker logs the same way) and returns the real `console.error`.
 */
export function silenceConsole(): (...args: unknown[]) => void {
  const stderr = console.error.bind(console);
  console.log = console.info = console.debug = console.warn = () => {};
  console.error = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith('{"level":'))) stderr(...args);
  };
  return stderr;
}

/** `count` distinct free loopback ports (held open together, then released). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer().once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** A `fetch` that gives up after `timeoutMs`, so that no request of a run can hang. */
export function boundedFetch(timeoutMs: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** A run: its data folder, what to stop at the end, and its deadline. */
export interface Run {
  dataDir: string;
  /** Registers `fn` to run at cleanup (last registered, first run). */
  defer(fn: () => Promise<void>): void;
  /** Stops everything registered, removes the data folder; idempotent. */
  cleanup(): Promise<void>;
  /** Loopback ports the run's servers listen on (for {@link leftovers}). */
  ports: number[];
  /** Folders whose processes belong to the run (the data folder, a Postgres cluster kept elsewhere). */
  folders: string[];
  /** Clears the deadline (call once the run ends normally). */
  done(): void;
}

/**
 * Starts a run: a fresh data folder, a hard deadline after which everything is stopped
 * and the process exits 1 (also when stopping hangs), and Ctrl-C handling.
 */
export function startRun(name: string, deadlineMs: number, log: (...args: unknown[]) => void): Run {
  // Open to other users so that, when run as root, the cluster of the postgres user lives
  // inside it (local/postgres.ts) and goes with it; a cluster put elsewhere is removed too.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `edge-auth-${name}-`));
  fs.chmodSync(dataDir, 0o755);
  const folders = [dataDir];
  const removeData = async () => {
    const elsewhere = path.join(dataDir, 'pgdata-location.txt');
    if (fs.existsSync(elsewhere)) {
      const location = fs.readFileSync(elsewhere, 'utf8').trim();
      folders.push(location);
      fs.rmSync(location, { recursive: true, force: true });
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const cleanups: (() => Promise<void>)[] = [removeData];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((e: unknown) => log('cleanup:', e));
  };
  const giveUp = (why: string, code: number) => {
    log(why);
    // Stopping itself is bounded too: whatever still hangs goes with the process.
    setTimeout(() => process.exit(code), 30_000).unref();
    void cleanup().finally(() => process.exit(code));
  };
  const deadline = setTimeout(() => giveUp(`${name}: over ${deadlineMs / 1000} s, stopping everything`, 1), deadlineMs);
  process.once('SIGINT', () => giveUp(`${name}: interrupted`, 130));
  return { dataDir, defer: (fn) => void cleanups.push(fn), cleanup, ports: [], folders, done: () => clearTimeout(deadline) };
}

/** The stand-in, running in its child process. */
export interface StandIn {
  info: StandInInfo;
  pid: number;
  vars: WorkerVars;
}

/** Starts bench/stand-in.ts on free ports in the run's data folder; stopped at cleanup. */
export async function startStandIn(run: Run, options: { raiseRateLimits?: boolean } = {}): Promise<StandIn> {
  const ports = await freePorts(3);
  run.ports.push(...ports);
  const args = [run.dataDir, ...ports.map(String), ...(options.raiseRateLimits ? ['--raise-rate-limits'] : [])];
  const child = await startChild<StandInInfo>('bench/stand-in.ts', args, STAND_IN_START_TIMEOUT_MS);
  run.defer(child.stop);
  const { apiUrl, anonKey, serviceRoleKey } = child.info;
  return {
    info: child.info,
    pid: child.pid,
    vars: { SUPABASE_URL: apiUrl, SUPABASE_ANON_KEY: anonKey, SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey },
  };
}

/**
 * Creates confirmed users with `password` through the stand-in's admin API, `concurrency`
 * at a time. The password is hashed once here (bcrypt cost 10, as the stand-in hashes, unless
 * `cost` says otherwise) and sent as `password_hash`, so that creating hundreds of users
 * costs no bcrypt per user. A lower cost makes their logins cheap too (bcrypt checks a
 * password at the cost of its hash): for accounts that only need a session to start from.
 * Resolves with their ids by email.
 */
export async function createUsers(
  standIn: StandIn,
  emails: string[],
  password: string,
  concurrency = 8,
  cost = 10,
): Promise<Map<string, string>> {
  const hash = await bcrypt.hash(password, cost);
  const ids = new Map<string, string>();
  const queue = [...emails];
  const { apiUrl, serviceRoleKey } = standIn.info;
  const worker = async () => {
    for (let email = queue.shift(); email; email = queue.shift()) {
      const res = await fetch(`${apiUrl}/auth/v1/admin/users`, {
        method: 'POST',
        headers: { apikey: serviceRoleKey, Authorization: `Bearer ${serviceRoleKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password_hash: hash, email_confirm: true }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await res.json()) as { id?: string; msg?: string };
      if (!res.ok || !body.id) throw new Error(`creating ${email}: ${res.status} ${body.msg ?? ''}`);
      ids.set(email, body.id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

/** Resolves true when nothing listens on 127.0.0.1:`port`. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** What of the run is still there: processes (children of this one, or working in the run's folders) and listening ports. */
async function findLeftovers(run: Run): Promise<string[]> {
  const found: string[] = [];
  if (fs.existsSync('/proc/self/task')) {
    for (const pid of fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)) {
      if (pid === process.pid) continue;
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        // tsx's and wrangler's esbuild services are this process's own helpers; they end with it.
        const ours = (ppid === process.pid && !/esbuild --service/.test(cmd)) || run.folders.some((f) => cmd.includes(f));
        if (ours) found.push(`process ${pid}: ${cmd.slice(0, 120)}`);
      } catch {
        // gone while we looked
      }
    }
  }
  for (const port of run.ports) if (!(await portFree(port))) found.push(`port ${port} still listening`);
  return found;
}

/** After cleanup: what is still there, polled for up to `waitMs` (processes take a moment to go). */
export async function leftovers(run: Run, waitMs = 10_000): Promise<string[]> {
  const until = Date.now() + waitMs;
  for (;;) {
    const found = await findLeftovers(run);
    if (found.length === 0 || Date.now() > until) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Version of an installed package. */
export function readVersion(pkg: string): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}
