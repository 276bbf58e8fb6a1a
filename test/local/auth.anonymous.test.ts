/**
 * Anonymous sign-ins as GoTrue serves them (`SignupAnonymously`), driven by supabase-js's
 * `signInAnonymously`: refused with 422 `anonymous_provider_disabled` while
 * `enable_anonymous_sign_ins` is off (this project's setting), and on extra servers with
 * it on: an `is_anonymous` user without email, password or identity, whose session has
 * amr `anonymous`; the `anonymous_users` bucket; `signup_disabled`; and what an anonymous
 * user may do next — no second factor, no password without an email, an email added at
 * once while confirmations are off, or through the email change link while they are on,
 * or confirmed by an admin, after which the user is anonymous no more (with an email
 * identity).
 */
import { describe, expect, it } from 'vitest';
import { adminClient, anonClient, authFetch, PASSWORD, sql, startAuthServer, tokenHashFrom, uniqueEmail } from './helpers/auth.ts';

/** The claims of an access token. */
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('anonymous sign-ins off (enable_anonymous_sign_ins = false)', () => {
  it('are refused with anonymous_provider_disabled, and /settings says so', async () => {
    const { data, error } = await anonClient().auth.signInAnonymously();
    expect(error).toMatchObject({ status: 422, code: 'anonymous_provider_disabled', message: 'Anonymous sign-ins are disabled' });
    expect(data.session).toBeNull();
    const settings = (await (await authFetch('/settings')).json()) as { external: Record<string, boolean> };
    expect(settings.external.anonymous_users).toBe(false);
  });
});

describe('anonymous sign-ins on', () => {
  it('create an is_anonymous user without email or identity, signed in with amr anonymous', async () => {
    const server = await startAuthServer({ enableAnonymousSignIns: true });
    const client = anonClient(server.url);
    const { data, error } = await client.auth.signInAnonymously({ options: { data: { nickname: 'guest' } } });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      aud: 'authenticated',
      role: 'authenticated',
      email: '',
      phone: '',
      is_anonymous: true,
      app_metadata: {},
      user_metadata: { nickname: 'guest' },
      identities: [],
    });
    const claims = claimsOf(data.session!.access_token);
    expect(claims).toMatchObject({ role: 'authenticated', is_anonymous: true, aal: 'aal1', sub: data.user!.id });
    expect((claims.amr as { method: string }[]).map((a) => a.method)).toEqual(['anonymous']);
    const [row] = await sql<{ email: string | null; encrypted_password: string; is_anonymous: boolean; identities: string }>(
      `select email, encrypted_password, is_anonymous, (select count(*) from auth.identities i where i.user_id = u.id) as identities
         from auth.users u where id = $1`,
      [data.user!.id],
    );
    expect(row).toEqual({ email: null, encrypted_password: '', is_anonymous: true, identities: '0' });

    // The session works like any other: the user, and a refresh that keeps the claim.
    expect((await client.auth.getUser()).data.user).toMatchObject({ id: data.user!.id, is_anonymous: true });
    const refreshed = await client.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(claimsOf(refreshed.data.session!.access_token)).toMatchObject({ is_anonymous: true });
    const settings = (await (await authFetch('/settings', {}, server.url)).json()) as { external: Record<string, boolean> };
    expect(settings.external.anonymous_users).toBe(true);
  });

  it('count against the anonymous_users bucket of the client IP, not the sign-up one', async () => {
    const server = await startAuthServer({ enableAnonymousSignIns: true, rateLimit: { anonymousUsers: 2 } });
    const client = anonClient(server.url);
    expect((await client.auth.signInAnonymously()).error).toBeNull();
    expect((await client.auth.signInAnonymously()).error).toBeNull();
    const third = await client.auth.signInAnonymously();
    expect(third.error).toMatchObject({ status: 429, code: 'over_request_rate_limit', message: 'Request rate limit reached' });
    expect((await anonClient(server.url).auth.signUp({ email: uniqueEmail('anonrl'), password: PASSWORD })).error).toBeNull();
  });

  it('are refused with signup_disabled when sign-ups are off', async () => {
    const server = await startAuthServer({ enableAnonymousSignIns: true, enableSignup: false });
    const { error } = await anonClient(server.url).auth.signInAnonymously();
    expect(error).toMatchObject({ status: 422, code: 'signup_disabled', message: 'Signups not allowed for this instance' });
  });
});

describe('an anonymous user', () => {
  it('may not set a password without an email, and becomes permanent by adding one (confirmations off)', async () => {
    const server = await startAuthServer({ enableAnonymousSignIns: true });
    const client = anonClient(server.url);
    const { data } = await client.auth.signInAnonymously();
    const id = data.user!.id;
    const alone = await client.auth.updateUser({ password: PASSWORD });
    expect(alone.error).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'Updating password of an anonymous user without an email or phone is not allowed',
    });

    const email = uniqueEmail('anonemail');
    const updated = await client.auth.updateUser({ email, password: PASSWORD });
    expect(updated.error).toBeNull();
    expect(updated.data.user).toMatchObject({ id, email, is_anonymous: false });
    expect(updated.data.user!.email_confirmed_at).toBeTruthy();
    expect(updated.data.user!.identities).toHaveLength(1);
    expect(updated.data.user!.identities![0]).toMatchObject({
      provider: 'email',
      identity_data: { sub: id, email, email_verified: true, phone_verified: false },
    });
    expect(server.mailbox.list().filter((m) => m.To.some((a) => a.Address === email))).toHaveLength(0);
    const signIn = await anonClient(server.url).auth.signInWithPassword({ email, password: PASSWORD });
    expect(signIn.error).toBeNull();
    expect(signIn.data.user).toMatchObject({ id, is_anonymous: false });
    expect(claimsOf(signIn.data.session!.access_token)).toMatchObject({ is_anonymous: false });
  });

  it('may not enroll a second factor, and is made permanent by an admin confirming an email', async () => {
    const server = await startAuthServer({ enableAnonymousSignIns: true });
    const client = anonClient(server.url);
    const { data } = await client.auth.signInAnonymously();
    const enroll = await client.auth.mfa.enroll({ factorType: 'totp' });
    expect(enroll.error).toMatchObject({
      status: 403,
      code: 'no_authorization',
      message: 'Anonymous user not allowed to perform these actions',
    });

    const email = uniqueEmail('anonadmin');
    const admin = adminClient(server.url).auth.admin;
    const unconfirmed = await admin.updateUserById(data.user!.id, { email });
    expect(unconfirmed.data.user).toMatchObject({ email, is_anonymous: true });
    const confirmed = await admin.updateUserById(data.user!.id, { email, email_confirm: true });
    expect(confirmed.error).toBeNull();
    expect(confirmed.data.user).toMatchObject({ email, is_anonymous: false });
  });

  it('confirms an added email through the email change link while confirmations are on', async () => {
    const server = await startAuthServer({ enableAnonymousSignIns: true, email: { enableConfirmations: true } });
    const client = anonClient(server.url);
    const { data } = await client.auth.signInAnonymously();
    const email = uniqueEmail('anonconfirm');
    const updated = await client.auth.updateUser({ email });
    expect(updated.error).toBeNull();
    expect(updated.data.user).toMatchObject({ email: '', new_email: email, is_anonymous: true });
    const mails = server.mailbox.list().filter((m) => m.To.some((a) => a.Address === email));
    expect(mails).toHaveLength(1);
    const verified = await anonClient(server.url).auth.verifyOtp({ token_hash: tokenHashFrom(mails[0]!.HTML), type: 'email_change' });
    expect(verified.error).toBeNull();
    expect(verified.data.user).toMatchObject({ id: data.user!.id, email, is_anonymous: false });
    expect(verified.data.user!.identities).toEqual([
      expect.objectContaining({ provider: 'email', identity_data: expect.objectContaining({ email, email_verified: true }) }),
    ]);
  });
});
