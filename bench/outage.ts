/**
 * `npm run outage` — what an outage of Supabase costs the worker's clients (issue 23, item
 * 5). Starts its own stand-in (bench/stand-in.ts) and the worker in workerd (wrangler's
 * unstable_startWorker, requests straight to the worker's own process), as bench/load.ts
 * does, then runs 8 concurrent loops of `GET /api/v1/auth/me` (each loop one request at a
 * time). After a few seconds it freezes the stand-in's process with SIGSTOP (Postgres keeps
 * running; the API that the worker calls stops answering, with its sockets still open, as
 * a hung Supabase would), resumes it with SIGCONT 12 s later, and keeps the loops going a
 * little longer. It measures, and asserts nothing about the figures:
 *   - the answers that came back while the stand-in was frozen: how many, by status, with
 *     or without `Retry-After`, their latency p50/p99 — apart for the requests already in
 *     flight when it froze and those sent during the freeze;
 *   - how long after SIGCONT the first 200 came back, and the answers after it.
 * Exits 1 when it measured nothing (no 200 before the freeze, no answer during it, or no
 * 200 after it) or when anything failed. The run's figures go to
 * bench/results/outage-<timestamp>.json. A hard deadline of 180 s stops everything.
 *
 * Environment: OUTAGE_LOOPS (8), OUTAGE_FREEZE_SECONDS (12), OUTAGE_BEFORE_SECONDS (3),
 * OUTAGE_AFTER_SECONDS (3).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUsers, leftovers, out, ROOT, readVersion, silenceConsole, startRun, startStandIn } from './setup.ts';
import { startWranglerWorker } from './workers.ts';

const intEnv = (name: string, fallback: number) => Math.max(1, Number.parseInt(process.env[name] ?? '', 10) || fallback);
const LOOPS = intEnv('OUTAGE_LOOPS', 8);
const FREEZE_MS = intEnv('OUTAGE_FREEZE_SECONDS', 12) * 1000;
const BEFORE_MS = intEnv('OUTAGE_BEFORE_SECONDS', 3) * 1000;
const AFTER_MS = intEnv('OUTAGE_AFTER_SECONDS', 3) * 1000;
const PASSWORD = 'outage-password-1';
const DEADLINE_MS = 180_000;
/** The client's own bound on one request: longer than the worker's upstream timeout (8 s). */
const CLIENT_TIMEOUT_MS = 30_000;

const stderr = silenceConsole();
// wrangler prints the worker's request log lines (a 503 is an error line) with a prefix of its own.
const quiet = console.error;
console.error = (...args: unknown[]) => {
  if (!(typeof args[0] === 'string' && args[0].includes('{"level":'))) quiet(...args);
};

/** One request of a loop. Times are ms on the run's clock (performance.now()). */
interface Sample {
  loop: number;
  sentAt: number;
  answeredAt: number;
  /** HTTP status; 0 when the request itself failed (connection error, client timeout). */
  status: number;
  retryAfter: string | null;
  code?: string;
}

/** Nearest-rank percentile of `values` (ms), or NaN when there are none. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** Answers by status, as "200 × 12, 503 × 40". */
function byStatus(samples: Sample[]): string {
  const counts = new Map<string, number>();
  for (const s of samples) {
    const key = s.status === 0 ? 'failed' : s.code ? `${s.status} ${s.code}` : String(s.status);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} × ${n}`)
      .join(', ') || 'none'
  );
}

/** Summary of a group of answers: count, statuses, latency p50/p99/max. */
function summary(samples: Sample[]) {
  const latency = samples.map((s) => s.answeredAt - s.sentAt);
  return {
    answers: samples.length,
    statuses: byStatus(samples),
    withRetryAfter: samples.filter((s) => s.retryAfter !== null).length,
    p50: percentile(latency, 50),
    p99: percentile(latency, 99),
    max: latency.length ? Math.max(...latency) : Number.NaN,
    /** Answers that took a second or more (the upstream timeout, a probe that hung). */
    slow: latency.filter((l) => l >= 1000).length,
  };
}

function line(label: string, samples: Sample[]): string {
  const s = summary(samples);
  if (s.answers === 0) return `${label}: no answer`;
  return `${label}: ${s.answers} answers (${s.statuses}; Retry-After on ${s.withRetryAfter}), latency p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms, ${s.slow} took ≥ 1 s`;
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const run = startRun('outage', DEADLINE_MS, stderr);
  const samples: Sample[] = [];
  let stopAt = Number.NaN;
  let contAt = Number.NaN;
  let endAt = Number.NaN;
  try {
    out('Starting the stand-in (child process, per-IP rate limits lifted)...');
    const standIn = await startStandIn(run, { raiseRateLimits: true });
    // Whatever happens, the stand-in is resumed before it is stopped (last registered, first run).
    run.defer(async () => {
      try {
        process.kill(standIn.pid, 'SIGCONT');
      } catch {
        // already gone
      }
    });
    const email = 'outage-0@example.com';
    await createUsers(standIn, [email], PASSWORD);

    out('Starting the worker under wrangler (workerd)...');
    const wrangler = await startWranglerWorker(standIn.vars);
    run.defer(wrangler.stop);
    run.ports.push(Number(new URL(wrangler.url).port));
    if (wrangler.workerd) run.ports.push(Number(new URL(wrangler.workerd.directUrl).port));
    const url = wrangler.workerd?.directUrl ?? wrangler.url;

    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const session = (await login.json()) as { data?: { access_token?: string } };
    const token = session.data?.access_token;
    if (login.status !== 200 || !token) throw new Error(`login through the worker: ${login.status}`);

    let running = true;
    const loop = async (n: number) => {
      while (running) {
        const sentAt = performance.now();
        try {
          const res = await fetch(`${url}/api/v1/auth/me`, {
            headers: { Authorization: `Bearer ${token}` },
            signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
          });
          const text = await res.text();
          let code: string | undefined;
          if (res.status !== 200) {
            try {
              code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
            } catch {
              // not our envelope
            }
          }
          samples.push({
            loop: n,
            sentAt,
            answeredAt: performance.now(),
            status: res.status,
            retryAfter: res.headers.get('Retry-After'),
            ...(code ? { code } : {}),
          });
        } catch {
          samples.push({ loop: n, sentAt, answeredAt: performance.now(), status: 0, retryAfter: null });
        }
      }
    };

    out(
      `${LOOPS} concurrent GET /me loops: ${BEFORE_MS / 1000} s, then the stand-in frozen (SIGSTOP) for ${FREEZE_MS / 1000} s, then ${AFTER_MS / 1000} s after SIGCONT...`,
    );
    const loops = Array.from({ length: LOOPS }, (_, n) => loop(n));
    await new Promise((resolve) => setTimeout(resolve, BEFORE_MS));
    process.kill(standIn.pid, 'SIGSTOP');
    stopAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, FREEZE_MS));
    process.kill(standIn.pid, 'SIGCONT');
    contAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
    running = false;
    await Promise.all(loops);
    endAt = performance.now();
  } finally {
    run.done();
    await run.cleanup();
  }
  const left = await leftovers(run);

  const before = samples.filter((s) => s.answeredAt < stopAt);
  const during = samples.filter((s) => s.answeredAt >= stopAt && s.answeredAt < contAt);
  const inFlight = during.filter((s) => s.sentAt < stopAt);
  const sentDuring = during.filter((s) => s.sentAt >= stopAt);
  const after = samples.filter((s) => s.answeredAt >= contAt);
  const firstOk = after.filter((s) => s.status === 200).sort((a, b) => a.answeredAt - b.answeredAt)[0];
  const recoveryMs = firstOk ? firstOk.answeredAt - contAt : Number.NaN;
  const afterRecovery = firstOk ? after.filter((s) => s.answeredAt > firstOk.answeredAt) : [];

  out('');
  out(
    `Outage: the stand-in frozen (SIGSTOP) for ${((contAt - stopAt) / 1000).toFixed(1)} s under ${LOOPS} concurrent GET /api/v1/auth/me loops`,
  );
  out(`(the worker in workerd, requests straight to its process; UPSTREAM_TIMEOUT_MS as in wrangler.toml):`);
  out(`  ${line('before the freeze', before)}`);
  out(`  ${line('during the freeze, all', during)}`);
  out(`    ${line('in flight when it froze', inFlight)}`);
  out(`    ${line('sent during the freeze', sentDuring)}`);
  out(
    `  first 200 after SIGCONT: ${firstOk ? `${ms(recoveryMs)} ms (a request sent ${ms(firstOk.sentAt - contAt)} ms after SIGCONT)` : 'none'}`,
  );
  out(`  ${line('answers after SIGCONT', after)}`);
  out(`  ${line('after the first 200', afterRecovery)}`);
  if (left.length > 0) out(`  left behind: ${left.join('; ')}`);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(ROOT, 'bench', 'results', `outage-${stamp}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    wrangler: readVersion('wrangler'),
    platform: `${os.platform()} ${os.release()}`,
  };
  const figures = {
    date: new Date().toISOString(),
    runtimeS: (performance.now() - started) / 1000,
    environment,
    loops: LOOPS,
    freezeMs: contAt - stopAt,
    before: summary(before),
    during: summary(during),
    inFlight: summary(inFlight),
    sentDuring: summary(sentDuring),
    after: summary(after),
    afterRecovery: summary(afterRecovery),
    recoveryMs: firstOk ? recoveryMs : null,
    totalMs: endAt - started,
  };
  fs.writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  out(`\nResults: ${path.relative(ROOT, file)}. Runtime ${figures.runtimeS.toFixed(1)} s.`);

  const measured = before.some((s) => s.status === 200) && during.length > 0 && firstOk !== undefined;
  if (!measured) stderr('outage: measured nothing (no 200 before the freeze, no answer during it, or no 200 after it)');
  return measured && left.length === 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err: unknown) => {
    stderr(`outage failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
