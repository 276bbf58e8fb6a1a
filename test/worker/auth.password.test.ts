/**
 * POST /password/forgot and POST /password/reset through the worker, the auth stand-in,
 * its mailbox and Postgres: no account enumeration, the email link, single use, expiry,
 * and every session from before the reset refused afterwards.
 */
import { describe, expect, it } from 'vitest';
import { api, loginUser, mailFor, PASSWORD, registerUser, resetLinkFor, sql, uniqueEmail } from './support/e2e.ts';

const NEW_PASSWORD = 'a-brand-new-passphrase';
const forgot = (email: string) => api('/api/v1/auth/password/forgot', { body: { email } });
const reset = (token: string, password = NEW_PASSWORD, password_confirmation = password) =>
  api('/api/v1/auth/password/reset', { body: { token, password, password_confirmation } });

describe('POST /api/v1/auth/password/forgot', () => {
  it('answers identically for registered and unknown addresses, and mails only the registered one', async () => {
    const { email } = await registerUser();
    const unknown = uniqueEmail('ghost');
    const a = await forgot(email.toUpperCase());
    const b = await forgot(unknown);
    for (const res of [a, b]) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, message: 'Password reset email sent', data: { message: 'Password reset email sent' } });
    }
    // Asking again at once is still the same answer (the platform's per-user email
    // frequency limit must not reveal that the account exists).
    const again = await forgot(email);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(a.body);
    const { link } = await resetLinkFor(email);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/reset-password\?token_hash=[0-9a-f]+&type=recovery$/);
    expect(await mailFor(unknown)).toEqual([]);
  });

  it('answers 400 VALIDATION_ERROR for a malformed email', async () => {
    const res = await forgot('nope');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('POST /api/v1/auth/password/reset', () => {
  it('forgot → mailbox → reset: new password works, old refused, token single use, old sessions refused', async () => {
    const { email, data } = await registerUser();
    const before = await loginUser(email);
    expect((await forgot(email)).status).toBe(200);
    const { token } = await resetLinkFor(email);

    const res = await reset(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'Password successfully reset', data: { message: 'Password successfully reset' } });

    const old = await api('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await loginUser(email, NEW_PASSWORD)).user.id).toBe(data.user.id);

    const second = await reset(token, 'yet-another-passphrase');
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe('TOKEN_INVALID');

    for (const session of [data, before]) {
      const me = await api('/api/v1/auth/me', { token: session.access_token });
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('TOKEN_INVALID');
      expect((await api('/api/v1/auth/refresh', { body: { refresh_token: session.refresh_token } })).status).toBe(401);
    }
    // Only the session of the login with the new password exists (the recovery session is gone too).
    expect(await sql('select count(*)::int as n from auth.sessions where user_id = $1', [data.user.id])).toEqual([{ n: 1 }]);
  });

  it('answers 401 TOKEN_EXPIRED for a token older than one hour, and keeps the old password', async () => {
    const { email, data } = await registerUser();
    await forgot(email);
    const { token } = await resetLinkFor(email);
    await sql(`update auth.users set recovery_sent_at = now() - interval '61 minutes' where id = $1;`, [data.user.id]);
    await sql(`update auth.one_time_tokens set created_at = created_at - interval '61 minutes' where user_id = $1`, [data.user.id]);
    const res = await reset(token);
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'TOKEN_EXPIRED', message: 'Reset token has expired' });
    expect((await loginUser(email)).user.id).toBe(data.user.id);
  });

  it('answers 401 TOKEN_INVALID for an unknown or malformed token', async () => {
    for (const token of ['f'.repeat(56), 'not a token hash!', 'x']) {
      const res = await reset(token);
      expect(res.status, token).toBe(401);
      expect(res.body.error.code, token).toBe('TOKEN_INVALID');
    }
  });

  it('answers 400 VALIDATION_ERROR for a mismatch and 400 WEAK_PASSWORD for a weak password, before using the token', async () => {
    const { email } = await registerUser();
    await forgot(email);
    const { token } = await resetLinkFor(email);
    const mismatch = await reset(token, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ path: 'password_confirmation', message: 'must match password' }],
    });
    const weak = await reset(token, 'short');
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatchObject({ code: 'WEAK_PASSWORD', details: [{ path: 'password' }] });
    // The token was not spent by the refused attempts.
    expect((await reset(token)).status).toBe(200);
  });
});
