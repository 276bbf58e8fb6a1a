/**
 * Passkeys against the auth stand-in, driven by supabase-js's own `auth.passkey.*` (the
 * two-step start/verify methods, since there is no browser: a software authenticator in
 * helpers/authenticator.ts answers the options) and `auth.admin.passkey.*`, i.e. GoTrue's
 * `/passkeys` API: the options as go-webauthn builds them from `[auth.webauthn]`,
 * registration, discoverable sign-in (an `aal1` session with amr `passkey`, `last_used_at`
 * and the signature counter stored), what is refused — a replayed assertion, another
 * origin, an unknown, foreign or deleted credential, a bad signature, a missing
 * user-presence flag, a used, foreign or expired challenge — and that nothing is created
 * then; the counter as go-webauthn judges it, list / rename / delete, the `aal2` rule for
 * users with a second factor, the per-user cap, duplicates, unconfirmed and banned users,
 * the admin routes, the on/off switch and the rate limit of the sign-in options, and the
 * tables added to a database bootstrapped before them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { Secret, TOTP } from 'otpauth';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { upgradeAuthSchema } from '../../local/auth/schema.ts';
import { loadProjectConfig } from '../../local/config.ts';
import { TEST_STACK } from '../setup/stack-config.ts';
import { adminClient, anonClient, authFetch, PASSWORD, sql, startAuthServer, uniqueEmail } from './helpers/auth.ts';
import { SoftwareAuthenticator } from './helpers/authenticator.ts';

interface Claims {
  sub: string;
  aal: string;
  amr: { method: string; timestamp: number }[];
  session_id: string;
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Claims;

/** supabase/config.toml's relying party. */
const RP_ID = 'localhost';
const ORIGIN = 'http://localhost:3000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const base = loadProjectConfig(process.cwd()).auth;

// Most tests run on an auth server of their own (same database, same config.toml) whose
// passkey sign-in limit no test meets; the shared stack's is GoTrue's 30 per 5 minutes.
const main = await startAuthServer({ rateLimit: { passkey: 100_000_000 } });

const authenticator = (opts: Partial<ConstructorParameters<typeof SoftwareAuthenticator>[0]> = {}) =>
  new SoftwareAuthenticator({ rpId: RP_ID, origin: ORIGIN, ...opts });

/** A signed-up user and its signed-in client (`aal1`, session kept in memory). */
async function newUser(url = main.url): Promise<{ email: string; client: SupabaseClient; userId: string }> {
  const email = uniqueEmail('passkey');
  const client = anonClient(url);
  const { data, error } = await client.auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  return { email, client, userId: data.user!.id };
}

/** Registers `authn` as a passkey of the client's user; answers the passkey's metadata. */
async function register(client: SupabaseClient, authn: SoftwareAuthenticator) {
  const options = await client.auth.passkey.startRegistration();
  if (options.error) throw options.error;
  const verified = await client.auth.passkey.verifyRegistration({
    challengeId: options.data.challenge_id,
    credential: authn.create(options.data.options),
  });
  if (verified.error) throw verified.error;
  return verified.data;
}

type Forgery = Parameters<SoftwareAuthenticator['get']>[1];

/** A passkey sign-in with `authn` on a fresh client: the client and verifyAuthentication's answer. */
async function signInWith(authn: SoftwareAuthenticator, forgery?: Forgery, url = main.url) {
  const client = anonClient(url);
  const options = await client.auth.passkey.startAuthentication();
  if (options.error) throw options.error;
  const result = await client.auth.passkey.verifyAuthentication({
    challengeId: options.data.challenge_id,
    credential: authn.get(options.data.options, forgery),
  });
  return { client, ...result };
}

const sessionCount = async (userId: string) =>
  (await sql<{ n: number }>('select count(*)::int as n from auth.sessions where user_id = $1', [userId]))[0]!.n;

const passkeyRows = (userId: string) =>
  sql<{ id: string; sign_count: string; last_used_at: Date | null; friendly_name: string; backup_eligible: boolean }>(
    'select id, sign_count, last_used_at, friendly_name, backup_eligible from auth.webauthn_credentials where user_id = $1 order by created_at',
    [userId],
  );

const accessToken = async (c: SupabaseClient) => (await c.auth.getSession()).data.session!.access_token;

/** Enrolls and verifies a TOTP factor: the client's session is then `aal2`. */
async function enrollTotp(client: SupabaseClient): Promise<void> {
  const { data, error } = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'phone app' });
  if (error) throw error;
  const code = new TOTP({ secret: Secret.fromBase32(data.totp.secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
  const verified = await client.auth.mfa.challengeAndVerify({ factorId: data.id, code });
  if (verified.error) throw verified.error;
}

describe('passkeys with the project config (supabase/config.toml)', () => {
  it('builds the registration options go-webauthn builds from [auth.webauthn], and signs in with the passkey', async () => {
    const { client, email, userId } = await newUser(TEST_STACK.apiUrl);
    const { data, error } = await client.auth.passkey.startRegistration();
    expect(error).toBeNull();
    expect(data!.challenge_id).toMatch(UUID);
    const now = Math.floor(Date.now() / 1000);
    expect(data!.expires_at).toBeGreaterThanOrEqual(now + 299);
    expect(data!.expires_at).toBeLessThanOrEqual(now + 301);
    const { challenge, ...rest } = data!.options;
    expect(Buffer.from(challenge, 'base64url')).toHaveLength(32);
    expect(rest).toEqual({
      rp: { name: 'Edge Auth', id: 'localhost' },
      user: { name: email, displayName: email, id: Buffer.from(userId).toString('base64url') },
      pubKeyCredParams: [-7, -35, -36, -257, -258, -259, -37, -38, -39, -8].map((alg) => ({ type: 'public-key', alg })),
      timeout: 300000,
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      attestation: 'none',
    });
    const authn = authenticator();
    const created = await client.auth.passkey.verifyRegistration({
      challengeId: data!.challenge_id,
      credential: authn.create(data!.options),
    });
    expect(created.error).toBeNull();
    expect(created.data).toEqual({ id: expect.stringMatching(UUID), friendly_name: 'Passkey', created_at: expect.any(String) });

    // The sign-in options: discoverable (no allowCredentials), the relying party's id.
    const signIn = anonClient(TEST_STACK.apiUrl);
    const options = await signIn.auth.passkey.startAuthentication();
    expect(options.error).toBeNull();
    expect(Object.keys(options.data!.options).sort()).toEqual(['challenge', 'rpId', 'timeout', 'userVerification']);
    expect(options.data!.options).toMatchObject({ rpId: 'localhost', timeout: 300000, userVerification: 'preferred' });
    const result = await signIn.auth.passkey.verifyAuthentication({
      challengeId: options.data!.challenge_id,
      credential: authn.get(options.data!.options),
    });
    expect(result.error).toBeNull();
    expect(result.data!.user!.id).toBe(userId);
    expect(claimsOf(result.data!.session!.access_token)).toMatchObject({ sub: userId, aal: 'aal1', amr: [{ method: 'passkey' }] });

    // /settings says so.
    const settings = (await (await authFetch('/settings')).json()) as { passkeys_enabled: boolean };
    expect(settings.passkeys_enabled).toBe(true);
  });
});

describe('passkey registration', () => {
  it('stores the passkey as GoTrue does and lists it; the next options exclude it', async () => {
    const { client, userId } = await newUser();
    const authn = authenticator({ backupEligible: true });
    const created = await register(client, authn);
    const [row] = await sql<Record<string, unknown>>(
      `select user_id, encode(credential_id, 'base64') as credential_id, attestation_type, aaguid, sign_count, transports,
              backup_eligible, backed_up, friendly_name, last_used_at from auth.webauthn_credentials where id = $1`,
      [created.id],
    );
    expect(row).toEqual({
      user_id: userId,
      credential_id: Buffer.from(authn.id, 'base64url').toString('base64'),
      attestation_type: 'none',
      aaguid: '00000000-0000-0000-0000-000000000000',
      sign_count: '1',
      transports: ['internal'],
      backup_eligible: true,
      backed_up: true,
      friendly_name: 'Passkey',
      last_used_at: null,
    });
    const listed = await client.auth.passkey.list();
    expect(listed.error).toBeNull();
    expect(listed.data).toEqual([{ id: created.id, friendly_name: 'Passkey', created_at: created.created_at }]);

    const next = await client.auth.passkey.startRegistration();
    expect(next.data!.options.excludeCredentials).toEqual([{ type: 'public-key', id: authn.id }]);
    // The challenges are GoTrue's rows: the registration one bound to the user.
    const [challenge] = await sql<{ user_id: string; challenge_type: string; session_data: Record<string, unknown> }>(
      'select user_id, challenge_type, session_data from auth.webauthn_challenges where id = $1',
      [next.data!.challenge_id],
    );
    expect(challenge).toMatchObject({
      user_id: userId,
      challenge_type: 'registration',
      session_data: { challenge: next.data!.options.challenge, rpId: 'localhost', userVerification: 'preferred' },
    });
  });

  it('needs a signed-in, non-anonymous user', async () => {
    const nobody = anonClient(main.url);
    expect((await nobody.auth.passkey.startRegistration()).error).toMatchObject({ name: 'AuthSessionMissingError' });
    const raw = await authFetch('/passkeys/registration/options', { method: 'POST', body: '{}' }, main.url);
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ error_code: 'no_authorization' });

    // Anonymous sign-ins are off in config.toml: a server with them on.
    const on = await startAuthServer({ enableAnonymousSignIns: true });
    const anonymous = anonClient(on.url);
    expect((await anonymous.auth.signInAnonymously()).error).toBeNull();
    expect((await anonymous.auth.passkey.startRegistration()).error).toMatchObject({ status: 403, code: 'no_authorization' });
    // Listing is allowed to them (GoTrue asks only for a signed-in user there).
    expect((await anonymous.auth.passkey.list()).data).toEqual([]);
  });

  it('refuses another origin, a used, foreign or mistyped challenge, and creates nothing', async () => {
    const { client, userId } = await newUser();
    const authn = authenticator();
    const options = await client.auth.passkey.startRegistration();
    const challengeId = options.data!.challenge_id;
    const wrongOrigin = await client.auth.passkey.verifyRegistration({
      challengeId,
      credential: authn.create(options.data!.options, { origin: 'http://127.0.0.1:3000' }),
    });
    expect(wrongOrigin.error).toMatchObject({ status: 400, code: 'webauthn_verification_failed' });
    expect(wrongOrigin.data).toBeNull();
    // The challenge went with the failed attempt: it is single-use whatever the outcome.
    const again = await client.auth.passkey.verifyRegistration({ challengeId, credential: authn.create(options.data!.options) });
    expect(again.error).toMatchObject({ status: 400, code: 'webauthn_challenge_not_found' });
    expect(await passkeyRows(userId)).toEqual([]);

    // Another user's challenge, and a sign-in challenge, are not this user's registration challenge.
    const other = await newUser();
    const foreign = await other.client.auth.passkey.startRegistration();
    const signInOptions = await anonClient(main.url).auth.passkey.startAuthentication();
    for (const id of [foreign.data!.challenge_id, signInOptions.data!.challenge_id, crypto.randomUUID()]) {
      const result = await client.auth.passkey.verifyRegistration({ challengeId: id, credential: authn.create(foreign.data!.options) });
      expect(result.error).toMatchObject({ status: 400, code: 'webauthn_challenge_not_found' });
    }
    // ...and they were left alone.
    expect(
      await sql('select id from auth.webauthn_challenges where id = any($1)', [
        [foreign.data!.challenge_id, signInOptions.data!.challenge_id],
      ]),
    ).toHaveLength(2);

    // A user-presence flag left off, and a credential that is not one.
    const fresh = await client.auth.passkey.startRegistration();
    const absent = await client.auth.passkey.verifyRegistration({
      challengeId: fresh.data!.challenge_id,
      credential: authn.create(fresh.data!.options, { userAbsent: true }),
    });
    expect(absent.error).toMatchObject({ status: 400, code: 'webauthn_verification_failed', message: 'Credential verification failed' });
    const garbage = await client.auth.passkey.startRegistration();
    const token = await accessToken(client);
    const res = await authFetch(
      '/passkeys/registration/verify',
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: JSON.stringify({ challenge_id: garbage.data!.challenge_id, credential: { id: 'x' } }),
      },
      main.url,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: 'webauthn_verification_failed', msg: 'Invalid credential response' });
    expect(await passkeyRows(userId)).toEqual([]);
  });

  it('checks the request body as GoTrue does', async () => {
    const { client } = await newUser();
    const token = await accessToken(client);
    const post = async (body: string) => {
      const res = await authFetch(
        '/passkeys/registration/verify',
        { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body },
        main.url,
      );
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await post('{"credential":{}}')).toMatchObject({
      status: 400,
      body: { error_code: 'validation_failed', msg: 'challenge_id is required' },
    });
    expect(await post(`{"challenge_id":"${crypto.randomUUID()}"}`)).toMatchObject({
      status: 400,
      body: { error_code: 'validation_failed', msg: 'credential is required' },
    });
    expect(await post('{"challenge_id":"nope","credential":{}}')).toMatchObject({
      status: 400,
      body: { error_code: 'validation_failed', msg: 'challenge_id must be a valid UUID' },
    });
    expect(await post('{"challenge_id":1}')).toMatchObject({ status: 400, body: { error_code: 'bad_json' } });
    expect(await post('[')).toMatchObject({ status: 400, body: { error_code: 'bad_json' } });
  });

  it('refuses a credential registered before (422 webauthn_credential_exists) and more than max_passkeys_per_user', async () => {
    const { client, email, userId } = await newUser();
    const authn = authenticator();
    await register(client, authn);
    const options = await client.auth.passkey.startRegistration();
    const twice = await client.auth.passkey.verifyRegistration({
      challengeId: options.data!.challenge_id,
      credential: authn.create(options.data!.options),
    });
    expect(twice.error).toMatchObject({ status: 422, code: 'webauthn_credential_exists' });

    const one = await startAuthServer({ passkey: { ...base.passkey, maxPasskeysPerUser: 2 } });
    const there = anonClient(one.url);
    expect((await there.auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
    // Two options at once, as two tabs would: the cap holds when both are verified.
    const [first, second] = await Promise.all([there.auth.passkey.startRegistration(), there.auth.passkey.startRegistration()]);
    const a = await there.auth.passkey.verifyRegistration({
      challengeId: first.data!.challenge_id,
      credential: authenticator().create(first.data!.options),
    });
    expect(a.error).toBeNull();
    const b = await there.auth.passkey.verifyRegistration({
      challengeId: second.data!.challenge_id,
      credential: authenticator().create(second.data!.options),
    });
    expect(b.error).toMatchObject({ status: 422, code: 'too_many_passkeys' });
    expect((await there.auth.passkey.startRegistration()).error).toMatchObject({ status: 422, code: 'too_many_passkeys' });
    expect(await passkeyRows(userId)).toHaveLength(2);
  });

  it('lets a challenge expire (400 webauthn_challenge_expired, and it is gone)', async () => {
    const { email } = await newUser();
    const quick = await startAuthServer({ passkey: { ...base.passkey, challengeExpiryDuration: 1 } });
    const client = anonClient(quick.url);
    expect((await client.auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
    const authn = authenticator();
    const options = await client.auth.passkey.startRegistration();
    expect(options.data!.expires_at - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1100));
    const late = await client.auth.passkey.verifyRegistration({
      challengeId: options.data!.challenge_id,
      credential: authn.create(options.data!.options),
    });
    expect(late.error).toMatchObject({ status: 400, code: 'webauthn_challenge_expired' });
    const after = await client.auth.passkey.verifyRegistration({
      challengeId: options.data!.challenge_id,
      credential: authn.create(options.data!.options),
    });
    expect(after.error).toMatchObject({ status: 400, code: 'webauthn_challenge_not_found' });

    // The same for a sign-in challenge.
    const signIn = anonClient(quick.url);
    const signInOptions = await signIn.auth.passkey.startAuthentication();
    await new Promise((r) => setTimeout(r, 1100));
    const result = await signIn.auth.passkey.verifyAuthentication({
      challengeId: signInOptions.data!.challenge_id,
      credential: authn.get(signInOptions.data!.options),
    });
    expect(result.error).toMatchObject({ status: 400, code: 'webauthn_challenge_expired' });
    expect(result.data).toBeNull();

    // Expired challenges nobody comes back for are cleared away when new ones are made.
    const stale = await signIn.auth.passkey.startAuthentication();
    await new Promise((r) => setTimeout(r, 1100));
    await signIn.auth.passkey.startAuthentication();
    expect(await sql('select id from auth.webauthn_challenges where id = $1', [stale.data!.challenge_id])).toEqual([]);
  });
});

describe('passkey sign-in', () => {
  it('gives an aal1 session with amr passkey, and records last_used_at and the counter', async () => {
    const { client: owner, userId } = await newUser();
    const authn = authenticator();
    const created = await register(owner, authn);
    const before = await sessionCount(userId);
    const { client, data, error } = await signInWith(authn);
    expect(error).toBeNull();
    expect(data!.user!.id).toBe(userId);
    const session = data!.session!;
    expect(session).toMatchObject({ token_type: 'bearer', expires_in: 900, refresh_token: expect.any(String) });
    const claims = claimsOf(session.access_token);
    expect(claims).toMatchObject({ sub: userId, aal: 'aal1' });
    expect(claims.amr.map((a) => a.method)).toEqual(['passkey']);
    expect(await sessionCount(userId)).toBe(before + 1);
    const [amr] = await sql<{ authentication_method: string }>(
      'select authentication_method from auth.mfa_amr_claims where session_id = $1',
      [claims.session_id],
    );
    expect(amr!.authentication_method).toBe('passkey');
    // supabase-js keeps the session, and it works.
    expect((await client.auth.getSession()).data.session!.access_token).toBe(session.access_token);
    expect((await client.auth.getUser()).data.user!.id).toBe(userId);
    const refreshed = await client.auth.refreshSession();
    expect(claimsOf(refreshed.data.session!.access_token).amr.map((a) => a.method)).toEqual(['passkey']);

    const listed = await owner.auth.passkey.list();
    expect(listed.data).toEqual([
      { id: created.id, friendly_name: 'Passkey', created_at: created.created_at, last_used_at: expect.any(String) },
    ]);
    const [row] = await passkeyRows(userId);
    expect(row!.sign_count).toBe('2');
    expect(Date.now() - row!.last_used_at!.getTime()).toBeLessThan(10_000);
    const [audit] = await sql<{ payload: { action: string; traits: { passkey_id: string } } }>(
      `select payload from auth.audit_log_entries
        where payload ->> 'actor_id' = $1 and payload ->> 'action' = 'login' and payload -> 'traits' ->> 'passkey_id' is not null`,
      [userId],
    );
    expect(audit!.payload.traits).toEqual({ passkey_id: created.id });
  });

  it('refuses a replayed assertion: the challenge is used, and a new challenge is not the one signed', async () => {
    const { client: owner, userId } = await newUser();
    const authn = authenticator();
    await register(owner, authn);
    const client = anonClient(main.url);
    const options = await client.auth.passkey.startAuthentication();
    const assertion = authn.get(options.data!.options);
    const first = await client.auth.passkey.verifyAuthentication({ challengeId: options.data!.challenge_id, credential: assertion });
    expect(first.error).toBeNull();
    const sessions = await sessionCount(userId);
    const second = await client.auth.passkey.verifyAuthentication({ challengeId: options.data!.challenge_id, credential: assertion });
    expect(second.error).toMatchObject({ status: 400, code: 'webauthn_challenge_not_found' });
    expect(second.data).toBeNull();
    const fresh = await client.auth.passkey.startAuthentication();
    const third = await client.auth.passkey.verifyAuthentication({ challengeId: fresh.data!.challenge_id, credential: assertion });
    expect(third.error).toMatchObject({ status: 400, code: 'webauthn_verification_failed' });
    expect(await sessionCount(userId)).toBe(sessions);
  });

  it('refuses another origin, a bad signature, a missing user-presence flag and another user handle, and creates no session', async () => {
    const { client: owner, userId } = await newUser();
    const other = await newUser();
    const authn = authenticator();
    await register(owner, authn);
    const [before] = await passkeyRows(userId);
    const sessions = await sessionCount(userId);
    for (const forgery of [
      { origin: 'http://127.0.0.1:3000' },
      { origin: 'https://localhost:3000' },
      { badSignature: true },
      { userAbsent: true },
      { userHandle: Buffer.from(other.userId).toString('base64url') },
      { userHandle: Buffer.from(crypto.randomUUID()).toString('base64url') },
      { userHandle: Buffer.from('not a uuid').toString('base64url') },
    ]) {
      const { data, error } = await signInWith(authn, forgery);
      expect(error, JSON.stringify(forgery)).toMatchObject({ status: 400, code: 'webauthn_verification_failed' });
      expect(data).toBeNull();
    }
    expect(await sessionCount(userId)).toBe(sessions);
    expect(await sessionCount(other.userId)).toBe(1);
    // Nothing was recorded on the passkey either.
    expect(await passkeyRows(userId)).toEqual([before]);
  });

  it('refuses an unknown credential, and one whose passkey was deleted', async () => {
    const { client: owner, userId } = await newUser();
    // An authenticator that holds the user's handle but was never registered.
    const stranger = authenticator();
    stranger.create((await owner.auth.passkey.startRegistration()).data!.options);
    expect((await signInWith(stranger)).error).toMatchObject({ status: 400, code: 'webauthn_verification_failed' });

    const authn = authenticator();
    const created = await register(owner, authn);
    expect((await signInWith(stranger)).error).toMatchObject({ status: 400, code: 'webauthn_verification_failed' });
    expect((await signInWith(authn)).error).toBeNull();

    const deleted = await owner.auth.passkey.delete({ passkeyId: created.id });
    expect(deleted).toEqual({ data: null, error: null });
    expect((await owner.auth.passkey.list()).data).toEqual([]);
    const sessions = await sessionCount(userId);
    const { data, error } = await signInWith(authn);
    expect(error).toMatchObject({ status: 400, code: 'webauthn_verification_failed' });
    expect(data).toBeNull();
    expect(await sessionCount(userId)).toBe(sessions);
  });

  it('judges the counter as go-webauthn does: a counter that does not grow is accepted and not stored', async () => {
    const { client: owner, userId } = await newUser();
    const authn = authenticator();
    await register(owner, authn); // counter 1
    expect((await signInWith(authn, { counter: 5 })).error).toBeNull();
    expect((await passkeyRows(userId))[0]!.sign_count).toBe('5');
    // A clone's lower or equal counter: GoTrue ignores go-webauthn's clone warning.
    for (const counter of [3, 5, 0]) {
      const { error } = await signInWith(authn, { counter });
      expect(error, `counter ${counter}`).toBeNull();
      expect((await passkeyRows(userId))[0]!.sign_count).toBe('5');
    }
    expect((await signInWith(authn, { counter: 6 })).error).toBeNull();
    expect((await passkeyRows(userId))[0]!.sign_count).toBe('6');

    // An authenticator that never counts (synced passkeys report 0) signs in again and again.
    const owner2 = await newUser();
    const synced = authenticator({ countsSignatures: false, backupEligible: true });
    await register(owner2.client, synced);
    for (let i = 0; i < 3; i++) expect((await signInWith(synced)).error).toBeNull();
    expect((await passkeyRows(owner2.userId))[0]!.sign_count).toBe('0');
  });

  it('refuses an assertion whose backup-eligible flag changed since registration', async () => {
    const { client: owner } = await newUser();
    const authn = authenticator();
    await register(owner, authn);
    expect((await signInWith(authn, { backupEligible: true })).error).toMatchObject({ status: 400, code: 'webauthn_verification_failed' });
    expect((await signInWith(authn)).error).toBeNull();
  });

  it('answers 403 for an unconfirmed email or a banned user, after the assertion', async () => {
    const { client: owner, userId } = await newUser();
    const authn = authenticator();
    await register(owner, authn);
    await sql('update auth.users set email_confirmed_at = null where id = $1', [userId]);
    expect((await signInWith(authn)).error).toMatchObject({ status: 403, code: 'email_not_confirmed' });
    await sql("update auth.users set email_confirmed_at = now(), banned_until = now() + interval '1 hour' where id = $1", [userId]);
    expect((await signInWith(authn)).error).toMatchObject({ status: 403, code: 'user_banned' });
    await sql('update auth.users set banned_until = null where id = $1', [userId]);
    expect((await signInWith(authn)).error).toBeNull();
  });

  it('rate-limits the sign-in options per client IP (GoTrue: 30 at once, then 429)', async () => {
    const limited = await startAuthServer({});
    const client = anonClient(limited.url);
    for (let i = 0; i < 30; i++) expect((await client.auth.passkey.startAuthentication()).error).toBeNull();
    expect((await client.auth.passkey.startAuthentication()).error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
  });
});

describe('managing passkeys', () => {
  it('renames a passkey (1 to 120 bytes), only the caller’s own', async () => {
    const { client } = await newUser();
    const created = await register(client, authenticator());
    const renamed = await client.auth.passkey.update({ passkeyId: created.id, friendlyName: 'Laptop' });
    expect(renamed.error).toBeNull();
    expect(renamed.data).toEqual({ id: created.id, friendly_name: 'Laptop', created_at: created.created_at });
    expect((await client.auth.passkey.list()).data![0]!.friendly_name).toBe('Laptop');

    expect((await client.auth.passkey.update({ passkeyId: created.id, friendlyName: '' })).error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'friendly_name is required',
    });
    expect((await client.auth.passkey.update({ passkeyId: created.id, friendlyName: 'é'.repeat(61) })).error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'friendly_name must be 120 characters or less',
    });
    expect((await client.auth.passkey.update({ passkeyId: created.id, friendlyName: 'x'.repeat(120) })).error).toBeNull();
    for (const passkeyId of [crypto.randomUUID(), 'not-a-uuid']) {
      expect((await client.auth.passkey.update({ passkeyId, friendlyName: 'x' })).error).toMatchObject({
        status: 404,
        code: 'validation_failed',
        message: 'Passkey not found',
      });
    }
    const other = await newUser();
    expect((await other.client.auth.passkey.update({ passkeyId: created.id, friendlyName: 'mine' })).error).toMatchObject({ status: 404 });
    expect((await other.client.auth.passkey.delete({ passkeyId: created.id })).error).toMatchObject({ status: 404 });
    expect((await client.auth.passkey.list()).data).toHaveLength(1);
  });

  it('needs aal2 to register or delete when the user has a second factor (not to list or rename)', async () => {
    const { client, email, userId } = await newUser();
    const created = await register(client, authenticator());
    await enrollTotp(client); // this client is now aal2
    const aal1 = anonClient(main.url);
    expect((await aal1.auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
    const refused = { status: 403, code: 'insufficient_aal', message: 'AAL2 session is required to manage passkeys when MFA is enabled' };
    expect((await aal1.auth.passkey.startRegistration()).error).toMatchObject(refused);
    expect((await aal1.auth.passkey.delete({ passkeyId: created.id })).error).toMatchObject(refused);
    expect((await aal1.auth.passkey.list()).data).toHaveLength(1);
    expect((await aal1.auth.passkey.update({ passkeyId: created.id, friendlyName: 'Phone' })).error).toBeNull();

    // A passkey sign-in is aal1 too: the second factor still has to follow.
    const authn = authenticator();
    await register(client, authn);
    const signedIn = await signInWith(authn);
    expect(claimsOf(signedIn.data!.session!.access_token).aal).toBe('aal1');
    expect((await signedIn.client.auth.passkey.startRegistration()).error).toMatchObject(refused);

    expect((await client.auth.passkey.delete({ passkeyId: created.id })).error).toBeNull();
    expect(await passkeyRows(userId)).toHaveLength(1);
  });

  it('lists and deletes passkeys through the admin API', async () => {
    const { client, userId } = await newUser();
    const first = await register(client, authenticator());
    const second = await register(client, authenticator());
    const admin = adminClient(main.url);
    const listed = await admin.auth.admin.passkey.listPasskeys({ userId });
    expect(listed.error).toBeNull();
    expect(listed.data!.map((p) => p.id)).toEqual([first.id, second.id]);

    expect(await admin.auth.admin.passkey.deletePasskey({ userId, passkeyId: second.id })).toEqual({ data: null, error: null });
    expect((await admin.auth.admin.passkey.listPasskeys({ userId })).data!.map((p) => p.id)).toEqual([first.id]);
    expect((await admin.auth.admin.passkey.deletePasskey({ userId, passkeyId: second.id })).error).toMatchObject({
      status: 404,
      code: 'validation_failed',
    });
    expect((await admin.auth.admin.passkey.listPasskeys({ userId: crypto.randomUUID() })).error).toMatchObject({
      status: 404,
      code: 'user_not_found',
    });
    // Another user's passkey is not found under this user.
    const other = await newUser();
    const theirs = await register(other.client, authenticator());
    expect((await admin.auth.admin.passkey.deletePasskey({ userId, passkeyId: theirs.id })).error).toMatchObject({ status: 404 });
    // Only with an admin key.
    const res = await authFetch(
      `/admin/users/${userId}/passkeys`,
      { headers: { Authorization: `Bearer ${TEST_STACK.anonKey}` } },
      main.url,
    );
    expect(res.status).toBe(403);
  });

  it('deletes the passkeys of a soft-deleted user', async () => {
    const { client, userId } = await newUser();
    const authn = authenticator();
    await register(client, authn);
    expect((await adminClient(main.url).auth.admin.deleteUser(userId, true)).error).toBeNull();
    expect(await passkeyRows(userId)).toEqual([]);
    expect((await signInWith(authn)).error).toMatchObject({ status: 400, code: 'webauthn_verification_failed' });
  });
});

describe('[auth.passkey] enabled = false', () => {
  it('answers every /passkeys route 404 passkey_disabled; the admin routes still work', async () => {
    const { client, email, userId } = await newUser();
    const created = await register(client, authenticator());
    const off = await startAuthServer({ passkey: { ...base.passkey, enabled: false } });
    const there = anonClient(off.url);
    expect((await there.auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
    const disabled = { status: 404, code: 'passkey_disabled', message: 'Passkeys are disabled' };
    expect((await there.auth.passkey.startRegistration()).error).toMatchObject(disabled);
    expect(
      (
        await there.auth.passkey.verifyRegistration({
          challengeId: crypto.randomUUID(),
          credential: authenticator().create({ challenge: 'x', user: { id: 'x' } }),
        })
      ).error,
    ).toMatchObject(disabled);
    expect((await there.auth.passkey.startAuthentication()).error).toMatchObject(disabled);
    expect(
      (
        await there.auth.passkey.verifyAuthentication({
          challengeId: crypto.randomUUID(),
          credential: authenticator().get({ challenge: 'x' }),
        })
      ).error,
    ).toMatchObject(disabled);
    expect((await there.auth.passkey.list()).error).toMatchObject(disabled);
    expect((await there.auth.passkey.update({ passkeyId: created.id, friendlyName: 'x' })).error).toMatchObject(disabled);
    expect((await there.auth.passkey.delete({ passkeyId: created.id })).error).toMatchObject(disabled);
    // Even without a token: the switch comes first.
    const res = await authFetch('/passkeys', {}, off.url);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error_code: 'passkey_disabled' });
    expect(((await (await authFetch('/settings', {}, off.url)).json()) as { passkeys_enabled: boolean }).passkeys_enabled).toBe(false);

    const admin = adminClient(off.url);
    expect((await admin.auth.admin.passkey.listPasskeys({ userId })).data!.map((p) => p.id)).toEqual([created.id]);
    expect((await admin.auth.admin.passkey.deletePasskey({ userId, passkeyId: created.id })).error).toBeNull();
  });

  it('answers 405 for a known passkey path with another method', async () => {
    expect((await authFetch('/passkeys/authentication/options', {}, main.url)).status).toBe(405);
    expect((await authFetch('/passkeys', { method: 'POST' }, main.url)).status).toBe(405);
  });
});

describe('passkey tables', () => {
  it('are added to a database bootstrapped before them, when the auth server starts (idempotently)', async () => {
    const name = `passkeys_upgrade_${crypto.randomUUID().slice(0, 8)}`;
    const url = (user: string) => {
      const u = new URL(TEST_STACK.databaseUrl);
      u.username = user;
      u.password = 'postgres';
      u.pathname = `/${name}`;
      return u.toString();
    };
    await sql(`create database ${name} template template0`);
    try {
      const bootstrap = fs.readFileSync(path.join(process.cwd(), 'local', 'sql', 'bootstrap.sql'), 'utf8');
      const older = bootstrap.replace(/-- begin: passkeys\n[\s\S]*?-- end: passkeys\n/, '');
      expect(older).not.toContain('webauthn_credentials');
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`begin; ${older}; commit;`);
        const pool = new pg.Pool({ connectionString: url('supabase_auth_admin'), max: 2 });
        try {
          await Promise.all([upgradeAuthSchema(pool), upgradeAuthSchema(pool)]);
          await upgradeAuthSchema(pool);
        } finally {
          await pool.end();
        }
        const { rows } = await admin.query(
          `select c.relname as table, pg_get_userbyid(c.relowner) as owner, has_table_privilege('service_role', c.oid, 'select') as service_role
             from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'auth' and c.relname in ('webauthn_credentials', 'webauthn_challenges') order by 1`,
        );
        expect(rows).toEqual([
          { table: 'webauthn_challenges', owner: 'supabase_auth_admin', service_role: true },
          { table: 'webauthn_credentials', owner: 'supabase_auth_admin', service_role: true },
        ]);
      } finally {
        await admin.end();
      }
    } finally {
      for (let i = 0; i < 100; i++) {
        const [open] = await sql<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (open!.n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await sql(`drop database if exists ${name} with (force)`);
    }
  });
});
