/**
 * The client's second-factor methods and session state against the real worker
 * (strong-auth.md): enrolling an authenticator app and verifying its code (codes computed
 * here from the secret, as the app does), the pending step after a password sign-in
 * (`assurance()`: `aal` from the access token, `pending` and the factors from the answer's
 * `mfa` block), verify and recover replacing the stored session as a sign-in does, the
 * state surviving a refresh (still one refresh for 20 callers), recovery codes, removing a
 * factor, and an organization's `require_mfa` through `updateOrganization`.
 */
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { AuthApiError, assuranceOf, createAuthClient, memoryStorage, type Session } from '../../client/src/index.ts';
import { PASSWORD, registerUser } from '../worker/support/e2e.ts';
import { BASE_URL, claimsOf, workerFetch } from './support.ts';

const REFRESH = '/api/v1/auth/refresh';

/** The code an authenticator app shows for `secret`, `steps` periods from now. */
function codeFor(secret: string, steps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/** A client of its own, with its storage and the log of what reached the worker. */
function newClient() {
  const { fetch, log } = workerFetch();
  const storage = memoryStorage();
  const auth = createAuthClient({ baseUrl: BASE_URL, fetch, storage });
  return { auth, storage, log };
}

/** A new user signed in with a client, who then enrols and verifies an authenticator app through it. */
async function userWithFactor(fields: { organization_name?: string } = {}) {
  const { email } = await registerUser(fields);
  const { auth, storage, log } = newClient();
  await auth.login({ email, password: PASSWORD });
  const enrolled = await auth.enrollFactor({ friendly_name: 'Phone' });
  await auth.verifyFactor(enrolled.id, codeFor(enrolled.totp.secret));
  return { email, auth, storage, log, factorId: enrolled.id, secret: enrolled.totp.secret };
}

/** A second client of the same user, signed in with the password only (aal1, step pending). */
async function passwordOnly(email: string) {
  const device = newClient();
  await device.auth.login({ email, password: PASSWORD });
  return device;
}

/** The error a call rejects with. */
async function failure(call: Promise<unknown>): Promise<AuthApiError> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthApiError);
  return err as AuthApiError;
}

describe('enrolling an authenticator app', () => {
  it('enrollFactor answers the secret, URI and QR code; verifyFactor turns it on and stores an aal2 session', async () => {
    const { email } = await registerUser();
    const { auth } = newClient();
    await auth.login({ email, password: PASSWORD });
    // Control: a user without a factor is aal1 with nothing pending.
    expect(await auth.assurance()).toEqual({ aal: 'aal1', pending: false, factors: [] });

    const enrolled = await auth.enrollFactor({ friendly_name: 'Laptop' });
    expect(enrolled).toMatchObject({ type: 'totp', friendly_name: 'Laptop' });
    expect(enrolled.totp.secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(enrolled.totp.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolled.totp.qr_code).toMatch(/^data:image\/svg\+xml;/);
    expect(await auth.factors()).toEqual([expect.objectContaining({ id: enrolled.id, status: 'unverified' })]);

    const before = (await auth.session())!;
    const heard: (Session | null)[] = [];
    auth.onChange((session) => heard.push(session));
    const wrong = String((Number(codeFor(enrolled.totp.secret)) + 1) % 1_000_000).padStart(6, '0');
    const refused = await failure(auth.verifyFactor(enrolled.id, wrong));
    expect([refused.status, refused.code]).toEqual([401, 'MFA_CODE_INVALID']);
    expect(await auth.session(), 'a wrong code keeps the session').toEqual(before);

    const user = await auth.verifyFactor(enrolled.id, codeFor(enrolled.totp.secret));
    expect(user).toMatchObject({ email });
    const after = (await auth.session())!;
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(claimsOf(after.access_token).aal).toBe('aal2');
    expect(after.mfa).toEqual({ required: false, factors: [{ id: enrolled.id, type: 'totp', friendly_name: 'Laptop' }] });
    expect(await auth.assurance()).toEqual({ aal: 'aal2', pending: false, factors: after.mfa!.factors });
    expect(heard).toEqual([after]);
    expect(await auth.factors()).toEqual([expect.objectContaining({ id: enrolled.id, status: 'verified' })]);
    expect(await auth.me()).toMatchObject({ aal: 'aal2', mfa_enabled: true });
  });
});

describe('the second-factor step after a password sign-in', () => {
  it('is pending with the factors to choose from; calls answer MFA_REQUIRED until verifyFactor stores the aal2 session', async () => {
    const { email, factorId, secret } = await userWithFactor();
    const { auth } = await passwordOnly(email);
    expect(await auth.assurance()).toEqual({
      aal: 'aal1',
      pending: true,
      factors: [{ id: factorId, type: 'totp', friendly_name: 'Phone' }],
    });
    // What an aal1 token may call works; the rest is refused until the step is done.
    expect(await auth.me()).toMatchObject({ aal: 'aal1', mfa_enabled: true });
    expect((await auth.factors()).map((f) => f.id)).toEqual([factorId]);
    const refused = await failure(auth.organizations());
    expect([refused.status, refused.code]).toEqual([403, 'MFA_REQUIRED']);
    expect((await auth.assurance())?.pending, 'a refusal does not change the state').toBe(true);

    // The enrolment used this period's code: the next period's, once.
    await auth.verifyFactor(factorId, codeFor(secret, 1));
    expect(await auth.assurance()).toMatchObject({ aal: 'aal2', pending: false });
    expect((await auth.organizations()).length).toBeGreaterThan(0);
    const replayed = await failure(auth.verifyFactor(factorId, codeFor(secret, 1)));
    expect(replayed.code).toBe('MFA_CODE_INVALID');
  });

  it('the state comes back with every refresh: 20 calls at expiry share one refresh and stay aal2; aal1 stays pending', async () => {
    const { auth, storage, log, email } = await userWithFactor();
    const stored = (await storage.load())!;
    await storage.save({ ...stored, expires_at: Math.floor(Date.now() / 1000) - 5 });
    const results = await Promise.all(Array.from({ length: 20 }, () => auth.me()));
    expect(results.every((me) => me.aal === 'aal2')).toBe(true);
    expect(log.count('POST', REFRESH)).toBe(1);
    const refreshed = (await auth.session())!;
    expect(refreshed.refresh_token).not.toBe(stored.refresh_token);
    expect(assuranceOf(refreshed)).toMatchObject({ aal: 'aal2', pending: false });

    const phone = await passwordOnly(email);
    const pending = (await phone.storage.load())!;
    expect(await phone.auth.refresh()).toMatchObject({ mfa: { required: true } });
    expect(await phone.auth.assurance()).toMatchObject({ aal: 'aal1', pending: true });
    expect((await phone.auth.session())?.refresh_token).not.toBe(pending.refresh_token);
  });

  it('a session stored without an mfa block (an older client) reads its level from the token, nothing pending', async () => {
    const { storage, auth } = await userWithFactor();
    const { mfa: _dropped, ...older } = (await storage.load())!;
    await storage.save(older);
    expect(await auth.assurance()).toEqual({ aal: 'aal2', pending: false, factors: [] });
    expect(assuranceOf({ ...older, access_token: 'not-a-jwt' })).toEqual({ aal: null, pending: false, factors: [] });
  });
});

describe('recovery codes', () => {
  it('createRecoveryCodes at aal2; recover turns a pending sign-in into aal2, once; a refused code keeps the session', async () => {
    const { auth, email } = await userWithFactor();
    const { codes } = await auth.createRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const { auth: other } = await passwordOnly(email);
    const refused = await failure(other.createRecoveryCodes());
    expect(refused.code, 'below aal2 nobody sees new codes').toBe('MFA_REQUIRED');
    const pending = await other.session();
    const wrong = await failure(other.recover('not-a-recovery-code'));
    expect([wrong.status, wrong.code]).toEqual([401, 'MFA_CODE_INVALID']);
    expect(await other.session()).toEqual(pending);

    expect(await other.recover(codes[0]!)).toMatchObject({ email });
    expect(await other.assurance()).toMatchObject({ aal: 'aal2', pending: false });
    expect((await other.session())?.refresh_token).not.toBe(pending?.refresh_token);

    const { auth: third } = await passwordOnly(email);
    expect((await failure(third.recover(codes[0]!))).code, 'a used code').toBe('MFA_CODE_INVALID');
    await third.recover(codes[1]!);
    expect((await third.assurance())?.aal).toBe('aal2');
  });

  it('without a verified factor there is nothing to stand in for: 409 CONFLICT', async () => {
    const { email } = await registerUser();
    const { auth } = newClient();
    await auth.login({ email, password: PASSWORD });
    expect((await failure(auth.createRecoveryCodes())).code).toBe('CONFLICT');
  });
});

describe('removing a factor', () => {
  it('needs aal2; afterwards a password sign-in has nothing pending', async () => {
    const { auth, email, factorId } = await userWithFactor();
    const { auth: other } = await passwordOnly(email);
    expect((await failure(other.deleteFactor(factorId))).code).toBe('MFA_REQUIRED');
    expect(await auth.deleteFactor(factorId)).toEqual({ id: factorId });
    expect(await auth.factors()).toEqual([]);
    const { auth: again } = await passwordOnly(email);
    expect(await again.assurance()).toEqual({ aal: 'aal1', pending: false, factors: [] });
  });
});

describe('organizations that require a second factor', () => {
  it('updateOrganization({ require_mfa }): refused to an owner without a factor, taken at aal2; listed as mfa_required', async () => {
    const { email } = await registerUser({ organization_name: 'Plain Co' });
    const { auth } = newClient();
    await auth.login({ email, password: PASSWORD });
    const org = (await auth.organizations()).find((o) => !o.is_personal_account)!;
    expect(org.mfa_required).toBe(false);
    const refused = await failure(auth.updateOrganization(org.id, { require_mfa: true }));
    expect([refused.status, refused.code]).toEqual([403, 'MFA_REQUIRED']);

    const enrolled = await auth.enrollFactor();
    await auth.verifyFactor(enrolled.id, codeFor(enrolled.totp.secret));
    expect(await auth.updateOrganization(org.id, { require_mfa: true })).toMatchObject({ id: org.id, require_mfa: true });
    expect((await auth.organizations()).find((o) => o.id === org.id)).toMatchObject({ mfa_required: true });
    expect(await auth.organization(org.id)).toMatchObject({ require_mfa: true });
  });
});
