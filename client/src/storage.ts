/**
 * Where the client keeps the session (access token, refresh token, expiry, user): any
 * object with `load`, `save` and `clear`, synchronous or not. Two ship here: memory (the
 * default; gone on reload) and `localStorage` (survives reloads and is shared by the
 * tabs of an origin, which also tells each other about changes through `storage` events).
 */
import type { paths } from './schema.js';

type LoginData = paths['/api/v1/auth/login']['post']['responses'][200]['content']['application/json']['data'];
type LoginUser = LoginData['user'];

/**
 * The `mfa` block of an answer that carries a session: `required` is true while the session
 * is `aal1` and the user has a verified second factor (verify one before anything else
 * works); `factors` lists the verified factors to choose from.
 */
export type SessionMfa = LoginData['mfa'];

/**
 * The user as /login, /refresh and /email/verify answer it; after /register only `id`,
 * `email` and the names are known until the next refresh.
 */
export type SessionUser = Pick<LoginUser, 'id' | 'email' | 'first_name' | 'last_name'> & Partial<LoginUser>;

/** A signed-in session as the client stores it. */
export interface Session {
  access_token: string;
  refresh_token: string;
  /**
   * When the access token expires, unix seconds by this device's clock: the time the
   * answer arrived plus `expires_in`, so a device whose clock is off still refreshes on time.
   */
  expires_at: number;
  user: SessionUser;
  /** The `mfa` block of the last answer that carried this session (absent when it had none, e.g. a session stored by an older client). */
  mfa?: SessionMfa;
}

type MaybePromise<T> = T | Promise<T>;

/** A place for the session. Methods may be synchronous or return promises. */
export interface SessionStorage {
  load(): MaybePromise<Session | null>;
  save(session: Session): MaybePromise<void>;
  clear(): MaybePromise<void>;
  /** Optional: calls `listener` when another tab or process changed the session. Returns an unsubscribe function. */
  subscribe?(listener: (session: Session | null) => void): () => void;
}

/**
 * Keeps the session in a variable (the default): nothing survives a reload.
 *
 * @example createAuthClient({ storage: memoryStorage() })
 */
export function memoryStorage(): SessionStorage {
  let current: Session | null = null;
  return {
    load: () => current,
    save: (session) => {
      current = session;
    },
    clear: () => {
      current = null;
    },
  };
}

/** The part of the Web Storage API the adapter uses. */
interface WebStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A Session read back from text, or null when it is missing or not one. */
function parse(text: string | null): Session | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<Session> | null;
    const ok =
      typeof value?.access_token === 'string' &&
      typeof value.refresh_token === 'string' &&
      typeof value.expires_at === 'number' &&
      typeof value.user === 'object' &&
      value.user !== null;
    return ok ? (value as Session) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the session in `localStorage` under `key` (default `edge-auth.session`), shared
 * by every tab of the origin. Anything the page's scripts can read, an injected script
 * can read too: serve the app with a strict Content Security Policy.
 *
 * @example createAuthClient({ storage: localStorageAdapter() })
 */
export function localStorageAdapter(key = 'edge-auth.session', store?: WebStorage): SessionStorage {
  const target = store ?? (globalThis as { localStorage?: WebStorage }).localStorage;
  if (!target) throw new Error('localStorageAdapter: no localStorage here (pass one, or use memoryStorage())');
  return {
    load: () => parse(target.getItem(key)),
    save: (session) => target.setItem(key, JSON.stringify(session)),
    clear: () => target.removeItem(key),
    subscribe(listener) {
      const events = globalThis as {
        addEventListener?: EventTarget['addEventListener'];
        removeEventListener?: EventTarget['removeEventListener'];
      };
      if (!events.addEventListener || !events.removeEventListener) return () => {};
      const onStorage = (event: Event) => {
        const { key: changed, newValue } = event as Event & { key: string | null; newValue: string | null };
        if (changed === key || changed === null) listener(parse(newValue));
      };
      events.addEventListener('storage', onStorage);
      return () => events.removeEventListener?.('storage', onStorage);
    },
  };
}
