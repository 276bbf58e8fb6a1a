/**
 * The two ways the benchmark runs the worker:
 * - {@link startWranglerWorker}: the real worker (src/index.ts, wrangler.toml, the
 *   LoginLockout Durable Object with in-memory storage) in workerd through wrangler's
 *   `unstable_startWorker`, i.e. what `wrangler dev` serves. wrangler runs two workerd
 *   processes: its proxy worker, which listens on the URL it gives out, and the one that
 *   runs our worker and its Durable Object behind it. On Linux both are found (by
 *   which one listens on that URL), so that the caller can read the CPU time of each
 *   (/proc/<pid>/stat, /proc/<pid>/task/<tid>/schedstat) and send requests straight to
 *   the worker's own process, without the proxy (`workerd.directUrl`).
 * - {@link startNodeWorker}: the same app under @hono/node-server in a child process
 *   (bench/node-worker.ts), which reports its CPU time and upstream calls per request in
 *   response headers.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { unstable_startWorker } from 'wrangler';
import { startChild } from './child.ts';

/** The header every answer of the control worker carries. */
const CONTROL_MARKER = 'X-Bench-Control';

/** The worker's required bindings. */
export interface WorkerVars {
  SUPABASE_URL: string;
  SUPABASE_ANON_KEY: string;
  SUPABASE_SERVICE_ROLE_KEY: string;
}

/** The two workerd processes of a wrangler worker. */
interface WorkerdProcesses {
  /** Runs our worker and its Durable Object. */
  workerPid: number;
  /** Runs wrangler's proxy worker (the URL wrangler gives out). */
  proxyPid: number;
  /** Our worker's process, reached without the proxy. */
  directUrl: string;
}

/** A running worker: its base URL and how to stop it. */
export interface RunningWorker {
  url: string;
  stop(): Promise<void>;
  /** CPU µs used so far by the process(es) running the worker, when it can be read. */
  cpuUs?: () => number;
  /** wrangler mode on Linux: its workerd processes. */
  workerd?: WorkerdProcesses;
}

/** Parent pid of `pid`, or undefined when it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Pids of this process's workerd children (wrangler spawns them). */
function workerdChildren(): number[] {
  if (!fs.existsSync('/proc/self/task')) return [];
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return parentOf(pid) === process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('workerd');
      } catch {
        return false; // the process ended while we looked
      }
    });
}

/** Loopback TCP ports `pid` listens on (its socket inodes matched against /proc/net/tcp). */
function listeningPorts(pid: number): number[] {
  const byInode = new Map<string, number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[3] === '0A') byInode.set(f[9]!, Number.parseInt(f[1]!.split(':').at(-1)!, 16));
    }
  }
  const ports: number[] = [];
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode && byInode.has(inode)) ports.push(byInode.get(inode)!);
    } catch {
      // the descriptor closed while we looked
    }
  }
  return ports;
}

/** Sum of the CPU time (µs) of every thread of `pid`, from /proc/<pid>/task/<tid>/schedstat (ns precise). */
export function processCpuUs(pid: number): number {
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

let clockTicks: number | undefined;

/** utime + stime of `pid` from /proc/<pid>/stat, in ms (resolution: one clock tick, usually 10 ms). */
export function processStatCpuMs(pid: number): number {
  clockTicks ??= (() => {
    try {
      return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      return 100;
    }
  })();
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "(comm) ": state is field 3 of proc(5), so utime (14) and stime (15) are at 11 and 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/**
 * The workerd process behind wrangler's proxy at `url` that runs the worker (Linux), or
 * undefined: the one whose answer carries the header `marker` (our app answers every request,
 * even a misconfigured one, with a request id; the control worker marks its own).
 */
async function findWorkerd(url: string, marker = 'X-Request-Id'): Promise<WorkerdProcesses | undefined> {
  const proxyPort = Number(new URL(url).port);
  const pids = workerdChildren();
  const proxyPid = pids.find((pid) => listeningPorts(pid).includes(proxyPort));
  if (proxyPid === undefined) return undefined;
  for (const pid of pids.filter((p) => p !== proxyPid)) {
    for (const port of listeningPorts(pid)) {
      const directUrl = `http://127.0.0.1:${port}`;
      try {
        const res = await fetch(`${directUrl}/api/v1/__bench-probe`, { signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.headers.has(marker)) return { workerPid: pid, proxyPid, directUrl };
      } catch {
        // not an HTTP entry of our worker
      }
    }
  }
  return undefined;
}

/**
 * Starts src/index.ts in workerd via wrangler; `vars` and `extra` (more [vars], e.g.
 * UPSTREAM_TIMEOUT_MS) override wrangler.toml and .dev.vars.
 */
export async function startWranglerWorker(vars: WorkerVars, extra: Record<string, string> = {}): Promise<RunningWorker> {
  const bindings = Object.fromEntries(
    Object.entries({ ...vars, ...extra }).map(([k, value]) => [k, { type: 'plain_text' as const, value }]),
  );
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings,
    sendMetrics: false,
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist: false, logLevel: 'error' },
  });
  await worker.ready;
  const url = (await worker.url).origin;
  // The first request makes sure the worker's own process is up before we look for it.
  await (await fetch(`${url}/api/v1/__bench-probe`, { signal: AbortSignal.timeout(30_000) })).arrayBuffer();
  const workerd = await findWorkerd(url).catch(() => undefined);
  const running: RunningWorker = { url, stop: () => worker.dispose() };
  if (workerd) {
    running.workerd = workerd;
    // Proxy and worker together: an upper bound of what one request costs under wrangler dev.
    running.cpuUs = () => processCpuUs(workerd.workerPid) + processCpuUs(workerd.proxyPid);
  }
  return running;
}

/**
 * Starts the control worker (bench/control-worker.ts, its own config) in workerd via
 * wrangler, forwarding to `supabaseUrl`; Linux finds its own process as for ours.
 */
export async function startControlWorker(supabaseUrl: string): Promise<RunningWorker> {
  const worker = await unstable_startWorker({
    config: 'bench/control-wrangler.toml',
    bindings: { SUPABASE_URL: { type: 'plain_text', value: supabaseUrl } },
    sendMetrics: false,
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist: false, logLevel: 'error' },
  });
  await worker.ready;
  const url = (await worker.url).origin;
  await (await fetch(`${url}/404`, { signal: AbortSignal.timeout(30_000) })).arrayBuffer();
  const workerd = await findWorkerd(url, CONTROL_MARKER).catch(() => undefined);
  return workerd ? { url, stop: () => worker.dispose(), workerd } : { url, stop: () => worker.dispose() };
}

/** Starts bench/node-worker.ts and resolves once it serves. */
export async function startNodeWorker(vars: WorkerVars): Promise<RunningWorker> {
  const child = await startChild<{ url: string }>('bench/node-worker.ts', [JSON.stringify(vars)], 60_000);
  return { url: child.info.url, stop: child.stop };
}
