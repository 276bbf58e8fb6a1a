/**
 * Helpers for the client's tests, which run in the worker project: the client gets a
 * `fetch` that hands each request to the real worker entry (`exports.default.fetch`,
 * against the test run's own stand-in) and records what reached it, so a test can count
 * the refreshes the worker saw.
 */
import { env, exports } from 'cloudflare:workers';
import { createApp } from '../../src/app.ts';
import { envWith, mailFor } from '../worker/support/e2e.ts';

/** Every request that reached the worker, as `METHOD /path`. */
export interface WorkerLog {
  calls: string[];
  /** How many requests of `method` to `path` (e.g. 'POST', '/api/v1/auth/refresh') reached the worker. */
  count(method: string, path: string): number;
}

/** A `fetch` for the client that calls the real worker, and its log. */
export function workerFetch(options: { confirming?: boolean } = {}): { fetch: (request: Request) => Promise<Response>; log: WorkerLog } {
  const calls: string[] = [];
  // The confirming stand-in (email confirmations on) is another Supabase URL, so that
  // worker is an app built with that env; the default is the worker entry itself.
  const confirmingEnv = options.confirming ? envWith({ SUPABASE_URL: env.TEST_CONFIRMING_SUPABASE_URL }) : null;
  const app = confirmingEnv ? createApp() : null;
  return {
    log: { calls, count: (method, path) => calls.filter((c) => c === `${method} ${path}`).length },
    fetch: async (request) => {
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      return app && confirmingEnv ? app.request(request, undefined, confirmingEnv) : exports.default.fetch(request);
    },
  };
}

/** The origin the client is given; the worker ignores the host. */
export const BASE_URL = 'http://worker.test';

/** A minimal in-memory Web Storage, as two tabs of one origin share it. */
export function fakeLocalStorage(): {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
} {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

/** A lock shared by the clients given it, as the Web Locks API is by the tabs of an origin. */
export function sharedLock() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(_name: string, fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => {});
    return run;
  };
}

/** The payload of a JWT (not verified). */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
}

/**
 * The token hash of the newest email to `email`: the `token_hash` of a web-app link
 * (/reset-password, /verify-email), or the `token` of the auth server's own verify link.
 */
export async function tokenHashFor(email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const [latest] = await mailFor(email);
    if (latest) {
      const res = await fetch(`${env.TEST_MAILBOX_URL}/api/v1/message/${latest.ID}`);
      const { HTML } = (await res.json()) as { HTML: string };
      const href = /href="([^"]+)"/.exec(HTML)?.[1]?.replace(/&amp;/g, '&');
      const url = href ? new URL(href) : null;
      const hash = url?.searchParams.get('token_hash') ?? url?.searchParams.get('token');
      if (hash) return hash;
      throw new Error(`no token in the email to ${email}: ${HTML}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${email}`);
}
