/**
 * Passkeys through the worker and the stand-in (strong-auth.md "Passkeys"), with a software
 * authenticator (test/local/helpers/authenticator.ts) answering the options as a browser's
 * navigator.credentials would: registration, discoverable sign-in (aal1, amr passkey),
 * replayed assertion, wrong origin, deleted passkey and unknown credential refused with
 * TOKEN_INVALID, list, rename, delete, and the second factor still owed after a passkey.
 */
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { SoftwareAuthenticator } from '../local/helpers/authenticator.ts';
import { api, loginUser, registerUser } from './support/e2e.ts';

// The relying party of supabase/config.toml ([auth.webauthn]): browsers refuse WebAuthn on IP addresses.
const RP = { rpId: 'localhost', origin: 'http://localhost:3000' };
const P = '/api/v1/auth/passkeys';

function claims(token: string): Record<string, any> {
  return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
}

/** A user with one passkey on a software authenticator. */
async function userWithPasskey(name?: string) {
  const { email, data } = await registerUser();
  const authenticator = new SoftwareAuthenticator(RP);
  const options = await api(`${P}/registration/options`, { token: data.access_token, method: 'POST' });
  expect(options.status).toBe(200);
  const credential = authenticator.create(options.body.data.options);
  const created = await api(`${P}/registration/verify`, {
    token: data.access_token,
    body: { challenge_id: options.body.data.challenge_id, credential, ...(name ? { friendly_name: name } : {}) },
  });
  expect(created.status).toBe(201);
  return { email, data, authenticator, passkey: created.body.data };
}

/** Starts a sign-in and answers it with `authenticator`; `forgery` as the helper takes it. */
async function signIn(authenticator: SoftwareAuthenticator, forgery: Parameters<SoftwareAuthenticator['get']>[1] = {}) {
  const options = await api(`${P}/authentication/options`, { method: 'POST' });
  expect(options.status).toBe(200);
  const credential = authenticator.get(options.body.data.options, forgery);
  const res = await api(`${P}/authentication/verify`, { body: { challenge_id: options.body.data.challenge_id, credential } });
  return { res, challenge_id: options.body.data.challenge_id, credential };
}

describe('passkeys', () => {
  it('registers with a name, and the options are the W3C JSON forms', async () => {
    const { passkey, data } = await userWithPasskey('Laptop');
    expect(passkey).toEqual({ id: expect.any(String), friendly_name: 'Laptop', created_at: expect.any(String), last_used_at: null });
    const options = await api(`${P}/registration/options`, { token: data.access_token, method: 'POST' });
    expect(options.body.data.options).toMatchObject({ rp: { id: 'localhost' }, challenge: expect.any(String) });
    expect(options.body.data.options.excludeCredentials).toHaveLength(1); // the passkey it already has
    expect(options.body.data.expires_at).toBeGreaterThan(Date.now() / 1000);
  });

  it('signs in without an email (discoverable): aal1, amr passkey, last_used_at set', async () => {
    const { authenticator, data } = await userWithPasskey();
    const { res } = await signIn(authenticator);
    expect(res.status).toBe(200);
    expect(res.body.data.user.id).toBe(data.user.id);
    expect(res.body.data.mfa).toEqual({ required: false, factors: [] });
    const token = claims(res.body.data.access_token);
    expect(token.aal).toBe('aal1');
    expect(token.amr.map((m: { method: string }) => m.method)).toContain('passkey');
    const listed = await api(P, { token: res.body.data.access_token });
    expect(listed.body.data[0].last_used_at).toEqual(expect.any(String));
  });

  it('refuses a replayed assertion, a wrong origin and an unknown credential with 401 TOKEN_INVALID, and makes no session', async () => {
    const { authenticator } = await userWithPasskey();
    const { res, challenge_id, credential } = await signIn(authenticator);
    expect(res.status).toBe(200);
    const replay = await api(`${P}/authentication/verify`, { body: { challenge_id, credential } });
    expect([replay.status, replay.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    const foreign = await signIn(authenticator, { origin: 'https://evil.example' });
    expect([foreign.res.status, foreign.res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    const stranger = await signIn(new SoftwareAuthenticator(RP));
    expect([stranger.res.status, stranger.res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    expect(JSON.stringify(stranger.res.body)).not.toMatch(/access_token/);
  });

  it('lists, renames and deletes; a deleted passkey no longer signs in', async () => {
    const { authenticator, data, passkey } = await userWithPasskey();
    const listed = await api(P, { token: data.access_token });
    expect(listed.body.data.map((p: { id: string }) => p.id)).toEqual([passkey.id]);
    const renamed = await api(`${P}/${passkey.id}`, { method: 'PATCH', token: data.access_token, body: { friendly_name: 'Phone' } });
    expect(renamed.body.data.friendly_name).toBe('Phone');
    expect((await api(`${P}/${passkey.id}`, { method: 'DELETE', token: data.access_token })).status).toBe(200);
    expect((await api(P, { token: data.access_token })).body.data).toEqual([]);
    const { res } = await signIn(authenticator);
    expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('refuses malformed ceremonies before Supabase sees them', async () => {
    for (const body of [{}, { challenge_id: 'x' }, { credential: {} }, { challenge_id: 'x', credential: 'not-an-object' }]) {
      const res = await api(`${P}/authentication/verify`, { body });
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([400, 'VALIDATION_ERROR']);
    }
  });

  it('a user with a second factor signs in with a passkey at aal1 and still owes the code; managing passkeys needs aal2', async () => {
    const { email, data, authenticator } = await userWithPasskey();
    const enrolled = await api('/api/v1/auth/mfa/factors', { token: data.access_token, body: { type: 'totp' } });
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrolled.body.data.totp.secret) });
    const verified = await api(`/api/v1/auth/mfa/factors/${enrolled.body.data.id}/verify`, {
      token: data.access_token,
      body: { code: totp.generate() },
    });
    expect(verified.status).toBe(200);
    const { res } = await signIn(authenticator);
    expect(res.status).toBe(200);
    expect(res.body.data.mfa.required).toBe(true);
    const refused = await api(`${P}/registration/options`, { token: res.body.data.access_token, method: 'POST' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'MFA_REQUIRED']);
    const aal1 = await loginUser(email);
    expect((await api(P, { token: aal1.access_token })).body.error.code).toBe('MFA_REQUIRED');
    expect((await api(P, { token: verified.body.data.access_token })).status).toBe(200);
  });
});
