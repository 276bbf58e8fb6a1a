/**
 * The two ways the benchmark runs the worker:
 * - {@link startWranglerWorker}: the real worker (src/index.ts, wrangler.toml, the
 *   LoginLockout Durable Object with in-memory storage) in workerd through wrangler's
 *   `unstable_startWorker`, i.e. what `wrangler dev` serves, its proxy worker included.
 *   On Linux it also reads the workerd process's CPU time (all its threads' schedstat),
 *   so the caller can take the difference around a request.
 * - {@link startNodeWorker}: the same app under @hono/node-server in a child process
 *   (bench/node-worker.ts), which reports its CPU time and upstream calls per request in
 *   response headers.
 */
import fs from 'node:fs';
import { unstable_startWorker } from 'wrangler';
import { startChild } from './child.ts';

/** The worker's required bindings. */
export interface WorkerVars {
  SUPABASE_URL: string;
  SUPABASE_ANON_KEY: string;
  SUPABASE_SERVICE_ROLE_KEY: string;
}

/** A running worker: its base URL and how to stop it. */
export interface RunningWorker {
  url: string;
  stop(): Promise<void>;
  /** CPU µs used so far by the process running the worker, when it can be read. */
  cpuUs?: () => number;
}

/** The pid of this process's workerd child (wrangler spawns it), or undefined. */
function findWorkerdChild(): number | undefined {
  if (!fs.existsSync('/proc/self/task')) return undefined;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('workerd')) return Number(pid);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

/** Sum of the CPU time (µs) of every thread of `pid`, from /proc/<pid>/task/<tid>/schedstat. */
function processCpuUs(pid: number): number {
  let ns = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended while we looked
    }
  }
  return ns / 1000;
}

/** Starts src/index.ts in workerd via wrangler; the given vars override .dev.vars. */
export async function startWranglerWorker(vars: WorkerVars): Promise<RunningWorker> {
  const bindings = Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: 'plain_text' as const, value }]));
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings,
    sendMetrics: false,
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist: false, logLevel: 'error' },
  });
  await worker.ready;
  const workerd = findWorkerdChild();
  return {
    url: (await worker.url).origin,
    stop: () => worker.dispose(),
    ...(workerd ? { cpuUs: () => processCpuUs(workerd) } : {}),
  };
}

/** Starts bench/node-worker.ts and resolves once it serves. */
export async function startNodeWorker(vars: WorkerVars): Promise<RunningWorker> {
  const child = await startChild<{ url: string }>('bench/node-worker.ts', [JSON.stringify(vars)], 60_000);
  return { url: child.info.url, stop: child.stop };
}
