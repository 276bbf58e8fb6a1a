/**
 * Login lockout that gates attempts: for one account, at most `maxAttempts` passwords are
 * checked by Supabase per window, whatever the concurrency. The state lives in a Durable
 * Object, one per normalised email (`idFromName(email)`), so every instance of the worker
 * shares it, it survives restarts, and changing IP address or letter case does not get
 * around it.
 *
 * Each login makes two calls, each one atomic step of the object (a Durable Object runs
 * one call at a time and never interleaves storage between its awaits of storage alone):
 * 1. {@link LoginLockout.reserve} before Supabase is asked: refused when the account is
 *    locked or when failures plus attempts still in flight already reach the limit;
 *    otherwise it records a reservation (a ticket) that counts against the limit.
 * 2. {@link LoginLockout.settle} with the outcome: a failure is counted (the one that
 *    reaches the limit locks the account); a success clears only the failures that were
 *    counted before its own reservation and never a lock; a neutral outcome (Supabase down,
 *    email not verified) just releases the ticket.
 * A ticket never settled (the worker was cut off) counts as a failure once its deadline
 * passes, so dropping connections cannot buy extra guesses.
 *
 * `reserve` also says whether the account was *clean* (no failure that still counts, no
 * lock): the success of such an attempt has nothing to clear, because a success clears
 * only failures counted before its reservation, so its `settle` only releases the ticket
 * and the gate (src/auth/gate.ts) sends it after the response. Until it lands the ticket
 * still counts against the limit as an attempt in flight, and if it never lands it counts
 * as a failure at its deadline — both on the safe side of every rule above.
 *
 * Cost: the counts (failures, lock) are stored; the tickets of attempts in flight live in
 * the object's memory only (an object stays in memory while it is being called, and a
 * login is in flight for seconds at most). So a login of an account without failures
 * writes nothing: storage is written only when a count changes.
 */
import { DurableObject } from 'cloudflare:workers';

/** Thresholds, from configuration. */
export interface LockoutPolicy {
  maxAttempts: number;
  windowSeconds: number;
  durationSeconds: number;
}

/** What `reserve` answers. `replayed`: the one-time value given to `reserve` was used before. */
export type Reservation =
  | {
      allowed: true;
      ticket: string;
      replayed?: true;
      /** No failure counted in the window and no lock at reservation: a success has nothing to clear. */
      clean?: true;
    }
  | {
      allowed: false;
      /** Seconds the caller should wait before trying again. */
      retryAfter: number;
    };

/** The outcome of a reserved attempt. */
export type AttemptOutcome = 'failure' | 'success' | 'neutral';

/** What the object holds about an account, as the admin API reports it. */
export interface LockoutStatus {
  locked: boolean;
  /** Seconds until the lock ends (0 when not locked). */
  retryAfter: number;
  /** Failures counted in the current window. */
  failures: number;
  /** How many times this account has been locked since its state was last cleared. */
  locks: number;
}

interface Ticket {
  /** Value of `Counts.failureSeq` when the ticket was reserved. */
  seq: number;
  /** Epoch ms after which an unsettled ticket counts as a failure. */
  deadline: number;
}

/** What is stored of an account. */
interface Counts {
  failures: number;
  /** Epoch ms of the first failure of the current window. */
  windowStart: number;
  /** Epoch ms until which the account is locked (0 = not locked). */
  lockedUntil: number;
  locks: number;
  /** Failures ever counted since the counts were created (orders failures against tickets). */
  failureSeq: number;
  /** The policy of the last change, for the alarm (which has no configuration of its own). */
  policy?: LockoutPolicy;
}

const KEY = 'state';
/** One-time values already used (fingerprints of second-factor codes), with their expiry. */
const USED = 'used';

/** A value that may be used once within `ttlMs` (a second-factor code: its fingerprint). */
export interface OneTimeValue {
  fingerprint: string;
  ttlMs: number;
}

function noCounts(): Counts {
  return { failures: 0, windowStart: 0, lockedUntil: 0, locks: 0, failureSeq: 0 };
}

/** The per-account lockout object (binding `LOGIN_LOCKOUT`). Called through RPC. */
export class LoginLockout extends DurableObject {
  /** The stored counts, read once per instance. */
  private counts: Counts | undefined;
  /** Attempts reserved and not yet settled, by ticket id (memory only). */
  private readonly inFlight = new Map<string, Ticket>();

  private async load(): Promise<Counts> {
    this.counts ??= { ...noCounts(), ...(await this.ctx.storage.get<Counts>(KEY)) };
    return this.counts;
  }

  private status(counts: Counts, now: number): LockoutStatus {
    const locked = counts.lockedUntil > now;
    return {
      locked,
      retryAfter: locked ? Math.ceil((counts.lockedUntil - now) / 1000) : 0,
      failures: counts.failures,
      locks: counts.locks,
    };
  }

  /** Counts one failure at `now`; the one that reaches the limit locks the account. */
  private countFailure(counts: Counts, policy: LockoutPolicy, now: number): void {
    counts.failureSeq += 1;
    if (counts.lockedUntil > now) return; // already locked: the lock is not extended
    if (counts.lockedUntil !== 0 || now - counts.windowStart > policy.windowSeconds * 1000) {
      // A lock that has ended, or a window that has passed, starts the count afresh.
      counts.failures = 0;
      counts.windowStart = now;
      counts.lockedUntil = 0;
    }
    counts.failures += 1;
    if (counts.failures >= policy.maxAttempts) {
      counts.lockedUntil = now + policy.durationSeconds * 1000;
      counts.locks += 1;
    }
  }

  /** Tickets whose worker never came back count as failures. True when any did. */
  private expireTickets(counts: Counts, policy: LockoutPolicy, now: number): boolean {
    let expired = false;
    for (const [id, ticket] of this.inFlight) {
      if (ticket.deadline <= now) {
        this.inFlight.delete(id);
        this.countFailure(counts, policy, ticket.deadline);
        expired = true;
      }
    }
    return expired;
  }

  /** Failures that still count now (those of a window that has passed do not). */
  private liveFailures(counts: Counts, policy: LockoutPolicy, now: number): number {
    if (counts.lockedUntil !== 0 && counts.lockedUntil <= now) return 0;
    if (now - counts.windowStart > policy.windowSeconds * 1000) return 0;
    return counts.failures;
  }

  /** Stores changed counts, or forgets the account when nothing about it counts any more. */
  private async save(counts: Counts, policy: LockoutPolicy): Promise<void> {
    if (counts.failures === 0 && counts.lockedUntil === 0) {
      this.counts = noCounts();
      this.counts.failureSeq = counts.failureSeq; // still orders tickets in flight
      await this.ctx.storage.delete(KEY);
      return;
    }
    counts.policy = policy;
    await this.ctx.storage.put(KEY, counts);
    // Forget the account once neither its window nor its lock matters any more.
    await this.ctx.storage.setAlarm(Math.max(counts.lockedUntil, counts.windowStart + policy.windowSeconds * 1000) + 1000);
  }

  /**
   * Reserves one password check, or refuses it. `ttlMs` bounds how long the attempt may
   * stay in flight before it counts as a failure.
   */
  async reserve(policy: LockoutPolicy, ttlMs: number, once?: OneTimeValue): Promise<Reservation> {
    const now = Date.now();
    const counts = await this.load();
    if (this.expireTickets(counts, policy, now)) await this.save(counts, policy);
    if (counts.lockedUntil > now) {
      return { allowed: false, retryAfter: Math.ceil((counts.lockedUntil - now) / 1000) };
    }
    const live = this.liveFailures(counts, policy, now);
    if (live + this.inFlight.size >= policy.maxAttempts) {
      // Every remaining attempt of the window is already under way; one of them may
      // still lock the account. Try again once they have been settled.
      const soonest = Math.min(...[...this.inFlight.values()].map((t) => t.deadline));
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((soonest - now) / 1000)) };
    }
    const ticket = crypto.randomUUID();
    this.inFlight.set(ticket, { seq: counts.failureSeq, deadline: now + ttlMs });
    // Remembered at reservation, not at success: of two requests with one code, only the
    // first may reach Supabase, whatever the order in which they finish.
    if (once && !(await this.remember(once, now))) return { allowed: true, ticket, replayed: true };
    return live === 0 ? { allowed: true, ticket, clean: true } : { allowed: true, ticket };
  }

  /** Remembers a one-time value until it expires; false when it was already remembered. */
  private async remember(once: OneTimeValue, now: number): Promise<boolean> {
    const used = (await this.ctx.storage.get<Record<string, number>>(USED)) ?? {};
    for (const [fingerprint, until] of Object.entries(used)) if (until <= now) delete used[fingerprint];
    const fresh = !used[once.fingerprint];
    if (fresh) used[once.fingerprint] = now + once.ttlMs;
    await this.ctx.storage.put(USED, used);
    await this.ctx.storage.setAlarm(Math.max((await this.ctx.storage.getAlarm()) ?? 0, now + once.ttlMs + 1000));
    return fresh;
  }

  /** Records the outcome of a reserved attempt. An unknown ticket changes nothing. */
  async settle(ticket: string, outcome: AttemptOutcome, policy: LockoutPolicy): Promise<LockoutStatus> {
    const now = Date.now();
    const counts = await this.load();
    const reserved = this.inFlight.get(ticket);
    let changed = this.expireTickets(counts, policy, now);
    if (reserved) {
      this.inFlight.delete(ticket);
      if (outcome === 'failure') {
        this.countFailure(counts, policy, now);
        changed = true;
      } else if (outcome === 'success' && counts.lockedUntil <= now && counts.failures > 0) {
        // Only what was counted before this attempt began; failures recorded meanwhile
        // by other requests still count, and a lock is never lifted by a success.
        counts.failures = Math.min(counts.failures, counts.failureSeq - reserved.seq);
        if (counts.failures === 0) {
          counts.windowStart = 0;
          counts.lockedUntil = 0;
          counts.locks = 0;
        }
        changed = true;
      }
    }
    if (changed) await this.save(counts, policy);
    return this.status(counts, now);
  }

  /** The account's state now (admin API). */
  async check(): Promise<LockoutStatus> {
    return this.status(await this.load(), Date.now());
  }

  /** Clears a lock and every count (admin action, completed password reset). Returns the status before clearing. */
  async clear(): Promise<LockoutStatus> {
    const before = this.status(await this.load(), Date.now());
    this.counts = { ...noCounts(), failureSeq: this.counts?.failureSeq ?? 0 };
    await this.ctx.storage.deleteAll();
    return before;
  }

  /** Drops counts and one-time values that no longer matter, and wakes up again for the rest. */
  override async alarm(): Promise<void> {
    const counts = await this.load();
    const policy = counts.policy;
    const now = Date.now();
    const wakeAt: number[] = [];
    if (!policy || (counts.lockedUntil <= now && now - counts.windowStart > policy.windowSeconds * 1000)) {
      this.counts = { ...noCounts(), failureSeq: counts.failureSeq };
      await this.ctx.storage.delete(KEY);
    } else {
      wakeAt.push(Math.max(counts.lockedUntil, counts.windowStart + policy.windowSeconds * 1000) + 1000);
    }
    const used = (await this.ctx.storage.get<Record<string, number>>(USED)) ?? {};
    const live = Object.entries(used).filter(([, until]) => until > now);
    if (live.length === 0) await this.ctx.storage.delete(USED);
    else {
      await this.ctx.storage.put(USED, Object.fromEntries(live));
      wakeAt.push(Math.max(...live.map(([, until]) => until)) + 1000);
    }
    if (wakeAt.length > 0) await this.ctx.storage.setAlarm(Math.max(...wakeAt));
  }
}

/**
 * The lockout object of one account, by its normalised email — or of another gate, by a
 * key of its own (`mfa:<user id>`: second-factor codes, counted apart from passwords).
 */
export function lockoutFor(namespace: DurableObjectNamespace<LoginLockout>, key: string): DurableObjectStub<LoginLockout> {
  return namespace.get(namespace.idFromName(key));
}
