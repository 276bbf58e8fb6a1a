/**
 * Child process: the worker's app (createApp() of src/app.ts) under @hono/node-server,
 * alone in its process so that the CPU measured around `app.fetch` is the worker's own.
 * Requests arrive one at a time. Each response carries what was measured:
 *   X-Bench-Cpu-Us          CPU µs of the JavaScript (main) thread while app.fetch ran —
 *                           the counterpart of a Worker's CPU time (Linux: the thread's
 *                           schedstat, ns-precise; elsewhere process.cpuUsage()),
 *   X-Bench-Fetch-Cpu-Us    the part of it spent inside Node's fetch() (undici) for the
 *                           upstream calls, work the Workers runtime does natively,
 *   X-Bench-Process-Cpu-Us  process.cpuUsage() (all threads: also GC helpers, JIT
 *                           compilation, the libuv pool where WebCrypto runs),
 *   X-Bench-App-Ms          wall time of app.fetch (the request minus the client→worker hop),
 *   X-Bench-Upstream-Calls  outbound fetch() calls made (globalThis.fetch is wrapped),
 *   X-Bench-Upstream-Ms     summed time until those calls had their answer headers.
 * The fetch part is exact only because these routes never run two fetches at once and
 * nothing else runs in this process meanwhile.
 * Bench-only stand-ins: `cloudflare:workers` (imported by src/auth/lockout.ts) resolves
 * to a `DurableObject` base class that keeps `ctx` and `env`, and LOGIN_LOCKOUT is a
 * namespace of real `LoginLockout` objects, one per name, each with an in-memory storage
 * (alarms are recorded, never fired) — the object's own logic, called in-process as a
 * Durable Object call is no upstream call in Workers either. PUBLIC_RATE_LIMIT (the
 * Workers rate-limiting binding) always allows: the benchmark's requests are sequential
 * and come from one address.
 *
 *   node --import tsx bench/node-worker.ts '<json of SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY>'
 */
import fs from 'node:fs';
import { register } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { announceReady } from './child.ts';

const vars = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;

// `cloudflare:workers` → a data: module exporting a DurableObject base class.
const shim = `data:text/javascript,${encodeURIComponent('export class DurableObject { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }')}`;
register(
  `data:text/javascript,${encodeURIComponent(`export async function resolve(specifier, context, next) {
    return specifier === 'cloudflare:workers' ? { url: ${JSON.stringify(shim)}, shortCircuit: true } : next(specifier, context);
  }`)}`,
);

/** CPU µs of this (the main) thread so far. */
const threadCpuUs = (() => {
  const file = `/proc/self/task/${process.pid}/schedstat`;
  if (!fs.existsSync(file))
    return () => {
      const u = process.cpuUsage();
      return u.user + u.system;
    };
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(128);
  return () => Number(buf.toString('latin1', 0, fs.readSync(fd, buf, 0, buf.length, 0)).split(' ')[0]) / 1000;
})();

let upstreamCalls = 0;
let upstreamMs = 0;
let fetchCpuUs = 0;
const originalFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  upstreamCalls += 1;
  const started = performance.now();
  const cpu = threadCpuUs();
  try {
    return await originalFetch(input, init);
  } finally {
    fetchCpuUs += threadCpuUs() - cpu;
    upstreamMs += performance.now() - started;
  }
};

/** The part of a Durable Object's storage that LoginLockout uses, in memory (values copied as storage does). */
function memoryStorage() {
  const values = new Map<string, unknown>();
  let alarm: number | null = null;
  return {
    get: async (key: string) => structuredClone(values.get(key)),
    put: async (key: string, value: unknown) => void values.set(key, structuredClone(value)),
    delete: async (key: string) => values.delete(key),
    deleteAll: async () => {
      values.clear();
      alarm = null;
    },
    getAlarm: async () => alarm,
    setAlarm: async (at: number | Date) => {
      alarm = Number(at);
    },
    deleteAlarm: async () => {
      alarm = null;
    },
  };
}

/** LOGIN_LOCKOUT as a namespace of real LoginLockout objects (idFromName/get), each with its own memory storage. */
async function memoryLockoutNamespace() {
  const { LoginLockout } = await import('../src/auth/lockout.ts');
  const objects = new Map<string, InstanceType<typeof LoginLockout>>();
  return {
    idFromName: (name: string) => name,
    get: (name: string) => {
      let object = objects.get(name);
      if (!object) {
        object = new LoginLockout({ storage: memoryStorage(), id: { toString: () => name } } as never, {} as never);
        objects.set(name, object);
      }
      return object;
    },
  };
}

// The worker logs one JSON line per request; the line is built (its cost counts), not written.
console.log = console.info = console.warn = console.error = () => {};

const { createApp } = await import('../src/app.ts');
const app = createApp();
const env = { ...vars, LOGIN_LOCKOUT: await memoryLockoutNamespace(), PUBLIC_RATE_LIMIT: { limit: async () => ({ success: true }) } };
const executionCtx = { waitUntil() {}, passThroughOnException() {}, props: {} };

async function measured(request: Request): Promise<Response> {
  upstreamCalls = 0;
  upstreamMs = 0;
  fetchCpuUs = 0;
  const processBefore = process.cpuUsage();
  const started = performance.now();
  const before = threadCpuUs();
  const response = await app.fetch(request, env, executionCtx as never);
  const cpu = threadCpuUs() - before;
  const appMs = performance.now() - started;
  const processCpu = process.cpuUsage(processBefore);
  const headers = new Headers(response.headers);
  headers.set('X-Bench-App-Ms', appMs.toFixed(3));
  headers.set('X-Bench-Cpu-Us', cpu.toFixed(1));
  headers.set('X-Bench-Process-Cpu-Us', String(processCpu.user + processCpu.system));
  headers.set('X-Bench-Fetch-Cpu-Us', String(fetchCpuUs));
  headers.set('X-Bench-Upstream-Calls', String(upstreamCalls));
  headers.set('X-Bench-Upstream-Ms', upstreamMs.toFixed(3));
  return new Response(response.body, { status: response.status, headers });
}

const server = serve({ fetch: measured, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  announceReady(
    { url: `http://127.0.0.1:${info.port}` },
    () =>
      new Promise<void>((done) => {
        server.close(() => done());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  );
});
