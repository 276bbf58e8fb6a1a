/**
 * Session handling: the storage is the one source of truth (read on every request, so
 * tabs sharing `localStorage` see each other's sign-in, refresh and sign-out), a
 * `fetch` that sends the access token, and the refresh of a rotating refresh token —
 * before a request when the access token is about to expire, and once when the API
 * answers 401 TOKEN_EXPIRED / TOKEN_INVALID.
 *
 * Refresh is single-flight: every caller that needs one while it runs shares it, and it
 * runs under a lock (the Web Locks API across the tabs of an origin, when the browser
 * has it). Inside the lock the stored session is read again: if its refresh token is no
 * longer the one that was stale, someone else has already rotated it and the new
 * session is used as it is. So one rotating token is never presented twice (the lock is
 * held a moment after a rotation, until the other tabs' storage has the new session).
 *
 * Cookie mode: the refresh token is an HttpOnly cookie the page never sees, the stored
 * session holds the access token only (its `refresh_token` is ''), and "someone else has
 * already rotated it" is told by the access token instead. On start-up (a reload, a new
 * tab) the storage is empty: the first read asks the other tabs for their session, and
 * else POST /refresh with the cookie, under the same lock (see {@link SessionKeeper.current}).
 */
import type { Session, SessionMfa, SessionStorage, SessionUser } from './storage.js';

/** Runs `fn` while holding the lock `name`; see {@link webLock}. */
export type Lock = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

type LockManager = { request<T>(name: string, fn: () => Promise<T>): Promise<T> };

const lockManager = (): LockManager | undefined => (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;

/**
 * How long a tab that has just rotated the refresh token keeps the lock: browsers pass a
 * `localStorage` write on to the other tabs of the origin a moment later, not at once
 * (Chromium through its browser process), and a tab that got the lock before the new
 * session reached it would present the rotated token again.
 */
const CROSS_TAB_SETTLE_MS = 250;

/**
 * The lock across tabs: `navigator.locks` when there is one, else none (single-flight still
 * holds within this page). After `fn`, the lock is held {@link CROSS_TAB_SETTLE_MS} longer,
 * so that the next tab to get it reads the session `fn` stored; `fn`'s result is passed on
 * at once.
 */
export const webLock: Lock = (name, fn) => {
  const locks = lockManager();
  if (!locks) return fn();
  return new Promise((resolve, reject) => {
    locks
      .request(name, async () => {
        const outcome = await fn().then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (outcome.ok) resolve(outcome.value);
        else reject(outcome.error);
        await new Promise((settle) => setTimeout(settle, CROSS_TAB_SETTLE_MS));
      })
      .catch(reject);
  });
};

/** What /login, /refresh, /email/verify and the second-factor steps (/mfa/…/verify, /mfa/recover) answer in `data`. */
export interface TokenData {
  access_token: string;
  /** Absent in cookie mode (the refresh token is then an HttpOnly cookie). */
  refresh_token?: string;
  expires_in: number;
  user: SessionUser;
  mfa?: SessionMfa;
}

/** An assurance level, as Supabase Auth puts it in the access token's `aal` claim. */
export type AssuranceLevel = 'aal1' | 'aal2' | 'aal3';

/** How strongly a session is signed in; see {@link assuranceOf}. */
export interface Assurance {
  /** The access token's `aal` claim: `aal1` after a password, `aal2` once a second factor (or a recovery code) was verified. */
  aal: AssuranceLevel | null;
  /**
   * A second-factor step is due: the last answer that carried the session said
   * `mfa.required` (an `aal1` session of a user with a verified factor). Until a code is
   * verified (`verifyFactor`, `recover`), the API answers 403 MFA_REQUIRED to nearly everything.
   */
  pending: boolean;
  /** The user's verified factors, to choose from for that step (from the same answer). */
  factors: SessionMfa['factors'];
}

/**
 * The assurance of `session`: its level from the access token's `aal` claim (read, not
 * verified: the API verifies), and the second-factor step from the `mfa` block of the
 * last answer that carried it.
 *
 * @example
 * const session = await auth.session();
 * if (session && assuranceOf(session).pending) showCodeStep(assuranceOf(session).factors);
 */
export function assuranceOf(session: Session): Assurance {
  let aal: AssuranceLevel | null = null;
  try {
    const payload = session.access_token.split('.')[1] ?? '';
    const claim = (JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { aal?: unknown }).aal;
    if (claim === 'aal1' || claim === 'aal2' || claim === 'aal3') aal = claim;
  } catch {
    // Not a JWT this client can read: the level is unknown.
  }
  const mfa = session.mfa;
  return { aal, pending: Boolean(mfa?.required) && aal !== 'aal2' && aal !== 'aal3', factors: mfa?.factors ?? [] };
}

/** Options of {@link SessionKeeper}. */
export interface SessionKeeperOptions {
  storage: SessionStorage;
  /** The network: called with a Request. */
  fetch: (request: Request) => Promise<Response>;
  /** Asks the API for new tokens: `data` on success, or the status of the failure (0: no answer). */
  refresh: (refreshToken: string) => Promise<{ data: TokenData } | { status: number }>;
  /** Refresh when the access token has fewer seconds left than this. */
  refreshMargin: number;
  lock: Lock;
  lockName: string;
  /**
   * Cookie mode: never store a refresh token (the API keeps it in an HttpOnly cookie), and
   * restore the session at start-up from the other tabs or by a refresh with the cookie.
   */
  cookie?: boolean;
}

const TOKEN_ERRORS = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID']);

/** True when a 401 says the access token itself is no good (not, say, a wrong current password). */
async function isTokenError(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  try {
    const body = (await response.clone().json()) as { error?: { code?: string } };
    return TOKEN_ERRORS.has(body.error?.code ?? '');
  } catch {
    return false;
  }
}

/** Keeps one session: stores it, refreshes it, and sends requests with it. */
export class SessionKeeper {
  private inflight: Promise<Session | null> | null = null;
  private readonly listeners = new Set<(session: Session | null) => void>();
  /** Cookie mode: the start-up restore, once (again after a failed network). */
  private restoring: Promise<void> | null = null;

  constructor(private readonly options: SessionKeeperOptions) {
    options.storage.subscribe?.((session) => this.emit(session));
  }

  /**
   * The stored session, as it is (possibly expired), or null. In cookie mode the first
   * call restores the session first (see {@link restore}); the others wait for it.
   */
  async current(): Promise<Session | null> {
    if (this.options.cookie) {
      this.restoring ??= this.restore();
      await this.restoring;
    }
    return (await this.options.storage.load()) ?? null;
  }

  /**
   * Cookie mode, start-up: a session another tab holds (the storage's `fromPeers`), else
   * POST /refresh with the cookie under the lock — unless a session arrived while waiting
   * for it. No cookie (never signed in, signed out) is a 401: signed out. A failed network
   * is tried again on the next read.
   */
  private async restore(): Promise<void> {
    const { storage, lock, lockName } = this.options;
    if (await storage.load()) return;
    const shared = await storage.fromPeers?.();
    if (shared) return this.emit(shared);
    await lock(lockName, async () => {
      if (await storage.load()) return;
      const result = await this.options.refresh('');
      if ('data' in result) await this.store(result.data);
      else if (result.status === 0) this.restoring = null;
    });
  }

  /** Stores the tokens of a sign-in, a second-factor step or a refresh (and their `mfa` block), replacing the session. */
  async store(data: TokenData): Promise<Session> {
    const session: Session = {
      access_token: data.access_token,
      // Bearer mode answers it; cookie mode keeps it in an HttpOnly cookie (nothing to store,
      // and nothing kept should an answer carry one: the cookie is what /refresh reads).
      refresh_token: this.options.cookie ? '' : (data.refresh_token ?? ''),
      expires_at: Math.floor(Date.now() / 1000) + data.expires_in,
      user: data.user,
      ...(data.mfa ? { mfa: data.mfa } : {}),
    };
    await this.options.storage.save(session);
    this.emit(session);
    return session;
  }

  /** Forgets the session on this device (no API call). */
  async clear(): Promise<void> {
    await this.options.storage.clear();
    this.emit(null);
  }

  /** Calls `listener` with the new session (or null) after every change, also those made by other tabs. */
  onChange(listener: (session: Session | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The stored session, refreshed first when its access token expires within the margin. */
  async fresh(): Promise<Session | null> {
    const session = await this.current();
    if (!session) return null;
    const secondsLeft = session.expires_at - Date.now() / 1000;
    return secondsLeft > this.options.refreshMargin ? session : this.refresh(session);
  }

  /**
   * Replaces `stale` by a refreshed session: shares a refresh already running, and asks
   * the API only when `stale`'s tokens are still the stored ones (cookie mode: its access
   * token; a session another tab stored in the meantime is used as it is). Resolves to the
   * session to use, or null when the session has ended (it is then cleared). When the API
   * cannot be reached, resolves to the stored session unchanged.
   */
  refresh(stale: Session): Promise<Session | null> {
    this.inflight ??= this.options
      .lock(this.options.lockName, () => this.rotate(stale))
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  private async rotate(stale: Session): Promise<Session | null> {
    const stored = await this.current();
    if (!stored || stored.refresh_token !== stale.refresh_token || stored.access_token !== stale.access_token) return stored;
    const result = await this.options.refresh(stored.refresh_token);
    if ('data' in result) return this.store(result.data);
    if (result.status === 401) {
      await this.clear();
      return null;
    }
    return stored;
  }

  /**
   * `fetch` with the session: adds `Authorization: Bearer` when there is a session,
   * refreshes first when it is about to expire, and on 401 TOKEN_EXPIRED / TOKEN_INVALID
   * refreshes once and sends the request once more. Any other answer is returned as it is.
   */
  async fetch(request: Request): Promise<Response> {
    const session = await this.fresh();
    const again = session ? request.clone() : null;
    const response = await this.send(request, session);
    if (!session || !again || !(await isTokenError(response))) return response;
    const renewed = await this.refresh(session);
    if (!renewed || renewed.access_token === session.access_token) return response;
    return this.send(again, renewed);
  }

  private send(request: Request, session: Session | null): Promise<Response> {
    if (!session) return this.options.fetch(request);
    const headers = new Headers(request.headers);
    headers.set('Authorization', `Bearer ${session.access_token}`);
    return this.options.fetch(new Request(request, { headers }));
  }

  private emit(session: Session | null): void {
    for (const listener of this.listeners) listener(session);
  }
}
