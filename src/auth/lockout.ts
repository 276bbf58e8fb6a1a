/**
 * Login lockout: after `maxAttempts` consecutive failed logins for one account within
 * `windowSeconds`, the account is locked for `durationSeconds` — the correct password
 * included — and a success resets the count. The state lives in a Durable Object, one
 * per normalised email (`idFromName(email)`), so every instance of the worker shares it,
 * it survives restarts, and changing IP address or letter case does not get around it.
 * A Durable Object handles one call at a time, so concurrent failures are counted
 * exactly and lock the account exactly once.
 */
import { DurableObject } from 'cloudflare:workers';

/** Thresholds, from configuration. */
export interface LockoutPolicy {
  maxAttempts: number;
  windowSeconds: number;
  durationSeconds: number;
}

/** What the object answers about an account. */
export interface LockoutStatus {
  locked: boolean;
  /** Seconds until the lock ends (0 when not locked). */
  retryAfter: number;
  /** Failures counted in the current window. */
  failures: number;
  /** How many times this account has been locked since its state was last cleared. */
  locks: number;
}

interface State {
  failures: number;
  /** Epoch ms of the first failure of the current window. */
  windowStart: number;
  /** Epoch ms until which the account is locked (0 = not locked). */
  lockedUntil: number;
  locks: number;
}

const EMPTY: State = { failures: 0, windowStart: 0, lockedUntil: 0, locks: 0 };
const KEY = 'state';

/** The per-account lockout object (binding `LOGIN_LOCKOUT`). Called through RPC. */
export class LoginLockout extends DurableObject {
  private async load(): Promise<State> {
    return (await this.ctx.storage.get<State>(KEY)) ?? { ...EMPTY };
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

  /** Whether the account is locked now. */
  async check(): Promise<LockoutStatus> {
    return this.status(await this.load(), Date.now());
  }

  /**
   * Counts a failed login. The failure that reaches `maxAttempts` within the window
   * locks the account; failures while locked change nothing (the lock is not extended).
   */
  async recordFailure(policy: LockoutPolicy): Promise<LockoutStatus> {
    const now = Date.now();
    const state = await this.load();
    if (state.lockedUntil > now) return this.status(state, now);
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
    await this.ctx.storage.put(KEY, state);
    // Forget the account once nothing about it matters any more.
    await this.ctx.storage.setAlarm(Math.max(state.lockedUntil, state.windowStart + policy.windowSeconds * 1000) + 1000);
    return this.status(state, now);
  }

  /** A successful login: the count starts again from zero. */
  async recordSuccess(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }

  /** Clears a lock (admin action). Returns the status before clearing. */
  async clear(): Promise<LockoutStatus> {
    const before = this.status(await this.load(), Date.now());
    await this.ctx.storage.deleteAll();
    return before;
  }

  /** Drops state that has expired. */
  override async alarm(): Promise<void> {
    const state = await this.load();
    if (state.lockedUntil <= Date.now()) await this.ctx.storage.deleteAll();
  }
}

/** The lockout object of one account, by its normalised email. */
export function lockoutFor(namespace: DurableObjectNamespace<LoginLockout>, email: string): DurableObjectStub<LoginLockout> {
  return namespace.get(namespace.idFromName(email));
}
