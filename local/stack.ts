/**
 * The whole local stand-in for one project folder: Postgres (embedded, or the server
 * `DATABASE_URL` names), the Supabase API (auth + RPC) and the mailbox, on the ports of
 * `supabase/config.toml` unless told otherwise. On first start the database gets the
 * Supabase bootstrap, the migrations and the seed; later starts apply only migrations
 * that are new. `stop()` ends everything this process started.
 */
import fs from 'node:fs';
import path from 'node:path';
import { listen, startApiServer } from './api.ts';
import { loadProjectConfig, type ProjectConfig } from './config.ts';
import type { KeySet } from './keys.ts';
import { Mailbox } from './mailbox.ts';
import { isPortFree } from './ports.ts';
import { applyPendingMigrations, isBootstrapped, resetDatabase, startPostgres } from './postgres.ts';

export interface StackOptions {
  /** Project folder holding `supabase/` (the CLI's --workdir). */
  workdir: string;
  /** Where the cluster and generated keys live (git-ignored). */
  dataDir: string;
  /** Port overrides; default from config.toml. */
  ports?: Partial<ProjectConfig['ports']>;
  /** An existing Postgres server to use instead of the embedded one. */
  databaseUrl?: string | undefined;
  /** Apply supabase/seed.sql when the database is built (default true). */
  seed?: boolean;
  /** Wipe the database and rebuild it before starting the API. */
  reset?: boolean;
  onProgress?: (line: string) => void;
  /** Adjust the project configuration (tests). */
  configure?: (config: ProjectConfig) => ProjectConfig;
}

/** A running stack. */
export interface Stack {
  config: ProjectConfig;
  apiUrl: string;
  mailboxUrl: string;
  databaseUrl: string;
  keys: KeySet;
  mailbox: Mailbox;
  /** Stops the API, the mailbox and (if this process started it) Postgres. */
  stop(): Promise<void>;
}

/** Rejects with a message naming the port when something already listens there. */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  for (const [what, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) throw new PortInUseError(what, port);
  }
}

/** A port the stack needs is taken. */
export class PortInUseError extends Error {
  constructor(
    readonly what: string,
    readonly port: number,
  ) {
    super(
      `Port ${port} (${what}) is already in use on 127.0.0.1. Stop whatever is using it, or change [${what === 'Postgres' ? 'db' : what === 'mailbox' ? 'inbucket' : 'api'}] port in supabase/config.toml.`,
    );
  }
}

/** Starts Postgres, brings its schema up to date, then the API and the mailbox. */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const progress = opts.onProgress ?? (() => {});
  const loaded = loadProjectConfig(opts.workdir);
  const base = { ...loaded, ports: { ...loaded.ports, ...opts.ports } };
  const config = opts.configure ? opts.configure(base) : base;
  const ports: Record<string, number> = { API: config.ports.api, mailbox: config.ports.mailbox };
  if (!opts.databaseUrl) ports.Postgres = config.ports.db;
  await assertPortsFree(ports);

  fs.mkdirSync(opts.dataDir, { recursive: true });
  const db = await startPostgres({ dataDir: opts.dataDir, port: config.ports.db, databaseUrl: opts.databaseUrl, onProgress: progress });
  const stoppers: (() => Promise<void>)[] = [() => db.stop()];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
  };
  try {
    if (opts.reset || !(await isBootstrapped(db.url))) {
      progress('Applying Supabase bootstrap, migrations and seed...');
      await resetDatabase(db.url, opts.workdir, { seed: opts.seed !== false });
    } else {
      const applied = await applyPendingMigrations(db.url, opts.workdir);
      for (const name of applied) progress(`Applied new migration ${name}`);
    }
    const mailbox = new Mailbox();
    const api = await startApiServer({ config, databaseUrl: db.url, dataDir: opts.dataDir, port: config.ports.api, mailbox });
    stoppers.push(() => api.close());
    const mail = await listen(mailbox.app(), config.ports.mailbox);
    stoppers.push(() => mail.close());
    return {
      config,
      apiUrl: api.url,
      mailboxUrl: `http://127.0.0.1:${mail.port}`,
      databaseUrl: db.url,
      keys: api.keys,
      mailbox,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The default data folder of a project: `<workdir>/.supabase-local` (git-ignored). */
export function defaultDataDir(workdir: string): string {
  return path.join(workdir, '.supabase-local');
}
