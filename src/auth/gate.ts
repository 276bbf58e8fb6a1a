/**
 * The one way the worker lets a guess reach Supabase: a password (POST /login, POST
 * /password/change) or a second-factor code (POST /mfa/factors/:id/verify, POST
 * /mfa/recover), each through the lockout object of its key (src/auth/lockout.ts). An
 * attempt is reserved before Supabase sees the guess and settled with its outcome
 * afterwards, so at most `LOCKOUT_MAX_ATTEMPTS` guesses per window are ever checked,
 * whatever the concurrency; too many answer 429 ACCOUNT_LOCKED with `Retry-After`. A
 * failure answers no sooner than `floorMs` after the attempt began (the clock tells
 * nothing). A one-time value (a code's fingerprint) is remembered at reservation: a second
 * request with it is a failure that never reaches Supabase.
 *
 * The response waits for one Durable Object call when the key had no failure: the success
 * of an attempt reserved on a clean account (`Reservation.clean`) clears nothing, so its
 * settle (which only releases the ticket) runs after the response (`waitUntil`). Until it
 * lands the ticket counts as an attempt in flight; if it is lost it counts as a failure at
 * the ticket's deadline, as any unsettled ticket does. A success on a key with failures is
 * settled before the response, so the failures it clears are cleared for the next request.
 */
import type { Bindings } from '../env.ts';
import { inBackground } from '../http/background.ts';
import { ApiError } from '../http/errors.ts';
import type { ClientScope } from '../supabase/clients.ts';
import { type AttemptOutcome, lockoutFor, type OneTimeValue } from './lockout.ts';

/** Resolves after `ms` milliseconds. */
function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** What runs work after the response: a route's Hono context (src/http/background.ts). */
type BackgroundScope = Parameters<typeof inBackground>[0];

/** True for a Hono context, which can run work after the response. */
function canWaitUntil(c: object): c is BackgroundScope {
  return 'executionCtx' in c;
}

/** How a gated attempt is keyed and answered. */
export interface Gate {
  /** The lockout object's key: the normalised email, or `mfa:<user id>`. */
  key: string;
  /** A failure answers no sooner than this many ms after the attempt began (default 0). */
  floorMs?: number;
  /** A value that may succeed once (see the module comment), and the failure a replay gets. */
  once?: OneTimeValue & { replayed: () => ApiError };
  /** What a thrown error means for the count, and what the client is told. */
  judge: (error: unknown) => { outcome: AttemptOutcome; error: ApiError };
}

/** An attempt Supabase accepted: its value, and the step that records the success. */
export interface GatedResult<T> {
  value: T;
  /**
   * Settles the attempt as a success (clears the failures counted before it). On a key
   * without failures it resolves at once and the settle runs after the response.
   */
  succeeded(): Promise<unknown>;
}

/**
 * Runs `attempt` (which throws when Supabase refuses) through the lockout of `gate.key`.
 *
 * @throws ApiError ACCOUNT_LOCKED (with Retry-After), the judged failure (at the floor), or
 *   the judged neutral error.
 * @example
 * const { value: session, succeeded } = await throughGate(c, { key: email, floorMs, judge }, () => signIn());
 */
export async function throughGate<T>(c: ClientScope & { env: Bindings }, gate: Gate, attempt: () => Promise<T>): Promise<GatedResult<T>> {
  const started = Date.now();
  const { lockout: policy, upstreamTimeoutMs } = c.var.config;
  const floorMs = gate.floorMs ?? 0;
  const lockout = lockoutFor(c.env.LOGIN_LOCKOUT, gate.key);
  // An attempt whose worker never settles it counts as a failure after this long.
  const once = gate.once ? { fingerprint: gate.once.fingerprint, ttlMs: gate.once.ttlMs } : undefined;
  const reservation = await lockout.reserve(policy, upstreamTimeoutMs * 2 + floorMs + 5000, once);
  if (!reservation.allowed) {
    throw new ApiError('ACCOUNT_LOCKED', { headers: { 'Retry-After': String(reservation.retryAfter) } });
  }
  const settle = (outcome: AttemptOutcome) => lockout.settle(reservation.ticket, outcome, policy);
  const fail = async (error: ApiError): Promise<never> => {
    await Promise.all([settle('failure'), sleep(floorMs - (Date.now() - started))]);
    throw error;
  };
  if (reservation.replayed && gate.once) return fail(gate.once.replayed());

  let value: T;
  try {
    value = await attempt();
  } catch (thrown) {
    const { outcome, error } = gate.judge(thrown);
    if (outcome === 'failure') return fail(error);
    await settle(outcome);
    throw error;
  }
  if (reservation.clean && canWaitUntil(c)) {
    const scope = c;
    const succeeded = async () => {
      inBackground(scope, 'settling a clean success', async () => {
        await settle('success');
      });
    };
    return { value, succeeded };
  }
  return { value, succeeded: () => settle('success') };
}
