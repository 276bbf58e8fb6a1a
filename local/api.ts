/**
 * The stand-in's Supabase API on one port, as the CLI's gateway serves it:
 * `/auth/v1/*` (the GoTrue-compatible auth server in local/auth) and `/rest/v1/rpc/*`
 * (local/rest.ts). Like the CLI's Kong, the gateway lets a request through only when its
 * `apikey` (header or query parameter) is a known key — the anon or service_role key,
 * HS256 with the JWT secret or signed with the project's signing keys — except for the
 * routes a browser reaches from an email link and the public key set.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import { createAuthApp } from './auth/index.ts';
import type { ProjectConfig } from './config.ts';
import { loadKeySet, type KeySet } from './keys.ts';
import { Mailbox } from './mailbox.ts';
import { createRestApp } from './rest.ts';

/** Paths under which the gateway asks for no apikey (email links, key discovery). */
const OPEN_PATHS = [/^\/auth\/v1\/verify$/, /^\/auth\/v1\/callback$/, /^\/auth\/v1\/authorize$/, /^\/auth\/v1\/\.well-known\/jwks\.json$/];

/** Connection string for another login role of the same server (bootstrap passwords). */
function urlForRole(databaseUrl: string, role: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = 'postgres';
  return url.toString();
}

/** Builds the gateway app from its parts. */
function createApiApp(deps: { config: ProjectConfig; keys: KeySet; authDb: pg.Pool; restDb: pg.Pool; mailbox: Mailbox; externalUrl: string }): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (OPEN_PATHS.some((re) => re.test(path))) return next();
    const apikey = c.req.header('apikey') ?? c.req.query('apikey');
    if (!apikey) return c.json({ message: 'No API key found in request' }, 401);
    try {
      const claims = await deps.keys.verify(apikey);
      if (claims.role !== 'anon' && claims.role !== 'service_role') throw new Error('not an API key');
    } catch {
      return c.json({ message: 'Invalid authentication credentials' }, 401);
    }
    return next();
  });
  app.route(
    '/auth/v1',
    createAuthApp({
      config: deps.config,
      keys: deps.keys,
      db: deps.authDb,
      sendEmail: (email) => deps.mailbox.deliver(email),
      externalUrl: deps.externalUrl,
    }),
  );
  app.route('/rest/v1', createRestApp({ keys: deps.keys, db: deps.restDb, schemas: ['public'] }));
  app.notFound((c) => c.json({ message: 'no Route matched with those values' }, 404));
  return app;
}

/** Starts a Hono node server for `app`; resolves once it listens. */
export function listen(app: Hono, port: number, hostname = '127.0.0.1'): Promise<{ server: ServerType; port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) =>
      resolve({
        server,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      }),
    );
    server.once('error', reject);
  });
}

/** A running API server (gateway + auth + rest). */
export interface ApiServer {
  url: string;
  keys: KeySet;
  mailbox: Mailbox;
  close(): Promise<void>;
}

/**
 * Starts the API on `port` (0 picks a free one) against `databaseUrl`, which must
 * already carry the Supabase bootstrap. Tests use this for extra servers with another
 * configuration (confirmations on, low rate limits) against the same database.
 */
export async function startApiServer(opts: {
  config: ProjectConfig;
  databaseUrl: string;
  dataDir: string;
  port?: number;
  hostname?: string;
  mailbox?: Mailbox;
  keys?: KeySet;
}): Promise<ApiServer> {
  const keys = opts.keys ?? (await loadKeySet({ signingKeysPath: opts.config.auth.signingKeysPath, dataDir: opts.dataDir }));
  const mailbox = opts.mailbox ?? new Mailbox();
  const authDb = new pg.Pool({ connectionString: urlForRole(opts.databaseUrl, 'supabase_auth_admin'), max: 10 });
  const restDb = new pg.Pool({ connectionString: urlForRole(opts.databaseUrl, 'authenticator'), max: 10 });
  authDb.on('error', () => {});
  restDb.on('error', () => {});
  const hostname = opts.hostname ?? '127.0.0.1';
  // The external URL (token issuer, email links) needs the port, which port 0 leaves to
  // the system: the server is started first and hands requests to the app built after.
  let app: Hono | null = null;
  const lazy = new Hono();
  lazy.all('*', (c) => app!.fetch(c.req.raw, c.env));
  let server: Awaited<ReturnType<typeof listen>>;
  try {
    server = await listen(lazy, opts.port ?? 0, hostname);
  } catch (err) {
    await Promise.all([authDb.end(), restDb.end()]);
    throw err;
  }
  const externalUrl = `http://${hostname}:${server.port}`;
  app = createApiApp({ config: opts.config, keys, authDb, restDb, mailbox, externalUrl });
  return {
    url: externalUrl,
    keys,
    mailbox,
    async close() {
      await server.close();
      await Promise.all([authDb.end(), restDb.end()]);
    },
  };
}
