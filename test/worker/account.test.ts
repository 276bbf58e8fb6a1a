/**
 * The account flows (spec/api.md "Account flows") through the worker and the stand-in:
 * resending and following the email confirmation (with the server that has confirmations
 * on), editing the profile, changing the password through the lockout, and seeing and
 * ending one's own sessions — each ended session's access token refused at once.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { lockoutFor } from '../../src/auth/lockout.ts';
import { api, envWith, latestMailHtml, loginUser, mailFor, PASSWORD, registerUser, sql, uniqueEmail } from './support/e2e.ts';

const confirming = () => envWith({ SUPABASE_URL: env.TEST_CONFIRMING_SUPABASE_URL });
const NEW_PASSWORD = 'a-fresh-passphrase-77';
/** Longer than the local `[auth.email] max_frequency` (1 s) between two emails to one address. */
const pastEmailFrequency = () => new Promise((resolve) => setTimeout(resolve, 1100));

/** The token hash and type of the newest /verify-email link mailed to `email`. */
async function verifyLinkFor(email: string): Promise<{ link: string; token_hash: string; type: string }> {
  const html = await latestMailHtml(email);
  const link = /href="([^"]*\/verify-email\?[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  if (!link) throw new Error(`no verify-email link in: ${html}`);
  const url = new URL(link);
  return { link, token_hash: url.searchParams.get('token_hash') ?? '', type: url.searchParams.get('type') ?? '' };
}

describe('POST /email/resend and POST /email/verify', () => {
  it('sign up unverified → resend → the link signs the user in; the link is single use', async () => {
    const email = uniqueEmail('verify');
    const env = confirming();
    expect((await api('/api/v1/auth/signup', { body: { email, password: PASSWORD }, env })).status).toBe(200);
    expect((await api('/api/v1/auth/login', { body: { email, password: PASSWORD }, env })).body.error.code).toBe('EMAIL_NOT_VERIFIED');
    await pastEmailFrequency();
    const resent = await api('/api/v1/auth/email/resend', { body: { email }, env });
    expect(resent.body).toEqual({ success: true, message: 'Verification email sent', data: { message: 'Verification email sent' } });
    await expect.poll(async () => (await mailFor(email)).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const { link, token_hash, type } = await verifyLinkFor(email);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/verify-email\?token_hash=[0-9a-f]+&type=signup$/);

    const verified = await api('/api/v1/auth/email/verify', { body: { token_hash, type }, env });
    expect(verified.status).toBe(200);
    expect(verified.body.message).toBe('Email verified');
    expect(verified.body.data.user).toMatchObject({ email, email_verified: true });
    const me = await api('/api/v1/auth/me', { token: verified.body.data.access_token, env });
    expect(me.body.data.email_verified).toBe(true);
    expect((await api('/api/v1/auth/login', { body: { email, password: PASSWORD }, env })).status).toBe(200);

    const again = await api('/api/v1/auth/email/verify', { body: { token_hash, type }, env });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('TOKEN_INVALID');
  });

  it('an expired link is 401 TOKEN_EXPIRED, an unknown one TOKEN_INVALID', async () => {
    const email = uniqueEmail('expire');
    const env = confirming();
    const signup = await api('/api/v1/auth/signup', { body: { email, password: PASSWORD }, env });
    const { token_hash, type } = await verifyLinkFor(email);
    await sql(`update auth.users set confirmation_sent_at = now() - interval '2 days' where id = $1`, [signup.body.data.user.id]);
    await sql(`update auth.one_time_tokens set created_at = created_at - interval '2 days' where user_id = $1`, [signup.body.data.user.id]);
    const expired = await api('/api/v1/auth/email/verify', { body: { token_hash, type }, env });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('TOKEN_EXPIRED');
    const unknown = await api('/api/v1/auth/email/verify', { body: { token_hash: 'f'.repeat(56), type: 'signup' }, env });
    expect(unknown.body.error.code).toBe('TOKEN_INVALID');
  });

  it('resend answers the same for an unknown, an unconfirmed and a confirmed address, and mails only the unconfirmed one', async () => {
    const env = confirming();
    const unconfirmed = uniqueEmail('unconfirmed');
    await api('/api/v1/auth/signup', { body: { email: unconfirmed, password: PASSWORD }, env });
    const confirmed = (await registerUser()).email;
    const unknown = uniqueEmail('nobody');
    await pastEmailFrequency();
    const answers = await Promise.all(
      [unknown, unconfirmed, confirmed].map((email) => api('/api/v1/auth/email/resend', { body: { email }, env })),
    );
    for (const res of answers) expect(res.body).toEqual(answers[0]!.body);
    await expect.poll(async () => (await mailFor(unconfirmed)).length, { timeout: 5000 }).toBe(2);
    expect(await mailFor(unknown)).toEqual([]);
    expect(await mailFor(confirmed)).toEqual([]);
  });

  it('refuses a bad type and a malformed email', async () => {
    expect((await api('/api/v1/auth/email/verify', { body: { token_hash: 'abc', type: 'recovery' } })).status).toBe(400);
    expect((await api('/api/v1/auth/email/resend', { body: { email: 'nope' } })).status).toBe(400);
  });
});

describe('PATCH /me', () => {
  it('changes the names given, clears one with "", and answers the /me data', async () => {
    const { email } = await registerUser({ first_name: 'Ada', last_name: 'Lovelace' });
    const { access_token } = await loginUser(email);
    const changed = await api('/api/v1/auth/me', { method: 'PATCH', token: access_token, body: { first_name: ' Augusta ' } });
    expect(changed.status).toBe(200);
    expect(changed.body.message).toBe('User updated');
    expect(changed.body.data).toMatchObject({ email, first_name: 'Augusta', last_name: 'Lovelace' });
    const cleared = await api('/api/v1/auth/me', { method: 'PATCH', token: access_token, body: { last_name: '' } });
    expect(cleared.body.data).toMatchObject({ first_name: 'Augusta', last_name: null });
    expect((await api('/api/v1/auth/me', { token: access_token })).body.data).toMatchObject({ first_name: 'Augusta', last_name: null });
  });

  it('400 for no change and for a name with a line break; 401 without a token', async () => {
    const { email } = await registerUser();
    const { access_token } = await loginUser(email);
    expect((await api('/api/v1/auth/me', { method: 'PATCH', token: access_token, body: {} })).status).toBe(400);
    expect((await api('/api/v1/auth/me', { method: 'PATCH', token: access_token, body: { first_name: 'a\nb' } })).status).toBe(400);
    expect((await api('/api/v1/auth/me', { method: 'PATCH', body: { first_name: 'x' } })).status).toBe(401);
  });
});

describe('POST /password/change', () => {
  it('keeps this session, ends every other one, and the new password works', async () => {
    const { email } = await registerUser();
    const here = await loginUser(email);
    const elsewhere = await loginUser(email);
    const res = await api('/api/v1/auth/password/change', {
      token: here.access_token,
      body: { current_password: PASSWORD, password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'Password changed', data: { message: 'Password changed' } });
    expect((await api('/api/v1/auth/me', { token: here.access_token })).status).toBe(200);
    expect((await api('/api/v1/auth/me', { token: elsewhere.access_token })).status).toBe(401);
    expect((await api('/api/v1/auth/refresh', { body: { refresh_token: elsewhere.refresh_token } })).status).toBe(401);
    expect((await api('/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(401);
    expect((await api('/api/v1/auth/login', { body: { email, password: NEW_PASSWORD } })).status).toBe(200);
    // Only the caller's session and the new login remain.
    const sessions = await api('/api/v1/auth/sessions', { token: here.access_token });
    expect(sessions.body.count).toBe(2);
  });

  it('a wrong current password is 401 INVALID_CREDENTIALS, counts toward the lockout, and changes nothing', async () => {
    const { email } = await registerUser();
    const { access_token } = await loginUser(email);
    const wrong = await api('/api/v1/auth/password/change', {
      token: access_token,
      body: { current_password: 'not-my-password', password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await lockoutFor(env.LOGIN_LOCKOUT, email).check()).failures).toBe(1);
    expect((await api('/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(200);
  });

  it('refuses a common, a short or an unconfirmed new password with 400, before checking anything', async () => {
    const { email } = await registerUser();
    const { access_token } = await loginUser(email);
    const change = (password: string, password_confirmation = password) =>
      api('/api/v1/auth/password/change', { token: access_token, body: { current_password: PASSWORD, password, password_confirmation } });
    expect((await change('password123')).body.error.code).toBe('WEAK_PASSWORD');
    expect((await change('short')).body.error.code).toBe('WEAK_PASSWORD');
    const mismatch = await change(NEW_PASSWORD, `${NEW_PASSWORD}x`);
    expect(mismatch.body.error.details).toEqual([{ path: 'password_confirmation', message: 'must match password' }]);
    expect((await lockoutFor(env.LOGIN_LOCKOUT, email).check()).failures).toBe(0);
  });
});

describe('GET /sessions and DELETE /sessions/:id', () => {
  it('lists the caller’s sessions newest first with user agent, IP and the current one marked', async () => {
    // Against the auth server with IP forwarding on, as a hosted project should be: it
    // stores each end user's IP (with forwarding off every session shows the worker's).
    const forwarding = envWith({ SUPABASE_URL: env.TEST_FORWARDING_SUPABASE_URL });
    const { email } = await registerUser();
    const login = (userAgent: string, ip: string) =>
      api('/api/v1/auth/login', {
        body: { email, password: PASSWORD },
        headers: { 'User-Agent': userAgent, 'CF-Connecting-IP': ip },
        env: forwarding,
      });
    const first = await login('Laptop/1.0', '198.51.100.7');
    const second = await login('Phone/2.0', '198.51.100.8');
    const res = await api('/api/v1/auth/sessions', { token: second.body.data.access_token, env: forwarding });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe(`Retrieved ${res.body.count} sessions`);
    const [newest, older] = res.body.data;
    expect(newest).toMatchObject({ user_agent: 'Phone/2.0', ip: '198.51.100.8', current: true });
    expect(older).toMatchObject({ user_agent: 'Laptop/1.0', ip: '198.51.100.7', current: false });
    expect(Date.parse(newest.last_active_at)).toBeGreaterThanOrEqual(Date.parse(newest.created_at));
    expect(res.body.data.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(first.status).toBe(200);
  });

  it('ending another session refuses its access token at once and kills its refresh token', async () => {
    const { email } = await registerUser();
    const mine = await loginUser(email);
    const other = await loginUser(email);
    const sessions = (await api('/api/v1/auth/sessions', { token: mine.access_token })).body.data as { id: string; current: boolean }[];
    const target = sessions.find((s) => !s.current)!;
    const ended = await api(`/api/v1/auth/sessions/${target.id}`, { method: 'DELETE', token: mine.access_token });
    expect(ended.body).toEqual({ success: true, message: 'Session ended', data: { id: target.id } });
    expect((await api('/api/v1/auth/me', { token: other.access_token })).status).toBe(401);
    expect((await api('/api/v1/auth/refresh', { body: { refresh_token: other.refresh_token } })).status).toBe(401);
    expect((await api('/api/v1/auth/me', { token: mine.access_token })).status).toBe(200);
    expect((await api(`/api/v1/auth/sessions/${target.id}`, { method: 'DELETE', token: mine.access_token })).status).toBe(404);
  });

  it('another user’s session is 404 and stays alive; a malformed id is 400', async () => {
    const victim = await registerUser();
    const victimSession = await loginUser(victim.email);
    const [victimRow] = (await api('/api/v1/auth/sessions', { token: victimSession.access_token })).body.data;
    const attacker = await loginUser((await registerUser()).email);
    const res = await api(`/api/v1/auth/sessions/${victimRow.id}`, { method: 'DELETE', token: attacker.access_token });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await api('/api/v1/auth/me', { token: victimSession.access_token })).status).toBe(200);
    expect((await api('/api/v1/auth/sessions', { token: attacker.access_token })).body.data.map((s: { id: string }) => s.id)).not.toContain(
      victimRow.id,
    );
    expect((await api('/api/v1/auth/sessions/not-a-uuid', { method: 'DELETE', token: attacker.access_token })).status).toBe(400);
  });

  it('ending the current session is a logout', async () => {
    const { email } = await registerUser();
    const { access_token } = await loginUser(email);
    const [current] = (await api('/api/v1/auth/sessions', { token: access_token })).body.data;
    expect((await api(`/api/v1/auth/sessions/${current.id}`, { method: 'DELETE', token: access_token })).status).toBe(200);
    expect((await api('/api/v1/auth/sessions', { token: access_token })).status).toBe(401);
  });
});
