/**
 * The stand-in's Supabase API on one port, as the CLI's gateway serves it:
 * `/auth/v1/*` (the GoTrue-compatible auth server in local/auth) and `/rest/v1/rpc/*`
 * (local/rest.ts), behind the gateway of gateway.ts, which checks the `apikey` (the
 * secret or publishable key, or a legacy anon or service_role JWT), turns an API key
 * into the JWT of its role when no user token is sent, and keeps `Sb-Forwarded-For`
 * only for the secret key — except for the routes a browser reaches from an email link
 * and the public key set.
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import pg from 'pg';
import { createAuthApp } from './auth/index.ts';
import type { ProjectConfig } from './config.ts';
import { admit } from './gateway.ts';
import { type KeySet, loadKeySet } from './keys.ts';
import { Mailbox } from './mailbox.ts';
import { createRestApp } from './rest.ts';

/** Connection string for another login role of the same server (bootstrap passwords). */
function urlForRole(databaseUrl: string, role: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = 'postgres';
  return url.toString();
}

/**
 * Builds the API from its parts: the gateway (one handler) in front of the services,
 * which see the request as the gateway rewrote it, with the same connection (`c.env`),
 * so that the socket address stays the client's.
 */
function createApiApp(deps: {
  config: ProjectConfig;
  keys: KeySet;
  authDb: pg.Pool;
  restDb: pg.Pool;
  mailbox: Mailbox;
  externalUrl: string;
}): Hono {
  const services = new Hono();
  services.route(
    '/auth/v1',
    createAuthApp({
      config: deps.config,
      keys: deps.keys,
      db: deps.authDb,
      sendEmail: (email) => deps.mailbox.deliver(email),
      externalUrl: deps.externalUrl,
    }),
  );
  services.route('/rest/v1', createRestApp({ keys: deps.keys, db: deps.restDb, schemas: ['public'] }));
  services.notFound((c) => c.json({ message: 'no Route matched with those values' }, 404));

  const gateway = new Hono();
  gateway.all('*', async (c) => services.fetch(await admit(c.req.raw, deps.keys), c.env));
  gateway.onError((err, c) => {
    if (err instanceof HTTPException) return c.json({ message: err.message }, err.status);
    console.error('[gateway] unexpected error:', err);
    return c.json({ message: 'An unexpected error occurred' }, 500);
  });
  return gateway;
}

/** Starts a Hono node server for `app`; resolves once it listens. */
export function listen(
  app: Hono,
  port: number,
  hostname = '127.0.0.1',
): Promise<{ server: ServerType; port: number; close(): Promise<void> }> {
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
 * configuration (confirmations on, low rate limits, IP forwarding on) against the same
 * database.
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
