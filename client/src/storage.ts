/**
 * Where the client keeps the session (access token, refresh token, expiry, user): any
 * object with `load`, `save` and `clear`, synchronous or not. Three ship here: memory (the
 * default outside browsers; gone on reload), {@link tabStorage} (the default of cookie
 * mode in browsers: memory shared by the tabs of an origin over a BroadcastChannel, never
 * written anywhere) and `localStorage` (bearer mode: survives reloads and is shared by the
 * tabs of an origin, which also tell each other about changes through `storage` events).
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
  /**
   * Optional, for a storage that lives in memory (cookie mode): asks the other tabs for the
   * session they hold and keeps the first one that answers, or resolves to null when none
   * does in time. Used once at start-up, before asking the API.
   */
  fromPeers?(): Promise<Session | null>;
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

/** The part of the BroadcastChannel API {@link tabStorage} uses. */
interface Channel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** What the tabs say to each other: a change (sign-in, refresh, sign-out), a question, an answer to it. */
type TabMessage = { type: 'change'; session: Session | null } | { type: 'ask' } | { type: 'answer'; session: Session };

/** How long a starting tab waits for another tab to answer with the session. */
const PEER_WAIT_MS = 150;

/**
 * Cookie mode's storage in browsers (the default there): the session — the access token,
 * its expiry, the user and the `mfa` block; never a refresh token, which is an HttpOnly
 * cookie — in a variable of this tab, shared with the other tabs of the origin over the
 * BroadcastChannel `name`. Nothing is written to `localStorage` or `sessionStorage`, so
 * nothing survives the last tab: a reload asks the other tabs ({@link SessionStorage.fromPeers}),
 * then the API (POST /refresh with the cookie).
 *
 * Sharing the access token between tabs is no new exposure: a script injected into any tab
 * of the origin can call the API as the user while it runs anyway (the page's own
 * requests carry the token), and the token expires within minutes; what such a script
 * cannot get is the refresh token, the one that outlives the page. Without
 * BroadcastChannel this is {@link memoryStorage} (each tab refreshes on its own, one at a
 * time under the Web Lock).
 *
 * @example createAuthClient({ session: 'cookie', storage: tabStorage() })
 */
export function tabStorage(name = 'edge-auth.session'): SessionStorage {
  const Broadcast = (globalThis as { BroadcastChannel?: new (name: string) => Channel }).BroadcastChannel;
  if (!Broadcast) return memoryStorage();
  const channel = new Broadcast(name);
  const listeners = new Set<(session: Session | null) => void>();
  const waiting = new Set<(session: Session) => void>();
  let current: Session | null = null;
  const adopt = (session: Session | null) => {
    current = session;
    for (const listener of listeners) listener(session);
  };
  channel.addEventListener('message', ({ data }) => {
    const message = data as TabMessage | null;
    if (message?.type === 'ask') {
      if (current) channel.postMessage({ type: 'answer', session: current } satisfies TabMessage);
    } else if (message?.type === 'change') {
      adopt(message.session === null ? null : parse(JSON.stringify(message.session)));
    } else if (message?.type === 'answer' && !current) {
      // Only a tab without a session takes an answer (it asked); the others hold the same one.
      const session = parse(JSON.stringify(message.session));
      if (session) for (const resolve of waiting) resolve(session);
    }
  });
  const tell = (session: Session | null) => channel.postMessage({ type: 'change', session } satisfies TabMessage);
  return {
    load: () => current,
    save: (session) => {
      current = session;
      tell(session);
    },
    clear: () => {
      current = null;
      tell(null);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fromPeers() {
      if (current) return Promise.resolve(current);
      return new Promise<Session | null>((resolve) => {
        const done = (session: Session | null) => {
          clearTimeout(timer);
          waiting.delete(done);
          if (session && !current) current = session;
          resolve(current);
        };
        const timer = setTimeout(() => done(null), PEER_WAIT_MS);
        waiting.add(done);
        channel.postMessage({ type: 'ask' } satisfies TabMessage);
      });
    },
  };
}
