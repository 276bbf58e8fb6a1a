/**
 * The client's account methods against the real worker: sign-up and registration,
 * email confirmation (with confirmations on), password forgot / reset / change, profile
 * names and sessions. The account endpoints of api.md ("Account flows") are used as the
 * spec describes them.
 */
import { describe, expect, it } from 'vitest';
import { createAuthClient, memoryStorage } from '../../client/src/index.ts';
import { api, PASSWORD, registerUser, resetLinkFor, uniqueEmail } from '../worker/support/e2e.ts';
import { BASE_URL, tokenHashFor, workerFetch } from './support.ts';

const NEW_PASSWORD = 'another-horse-battery';

function client(options: { confirming?: boolean } = {}) {
  const { fetch, log } = workerFetch(options);
  return { auth: createAuthClient({ baseUrl: BASE_URL, fetch, storage: memoryStorage() }), log };
}

describe('account methods', () => {
  it('register signs in at once when confirmations are off', async () => {
    const { auth } = client();
    const email = uniqueEmail('client');
    const data = await auth.register({ email, password: PASSWORD, first_name: 'Ada', organization_name: 'Ada Co' });
    expect(data.user.email).toBe(email);
    expect((await auth.session())?.user).toMatchObject({ email, first_name: 'Ada' });
    expect(await auth.me()).toMatchObject({ role: 'owner', organization: { name: 'Ada Co' } });
  });

  it('signup creates the user without a session', async () => {
    const { auth } = client();
    const email = uniqueEmail('client');
    expect((await auth.signup({ email, password: PASSWORD })).user.email).toBe(email);
    expect(await auth.session()).toBeNull();
    expect((await auth.login({ email, password: PASSWORD })).email).toBe(email);
  });

  it('with confirmations on: register → EMAIL_NOT_VERIFIED → verify link → signed in', async () => {
    const { auth } = client({ confirming: true });
    const email = uniqueEmail('confirm');
    const data = await auth.register({ email, password: PASSWORD });
    expect(data.email_verification_required).toBe(true);
    expect(await auth.session()).toBeNull();
    await expect(auth.login({ email, password: PASSWORD })).rejects.toMatchObject({ code: 'EMAIL_NOT_VERIFIED' });
    const user = await auth.verifyEmail({ token_hash: await tokenHashFor(email), type: 'signup' });
    expect(user).toMatchObject({ email, email_verified: true });
    expect(await auth.me()).toMatchObject({ email, email_verified: true });
  });

  it('resendVerification answers the same for any address', async () => {
    const { auth } = client({ confirming: true });
    const email = uniqueEmail('confirm');
    await auth.register({ email, password: PASSWORD });
    expect(await auth.resendVerification(email)).toEqual({ message: 'Verification email sent' });
    expect(await auth.resendVerification(uniqueEmail('nobody'))).toEqual({ message: 'Verification email sent' });
  });

  it('forgot → reset: the old password is refused, the new one works, and this device is signed out', async () => {
    const { email } = await registerUser();
    const { auth } = client();
    await auth.login({ email, password: PASSWORD });
    expect(await auth.forgotPassword(email)).toEqual({ message: 'Password reset email sent' });
    const { token } = await resetLinkFor(email);
    await auth.resetPassword({ token, password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD });
    expect(await auth.session()).toBeNull();
    await expect(auth.login({ email, password: PASSWORD })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect((await auth.login({ email, password: NEW_PASSWORD })).email).toBe(email);
  });

  it('updateMe changes the names', async () => {
    const { email } = await registerUser();
    const { auth } = client();
    await auth.login({ email, password: PASSWORD });
    expect(await auth.updateMe({ first_name: 'Grace', last_name: 'Hopper' })).toMatchObject({
      email,
      first_name: 'Grace',
      last_name: 'Hopper',
    });
    expect(await auth.me()).toMatchObject({ first_name: 'Grace', last_name: 'Hopper' });
  });

  it('changePassword: a wrong current password is INVALID_CREDENTIALS and is neither refreshed nor retried', async () => {
    const { email } = await registerUser();
    const { auth, log } = client();
    await auth.login({ email, password: PASSWORD });
    await expect(
      auth.changePassword({ current_password: 'not-the-password', password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD }),
    ).rejects.toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(log.count('POST', '/api/v1/auth/password/change')).toBe(1);
    expect(log.count('POST', '/api/v1/auth/refresh')).toBe(0);
    expect(await auth.session()).not.toBeNull();
  });

  it('changePassword keeps this session and ends the others', async () => {
    const { email } = await registerUser();
    const { auth } = client();
    const other = client().auth;
    await other.login({ email, password: PASSWORD });
    await auth.login({ email, password: PASSWORD });
    const otherToken = (await other.session())!.access_token;
    expect(await auth.changePassword({ current_password: PASSWORD, password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD })).toEqual({
      message: 'Password changed',
    });
    expect(await auth.me()).toMatchObject({ email });
    expect((await api('/api/v1/auth/me', { token: otherToken })).status).toBe(401);
    expect((await auth.login({ email, password: NEW_PASSWORD })).email).toBe(email);
  });

  it('sessions lists this device as current; endSession signs another device out at once', async () => {
    const { email } = await registerUser();
    const laptop = client().auth;
    const phone = client().auth;
    await phone.login({ email, password: PASSWORD });
    await laptop.login({ email, password: PASSWORD });
    const sessions = await laptop.sessions();
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]!.current).toBe(true); // newest first: the laptop signed in last
    const phoneSession = sessions.find((s) => !s.current)!;
    const phoneToken = (await phone.session())!.access_token;
    expect(await laptop.endSession(phoneSession.id)).toEqual({ id: phoneSession.id });
    expect((await api('/api/v1/auth/me', { token: phoneToken })).body.error.code).toBe('TOKEN_INVALID');
    await expect(phone.me()).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await phone.session()).toBeNull();
    expect((await laptop.sessions()).map((s) => s.id)).not.toContain(phoneSession.id);
    await expect(laptop.endSession(crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
  });
});
