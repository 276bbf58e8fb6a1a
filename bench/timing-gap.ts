/**
 * The timing gap of issue 10: does the worker's answer time tell an existing email from
 * an unknown one? Four kinds of request through the worker, interleaved sample by sample
 * (the order rotates): a failed login (wrong password) for an existing email and for an
 * unknown one, and POST /password/forgot, POST /email/resend and POST /otp (a sign-in code)
 * for an existing and for an unknown email. Every
 * sample uses emails of its own, so that the per-account lockout (a few failures per
 * window lock an account) never changes the path a sample takes, and a per-user email
 * frequency never refuses a forgot. Reported: the median of each kind and the median
 * difference existing − unknown per route, against a target of |difference| < 5 ms.
 * Whatever the worker does (a failure floor, answering forgot at once), this only measures.
 */
import { type Stats, stats } from './report.ts';

/** The kinds measured. */
const GAP_KINDS = [
  'login existing',
  'login unknown',
  'forgot existing',
  'forgot unknown',
  'resend existing',
  'resend unknown',
  'otp existing',
  'otp unknown',
] as const;
type GapKind = (typeof GAP_KINDS)[number];

export type GapRoute = 'login' | 'forgot' | 'resend' | 'otp';

/** One route's verdict. */
interface GapVerdict {
  route: GapRoute;
  /** median(existing) − median(unknown), ms. */
  difference: number;
  pass: boolean;
}

/** What {@link measureTimingGap} found. */
export interface GapResult {
  samples: number;
  stats: Record<GapKind, Stats & { p25: number; p75: number }>;
  verdicts: GapVerdict[];
  /** Answers seen per kind, "status code" (all are checked; listed for the record). */
  answers: Record<GapKind, string>;
}

/** Target of issue 10: |median difference| below this, ms. */
const GAP_TARGET_MS = 5;

/** Options of {@link measureTimingGap}. */
export interface GapOptions {
  /** The worker's base URL. */
  baseUrl: string;
  /** Existing emails, one per sample and warm-up round, with password `password`. */
  existing: string[];
  password: string;
  samples: number;
  warmup: number;
  fetch: typeof fetch;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

/** Runs the samples; throws when an answer is not the expected one. */
export async function measureTimingGap(options: GapOptions): Promise<GapResult> {
  const { baseUrl, existing, password, samples, warmup } = options;
  if (existing.length < samples + warmup) throw new Error(`timing gap: ${samples + warmup} existing emails needed`);
  const times = Object.fromEntries(GAP_KINDS.map((k) => [k, [] as number[]])) as Record<GapKind, number[]>;
  const seen = Object.fromEntries(GAP_KINDS.map((k) => [k, new Set<string>()])) as Record<GapKind, Set<string>>;
  const run = crypto.randomUUID().slice(0, 8);

  const post = async (kind: GapKind, route: string, body: unknown, expect: { status: number; code?: string }) => {
    const started = performance.now();
    const res = await options.fetch(`${baseUrl}/api/v1/auth/${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { error?: { code: string } };
    const ms = performance.now() - started;
    const answer = `${res.status}${json.error ? ` ${json.error.code}` : ''}`;
    if (res.status !== expect.status || json.error?.code !== expect.code) {
      throw new Error(`timing gap: ${kind} answered ${answer}, expected ${expect.status}${expect.code ? ` ${expect.code}` : ''}`);
    }
    seen[kind].add(answer);
    return ms;
  };

  for (let i = 0; i < warmup + samples; i++) {
    const known = existing[i]!;
    const unknown = `gap-unknown-${run}-${i}@example.com`;
    const steps: Record<GapKind, () => Promise<number>> = {
      'login existing': () =>
        post('login existing', 'login', { email: known, password: `${password}-wrong` }, { status: 401, code: 'INVALID_CREDENTIALS' }),
      'login unknown': () =>
        post('login unknown', 'login', { email: unknown, password: `${password}-wrong` }, { status: 401, code: 'INVALID_CREDENTIALS' }),
      'forgot existing': () => post('forgot existing', 'password/forgot', { email: known }, { status: 200 }),
      'forgot unknown': () => post('forgot unknown', 'password/forgot', { email: unknown }, { status: 200 }),
      'resend existing': () => post('resend existing', 'email/resend', { email: known }, { status: 200 }),
      'resend unknown': () => post('resend unknown', 'email/resend', { email: unknown }, { status: 200 }),
      'otp existing': () => post('otp existing', 'otp', { email: known }, { status: 200 }),
      'otp unknown': () => post('otp unknown', 'otp', { email: unknown }, { status: 200 }),
    };
    for (let k = 0; k < GAP_KINDS.length; k++) {
      const kind = GAP_KINDS[(i + k) % GAP_KINDS.length]!;
      const ms = await steps[kind]();
      if (i >= warmup) times[kind].push(ms);
    }
  }

  const summary = Object.fromEntries(
    GAP_KINDS.map((k) => {
      const sorted = [...times[k]].sort((a, b) => a - b);
      return [k, { ...stats(times[k]), p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75) }];
    }),
  ) as GapResult['stats'];
  const verdict = (route: GapRoute): GapVerdict => {
    const difference = summary[`${route} existing`].p50 - summary[`${route} unknown`].p50;
    return { route, difference, pass: Math.abs(difference) < GAP_TARGET_MS };
  };
  return {
    samples,
    stats: summary,
    verdicts: [verdict('login'), verdict('forgot'), verdict('resend'), verdict('otp')],
    answers: Object.fromEntries(GAP_KINDS.map((k) => [k, [...seen[k]].join(', ')])) as Record<GapKind, string>,
  };
}

/** The result as text lines. */
export function formatGap(result: GapResult): string {
  const lines = GAP_KINDS.map((k) => {
    const s = result.stats[k];
    return `  ${k.padEnd(16)} median ${s.p50.toFixed(2).padStart(8)} ms  (p25 ${s.p25.toFixed(2)}, p75 ${s.p75.toFixed(2)}, n ${s.n}; answer ${result.answers[k]})`;
  });
  for (const v of result.verdicts) {
    lines.push(
      `  ${v.route.padEnd(6)} existing − unknown: ${v.difference >= 0 ? '+' : ''}${v.difference.toFixed(2)} ms  ${v.pass ? 'PASS' : 'MISS'} (|gap| < ${GAP_TARGET_MS} ms)`,
    );
  }
  return lines.join('\n');
}
