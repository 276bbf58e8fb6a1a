/**
 * `npm run bench` — the benchmark of issues 5, 15 and 10. Starts its own local Supabase
 * stand-in in a child process (bench/stand-in.ts, free ports, temporary data folder),
 * creates a few users, then runs three phases (all by default; `BENCH_PHASES` picks some):
 *
 * - `modes`: login, refresh, me and a request with an invalid token (forged signature;
 *   expired) measured three ways in the same run:
 *     direct    supabase-js straight against the stand-in (the baseline),
 *     wrangler  the worker in workerd via wrangler's unstable_startWorker (wrangler dev),
 *     node      the same app under @hono/node-server in a child process that reports its
 *               CPU time and upstream calls per request (bench/node-worker.ts, for profiling).
 *   Requests are sequential and the three modes are interleaved (rotating order) so that
 *   drift hits them alike.
 * - `cpu`: the CPU time of the workerd process that runs the worker, per request of each
 *   route, minus that of a 404 (bench/workerd-cpu.ts). Linux only.
 * - `gap`: the timing gap between existing and unknown emails on failed login and on
 *   password forgot, through the worker (bench/timing-gap.ts).
 *
 * Prints the figures and the PASS/MISS of each target, writes the same as JSON and as an
 * SVG chart to bench/results/<timestamp>.{json,svg}, and stops everything it started. See
 * bench/README.md for how to read the figures.
 *
 * Environment: BENCH_ITERATIONS (default 200), BENCH_LOGIN_ITERATIONS (default 100),
 * BENCH_PHASES (default "modes,cpu,gap"), BENCH_CPU_BATCHES (3), BENCH_CPU_REQUESTS (200),
 * BENCH_CPU_LOGIN_REQUESTS (40), BENCH_GAP_SAMPLES (40).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import * as jose from 'jose';
import {
  benchChart,
  buildRows,
  formatTable,
  formatVerdicts,
  judge,
  type Metric,
  MODES,
  type Mode,
  OPS,
  type Op,
  type Samples,
} from './report.ts';
import {
  boundedFetch as boundedFetchWithin,
  createUsers,
  out,
  ROOT,
  readVersion,
  silenceConsole,
  startRun,
  startStandIn,
} from './setup.ts';
import { formatGap, type GapResult, measureTimingGap } from './timing-gap.ts';
import { type CpuKind, type CpuRow, explainCpu, formatCpuTable, measureWorkerdCpu } from './workerd-cpu.ts';
import { type RunningWorker, startControlWorker, startNodeWorker, startWranglerWorker, type WorkerVars } from './workers.ts';

const intEnv = (name: string, fallback: number) => Math.max(1, Number.parseInt(process.env[name] ?? '', 10) || fallback);
const ITERATIONS = intEnv('BENCH_ITERATIONS', 200);
const LOGIN_ITERATIONS = intEnv('BENCH_LOGIN_ITERATIONS', 100);
const PHASES = new Set((process.env.BENCH_PHASES ?? 'modes,cpu,gap').split(',').map((p) => p.trim()));
const CPU = {
  batches: intEnv('BENCH_CPU_BATCHES', 3),
  requests: intEnv('BENCH_CPU_REQUESTS', 200),
  loginRequests: intEnv('BENCH_CPU_LOGIN_REQUESTS', 40),
};
const GAP = { samples: intEnv('BENCH_GAP_SAMPLES', 40), warmup: 3 };
const WARMUP = { login: 5, other: 50 };
const USERS = 20;
const PASSWORD = 'bench-password-1';
const REQUEST_TIMEOUT_MS = 10_000;
const RUN_DEADLINE_MS = 6 * 60_000;

const stderr = silenceConsole();

interface Tokens {
  access: string;
  refresh: string;
}

// ---- the clients of each mode -------------------------------------------------------

/** A `fetch` bounded by REQUEST_TIMEOUT_MS, so that no request of the benchmark can hang. */
const boundedFetch = boundedFetchWithin(REQUEST_TIMEOUT_MS);

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

/**
 * Reads the X-Bench-* headers of a node-mode answer. A header that is missing, empty or
 * not a finite number aborts the run: counting it as 0 would report a figure nobody measured.
 */
function readMeasure(headers: Headers, what: string): Measure {
  const h = (name: string) => {
    const raw = headers.get(`X-Bench-${name}`);
    const value = raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value)) {
      throw new Error(
        `${what}: no measurement: header X-Bench-${name} is ${raw === null ? 'missing' : `${JSON.stringify(raw)}, not a number`} (bench/node-worker.ts sets it on every answer)`,
      );
    }
    return value;
  };
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
    if (onMeasure) onMeasure(readMeasure(res.headers, `${base} ${method} ${route}`));
    return {
      status: res.status,
      json: (await res.json()) as { data?: { access_token: string; refresh_token: string }; error?: { code: string } },
    };
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
      if (status !== 401 || json.error?.code !== code)
        throw new Error(`${base} me with a bad token: ${status} ${json.error?.code}, expected 401 ${code}`);
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
  const [{ key_ops: _ops, ext: _ext, use: _use, ...jwk }] = JSON.parse(
    fs.readFileSync(path.join(dataDir, 'signing-keys.json'), 'utf8'),
  ) as [jose.JWK];
  const now = Math.floor(Date.now() / 1000);
  return new jose.SignJWT({ ...jose.decodeJwt(real), iat: now - 4000, exp: now - 3600 })
    .setProtectedHeader({ alg: jwk.alg!, kid: jwk.kid!, typ: 'JWT' })
    .sign(await jose.importJWK(jwk, jwk.alg));
}

// ---- the workerd CPU phase ----------------------------------------------------------

/** Issue 23's targets: our CPU per request above a 404 in workerd, ms. */
const CPU_TARGETS_MS = { forged: 0.15, me: 0.4, refresh: 0.8, login: 1.2 };

/** The control worker's process and what its forwarded calls need. */
interface Control {
  pid: number;
  base: string;
  anonKey: string;
  /** Its own refresh chain (the control rotates tokens as our refresh does). */
  seed: Tokens;
}

/**
 * The request kinds of the CPU phase, against our worker's own workerd process at `base`,
 * and, with `control`, the same upstream calls, Durable Object and rate-limit calls made by
 * the control worker (bench/control-worker.ts) against its own 404.
 */
function cpuKinds(base: string, emails: string[], seed: Tokens, forged: string, serviceKey: string, control?: Control): CpuKind[] {
  const client = workerClient(base);
  let chain = seed;
  const expect = async (res: Response, status: number, code: string) => {
    const json = (await res.json()) as { error?: { code: string } };
    if (res.status !== status || json.error?.code !== code)
      throw new Error(`${base}: ${res.status} ${json.error?.code}, expected ${status} ${code}`);
  };
  return [
    {
      name: 'baseline',
      batch: CPU.requests,
      send: async () => expect(await boundedFetch(`${base}/api/v1/bench/unknown-route`), 404, 'NOT_FOUND'),
    },
    {
      name: 'invalid body',
      batch: CPU.requests,
      send: async () =>
        expect(
          await boundedFetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
          400,
          'VALIDATION_ERROR',
        ),
    },
    {
      // One Durable Object call that reads and clears storage (LoginLockout.clear), no upstream call.
      name: 'admin clear',
      batch: CPU.requests,
      send: async (i) => {
        const res = await boundedFetch(`${base}/api/v1/auth/admin/lockouts/clear`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serviceKey}` },
          body: JSON.stringify({ email: `nobody-${i % 50}@example.com` }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${base} admin lockouts/clear: ${res.status}`);
      },
    },
    { name: 'forged', batch: CPU.requests, targetMs: CPU_TARGETS_MS.forged, send: () => client.refused(forged, 'TOKEN_INVALID') },
    {
      name: 'me',
      batch: CPU.requests,
      targetMs: CPU_TARGETS_MS.me,
      runtime: control ? ['control me'] : undefined,
      send: () => client.me(seed.access),
    },
    {
      name: 'refresh',
      batch: CPU.requests,
      targetMs: CPU_TARGETS_MS.refresh,
      runtime: control ? ['control refresh', 'control limit'] : undefined,
      send: async () => {
        chain = await client.refresh(chain.refresh);
      },
    },
    {
      name: 'login',
      batch: CPU.loginRequests,
      targetMs: CPU_TARGETS_MS.login,
      runtime: control ? ['control login', 'control do', 'control limit'] : undefined,
      send: async (i) => void (await client.login(emails[i % emails.length]!)),
    },
    ...(control ? controlKinds(control, emails) : []),
  ];
}

/** The control worker's kinds (see {@link cpuKinds}); each checks its answer like ours. */
function controlKinds(control: Control, emails: string[]): CpuKind[] {
  const { pid, base, anonKey } = control;
  let chain = control.seed;
  const send = async (route: string, init: RequestInit, status: number): Promise<unknown> => {
    const res = await boundedFetch(`${base}${route}`, init);
    const text = await res.text();
    if (res.status !== status) throw new Error(`control ${route}: ${res.status} ${text.slice(0, 200)}, expected ${status}`);
    return JSON.parse(text) as unknown;
  };
  const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', apikey: anonKey, ...headers },
    body: JSON.stringify(body),
  });
  const common = { pid, baseline: 'control 404' };
  return [
    { ...common, name: 'control 404', batch: CPU.requests, send: async () => void (await send('/404', {}, 404)) },
    {
      ...common,
      name: 'control me',
      batch: CPU.requests,
      send: async () =>
        void (await send('/forward/rest/v1/rpc/get_my_context', post({}, { Authorization: `Bearer ${control.seed.access}` }), 200)),
    },
    {
      ...common,
      name: 'control refresh',
      batch: CPU.requests,
      send: async () => {
        const session = (await send('/forward/auth/v1/token?grant_type=refresh_token', post({ refresh_token: chain.refresh }), 200)) as {
          access_token: string;
          refresh_token: string;
        };
        chain = { access: session.access_token, refresh: session.refresh_token };
      },
    },
    {
      ...common,
      name: 'control login',
      batch: CPU.loginRequests,
      send: async (i) =>
        void (await send(
          '/forward/auth/v1/token?grant_type=password',
          post({ email: emails[i % emails.length], password: PASSWORD }),
          200,
        )),
    },
    {
      ...common,
      // The Durable Object kinds rotate over the same accounts in batches of login's size, so
      // that their objects are as often cold (created, storage opened) as our logins' are.
      name: 'control do',
      batch: CPU.loginRequests,
      send: async (i) => void (await send('/do', post({ email: emails[i % emails.length] }), 200)),
    },
    {
      ...common,
      name: 'control lockout',
      batch: CPU.loginRequests,
      send: async (i) => void (await send('/lockout', post({ email: emails[i % emails.length] }), 200)),
    },
    { ...common, name: 'control limit', batch: CPU.requests, send: async () => void (await send('/limit', post({}), 200)) },
  ];
}

// ---- the run ------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const run = startRun('bench', RUN_DEADLINE_MS, stderr);
  try {
    // Every request comes from 127.0.0.1: the stand-in's per-IP limits are lifted for the run.
    out('Starting the stand-in (child process, per-IP rate limits lifted)...');
    const standIn = await startStandIn(run, { raiseRateLimits: true });
    const vars = standIn.vars;

    out(`Signing up ${USERS} users directly...`);
    const emails = Array.from({ length: USERS }, (_, i) => `bench-${i}@example.com`);
    for (const email of emails) {
      const { error } = await supabase(vars).auth.signUp({ email, password: PASSWORD });
      if (error) throw new Error(`sign-up ${email}: ${error.message}`);
    }

    out(`Starting the worker: ${PHASES.has('modes') ? 'under @hono/node-server (child process) and ' : ''}under wrangler (workerd)...`);
    const node = PHASES.has('modes') ? await startNodeWorker(vars) : undefined;
    if (node) run.defer(node.stop);
    const wrangler: RunningWorker = await startWranglerWorker(vars);
    run.defer(wrangler.stop);

    // The figures of node mode's last answer; taken (and cleared) after each node request,
    // so that a request that brought none aborts the run instead of reusing older ones.
    let measure: Measure | undefined;
    const takeMeasure = (what: string): Measure => {
      const taken = measure;
      measure = undefined;
      if (!taken) throw new Error(`${what}: node mode brought no X-Bench-* measurement`);
      return taken;
    };
    const samples: Record<string, Partial<Record<Mode, Samples>>> = {};
    const record = (op: string, mode: Mode, metric: Metric, value: number) => {
      samples[op] ??= {};
      const byMode = samples[op];
      byMode[mode] ??= {};
      const byMetric = byMode[mode];
      byMetric[metric] ??= [];
      byMetric[metric].push(value);
    };
    let recording = false;
    const direct = directClient(vars, (op, ms) => recording && record(`${op} (token call only)`, 'direct', 'latency', ms));
    const seed = await direct.login(emails[0]!);
    const forged = await forge(seed.access);
    const notes: string[] = [];
    const cold: Record<string, unknown> = {};
    let unknownKidCalls: number[] = [];

    if (node) {
      const clients: Record<Mode, Client> = {
        direct,
        wrangler: workerClient(wrangler.url),
        node: workerClient(node.url, (m) => (measure = m)),
      };
      // Cold start of token verification: the first /me fetches the JWKS (kept at module scope).
      for (const mode of ['node', 'wrangler'] as const) {
        const t = performance.now();
        await clients[mode].me(seed.access);
        cold[mode] = { latency: performance.now() - t, ...(mode === 'node' ? takeMeasure('node me (cold)') : {}) };
      }
      const expired = await expire(seed.access, run.dataDir);

      const tokens = {} as Record<Mode, Tokens>;
      const steps: Record<Op, (mode: Mode, i: number) => Promise<void>> = {
        login: async (mode, i) => {
          tokens[mode] = await clients[mode].login(emails[i % USERS]!);
        },
        refresh: async (mode) => {
          tokens[mode] = await clients[mode].refresh(tokens[mode].refresh);
        },
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
            const measured = mode === 'node' ? takeMeasure(`node ${op}`) : undefined;
            if (!recording) continue;
            record(op, mode, 'latency', ms);
            if (workerdCpu !== undefined) record(op, mode, 'cpuProcess', (wrangler.cpuUs!() - workerdCpu) / 1000);
            for (const [metric, value] of Object.entries(measured ?? {})) record(op, mode, metric as Metric, value);
          }
        }
        recording = false;
      }

      // A forged token naming an unknown kid: the worker may refetch the JWKS (30 s cooldown).
      const unknownKid = await forge(seed.access, crypto.randomUUID());
      unknownKidCalls = [];
      for (let i = 0; i < 20; i++) {
        await clients.node.refused(unknownKid, 'TOKEN_INVALID');
        unknownKidCalls.push(takeMeasure('node me with an unknown kid').upstream);
      }
      notes.push(
        `first /me after start (JWKS fetch, module-scope cache): node ${fmtCold(cold.node)}; wrangler ${fmtCold(cold.wrangler)}`,
        `forged token with an unknown kid, 20 requests (node): upstream calls ${unknownKidCalls.join(',')} (a JWKS refetch, at most once per 30 s cooldown)`,
        'direct login/refresh = token call + rpc get_my_context (same answer as the worker); "(token call only)" rows = the token call alone',
        'direct forged/expired = auth.getUser(token), one GoTrue round trip; the worker refuses locally',
        'latency columns in ms as the client sees them; x = worker/direct, + = worker - direct (same run)',
        "node mode (bench/node-worker.ts, its own process): app = wall time of app.fetch (no client->worker hop; in-worker + = app - direct); cpu = JS-thread CPU in app.fetch without Node's fetch client; +fetch = with it; upstream = outbound fetches per request",
        "proc = CPU of the whole process(es) running the worker, all threads (node: during app.fetch; wrangler: both workerd processes during the request, wrangler's proxy worker and the Durable Object included)",
      );
    }

    // The worker's own workerd process, without wrangler's proxy (Linux); else the proxy URL.
    const workerdUrl = wrangler.workerd?.directUrl ?? wrangler.url;

    let cpu: CpuRow[] | undefined;
    if (PHASES.has('cpu')) {
      if (!wrangler.workerd) {
        notes.push('cpu phase skipped: the workerd process of the worker was not found (Linux /proc needed)');
      } else {
        out('Starting the control worker (bench/control-worker.ts: the same calls, none of our code)...');
        const controlWorker = await startControlWorker(vars.SUPABASE_URL);
        run.defer(controlWorker.stop);
        let control: Control | undefined;
        if (controlWorker.workerd) {
          const { data, error } = await supabase(vars).auth.signInWithPassword({ email: emails[2]!, password: PASSWORD });
          if (error || !data.session) throw new Error(`control session: ${error?.message}`);
          control = {
            pid: controlWorker.workerd.workerPid,
            base: controlWorker.workerd.directUrl,
            anonKey: vars.SUPABASE_ANON_KEY,
            seed: { access: data.session.access_token, refresh: data.session.refresh_token },
          };
        } else {
          notes.push('runtime control skipped: the workerd process of the control worker was not found');
        }
        out(
          `Measuring CPU in workerd (pid ${wrangler.workerd.workerPid}${control ? `, control ${control.pid}` : ''}): ${CPU.batches} batches of ${CPU.requests} sequential requests per route (login ${CPU.loginRequests}), interleaved...`,
        );
        cpu = await measureWorkerdCpu({
          pid: wrangler.workerd.workerPid,
          kinds: cpuKinds(
            wrangler.workerd.directUrl,
            emails,
            await workerClient(wrangler.workerd.directUrl).login(emails[1]!),
            forged,
            vars.SUPABASE_SERVICE_ROLE_KEY,
            control,
          ),
          baseline: 'baseline',
          batches: CPU.batches,
        });
      }
    }

    let gap: GapResult | undefined;
    if (PHASES.has('gap')) {
      const gapEmails = Array.from({ length: GAP.samples + GAP.warmup }, (_, i) => `gap-${i}@example.com`);
      out(`Measuring the timing gap: ${GAP.samples} samples (+${GAP.warmup} warm-up) of 6 kinds, interleaved, through the worker...`);
      await createUsers(standIn, gapEmails, PASSWORD);
      gap = await measureTimingGap({
        baseUrl: workerdUrl,
        existing: gapEmails,
        password: PASSWORD,
        samples: GAP.samples,
        warmup: GAP.warmup,
        fetch: boundedFetch,
      });
    }

    const rows = buildRows(samples);
    const verdicts = rows.flatMap((row) => judge(row).map((check) => ({ op: row.op, mode: row.mode, ...check })));
    for (const row of cpu ?? []) {
      if (row.pass !== undefined)
        verdicts.push({
          op: row.kind,
          mode: 'wrangler',
          target: `workerd cpu above a 404 <= ${row.targetMs} ms`,
          value: row.ours!.stat.toFixed(3),
          pass: row.pass,
        });
      if (row.passBeyondRuntime !== undefined)
        verdicts.push({
          op: row.kind,
          mode: 'wrangler',
          target: `workerd cpu beyond the runtime control <= ${row.targetMs} ms`,
          value: row.beyondRuntime!.stat.toFixed(3),
          pass: row.passBeyondRuntime,
        });
    }
    for (const v of gap?.verdicts ?? [])
      verdicts.push({ op: `${v.route} gap`, mode: 'wrangler', target: 'timing gap < 5 ms', value: v.difference.toFixed(2), pass: v.pass });
    const runtimeS = (performance.now() - started) / 1000;

    if (rows.length) {
      out('');
      out(formatTable(rows));
      out('');
      out(formatVerdicts(rows));
    }
    const explained = cpu ? explainCpu(cpu) : [];
    if (cpu) {
      out('');
      out(
        `CPU of the workerd process running the worker, per request (ms; requests sent straight to it; baseline = GET /api/v1/bench/unknown-route, a 404 that makes no upstream call):`,
      );
      out(formatCpuTable(cpu));
      out(
        'beyond runtime = ours minus what the control worker (no code of ours) pays for the same calls above its own 404: me − one get_my_context fetch; refresh − one refresh-grant fetch − one rate-limit call; login − one password-grant fetch − two Durable Object calls − one rate-limit call',
      );
      out('What the differences between routes say (schedstat, ms per request):');
      for (const e of explained) out(`  ${e.ms.toFixed(3).padStart(7)}  ${e.part}`);
    }
    if (gap) {
      out('');
      out(`Timing gap through the worker (${gap.samples} samples per kind, interleaved; a fresh email per sample):`);
      out(formatGap(gap));
    }
    out('');
    for (const note of notes) out(`note: ${note}`);

    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(ROOT, 'bench', 'results', `${stamp}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const environment = {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      wrangler: readVersion('wrangler'),
      platform: `${os.platform()} ${os.release()}`,
    };
    const result = {
      date: new Date().toISOString(),
      runtimeS,
      environment,
      phases: [...PHASES],
      iterations: { login: LOGIN_ITERATIONS, other: ITERATIONS, warmup: WARMUP, cpu: CPU, gap: GAP },
      rows,
      verdicts,
      cold,
      unknownKidCalls,
      workerdCpu: cpu,
      cpuExplained: explained,
      timingGap: gap,
      notes,
    };
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    const svg = file.replace(/\.json$/, '.svg');
    fs.writeFileSync(svg, benchChart(result));
    out(
      `\n${verdicts.filter((v) => v.pass).length}/${verdicts.length} targets met. Results: ${path.relative(ROOT, file)} and ${path.relative(ROOT, svg)}. Runtime ${runtimeS.toFixed(1)} s.`,
    );
  } finally {
    run.done();
    await run.cleanup();
  }
}

function fmtCold(value: unknown): string {
  const v = value as Partial<Measure> & { latency: number };
  return `${v.latency.toFixed(1)} ms${v.upstream === undefined ? '' : `, ${v.upstream} upstream calls, cpu ${v.cpuWithFetch?.toFixed(2)} ms`}`;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    stderr(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
