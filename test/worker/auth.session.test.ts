/**
 * Sessions through the worker: GET /me, POST /refresh (rotation, reuse window, reuse
 * detection) and POST /logout (local, global, others), and the guarantee that an access
 * token is refused by every protected route as soon as its session has ended.
 */
import { describe, expect, it } from 'vitest';
import { api, loginUser, registerUser, signupFlowSession, sql } from './support/e2e.ts';

/** Makes a refresh token look rotated longer ago than the 10 s reuse interval. */
async function ageRefreshToken(token: string) {
  await sql(`update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = $1`, [token]);
}

const me = (token: string) => api('/api/v1/auth/me', { token });
const refresh = (refresh_token: string) => api('/api/v1/auth/refresh', { body: { refresh_token } });
const logout = (token: string, scope?: string) =>
  api('/api/v1/auth/logout', { token, ...(scope ? { body: { scope } } : { method: 'POST' }) });

describe('GET /api/v1/auth/me', () => {
  it('answers the profile, role and organization with plan', async () => {
    const { email, data } = await registerUser({ first_name: 'John', last_name: 'Doe', organization_name: 'Example Corp' });
    await sql(`update public.organizations set plan = 'pro' where name = 'Example Corp' and created_by = $1`, [data.user.id]);
    const res = await me(data.access_token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      message: 'User retrieved',
      data: {
        id: data.user.id,
        email,
        first_name: 'John',
        last_name: 'Doe',
        role: 'owner',
        email_verified: true,
        organization: { id: expect.any(String), name: 'Example Corp', plan: 'pro' },
        created_at: expect.any(String),
        aal: 'aal1',
        mfa_enabled: false,
      },
    });
  });

  it('without a team organization, reports the personal one', async () => {
    const { data } = await registerUser();
    const res = await me(data.access_token);
    expect(res.body.data).toMatchObject({ role: 'owner', first_name: null, organization: { name: 'Personal Account', plan: 'free' } });
  });

  it('answers 401 AUTH_REQUIRED without a token and TOKEN_INVALID for a bad one', async () => {
    const none = await api('/api/v1/auth/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('AUTH_REQUIRED');
    const bad = await me('not.a.token');
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('TOKEN_INVALID');
  });
});

describe('POST /api/v1/auth/refresh', () => {
  it('rotates the refresh token and answers the same data as /login', async () => {
    const { email } = await registerUser({ organization_name: 'Refresh Co' });
    const session = await loginUser(email);
    const res = await refresh(session.refresh_token);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.body.message).toBe('Token refreshed');
    expect(res.body.data).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 900,
      expires_at: expect.any(Number),
      user: { ...session.user },
      mfa: { required: false, factors: [] },
    });
    expect(res.body.data.refresh_token).not.toBe(session.refresh_token);
    expect((await me(res.body.data.access_token)).status).toBe(200);
  });

  it('within the reuse window, the old token still answers the current session', async () => {
    const { data } = await registerUser();
    const first = await refresh(data.refresh_token);
    const again = await refresh(data.refresh_token);
    expect(again.status).toBe(200);
    expect(again.body.data.refresh_token).toBe(first.body.data.refresh_token);
  });

  it('a replay after the reuse window kills the session', async () => {
    const { data } = await registerUser();
    // Two rotations: the first token is then neither current nor the parent of the current
    // one (a lost answer of the last refresh is forgiven, as Supabase does).
    const second = (await refresh(data.refresh_token)).body.data;
    const third = (await refresh(second.refresh_token)).body.data;
    expect(third.refresh_token).toBeTruthy();
    await ageRefreshToken(data.refresh_token);
    const replay = await refresh(data.refresh_token);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('TOKEN_INVALID');
    // The whole session is revoked: its newest refresh token is dead once its own short
    // grace has passed, and every access token of the session is refused at once.
    for (const token of [data.access_token, second.access_token, third.access_token]) {
      expect((await me(token)).status).toBe(401);
    }
    await ageRefreshToken(third.refresh_token);
    expect((await refresh(third.refresh_token)).status).toBe(401);
  });

  it('answers 401 TOKEN_INVALID for an unknown token and 400 for a missing one', async () => {
    const unknown = await refresh('definitely-not-a-refresh-token');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('TOKEN_INVALID');
    const missing = await api('/api/v1/auth/refresh', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([{ path: 'refresh_token', message: 'is required' }]);
  });

  it('answers 401 TOKEN_EXPIRED when the session passed its inactivity limit', async () => {
    const { data } = await registerUser();
    await sql(
      `update auth.sessions set refreshed_at = now() - interval '8 days', created_at = now() - interval '8 days'
                where id = (select session_id from auth.refresh_tokens where token = $1)`,
      [data.refresh_token],
    );
    const res = await refresh(data.refresh_token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_EXPIRED');
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('signup → login → me → refresh → logout: old access and refresh tokens are refused at once', async () => {
    const session = await signupFlowSession();
    expect((await me(session.access_token)).status).toBe(200);
    const refreshed = (await refresh(session.refresh_token)).body.data;
    const out = await logout(refreshed.access_token);
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ success: true, message: 'Successfully logged out', data: { message: 'Successfully logged out' } });
    for (const token of [session.access_token, refreshed.access_token]) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('TOKEN_INVALID');
      expect((await api('/api/v1/auth/organizations', { token })).status).toBe(401);
    }
    expect((await refresh(refreshed.refresh_token)).status).toBe(401);
    expect((await refresh(session.refresh_token)).status).toBe(401);
    // Logging out a session that is already gone is still 200.
    expect((await logout(refreshed.access_token)).status).toBe(200);
  });

  it('scope global ends every session of the user, scope others all but this one', async () => {
    const { email } = await registerUser();
    const a = await loginUser(email);
    const b = await loginUser(email);
    const c = await loginUser(email);
    expect((await logout(a.access_token, 'others')).status).toBe(200);
    expect((await me(a.access_token)).status).toBe(200);
    expect((await me(b.access_token)).status).toBe(401);
    expect((await me(c.access_token)).status).toBe(401);
    const d = await loginUser(email);
    expect((await logout(d.access_token, 'global')).status).toBe(200);
    expect((await me(a.access_token)).status).toBe(401);
    expect((await me(d.access_token)).status).toBe(401);
    expect((await refresh(a.refresh_token)).status).toBe(401);
  });

  it('scope local (the default) ends only this session', async () => {
    const { email } = await registerUser();
    const a = await loginUser(email);
    const b = await loginUser(email);
    expect((await logout(a.access_token)).status).toBe(200);
    expect((await me(a.access_token)).status).toBe(401);
    expect((await me(b.access_token)).status).toBe(200);
  });

  it('answers 400 for an unknown scope and 401 without a token', async () => {
    const { data } = await registerUser();
    const bad = await logout(data.access_token, 'everything');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ path: 'scope', message: 'must be one of local, global, others' }],
    });
    const none = await api('/api/v1/auth/logout', { method: 'POST' });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('AUTH_REQUIRED');
  });
});
