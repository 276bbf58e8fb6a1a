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
 */
import { DurableObject } from 'cloudflare:workers';

/** Thresholds, from configuration. */
export interface LockoutPolicy {
  maxAttempts: number;
  windowSeconds: number;
  durationSeconds: number;
}

/** What `reserve` answers. */
export type Reservation =
  | { allowed: true; ticket: string }
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
  /** Value of `State.failureSeq` when the ticket was reserved. */
  seq: number;
  /** Epoch ms after which an unsettled ticket counts as a failure. */
  deadline: number;
}

interface State {
  failures: number;
  /** Epoch ms of the first failure of the current window. */
  windowStart: number;
  /** Epoch ms until which the account is locked (0 = not locked). */
  lockedUntil: number;
  locks: number;
  /** Failures ever counted since the state was created (orders failures against tickets). */
  failureSeq: number;
  /** Attempts reserved and not yet settled, by ticket id. */
  inFlight: Record<string, Ticket>;
  /** The policy of the last call, for the alarm (which has no configuration of its own). */
  policy?: LockoutPolicy;
}

const KEY = 'state';

function emptyState(): State {
  return { failures: 0, windowStart: 0, lockedUntil: 0, locks: 0, failureSeq: 0, inFlight: {} };
}

/** The per-account lockout object (binding `LOGIN_LOCKOUT`). Called through RPC. */
export class LoginLockout extends DurableObject {
  private async load(): Promise<State> {
    const stored = await this.ctx.storage.get<State>(KEY);
    return stored ? { ...emptyState(), ...stored } : emptyState();
  }

  private status(state: State, now: number): LockoutStatus {
    const locked = state.lockedUntil > now;
    return {
      locked,
      retryAfter: locked ? Math.ceil((state.lockedUntil - now) / 1000) : 0,
      failures: state.failures,
      locks: state.locks,
    };
  }

  /** Counts one failure at `now`; the one that reaches the limit locks the account. */
  private countFailure(state: State, policy: LockoutPolicy, now: number): void {
    state.failureSeq += 1;
    if (state.lockedUntil > now) return; // already locked: the lock is not extended
    if (state.lockedUntil !== 0 || now - state.windowStart > policy.windowSeconds * 1000) {
      // A lock that has ended, or a window that has passed, starts the count afresh.
      state.failures = 0;
      state.windowStart = now;
      state.lockedUntil = 0;
    }
    state.failures += 1;
    if (state.failures >= policy.maxAttempts) {
      state.lockedUntil = now + policy.durationSeconds * 1000;
      state.locks += 1;
    }
  }

  /** Tickets whose worker never came back count as failures. */
  private expireTickets(state: State, policy: LockoutPolicy, now: number): void {
    for (const [id, ticket] of Object.entries(state.inFlight)) {
      if (ticket.deadline <= now) {
        delete state.inFlight[id];
        this.countFailure(state, policy, ticket.deadline);
      }
    }
  }

  /** Failures that still count now (those of a window that has passed do not). */
  private liveFailures(state: State, policy: LockoutPolicy, now: number): number {
    if (state.lockedUntil !== 0 && state.lockedUntil <= now) return 0;
    if (now - state.windowStart > policy.windowSeconds * 1000) return 0;
    return state.failures;
  }

  private async save(state: State, policy: LockoutPolicy): Promise<void> {
    const tickets = Object.values(state.inFlight);
    if (state.failures === 0 && state.lockedUntil === 0 && tickets.length === 0 && state.locks === 0) {
      await this.ctx.storage.deleteAll();
      return;
    }
    await this.ctx.storage.put(KEY, { ...state, policy });
    // Wake up when a ticket may have to be counted, and to forget the account once nothing
    // about it matters any more.
    const forgetAt = Math.max(state.lockedUntil, state.windowStart + policy.windowSeconds * 1000);
    const wake = tickets.length > 0 ? Math.min(forgetAt, ...tickets.map((t) => t.deadline)) : forgetAt;
    await this.ctx.storage.setAlarm(wake + 1000);
  }

  /**
   * Reserves one password check, or refuses it. `ttlMs` bounds how long the attempt may
   * stay in flight before it counts as a failure.
   */
  async reserve(policy: LockoutPolicy, ttlMs: number): Promise<Reservation> {
    const now = Date.now();
    const state = await this.load();
    this.expireTickets(state, policy, now);
    if (state.lockedUntil > now) {
      await this.save(state, policy);
      return { allowed: false, retryAfter: Math.ceil((state.lockedUntil - now) / 1000) };
    }
    const inFlight = Object.keys(state.inFlight).length;
    if (this.liveFailures(state, policy, now) + inFlight >= policy.maxAttempts) {
      // Every remaining attempt of the window is already under way; one of them may
      // still lock the account. Try again once they have been settled.
      await this.save(state, policy);
      const soonest = Math.min(...Object.values(state.inFlight).map((t) => t.deadline));
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((soonest - now) / 1000)) };
    }
    const ticket = crypto.randomUUID();
    state.inFlight[ticket] = { seq: state.failureSeq, deadline: now + ttlMs };
    await this.save(state, policy);
    return { allowed: true, ticket };
  }

  /** Records the outcome of a reserved attempt. An unknown ticket changes nothing. */
  async settle(ticket: string, outcome: AttemptOutcome, policy: LockoutPolicy): Promise<LockoutStatus> {
    const now = Date.now();
    const state = await this.load();
    const reserved = state.inFlight[ticket];
    if (reserved) {
      delete state.inFlight[ticket];
      if (outcome === 'failure') {
        this.countFailure(state, policy, now);
      } else if (outcome === 'success' && state.lockedUntil <= now) {
        // Only what was counted before this attempt began; failures recorded meanwhile
        // by other requests still count, and a lock is never lifted by a success.
        const since = state.failureSeq - reserved.seq;
        state.failures = Math.min(state.failures, since);
        if (state.failures === 0) {
          state.windowStart = 0;
          state.lockedUntil = 0;
          state.locks = 0;
        }
      }
    }
    this.expireTickets(state, policy, now);
    await this.save(state, policy);
    return this.status(state, now);
  }

  /** The account's state now (admin API). */
  async check(): Promise<LockoutStatus> {
    return this.status(await this.load(), Date.now());
  }

  /** Clears a lock and every count (admin action, completed password reset). Returns the status before clearing. */
  async clear(): Promise<LockoutStatus> {
    const before = this.status(await this.load(), Date.now());
    await this.ctx.storage.deleteAll();
    return before;
  }

  /** Counts expired tickets and drops state that no longer matters. */
  override async alarm(): Promise<void> {
    const state = await this.load();
    const now = Date.now();
    const policy = state.policy;
    if (!policy) {
      await this.ctx.storage.deleteAll();
      return;
    }
    this.expireTickets(state, policy, now);
    const over = state.lockedUntil <= now && now - state.windowStart > policy.windowSeconds * 1000;
    if (over && Object.keys(state.inFlight).length === 0) await this.ctx.storage.deleteAll();
    else await this.save(state, policy);
  }
}

/** The lockout object of one account, by its normalised email. */
export function lockoutFor(namespace: DurableObjectNamespace<LoginLockout>, email: string): DurableObjectStub<LoginLockout> {
  return namespace.get(namespace.idFromName(email));
}
