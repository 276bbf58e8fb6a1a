/**
 * Sessions against the auth stand-in, driven by supabase-js: refresh-token rotation, the
 * reuse interval and reuse detection (rows aged in the database instead of sleeping),
 * sign-out scopes, what a signed-out session's tokens get (403 session_not_found,
 * refresh_token_not_found), the session inactivity timeout, a password change
 * signing out the user's other sessions, and the User-Agent, IP and refresh time that
 * GoTrue keeps on each auth.sessions row.
 */
import type { Session } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { TEST_STACK } from '../setup/stack-config.ts';
import { anonClient, authFetch, PASSWORD, sql, startAuthServer, uniqueEmail } from './helpers/auth.ts';

/** Signs up a fresh user; returns its first session. */
async function newUser(): Promise<{ email: string; session: Session }> {
  const email = uniqueEmail('sess');
  const { data, error } = await anonClient().auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  return { email, session: data.session! };
}

async function signIn(email: string, password = PASSWORD): Promise<Session> {
  const { data, error } = await anonClient().auth.signInWithPassword({ email, password });
  if (error) throw error;
  return data.session!;
}

const refresh = (token: string, url?: string) => anonClient(url).auth.refreshSession({ refresh_token: token });
const getUser = (jwt: string) => anonClient().auth.getUser(jwt);

/** Makes a refresh token look rotated `seconds` ago. */
const ageToken = (token: string, seconds: number) =>
  sql(`update auth.refresh_tokens set updated_at = now() - make_interval(secs => $2) where token = $1`, [token, seconds]);

describe('refresh tokens', () => {
  it('rotates: a new refresh token whose parent is the old one, same session', async () => {
    const { session } = await newUser();
    const { data, error } = await refresh(session.refresh_token);
    expect(error).toBeNull();
    const next = data.session!;
    expect(next.refresh_token).not.toBe(session.refresh_token);
    expect(next.user.id).toBe(session.user.id);
    const rows = await sql<{ token: string; revoked: boolean; parent: string | null; session_id: string }>(
      'select token, revoked, parent, session_id from auth.refresh_tokens where token = any($1) order by id',
      [[session.refresh_token, next.refresh_token]],
    );
    expect(rows).toEqual([
      { token: session.refresh_token, revoked: true, parent: null, session_id: rows[0]!.session_id },
      { token: next.refresh_token, revoked: false, parent: session.refresh_token, session_id: rows[0]!.session_id },
    ]);
    const claims = JSON.parse(Buffer.from(next.access_token.split('.')[1]!, 'base64url').toString()) as {
      session_id: string;
      amr: unknown;
    };
    expect(claims.session_id).toBe(rows[0]!.session_id);
    expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
  });

  it('hands back the active child when the just-rotated parent comes again within the reuse interval', async () => {
    const { session } = await newUser();
    const first = (await refresh(session.refresh_token)).data.session!;
    const again = await refresh(session.refresh_token);
    expect(again.error).toBeNull();
    expect(again.data.session!.refresh_token).toBe(first.refresh_token);
  });

  it('detects reuse outside the interval: 400 refresh_token_already_used and the whole family revoked', async () => {
    const { session } = await newUser();
    const child = (await refresh(session.refresh_token)).data.session!;
    const grandchild = (await refresh(child.refresh_token)).data.session!;
    await ageToken(session.refresh_token, 60);
    const reuse = await refresh(session.refresh_token);
    expect(reuse.error).toMatchObject({ status: 400, code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' });
    const live = await sql('select token from auth.refresh_tokens where parent = any($1) and revoked = false', [
      [session.refresh_token, child.refresh_token],
    ]);
    expect(live).toEqual([]);
    // Once older than the interval too, the last token of the family is refused as well.
    await ageToken(grandchild.refresh_token, 60);
    expect((await refresh(grandchild.refresh_token)).error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
  });

  it('answers refresh_token_not_found for an unknown token', async () => {
    const { error } = await refresh('abcdefghijkl');
    expect(error).toMatchObject({
      status: 400,
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    });
  });

  it('ends a session after the inactivity timeout (session_expired)', async () => {
    const server = await startAuthServer({ sessions: { inactivityTimeout: 60, timebox: 0 } });
    const { data } = await anonClient(server.url).auth.signUp({ email: uniqueEmail('idle'), password: PASSWORD });
    const token = data.session!.refresh_token;
    await sql(
      `update auth.sessions set created_at = now() - interval '2 minutes' where id = (select session_id from auth.refresh_tokens where token = $1)`,
      [token],
    );
    await ageToken(token, 120);
    expect((await refresh(token, server.url)).error).toMatchObject({
      status: 400,
      code: 'session_expired',
      message: 'Invalid Refresh Token: Session Expired (Inactivity)',
    });
  });

  it('ends a session after the timebox, however active (session_expired)', async () => {
    const server = await startAuthServer({ sessions: { inactivityTimeout: 0, timebox: 60 } });
    const { data } = await anonClient(server.url).auth.signUp({ email: uniqueEmail('timebox'), password: PASSWORD });
    const token = data.session!.refresh_token;
    expect((await refresh(token, server.url)).error).toBeNull();
    await sql(`update auth.sessions set created_at = now() - interval '2 minutes' where user_id = $1`, [data.user!.id]);
    const next = (await sql<{ token: string }>('select token from auth.refresh_tokens where parent = $1', [token]))[0]!.token;
    expect((await refresh(next, server.url)).error).toMatchObject({
      status: 400,
      code: 'session_expired',
      message: 'Invalid Refresh Token: Session Expired',
    });
  });
});

describe('sign-out', () => {
  it('local: only this session ends; its access token gets 403 session_not_found, its refresh token is gone', async () => {
    const { email, session: a } = await newUser();
    const b = await signIn(email);
    const client = anonClient();
    await client.auth.setSession({ access_token: a.access_token, refresh_token: a.refresh_token });
    expect((await client.auth.signOut({ scope: 'local' })).error).toBeNull();
    const after = await getUser(a.access_token);
    expect(after.error).toMatchObject({ name: 'AuthSessionMissingError', status: 400 });
    const raw = await authFetch('/user', { headers: { authorization: `Bearer ${a.access_token}` } });
    expect(raw.status).toBe(403);
    expect(await raw.json()).toEqual({
      code: 403,
      error_code: 'session_not_found',
      msg: 'Session from session_id claim in JWT does not exist',
    });
    expect((await refresh(a.refresh_token)).error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
    expect((await getUser(b.access_token)).error).toBeNull();
    expect((await refresh(b.refresh_token)).error).toBeNull();
  });

  it('global: every session of the user ends', async () => {
    const { email, session: a } = await newUser();
    const b = await signIn(email);
    const res = await authFetch('/logout?scope=global', { method: 'POST', headers: { authorization: `Bearer ${a.access_token}` } });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    for (const s of [a, b]) {
      expect((await getUser(s.access_token)).error).toMatchObject({ name: 'AuthSessionMissingError' });
      expect((await refresh(s.refresh_token)).error).toMatchObject({ code: 'refresh_token_not_found' });
    }
  });

  it('others: every session but this one ends', async () => {
    const { email, session: a } = await newUser();
    const b = await signIn(email);
    const client = anonClient();
    await client.auth.setSession({ access_token: a.access_token, refresh_token: a.refresh_token });
    expect((await client.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await getUser(a.access_token)).error).toBeNull();
    expect((await getUser(b.access_token)).error).toMatchObject({ name: 'AuthSessionMissingError' });
  });

  it('signing out twice: the second call meets 403 session_not_found, which supabase-js treats as signed out', async () => {
    const { session } = await newUser();
    const first = await authFetch('/logout', { method: 'POST', headers: { authorization: `Bearer ${session.access_token}` } });
    expect(first.status).toBe(204);
    const second = await authFetch('/logout', { method: 'POST', headers: { authorization: `Bearer ${session.access_token}` } });
    expect(second.status).toBe(403);
    const client = anonClient();
    await client.auth.signOut(); // no session: nothing to do, no error
    // admin.signOut(jwt) posts /logout with that JWT; supabase-js maps session_not_found to a missing session.
    expect((await anonClient().auth.admin.signOut(session.access_token)).error).toMatchObject({ name: 'AuthSessionMissingError' });
  });
});

describe('GET /user', () => {
  it('returns the user for a valid token and GoTrue errors for missing, expired and forged ones', async () => {
    const { session } = await newUser();
    const { data, error } = await getUser(session.access_token);
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: session.user.id, email: session.user.email, aud: 'authenticated', role: 'authenticated' });
    expect(data.user!.identities).toHaveLength(1);

    const missing = await authFetch('/user');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ code: 401, error_code: 'no_authorization', msg: 'This endpoint requires a valid Bearer token' });

    const [header, payload, signature] = session.access_token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'service_role' })).toString('base64url')}.${signature}`;
    const bad = await authFetch('/user', { headers: { authorization: `Bearer ${forged}` } });
    expect(bad.status).toBe(403);
    expect(((await bad.json()) as { error_code: string }).error_code).toBe('bad_jwt');
  });

  it('answers 403 bad_jwt "token is expired" for an expired access token', async () => {
    const server = await startAuthServer({ jwtExpiry: 1 });
    const { data } = await anonClient(server.url).auth.signUp({ email: uniqueEmail('exp'), password: PASSWORD });
    await new Promise((r) => setTimeout(r, 2100));
    const res = await authFetch('/user', { headers: { authorization: `Bearer ${data.session!.access_token}` } }, server.url);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      code: 403,
      error_code: 'bad_jwt',
      msg: 'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
    });
  });
});

describe('PUT /user', () => {
  it('merges data into user_metadata (null deletes a key)', async () => {
    const { session } = await newUser();
    const client = anonClient();
    await client.auth.setSession({ access_token: session.access_token, refresh_token: session.refresh_token });
    await client.auth.updateUser({ data: { first_name: 'Grace', plan: 'pro' } });
    const { data, error } = await client.auth.updateUser({ data: { plan: null, last_name: 'Hopper' } });
    expect(error).toBeNull();
    expect(data.user!.user_metadata).toMatchObject({ first_name: 'Grace', last_name: 'Hopper' });
    expect(data.user!.user_metadata).not.toHaveProperty('plan');
  });

  it('changes the password, refuses the same one (422 same_password) and signs out the other sessions', async () => {
    const { email, session: a } = await newUser();
    const b = await signIn(email);
    const client = anonClient();
    await client.auth.setSession({ access_token: a.access_token, refresh_token: a.refresh_token });
    const same = await client.auth.updateUser({ password: PASSWORD });
    expect(same.error).toMatchObject({
      status: 422,
      code: 'same_password',
      message: 'New password should be different from the old password.',
    });
    const weak = await client.auth.updateUser({ password: 'short' });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
    expect((await client.auth.updateUser({ password: 'a-brand-new-password' })).error).toBeNull();
    expect((await getUser(a.access_token)).error).toBeNull();
    expect((await getUser(b.access_token)).error).toMatchObject({ name: 'AuthSessionMissingError' });
    expect((await refresh(b.refresh_token)).error).toMatchObject({ code: 'refresh_token_not_found' });
    expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error).toMatchObject({
      code: 'invalid_credentials',
    });
    expect((await anonClient().auth.signInWithPassword({ email, password: 'a-brand-new-password' })).error).toBeNull();
  });

  it('refuses an email already used by another user (422 email_exists)', async () => {
    const other = await newUser();
    const { session } = await newUser();
    const client = anonClient();
    await client.auth.setSession({ access_token: session.access_token, refresh_token: session.refresh_token });
    const { error } = await client.auth.updateUser({ email: other.email });
    expect(error).toMatchObject({
      status: 422,
      code: 'email_exists',
      message: 'A user with this email address has already been registered',
    });
  });
});

describe('auth.sessions rows, as GoTrue writes them', () => {
  type SessionRow = { user_agent: string | null; ip: string | null; refreshed_at: Date | null; updated_at: Date; created_at: Date };
  const sessionRow = async (sessionId: string) =>
    (
      await sql<SessionRow>(
        // refreshed_at is `timestamp without time zone` holding UTC, as GoTrue's column.
        `select user_agent, host(ip) as ip, refreshed_at at time zone 'UTC' as refreshed_at, updated_at, created_at
           from auth.sessions where id = $1`,
        [sessionId],
      )
    )[0]!;
  const sessionIdOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).session_id as string;
  const post = (base: string, pathAndQuery: string, body: unknown, headers: Record<string, string>, key: string = TEST_STACK.anonKey) =>
    authFetch(
      pathAndQuery,
      { method: 'POST', key, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) },
      base,
    );

  it('stores the User-Agent and socket address on sign-in, and refreshed_at, updated_at, User-Agent and IP on refresh', async () => {
    const { email } = await newUser();
    const res = await post(TEST_STACK.apiUrl, '/token?grant_type=password', { email, password: PASSWORD }, { 'user-agent': 'Browser/1.0' });
    const session = (await res.json()) as Session;
    const id = sessionIdOf(session.access_token);
    const created = await sessionRow(id);
    expect(created).toMatchObject({ user_agent: 'Browser/1.0', ip: '127.0.0.1', refreshed_at: null });
    await new Promise((r) => setTimeout(r, 20));
    const before = Date.now();
    const refreshed = await post(
      TEST_STACK.apiUrl,
      '/token?grant_type=refresh_token',
      { refresh_token: session.refresh_token },
      { 'user-agent': 'Browser/2.0' },
    );
    expect(refreshed.status).toBe(200);
    const after = await sessionRow(id);
    expect(after.user_agent).toBe('Browser/2.0');
    expect(after.ip).toBe('127.0.0.1');
    // Written by this refresh: not before the test's mark (GoTrue stores whole microseconds; allow 1 ms).
    expect(after.refreshed_at!.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(after.updated_at.getTime()).toBeGreaterThan(created.updated_at.getTime());
    expect(after.created_at).toEqual(created.created_at);
    // An empty User-Agent is no User-Agent (GoTrue stores NULL).
    await post(
      TEST_STACK.apiUrl,
      '/token?grant_type=refresh_token',
      { refresh_token: ((await refreshed.json()) as Session).refresh_token },
      { 'user-agent': '' },
    );
    expect((await sessionRow(id)).user_agent).toBeNull();
  });

  it('stores the client IP the rate limiter counts: Sb-Forwarded-For only with the secret key and forwarding on', async () => {
    const { email } = await newUser();
    const forwarded = { 'user-agent': 'Worker/1.0', 'sb-forwarded-for': '203.0.113.7' };
    const viaSecret = await post(
      TEST_STACK.forwardingApiUrl,
      '/token?grant_type=password',
      { email, password: PASSWORD },
      forwarded,
      TEST_STACK.secretKey,
    );
    expect(viaSecret.status).toBe(200);
    expect(await sessionRow(sessionIdOf(((await viaSecret.json()) as Session).access_token))).toMatchObject({
      ip: '203.0.113.7',
      user_agent: 'Worker/1.0',
    });
    const viaPublishable = await post(
      TEST_STACK.forwardingApiUrl,
      '/token?grant_type=password',
      { email, password: PASSWORD },
      forwarded,
      TEST_STACK.publishableKey,
    );
    expect((await sessionRow(sessionIdOf(((await viaPublishable.json()) as Session).access_token))).ip).toBe('127.0.0.1');
    const forwardingOff = await post(
      TEST_STACK.apiUrl,
      '/token?grant_type=password',
      { email, password: PASSWORD },
      forwarded,
      TEST_STACK.secretKey,
    );
    expect((await sessionRow(sessionIdOf(((await forwardingOff.json()) as Session).access_token))).ip).toBe('127.0.0.1');
  });
});
