/**
 * DELETE /me (strong-auth.md "Deleting one's own account") through the worker, the stand-in
 * and Postgres: proof by password (a wrong one counts toward the lockout), by a fresh
 * sign-in code, or by an aal2 token; the account's tokens refused at once; organizations
 * handled as for an admin deletion (the personal one goes, a team organization passes on
 * or goes).
 */
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { api, latestMailHtml, loginUser, PASSWORD, registerUser, sql } from './support/e2e.ts';

const ME = '/api/v1/auth/me';
const remove = (token: string, body?: unknown) => api(ME, { method: 'DELETE', token, ...(body === undefined ? {} : { body }) });

describe('DELETE /me', () => {
  it('with the password: the user, sessions and personal organization are gone; the tokens are refused at once', async () => {
    const { email, data } = await registerUser();
    const other = await loginUser(email);
    const res = await remove(data.access_token, { password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'Account deleted', data: { message: 'Account deleted' } });
    expect(await sql('select id from auth.users where id = $1', [data.user.id])).toEqual([]);
    expect(await sql('select id from public.organizations where personal_user_id = $1', [data.user.id])).toEqual([]);
    for (const token of [data.access_token, other.access_token]) {
      expect((await api(ME, { token })).status).toBe(401);
    }
    expect((await api('/api/v1/auth/refresh', { body: { refresh_token: other.refresh_token } })).status).toBe(401);
  });

  it('a wrong password is 401 INVALID_CREDENTIALS, counts toward the login lockout, and deletes nothing', async () => {
    const { email, data } = await registerUser();
    const res = await remove(data.access_token, { password: 'not-my-password' });
    expect([res.status, res.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect(await sql('select id from auth.users where id = $1', [data.user.id])).toHaveLength(1);
    // Four more wrong passwords at /login make five: the account is locked.
    for (let i = 0; i < 4; i++) await api('/api/v1/auth/login', { body: { email, password: `wrong-${i}` } });
    expect((await api('/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(429);
    expect((await remove(data.access_token, { password: PASSWORD })).status).toBe(429);
  });

  it('with a fresh sign-in code instead of a password', async () => {
    const { email, data } = await registerUser();
    await api('/api/v1/auth/otp', { body: { email } });
    const html = await latestMailHtml(email);
    const code = /\b(\d{6})\b/.exec(html.replace(/<[^>]*>/g, ' '))![1]!;
    const res = await remove(data.access_token, { code });
    expect(res.status).toBe(200);
    expect(await sql('select id from auth.users where id = $1', [data.user.id])).toEqual([]);
  });

  it('without proof it is refused; a user with a second factor needs aal2, which is then proof enough', async () => {
    const { email, data } = await registerUser();
    const none = await remove(data.access_token, {});
    expect([none.status, none.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    const enrolled = await api('/api/v1/auth/mfa/factors', { token: data.access_token, body: { type: 'totp' } });
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrolled.body.data.totp.secret) });
    const aal2 = await api(`/api/v1/auth/mfa/factors/${enrolled.body.data.id}/verify`, {
      token: data.access_token,
      body: { code: totp.generate() },
    });
    expect(aal2.status).toBe(200);
    const aal1 = await loginUser(email);
    const refused = await remove(aal1.access_token, { password: PASSWORD });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'MFA_REQUIRED']);
    const res = await remove(aal2.body.data.access_token, {});
    expect(res.status).toBe(200);
    expect(await sql('select id from auth.users where id = $1', [data.user.id])).toEqual([]);
  });

  it('the last owner’s team organization passes to its longest-standing admin', async () => {
    const owner = await registerUser({ organization_name: 'Handover Co' });
    const admin = await registerUser();
    const [org] = await sql<{ id: string }>(`select id from public.organizations where created_by = $1 and not is_personal_account`, [
      owner.data.user.id,
    ]);
    await sql(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'admin')`, [org!.id, admin.data.user.id]);
    expect((await remove(owner.data.access_token, { password: PASSWORD })).status).toBe(200);
    expect(await sql('select user_id, role::text from public.memberships where organization_id = $1', [org!.id])).toEqual([
      { user_id: admin.data.user.id, role: 'owner' },
    ]);
  });
});
