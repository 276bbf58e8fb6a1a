/**
 * CPU of the real worker in workerd, per request (issue 15): requests go straight to the
 * workerd process that runs our worker and its Durable Object (wrangler's proxy worker,
 * a process of its own, is not in the path), in batches of N sequential requests of one
 * kind, the kinds interleaved batch by batch. Around each batch the process's CPU time
 * is read twice: utime + stime of /proc/<pid>/stat (one clock tick, 10 ms, per reading;
 * over a batch of 200 that is ±0.05 ms per request) and the ns-precise sum of its threads'
 * schedstat. The mean CPU per request of a kind minus that of the baseline kind (a 404 of
 * an unknown route: our middleware and the runtime's HTTP work, no upstream call) is what
 * the route costs above a 404 (`ours`, the figure issue 23's targets are written in).
 *
 * That figure still holds the runtime's own price for the calls a route makes (one fetch
 * and its answer, a Durable Object RPC call, a rate-limiting binding call), which local
 * workerd charges far above what our code around them costs. So the same calls are made by
 * a control worker without any of our code (bench/control-worker.ts, its own workerd
 * process, measured the same way against its own 404, interleaved with ours): a route that
 * names its control kinds (`runtime`) also gets `beyondRuntime`, its `ours` minus theirs —
 * what our code costs beyond the calls themselves. Linux only; the caller skips it elsewhere.
 */
import { processCpuUs, processStatCpuMs } from './workers.ts';

/** One kind of request: `send` makes one request and throws on an unexpected answer. */
export interface CpuKind {
  name: string;
  /** Requests per batch. */
  batch: number;
  send(i: number): Promise<void>;
  /** The process that serves it, when not the options' `pid` (the control worker's). */
  pid?: number;
  /** The kind it is measured against, when not the options' `baseline` (the control's own 404). */
  baseline?: string;
  /** Target of our code's CPU per request, ms (kinds without one are there to explain the figures). */
  targetMs?: number;
  /**
   * Control kinds whose cost above their own baseline is the runtime's part of this route
   * (the same calls made by a worker without our code); subtracted to give `beyondRuntime`.
   */
  runtime?: string[];
}

/** What one kind cost, per request, in ms. */
export interface CpuRow {
  kind: string;
  requests: number;
  /** /proc/<pid>/stat utime+stime per request. */
  stat: number;
  /** Threads' schedstat per request. */
  sched: number;
  /** Lowest and highest per-request stat figure of the batches. */
  statMin: number;
  statMax: number;
  /** Minus the baseline kind's (undefined for the baseline itself). */
  ours?: { stat: number; sched: number };
  /** `ours` minus the runtime's part (the control kinds' `ours`), for kinds that name them. */
  beyondRuntime?: { stat: number; sched: number };
  /** The kind's target (target kinds only). */
  targetMs?: number;
  /** ours.stat <= targetMs (target kinds only). */
  pass?: boolean;
  /** beyondRuntime.stat <= targetMs (target kinds with a runtime part). */
  passBeyondRuntime?: boolean;
}

/** Options of {@link measureWorkerdCpu}. */
export interface CpuOptions {
  pid: number;
  kinds: CpuKind[];
  /** Name of the kind that does no work of ours. */
  baseline: string;
  /** Batches per kind (default 3). */
  batches?: number;
  /** Requests of each kind before measuring (default 10; a tenth of a batch when smaller). */
  warmup?: number;
  onBatch?: (kind: string, batch: number) => void;
}

/** Measures every kind, interleaved; see the module comment. */
export async function measureWorkerdCpu(options: CpuOptions): Promise<CpuRow[]> {
  const { kinds, baseline, batches = 3, warmup = 10 } = options;
  const totals = new Map(kinds.map((k) => [k.name, { n: 0, stat: 0, sched: 0, perBatch: [] as number[] }]));
  let counter = 0;
  for (const kind of kinds) for (let i = 0; i < Math.min(warmup, Math.ceil(kind.batch / 10)); i++) await kind.send(counter++);
  for (let b = 0; b < batches; b++) {
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(b + k) % kinds.length]!;
      options.onBatch?.(kind.name, b);
      const pid = kind.pid ?? options.pid;
      const stat0 = processStatCpuMs(pid);
      const sched0 = processCpuUs(pid);
      for (let i = 0; i < kind.batch; i++) await kind.send(counter++);
      const stat = processStatCpuMs(pid) - stat0;
      const sched = (processCpuUs(pid) - sched0) / 1000;
      const t = totals.get(kind.name)!;
      t.n += kind.batch;
      t.stat += stat;
      t.sched += sched;
      t.perBatch.push(stat / kind.batch);
    }
  }
  const rows: CpuRow[] = kinds.map((kind) => {
    const t = totals.get(kind.name)!;
    return {
      kind: kind.name,
      requests: t.n,
      stat: t.stat / t.n,
      sched: t.sched / t.n,
      statMin: Math.min(...t.perBatch),
      statMax: Math.max(...t.perBatch),
    };
  });
  const rowOf = (name: string) => {
    const row = rows.find((r) => r.kind === name);
    if (!row) throw new Error(`no kind ${name}`);
    return row;
  };
  const baselines = new Set([baseline, ...kinds.map((k) => k.baseline ?? baseline)]);
  for (const kind of kinds) {
    if (baselines.has(kind.name)) continue;
    const row = rowOf(kind.name);
    const base = rowOf(kind.baseline ?? baseline);
    row.ours = { stat: row.stat - base.stat, sched: row.sched - base.sched };
  }
  for (const kind of kinds) {
    const row = rowOf(kind.name);
    if (!row.ours) continue;
    if (kind.runtime?.length) {
      const parts = kind.runtime.map((name) => rowOf(name).ours);
      if (parts.some((p) => !p)) throw new Error(`${kind.name}: a runtime part is a baseline`);
      row.beyondRuntime = {
        stat: row.ours.stat - parts.reduce((sum, p) => sum + p!.stat, 0),
        sched: row.ours.sched - parts.reduce((sum, p) => sum + p!.sched, 0),
      };
    }
    if (kind.targetMs !== undefined) {
      row.targetMs = kind.targetMs;
      row.pass = row.ours.stat <= kind.targetMs;
      if (row.beyondRuntime) row.passBeyondRuntime = row.beyondRuntime.stat <= kind.targetMs;
    }
  }
  return rows;
}

const f = (n: number | undefined, digits = 3) => (n === undefined || Number.isNaN(n) ? '' : n.toFixed(digits));

const verdict = (pass: boolean | undefined) => (pass === undefined ? '' : pass ? 'PASS' : 'MISS');

/** The rows as a text table. */
export function formatCpuTable(rows: CpuRow[]): string {
  const header = [
    'route',
    'n',
    'stat/req',
    'batches',
    'sched/req',
    'ours (stat)',
    'ours (sched)',
    'beyond runtime',
    'target',
    'ours',
    'beyond',
  ];
  const body = rows.map((r) => [
    r.kind,
    String(r.requests),
    f(r.stat),
    `${f(r.statMin, 2)}..${f(r.statMax, 2)}`,
    f(r.sched),
    f(r.ours?.stat),
    f(r.ours?.sched),
    f(r.beyondRuntime?.stat),
    r.targetMs === undefined ? '' : `<= ${r.targetMs}`,
    verdict(r.pass),
    verdict(r.passBeyondRuntime),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/**
 * What the differences between kinds say (ms per request, schedstat figures): each line
 * is one part of the work, isolated by two kinds that differ only by it.
 */
export function explainCpu(rows: CpuRow[]): { part: string; ms: number }[] {
  const by = new Map(rows.map((r) => [r.kind, r.sched]));
  const diff = (a: string, b: string) => (by.has(a) && by.has(b) ? by.get(a)! - by.get(b)! : undefined);
  const parts: [string, number | undefined][] = [
    ['JSON body + validation + error envelope (invalid login body − 404)', diff('invalid body', 'baseline')],
    ['ES256 token verification (forged − 404)', diff('forged', 'baseline')],
    ['one upstream call (fetch + JSON of its answer) and the answer (me − forged)', diff('me', 'forged')],
    ['one Durable Object call, storage read + deleteAll (admin lockout clear − invalid login body)', diff('admin clear', 'invalid body')],
    ['the Durable Object calls of a login, reserve + settle (login − refresh; both make one upstream call)', diff('login', 'refresh')],
    ['runtime: one fetch of get_my_context and its answer (control forward − control 404)', diff('control me', 'control 404')],
    ['runtime: one fetch of the refresh grant and its answer (control forward − control 404)', diff('control refresh', 'control 404')],
    ['runtime: one fetch of the password grant and its answer (control forward − control 404)', diff('control login', 'control 404')],
    ['runtime: two Durable Object RPC calls, state in memory (control − control 404)', diff('control do', 'control 404')],
    ['runtime: one rate-limiting binding call (control − control 404)', diff('control limit', 'control 404')],
  ];
  return parts.filter((p): p is [string, number] => p[1] !== undefined).map(([part, ms]) => ({ part, ms }));
}
