/**
 * `npm run bench` — the benchmark of issue 5. Starts its own local Supabase stand-in in a
 * child process (bench/stand-in.ts, free ports, temporary data folder), signs up a few
 * users, then measures login, refresh, me and a request with an invalid token (forged
 * signature; expired) three ways in the same run:
 *   direct    supabase-js straight against the stand-in (the baseline),
 *   wrangler  the worker in workerd via wrangler's unstable_startWorker (wrangler dev),
 *   node      the same app under @hono/node-server in a child process that reports its
 *             CPU time and upstream calls per request (bench/node-worker.ts).
 * Requests are sequential and the three modes are interleaved (rotating order) so that
 * drift hits them alike. Prints the figures and the PASS/MISS of each target, writes the
 * same as JSON to bench/results/<timestamp>.json, and stops everything it started. See
 * bench/README.md for how to read the figures.
 *
 * Environment: BENCH_ITERATIONS (default 200), BENCH_LOGIN_ITERATIONS (default 100).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import * as jose from 'jose';
import { buildRows, formatTable, formatVerdicts, judge, MODES, OPS, type Metric, type Mode, type Op, type Samples } from './report.ts';
import { startChild } from './child.ts';
import { startNodeWorker, startWranglerWorker, type RunningWorker, type WorkerVars } from './workers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const intEnv = (name: string, fallback: number) => Math.max(1, Number.parseInt(process.env[name] ?? '', 10) || fallback);
const ITERATIONS = intEnv('BENCH_ITERATIONS', 200);
const LOGIN_ITERATIONS = intEnv('BENCH_LOGIN_ITERATIONS', 100);
const WARMUP = { login: 5, other: 50 };
const USERS = 20;
const PASSWORD = 'bench-password-1';
const REQUEST_TIMEOUT_MS = 10_000;
const STAND_IN_START_TIMEOUT_MS = 120_000;
const RUN_DEADLINE_MS = 6 * 60_000;

/** The benchmark's own output. console.* is silenced: the in-process worker logs every request there. */
const out = (line = '') => process.stdout.write(`${line}\n`);
const stderr = console.error.bind(console);
console.log = console.info = console.debug = console.warn = () => {};
console.error = (...args: unknown[]) => {
  if (!(typeof args[0] === 'string' && args[0].startsWith('{"level":'))) stderr(...args);
};

interface Tokens {
  access: string;
  refresh: string;
}

// ---- the stand-in, in a child process ---------------------------------------------

/** `count` distinct free loopback ports (held open together, then released). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
      const s = net.createServer().once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

interface StandInInfo {
  apiUrl: string;
  anonKey: string;
  serviceRoleKey: string;
}

// ---- the clients of each mode -------------------------------------------------------

/** A `fetch` bounded by REQUEST_TIMEOUT_MS, so that no request of the benchmark can hang. */
const boundedFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

/** A supabase-js client built as the worker builds its own (no session persistence). */
function supabase(vars: WorkerVars, accessToken?: string): SupabaseClient {
  return createClient(vars.SUPABASE_URL, vars.SUPABASE_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: boundedFetch, headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {} },
  });
}

/** One mode's implementation of the operations; each throws on an unexpected answer. */
interface Client {
  login(email: string): Promise<Tokens>;
  refresh(refreshToken: string): Promise<Tokens>;
  me(accessToken: string): Promise<void>;
  refused(token: string, code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED'): Promise<void>;
}

/**
 * The direct baseline: what a client does without the worker to get the same answer.
 * Login and refresh are the token call plus `get_my_context` (the worker answers both),
 * and `split` records the token call alone; an invalid token is checked with
 * `auth.getUser`, which asks GoTrue (a client has no other way).
 */
function directClient(vars: WorkerVars, split: (op: 'login' | 'refresh', ms: number) => void): Client {
  const anon = supabase(vars);
  const context = async (access: string) => {
    const { error } = await supabase(vars, access).rpc('get_my_context');
    if (error) throw new Error(`direct get_my_context: ${error.message}`);
  };
  const session = async (op: 'login' | 'refresh', call: () => ReturnType<typeof anon.auth.refreshSession>) => {
    const started = performance.now();
    const { data, error } = await call();
    split(op, performance.now() - started);
    if (error || !data.session) throw new Error(`direct ${op}: ${error?.message ?? 'no session'}`);
    await context(data.session.access_token);
    return { access: data.session.access_token, refresh: data.session.refresh_token };
  };
  return {
    login: (email) => session('login', () => anon.auth.signInWithPassword({ email, password: PASSWORD })),
    refresh: (refresh_token) => session('refresh', () => anon.auth.refreshSession({ refresh_token })),
    me: context,
    async refused(token) {
      const { error } = await anon.auth.getUser(token);
      if (!error) throw new Error('direct getUser accepted an invalid token');
    },
  };
}

/** What bench/node-worker.ts measured for one request (its X-Bench-* headers), in ms. */
type Measure = Record<Exclude<Metric, 'latency'>, number>;

/** Reads the X-Bench-* headers of a node-mode answer. */
function readMeasure(headers: Headers): Measure {
  const h = (name: string) => Number(headers.get(`X-Bench-${name}`));
  return {
    app: h('App-Ms'),
    cpu: (h('Cpu-Us') - h('Fetch-Cpu-Us')) / 1000,
    cpuWithFetch: h('Cpu-Us') / 1000,
    cpuProcess: h('Process-Cpu-Us') / 1000,
    upstream: h('Upstream-Calls'),
  };
}

/** The worker over HTTP at `base` (wrangler or node mode); `onMeasure` gets node mode's X-Bench-* figures. */
function workerClient(base: string, onMeasure?: (m: Measure) => void): Client {
  const call = async (method: string, route: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = {};
    if (body) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await boundedFetch(`${base}/api/v1/auth/${route}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    onMeasure?.(readMeasure(res.headers));
    return { status: res.status, json: (await res.json()) as { data?: { access_token: string; refresh_token: string }; error?: { code: string } } };
  };
  const session = async (route: string, body: unknown): Promise<Tokens> => {
    const { status, json } = await call('POST', route, body);
    if (status !== 200 || !json.data) throw new Error(`${base} ${route}: ${status} ${json.error?.code}`);
    return { access: json.data.access_token, refresh: json.data.refresh_token };
  };
  return {
    login: (email) => session('login', { email, password: PASSWORD }),
    refresh: (refresh_token) => session('refresh', { refresh_token }),
    async me(token) {
      const { status } = await call('GET', 'me', undefined, token);
      if (status !== 200) throw new Error(`${base} me: ${status}`);
    },
    async refused(token, code) {
      const { status, json } = await call('GET', 'me', undefined, token);
      if (status !== 401 || json.error?.code !== code) throw new Error(`${base} me with a bad token: ${status} ${json.error?.code}, expected 401 ${code}`);
    },
  };
}

// ---- bad tokens ---------------------------------------------------------------------

/** A copy of `real` with the same header (kid included) signed by another key, or with another kid. */
async function forge(real: string, kid?: string): Promise<string> {
  const header = jose.decodeProtectedHeader(real);
  const { privateKey } = await jose.generateKeyPair('ES256');
  return new jose.SignJWT(jose.decodeJwt(real)).setProtectedHeader({ ...header, alg: 'ES256', kid: kid ?? header.kid! }).sign(privateKey);
}

/** `real`'s claims, expired an hour ago, signed with the stand-in's own signing key. */
async function expire(real: string, dataDir: string): Promise<string> {
  const [{ key_ops: _ops, ext: _ext, use: _use, ...jwk }] = JSON.parse(fs.readFileSync(path.join(dataDir, 'signing-keys.json'), 'utf8')) as [jose.JWK];
  const now = Math.floor(Date.now() / 1000);
  return new jose.SignJWT({ ...jose.decodeJwt(real), iat: now - 4000, exp: now - 3600 })
    .setProtectedHeader({ alg: jwk.alg!, kid: jwk.kid!, typ: 'JWT' })
    .sign(await jose.importJWK(jwk, jwk.alg));
}

// ---- the run ------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  // Open to other users so that, when run as root, the cluster of the postgres user lives
  // inside it (local/postgres.ts) and goes with it; a cluster put elsewhere is removed too.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edge-auth-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const removeData = async () => {
    const elsewhere = path.join(dataDir, 'pgdata-location.txt');
    if (fs.existsSync(elsewhere)) fs.rmSync(fs.readFileSync(elsewhere, 'utf8').trim(), { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const cleanups: (() => Promise<void>)[] = [removeData];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((e: unknown) => stderr('cleanup:', e));
  };
  const deadline = setTimeout(() => {
    stderr(`bench: over ${RUN_DEADLINE_MS / 1000} s, giving up`);
    void cleanup().finally(() => process.exit(1));
  }, RUN_DEADLINE_MS);
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  try {
    out('Starting the stand-in (child process)...');
    const standIn = await startChild<StandInInfo>('bench/stand-in.ts', [dataDir, ...(await freePorts(3)).map(String)], STAND_IN_START_TIMEOUT_MS);
    cleanups.push(standIn.stop);
    const { apiUrl, anonKey, serviceRoleKey } = standIn.info;
    const vars: WorkerVars = { SUPABASE_URL: apiUrl, SUPABASE_ANON_KEY: anonKey, SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey };

    out(`Signing up ${USERS} users directly...`);
    const emails = Array.from({ length: USERS }, (_, i) => `bench-${i}@example.com`);
    for (const email of emails) {
      const { error } = await supabase(vars).auth.signUp({ email, password: PASSWORD });
      if (error) throw new Error(`sign-up ${email}: ${error.message}`);
    }

    out('Starting the worker: under @hono/node-server (child process) and under wrangler (workerd)...');
    const node = await startNodeWorker(vars);
    cleanups.push(node.stop);
    const wrangler: RunningWorker = await startWranglerWorker(vars);
    cleanups.push(wrangler.stop);

    let measure: Measure | undefined;
    const samples: Record<string, Partial<Record<Mode, Samples>>> = {};
    const record = (op: string, mode: Mode, metric: Metric, value: number) => (((samples[op] ??= {})[mode] ??= {})[metric] ??= []).push(value);
    let recording = false;
    const clients: Record<Mode, Client> = {
      direct: directClient(vars, (op, ms) => recording && record(`${op} (token call only)`, 'direct', 'latency', ms)),
      wrangler: workerClient(wrangler.url),
      node: workerClient(node.url, (m) => (measure = m)),
    };

    // Cold start of token verification: the first /me fetches the JWKS (kept at module scope).
    const seed = await clients.direct.login(emails[0]!);
    const cold: Record<string, unknown> = {};
    for (const mode of ['node', 'wrangler'] as const) {
      const t = performance.now();
      await clients[mode].me(seed.access);
      cold[mode] = { latency: performance.now() - t, ...(mode === 'node' ? measure : {}) };
    }
    const forged = await forge(seed.access);
    const expired = await expire(seed.access, dataDir);

    const tokens = {} as Record<Mode, Tokens>;
    const steps: Record<Op, (mode: Mode, i: number) => Promise<void>> = {
      login: async (mode, i) => void (tokens[mode] = await clients[mode].login(emails[i % USERS]!)),
      refresh: async (mode) => void (tokens[mode] = await clients[mode].refresh(tokens[mode].refresh)),
      me: (mode) => clients[mode].me(tokens[mode].access),
      forged: (mode) => clients[mode].refused(forged, 'TOKEN_INVALID'),
      expired: (mode) => clients[mode].refused(expired, 'TOKEN_EXPIRED'),
    };

    for (const op of OPS) {
      const [warmup, iterations] = op === 'login' ? [WARMUP.login, LOGIN_ITERATIONS] : [WARMUP.other, ITERATIONS];
      out(`Measuring ${op}: ${warmup} warm-up + ${iterations} rounds x ${MODES.length} modes...`);
      for (let i = 0; i < warmup + iterations; i++) {
        recording = i >= warmup;
        for (let k = 0; k < MODES.length; k++) {
          const mode = MODES[(i + k) % MODES.length]!;
          const workerdCpu = mode === 'wrangler' ? wrangler.cpuUs?.() : undefined;
          const t = performance.now();
          await steps[op](mode, i);
          const ms = performance.now() - t;
          if (!recording) continue;
          record(op, mode, 'latency', ms);
          if (workerdCpu !== undefined) record(op, mode, 'cpuProcess', (wrangler.cpuUs!() - workerdCpu) / 1000);
          if (mode === 'node') for (const [metric, value] of Object.entries(measure!)) record(op, mode, metric as Metric, value);
        }
      }
      recording = false;
    }

    // A forged token naming an unknown kid: jose may refetch the JWKS (30 s cooldown).
    const unknownKid = await forge(seed.access, crypto.randomUUID());
    const unknownKidCalls: number[] = [];
    for (let i = 0; i < 20; i++) {
      await clients.node.refused(unknownKid, 'TOKEN_INVALID');
      unknownKidCalls.push(measure!.upstream);
    }

    const rows = buildRows(samples);
    const verdicts = rows.flatMap((row) => judge(row).map((check) => ({ op: row.op, mode: row.mode, ...check })));
    const runtimeS = (performance.now() - started) / 1000;
    const notes = [
      `first /me after start (JWKS fetch, module-scope cache): node ${fmtCold(cold.node)}; wrangler ${fmtCold(cold.wrangler)}`,
      `forged token with an unknown kid, 20 requests (node): upstream calls ${unknownKidCalls.join(',')} (a JWKS refetch, at most once per 30 s cooldown)`,
      'direct login/refresh = token call + rpc get_my_context (same answer as the worker); "(token call only)" rows = the token call alone',
      'direct forged/expired = auth.getUser(token), one GoTrue round trip; the worker refuses locally',
      'latency columns in ms as the client sees them; x = worker/direct, + = worker - direct (same run)',
      'node mode (bench/node-worker.ts, its own process): app = wall time of app.fetch (no client->worker hop; in-worker + = app - direct); cpu = JS-thread CPU in app.fetch without Node\'s fetch client; +fetch = with it; upstream = outbound fetches per request',
      'proc = CPU of the whole process running the worker, all threads (node: during app.fetch; wrangler: workerd during the request, its proxy worker and the Durable Object included)',
    ];

    out('');
    out(formatTable(rows));
    out('');
    out(formatVerdicts(rows));
    out('');
    for (const note of notes) out(`note: ${note}`);

    const file = path.join(ROOT, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const environment = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, wrangler: readVersion('wrangler'), platform: `${os.platform()} ${os.release()}` };
    fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), runtimeS, environment, iterations: { login: LOGIN_ITERATIONS, other: ITERATIONS, warmup: WARMUP }, rows, verdicts, cold, unknownKidCalls, notes }, null, 2)}\n`);
    out(`\n${verdicts.filter((v) => v.pass).length}/${verdicts.length} targets met. Results: ${path.relative(ROOT, file)}. Runtime ${runtimeS.toFixed(1)} s.`);
  } finally {
    clearTimeout(deadline);
    await cleanup();
  }
}

function fmtCold(value: unknown): string {
  const v = value as Partial<Measure> & { latency: number };
  return `${v.latency.toFixed(1)} ms${v.upstream === undefined ? '' : `, ${v.upstream} upstream calls, cpu ${v.cpuWithFetch?.toFixed(2)} ms`}`;
}

function readVersion(pkg: string): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    stderr(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
