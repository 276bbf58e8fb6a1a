/**
 * The client's session handling against the real worker and stand-in: tokens stored and
 * sent, refresh shortly before expiry and once on a 401, single-flight (20 parallel calls
 * at expiry cause exactly one refresh, counted where it reaches the worker and in the
 * database), across two "tabs" sharing one storage and lock, and the session cleared
 * when it ends.
 */
import { describe, expect, it } from 'vitest';
import { AuthApiError, createAuthClient, localStorageAdapter, memoryStorage, type Session } from '../../client/src/index.ts';
import { api, PASSWORD, registerUser, signWithProjectKey, sql } from '../worker/support/e2e.ts';
import { BASE_URL, claimsOf, fakeLocalStorage, sharedLock, workerFetch } from './support.ts';

const REFRESH = '/api/v1/auth/refresh';

/** A client signed in as a new user, with its storage and the log of what reached the worker. */
async function signedInClient() {
  const { email } = await registerUser();
  const { fetch, log } = workerFetch();
  const storage = memoryStorage();
  const auth = createAuthClient({ baseUrl: BASE_URL, fetch, storage });
  await auth.login({ email, password: PASSWORD });
  return { auth, storage, log, email };
}

/** Makes the stored session look expired to the client (its own expires_at), not to the worker. */
async function ageStoredSession(storage: { load(): unknown; save(s: Session): unknown }, secondsLeft = -5) {
  const session = (await storage.load()) as Session;
  await storage.save({ ...session, expires_at: Math.floor(Date.now() / 1000) + secondsLeft });
  return session;
}

/** How many refresh tokens the session of `accessToken` has had (1 + rotations), from the database. */
async function refreshTokensOf(accessToken: string): Promise<number> {
  const [row] = await sql<{ n: string }>('select count(*) as n from auth.refresh_tokens where session_id = $1', [
    claimsOf(accessToken).session_id,
  ]);
  return Number(row!.n);
}

describe('session handling', () => {
  it('stores the session at login and sends its access token', async () => {
    const { auth, log, email } = await signedInClient();
    const session = await auth.session();
    expect(session).toMatchObject({ user: { email }, access_token: expect.any(String), refresh_token: expect.any(String) });
    // expires_at is by this device's clock: now + expires_in (900 s).
    expect(session!.expires_at - Date.now() / 1000).toBeGreaterThan(890);
    expect(await auth.me()).toMatchObject({ email });
    expect(log.count('POST', REFRESH)).toBe(0);
  });

  it('20 parallel calls at expiry cause exactly one refresh', async () => {
    const { auth, storage, log } = await signedInClient();
    const before = await ageStoredSession(storage);
    const results = await Promise.all(Array.from({ length: 20 }, () => auth.me()));
    expect(results.every((me) => me.id === before.user.id)).toBe(true);
    expect(log.count('POST', REFRESH)).toBe(1);
    expect(log.count('GET', '/api/v1/auth/me')).toBe(20);
    const after = (await auth.session())!;
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.expires_at - Date.now() / 1000).toBeGreaterThan(890);
    // Upstream agrees: the session's refresh token was rotated once.
    expect(await refreshTokensOf(after.access_token)).toBe(2);
  });

  it('refreshes shortly before expiry (within the margin), not earlier', async () => {
    const { auth, storage, log } = await signedInClient();
    await ageStoredSession(storage, 120);
    await auth.me();
    expect(log.count('POST', REFRESH)).toBe(0);
    await ageStoredSession(storage, 30);
    await auth.me();
    expect(log.count('POST', REFRESH)).toBe(1);
  });

  it('on a 401 TOKEN_EXPIRED refreshes once and retries once; 20 such calls share the refresh', async () => {
    const { auth, storage, log } = await signedInClient();
    const session = (await storage.load())!;
    // The worker sees an expired token while the client still believes it valid (a skewed clock).
    const now = Math.floor(Date.now() / 1000);
    const expired = await signWithProjectKey({ ...claimsOf(session.access_token), iat: now - 1000, exp: now - 100 });
    const direct = await api('/api/v1/auth/me', { token: expired });
    expect(direct.body.error.code).toBe('TOKEN_EXPIRED');
    await storage.save({ ...session, access_token: expired });

    const results = await Promise.all(Array.from({ length: 20 }, () => auth.me()));
    expect(results.every((me) => me.id === session.user.id)).toBe(true);
    expect(log.count('POST', REFRESH)).toBe(1);
    expect(log.count('GET', '/api/v1/auth/me')).toBe(40);
  });

  it('two tabs sharing one storage and lock refresh once between them', async () => {
    const { email } = await registerUser();
    const shared = fakeLocalStorage();
    const lock = sharedLock();
    const tab = () => {
      const { fetch, log } = workerFetch();
      return { log, auth: createAuthClient({ baseUrl: BASE_URL, fetch, lock, storage: localStorageAdapter('edge-auth.session', shared) }) };
    };
    const one = tab();
    const two = tab();
    await one.auth.login({ email, password: PASSWORD });
    expect((await two.auth.session())?.user.email).toBe(email);
    await ageStoredSession(localStorageAdapter('edge-auth.session', shared));
    await Promise.all([...Array.from({ length: 10 }, () => one.auth.me()), ...Array.from({ length: 10 }, () => two.auth.me())]);
    expect(one.log.count('POST', REFRESH) + two.log.count('POST', REFRESH)).toBe(1);
  });

  it('clears the session when the refresh is refused, and says so', async () => {
    const { auth, storage } = await signedInClient();
    const session = (await storage.load())!;
    // Another device signs this user out everywhere: this session's tokens die.
    expect((await api('/api/v1/auth/logout', { token: session.access_token, body: { scope: 'global' } })).status).toBe(200);
    const changes: (Session | null)[] = [];
    auth.onChange((s) => changes.push(s));
    const error = await auth.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    expect(await auth.session()).toBeNull();
    expect(changes).toEqual([null]);
  });

  it('keeps the session when the API cannot be reached', async () => {
    const { email } = await registerUser();
    const { fetch } = workerFetch();
    let offline = false;
    const storage = memoryStorage();
    const auth = createAuthClient({
      baseUrl: BASE_URL,
      storage,
      fetch: (request) => (offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(request)),
    });
    await auth.login({ email, password: PASSWORD });
    await ageStoredSession(storage);
    offline = true;
    await expect(auth.me()).rejects.toThrow('Failed to fetch');
    expect(await auth.session()).not.toBeNull();
    offline = false;
    expect(await auth.me()).toMatchObject({ email });
  });

  it('logout ends the session upstream and clears it here', async () => {
    const { auth } = await signedInClient();
    const { access_token } = (await auth.session())!;
    await auth.logout();
    expect(await auth.session()).toBeNull();
    expect((await api('/api/v1/auth/me', { token: access_token })).body.error.code).toBe('TOKEN_INVALID');
    await expect(auth.me()).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
    // Logging out again, or a session that already ended, is not an error.
    await auth.logout();
  });

  it('logout of the other sessions keeps this one', async () => {
    const { auth } = await signedInClient();
    await auth.logout('others');
    expect(await auth.session()).not.toBeNull();
    expect(await auth.me()).toMatchObject({ email_verified: true });
  });

  it('answers failures as AuthApiError with code, details and request id', async () => {
    const auth = createAuthClient({ baseUrl: BASE_URL, fetch: workerFetch().fetch });
    const error = (await auth.login({ email: 'not-an-email', password: 'x' }).catch((e: unknown) => e)) as AuthApiError;
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details.map((d) => d.path)).toContain('email');
    expect(error.requestId).toEqual(expect.any(String));
    await expect(auth.login({ email: 'nobody@example.test', password: 'wrong-password' })).rejects.toMatchObject({
      status: 401,
      code: 'INVALID_CREDENTIALS',
      message: 'Invalid email or password',
    });
  });

  it('is typed by the OpenAPI document', async () => {
    const { auth } = await signedInClient();
    const { data } = await auth.api.GET('/api/v1/auth/organizations');
    expect(data?.data.map((o) => o.role)).toEqual(['OWNER']);
    // @ts-expect-error: not a path of the API
    await auth.api.GET('/api/v1/auth/nope').catch(() => {});
    // @ts-expect-error: login needs a password
    await auth.login({ email: 'a@example.test' }).catch(() => {});
  });
});
