/**
 * The client in cookie mode (issue 21) against the real worker: `fetch` here is a browser's
 * stand-in — it sends the allowed `Origin` and keeps a cookie jar (Set-Cookie in, Cookie
 * out), as Chromium does for the web app (test/browser/cookie-session.ts checks the real
 * one). The refresh token never reaches the client's storage; a new client on the same jar
 * (a reload) signs back in by POST /refresh with the cookie; single-flight holds at expiry,
 * across two "tabs" sharing the access token over a BroadcastChannel, and, without one,
 * tabs that each refresh in turn under the lock never present a rotated cookie; logout and
 * deleteAccount clear the cookie.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuthApiError, createAuthClient, memoryStorage, type Session, tabStorage } from '../../client/src/index.ts';
import { mailFor, PASSWORD, registerUser } from '../worker/support/e2e.ts';
import { BASE_URL, sharedLock, workerFetch } from './support.ts';

const APP = 'http://127.0.0.1:3000'; // an allowed origin (wrangler.toml's local CORS_ORIGINS)
const COOKIE = '__Host-edge-auth-refresh';
const REFRESH = '/api/v1/auth/refresh';

/** A browser's cookie jar for the refresh cookie, and a `fetch` through it to the worker. */
function browserFetch() {
  const { fetch: toWorker, log } = workerFetch();
  const jar = { value: null as string | null, headers: [] as string[] };
  const fetch = async (request: Request) => {
    jar.headers.push(request.headers.get('X-Edge-Auth-Session') ?? '');
    const headers = new Headers(request.headers);
    headers.set('Origin', APP);
    if (jar.value) headers.set('Cookie', `${COOKIE}=${jar.value}`);
    const response = await toWorker(new Request(request, { headers }));
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      if (!pair.startsWith(`${COOKIE}=`)) continue;
      const value = pair.slice(COOKIE.length + 1);
      jar.value = value && !attributes.includes('Max-Age=0') ? value : null;
    }
    return response;
  };
  return { fetch, log, jar };
}

async function cookieClient(jarred = browserFetch(), storage = memoryStorage(), lock = sharedLock()) {
  const auth = createAuthClient({ baseUrl: BASE_URL, session: 'cookie', fetch: jarred.fetch, storage, lock });
  return { auth, storage, ...jarred };
}

async function ageSession(storage: { load(): unknown; save(s: Session): unknown }) {
  const session = (await storage.load()) as Session;
  await storage.save({ ...session, expires_at: Math.floor(Date.now() / 1000) - 5 });
  return session;
}

/** A minimal BroadcastChannel for the test (workerd has none): delivers to the other channels of a name, later. */
class FakeChannel {
  static open = new Map<string, Set<FakeChannel>>();
  private readonly listeners = new Set<(event: { data: unknown }) => void>();
  constructor(private readonly name: string) {
    const peers = FakeChannel.open.get(name) ?? new Set();
    peers.add(this);
    FakeChannel.open.set(name, peers);
  }
  postMessage(message: unknown) {
    const data = structuredClone(message);
    for (const peer of FakeChannel.open.get(this.name) ?? []) {
      if (peer !== this)
        setTimeout(() => {
          for (const listener of peer.listeners) listener({ data });
        }, 1);
    }
  }
  addEventListener(_type: 'message', listener: (event: { data: unknown }) => void) {
    this.listeners.add(listener);
  }
}

/**
 * {@link sharedLock} held a moment after `fn`, as the client's Web Lock is (the channel,
 * like `localStorage`, tells the other tabs a moment later), its result passed on at once.
 */
function settlingLock() {
  const lock = sharedLock();
  return <T>(name: string, fn: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      void lock(name, async () => {
        await fn().then(resolve, reject);
        await new Promise((settle) => setTimeout(settle, 50));
      });
    });
}

afterEach(() => {
  delete (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
  FakeChannel.open.clear();
});

describe('cookie mode', () => {
  it('login: the refresh token goes to the cookie, never to the storage; every request says cookie mode', async () => {
    const { email } = await registerUser();
    const { auth, storage, jar } = await cookieClient();
    expect(auth.mode).toBe('cookie');
    await auth.login({ email, password: PASSWORD });
    expect(jar.value).toMatch(/^[\w-]+$/);
    const stored = (await storage.load())!;
    expect(stored.refresh_token).toBe('');
    expect(JSON.stringify(stored)).not.toContain(jar.value);
    expect(await auth.me()).toMatchObject({ email });
    expect(new Set(jar.headers)).toEqual(new Set(['cookie']));
  });

  it('a reload (a new client, the same cookie jar) signs back in by one refresh with the cookie, and rotates it', async () => {
    const { email } = await registerUser();
    const first = await cookieClient();
    await first.auth.login({ email, password: PASSWORD });
    const before = first.jar.value;
    const reloaded = await cookieClient({ fetch: first.fetch, log: first.log, jar: first.jar });
    const calls = first.log.count('POST', REFRESH);
    const [a, b] = await Promise.all([reloaded.auth.session(), reloaded.auth.session()]);
    expect(a).toMatchObject({ user: { email }, refresh_token: '' });
    expect(b).toBe(a);
    expect(first.log.count('POST', REFRESH)).toBe(calls + 1);
    expect(first.jar.value).not.toBe(before);
    expect(await reloaded.auth.me()).toMatchObject({ email });
  });

  it('without a cookie a new client is signed out (the refresh is 401, nothing stored)', async () => {
    const { auth } = await cookieClient();
    expect(await auth.session()).toBeNull();
    expect(await auth.accessToken()).toBeNull();
  });

  it('20 parallel calls at expiry cause one refresh', async () => {
    const { email } = await registerUser();
    const { auth, storage, log, jar } = await cookieClient();
    await auth.login({ email, password: PASSWORD });
    const before = jar.value;
    await ageSession(storage);
    await Promise.all(Array.from({ length: 20 }, () => auth.me()));
    expect(log.count('POST', REFRESH)).toBe(1);
    expect(jar.value).not.toBe(before);
  });

  it('two tabs sharing the access token over a BroadcastChannel: at expiry, one refresh between them; a new tab borrows it', async () => {
    (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = FakeChannel;
    const { email } = await registerUser();
    const jarred = browserFetch();
    const lock = settlingLock();
    const tab1 = await cookieClient(jarred, tabStorage(), lock);
    await tab1.auth.login({ email, password: PASSWORD });
    const tab2 = await cookieClient(jarred, tabStorage(), lock);
    const borrowed = await tab2.auth.session();
    expect(borrowed?.access_token).toBe((await tab1.auth.session())?.access_token);
    expect(jarred.log.count('POST', REFRESH)).toBe(0);
    // Tab 1's session looks expired to both (it tells tab 2 so), then both call at once.
    await ageSession(tab1.storage);
    await new Promise((r) => setTimeout(r, 20));
    expect((await tab2.auth.session())!.expires_at).toBeLessThan(Date.now() / 1000);
    await Promise.all([tab1.auth.me(), tab2.auth.me(), tab1.auth.me(), tab2.auth.me()]);
    expect(jarred.log.count('POST', REFRESH)).toBe(1);
    expect((await tab2.auth.session())?.access_token).toBe((await tab1.auth.session())?.access_token);
  });

  it('tabs without a shared channel each refresh in turn under the lock, never presenting a rotated cookie', async () => {
    const { email } = await registerUser();
    const jarred = browserFetch();
    const lock = sharedLock();
    const tab1 = await cookieClient(jarred, memoryStorage(), lock);
    await tab1.auth.login({ email, password: PASSWORD });
    const tab2 = await cookieClient(jarred, memoryStorage(), lock);
    expect(await tab2.auth.session()).toMatchObject({ user: { email } }); // its own refresh with the cookie
    await ageSession(tab1.storage);
    await ageSession(tab2.storage);
    await Promise.all([tab1.auth.me(), tab2.auth.me()]);
    expect(jarred.log.count('POST', REFRESH)).toBe(3);
    expect(await tab1.auth.session()).not.toBeNull();
    expect(await tab2.auth.session()).not.toBeNull();
  });

  it('logout clears the cookie; a reload is then signed out', async () => {
    const { email } = await registerUser();
    const tab = await cookieClient();
    await tab.auth.login({ email, password: PASSWORD });
    await tab.auth.logout();
    expect(tab.jar.value).toBeNull();
    expect(await tab.auth.session()).toBeNull();
    const reloaded = await cookieClient({ fetch: tab.fetch, log: tab.log, jar: tab.jar });
    expect(await reloaded.auth.session()).toBeNull();
  });

  it('deleteAccount with the password: the account is gone, the session and the cookie too; a wrong password is refused', async () => {
    const { email } = await registerUser();
    const tab = await cookieClient();
    await tab.auth.login({ email, password: PASSWORD });
    const wrong = await tab.auth.deleteAccount({ password: 'not-the-password-1' }).catch((err: unknown) => err);
    expect(wrong).toBeInstanceOf(AuthApiError);
    expect((wrong as AuthApiError).code).toBe('INVALID_CREDENTIALS');
    expect(await tab.auth.session()).not.toBeNull();
    await expect(tab.auth.deleteAccount({ password: PASSWORD })).resolves.toMatchObject({ message: expect.any(String) });
    expect(await tab.auth.session()).toBeNull();
    expect(tab.jar.value).toBeNull();
    const again = createAuthClient({ baseUrl: BASE_URL, fetch: workerFetch().fetch });
    await expect(again.login({ email, password: PASSWORD })).rejects.toMatchObject({ status: 401 });
  });

  it('deleteAccount with an emailed code (bearer mode, as outside browsers)', async () => {
    const { email } = await registerUser();
    const auth = createAuthClient({ baseUrl: BASE_URL, fetch: workerFetch().fetch, storage: memoryStorage() });
    expect(auth.mode).toBe('bearer');
    await auth.login({ email, password: PASSWORD });
    await auth.sendSignInCode(email);
    let code = '';
    for (let attempt = 0; attempt < 100 && !code; attempt++) {
      const [latest] = await mailFor(email);
      if (latest) {
        const { env } = await import('cloudflare:workers');
        const res = await fetch(`${env.TEST_MAILBOX_URL}/api/v1/message/${latest.ID}`);
        code = /<strong>\s*(\d{6})\s*<\/strong>/.exec(((await res.json()) as { HTML: string }).HTML)?.[1] ?? '';
      } else await new Promise((r) => setTimeout(r, 100));
    }
    expect(code).toMatch(/^\d{6}$/);
    await auth.deleteAccount({ code });
    expect(await auth.session()).toBeNull();
    await expect(auth.login({ email, password: PASSWORD })).rejects.toMatchObject({ status: 401 });
  });
});
