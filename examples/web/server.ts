/**
 * The reference web app's server (Node `http`, nothing else): serves public/ and the app
 * bundled from src/ by esbuild, answers every page path (/login, /reset-password, …)
 * with index.html so email links work, and passes /api/* through to the worker.
 *
 * The proxy keeps the browser on one origin: the app calls `/api/v1/auth/...` on its own
 * host, so it needs no CORS setting on the worker and no configuration of its own. In
 * production do the same with a route (the worker on `app.example.com/api/*`), or serve
 * the app elsewhere and give the client `baseUrl` plus the worker's `CORS_ORIGINS`.
 *
 * On a loopback host (the default 127.0.0.1, or `localhost`) the app listens on ::1 as well,
 * on the same port, so that http://localhost:<port> reaches it whichever loopback address
 * the browser tries first. Passkeys need that name: browsers refuse WebAuthn on IP
 * addresses, and the relying party is `localhost` (supabase/config.toml `[auth.webauthn]`).
 *
 *   npx tsx examples/web/server.ts [--port 3000] [--host 127.0.0.1] [--worker http://127.0.0.1:8787]
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildContext, context } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PUBLIC = path.join(HERE, 'public');

/** Options of {@link startWebApp}. */
export interface WebAppOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where the worker listens, e.g. http://127.0.0.1:8787; /api/* goes there. */
  workerUrl: string;
}

/** A running web app. */
export interface WebApp {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  /** http://localhost:<port> when the app answers there (a loopback host), else null: where passkeys work locally. */
  localhostUrl: string | null;
  close(): Promise<void>;
}

/** Hosts on which the app also listens on ::1 (see the module comment). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** Errors that mean this machine has no IPv6 loopback: `localhost` is then 127.0.0.1 alone. */
const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Listens with `handler` on `host:port`, and on `[::1]:port` too for a loopback host.
 * With port 0 the IPv4 port is picked first; should ::1 have that port taken, another is
 * tried. A port taken on ::1 by something else is an error as on 127.0.0.1 (`localhost`
 * would reach that other server).
 */
async function listenAll(handler: http.RequestListener, port: number, host: string): Promise<[http.Server, ...http.Server[]]> {
  const loopback = LOOPBACK_HOSTS.has(host);
  for (let attempt = 1; ; attempt++) {
    const first = http.createServer(handler);
    await listen(first, port, host === 'localhost' ? '127.0.0.1' : host);
    if (!loopback) return [first];
    const chosen = (first.address() as { port: number }).port;
    const second = http.createServer(handler);
    try {
      await listen(second, chosen, '::1');
      return [first, second];
    } catch (err) {
      if (NO_IPV6.has((err as NodeJS.ErrnoException).code ?? '')) return [first];
      await close(first);
      if (port !== 0 || attempt >= 5) throw err;
    }
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * Pages load only this origin's script and styles and send no Referer (a reset link
 * carries its token in the query).
 */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

/** Headers that describe one connection, not the request. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

/** The app's bundle (src/main.ts with the client from its TypeScript source), rebuilt on request so edits show on reload. */
async function bundler(): Promise<BuildContext> {
  return context({
    entryPoints: { app: path.join(HERE, 'src/main.ts') },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    // The client package exports its TypeScript source under this condition: no build step first.
    conditions: ['source'],
    outdir: '/',
    write: false,
    logLevel: 'silent',
  });
}

/** Sends the request on to the worker and streams its answer back. */
function proxy(req: http.IncomingMessage, res: http.ServerResponse, worker: URL): void {
  const headers: http.OutgoingHttpHeaders = { host: worker.host };
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && name !== 'host') headers[name] = value;
  const upstream = http.request(new URL(req.url ?? '/', worker).href, { method: req.method, headers }, (answer) => {
    const back: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name)) back[name] = value;
    res.writeHead(answer.statusCode ?? 502, back);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(503, { 'Content-Type': 'application/json' });
    const message = 'The API is not reachable';
    res.end(JSON.stringify({ success: false, message, error: { code: 'SERVICE_UNAVAILABLE', message } }));
  });
  req.pipe(upstream);
}

/** A file of public/, or null. */
async function readPublic(urlPath: string): Promise<Buffer | null> {
  const file = path.join(PUBLIC, path.normalize(urlPath));
  if (!file.startsWith(PUBLIC + path.sep)) return null;
  return fs.readFile(file).catch(() => null);
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse, build: BuildContext): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://app.invalid');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const ext = path.extname(pathname);
  if (pathname === '/app.js' || pathname === '/app.js.map') {
    const result = await build.rebuild();
    const out = result.outputFiles?.find((f) => f.path === pathname);
    if (!out) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : out.contents);
    return;
  }
  // A page of the app (no extension): index.html, which routes on the path itself.
  const file = ext ? await readPublic(pathname) : await readPublic('index.html');
  if (!file) return void res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  res.writeHead(200, { 'Content-Type': TYPES[ext || '.html'] ?? 'application/octet-stream', ...PAGE_HEADERS });
  res.end(req.method === 'HEAD' ? undefined : file);
}

/**
 * Serves the app on `host:port` with /api/* proxied to `workerUrl`. Resolves once it
 * listens; rejects when the port is taken.
 *
 * @example
 * const web = await startWebApp({ port: 3000, workerUrl: 'http://127.0.0.1:8787' });
 * console.log(web.url); // http://127.0.0.1:3000
 * await web.close();
 */
export async function startWebApp(options: WebAppOptions): Promise<WebApp> {
  const host = options.host ?? '127.0.0.1';
  const worker = new URL(options.workerUrl);
  const build = await bundler();
  await build.rebuild(); // a broken app fails here, not on the first page load
  const handler: http.RequestListener = (req, res) => {
    if (req.url?.startsWith('/api/')) return proxy(req, res, worker);
    serve(req, res, build).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  };
  let servers: [http.Server, ...http.Server[]];
  try {
    servers = await listenAll(handler, options.port, host);
  } catch (err) {
    await build.dispose();
    throw err;
  }
  const { port } = servers[0].address() as { port: number };
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    localhostUrl: LOOPBACK_HOSTS.has(host) ? `http://localhost:${port}` : null,
    async close() {
      await Promise.all(servers.map(close));
      await build.dispose();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
  };
  const web = await startWebApp({
    port: Number(arg('port', '3000')),
    host: arg('host', '127.0.0.1'),
    workerUrl: arg('worker', 'http://127.0.0.1:8787'),
  });
  const also = web.localhostUrl && web.localhostUrl !== web.url ? ` and ${web.localhostUrl} (passkeys)` : '';
  console.log(`Web app on ${web.url}${also} (API: ${arg('worker', 'http://127.0.0.1:8787')})`);
  const stop = () => void web.close().then(() => process.exit(0));
  process.on('SIGINT', stop).on('SIGTERM', stop);
}
