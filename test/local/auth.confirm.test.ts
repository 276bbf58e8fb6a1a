/**
 * Email confirmations ON (an extra server on the test database): sign-up answers the
 * user without a session and mails a confirmation link; sign-in says
 * email_not_confirmed only after a correct password; a repeated sign-up of a confirmed
 * address gets the fake user with empty identities; the link works once (POST /verify
 * with token_hash, or GET /verify redirecting with the session in the fragment);
 * resend; email change with both links. And POST /verify with a token hash of type
 * signup or email_change signing the user in, the type errors GoTrue gives, resend with
 * email logins off.
 */
import type { Session } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../local/api.ts';
import { loadProjectConfig } from '../../local/config.ts';
import { anonClient, authFetch, PASSWORD, sql, startAuthServer, tokenHashFrom, uniqueEmail } from './helpers/auth.ts';

let server: ApiServer;
beforeAll(async () => {
  // The confirmation email with GoTrue's own link (the project's template links to the web
  // app instead), so that following the link exercises GET /verify.
  const templates = loadProjectConfig(process.cwd()).auth.email.templates;
  const confirmation = { subject: 'Confirm your email', content: '<p><a href="{{ .ConfirmationURL }}">Confirm your mail</a></p>' };
  server = await startAuthServer({ email: { enableConfirmations: true, templates: { ...templates, confirmation } } });
});

const mailsTo = (to: string) => server.mailbox.list().filter((m) => m.To.some((a) => a.Address === to));
const lastMail = (to: string) => {
  const m = mailsTo(to)[0];
  if (!m) throw new Error(`no mail to ${to}`);
  return m;
};
/** Moves the last confirmation email into the past (max_frequency is 1 s). */
const ageConfirmation = (email: string) =>
  sql(`update auth.users set confirmation_sent_at = now() - interval '5 seconds' where email = $1`, [email]);

describe('sign-up with confirmations on', () => {
  it('returns the user without a session and mails a confirmation link', async () => {
    const email = uniqueEmail('confirm');
    const { data, error } = await anonClient(server.url).auth.signUp({
      email,
      password: PASSWORD,
      options: { emailRedirectTo: 'http://127.0.0.1:3000/welcome' },
    });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user).toMatchObject({ email, aud: 'authenticated', role: 'authenticated' });
    expect(data.user!.email_confirmed_at).toBeUndefined();
    expect(data.user!.confirmation_sent_at).toBeTruthy();
    expect(data.user!.identities).toHaveLength(1);
    const mail = lastMail(email);
    expect(mail.Subject).toBe('Confirm your email');
    expect(mail.HTML).toContain(`${server.url}/auth/v1/verify?token=`);
    expect(mail.HTML).toContain('type=signup');
    expect(mail.HTML).toContain(encodeURIComponent('http://127.0.0.1:3000/welcome'));
    const [row] = await sql<{ confirmation_token: string; n: string }>(
      `select u.confirmation_token, (select count(*) from auth.one_time_tokens t where t.user_id = u.id and t.token_type = 'confirmation_token') as n
         from auth.users u where email = $1`,
      [email],
    );
    expect(row).toEqual({ confirmation_token: tokenHashFrom(mail.HTML), n: '1' });
  });

  it('says email_not_confirmed only after a correct password', async () => {
    const email = uniqueEmail('unconfirmed');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD });
    const wrong = await anonClient(server.url).auth.signInWithPassword({ email, password: 'not-the-password' });
    expect(wrong.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
    const right = await anonClient(server.url).auth.signInWithPassword({ email, password: PASSWORD });
    expect(right.error).toMatchObject({ status: 400, code: 'email_not_confirmed', message: 'Email not confirmed' });
  });

  it('confirms once with the token hash; the second use is 403 otp_expired', async () => {
    const email = uniqueEmail('verify');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD, options: { data: { first_name: 'Kay' } } });
    const token_hash = tokenHashFrom(lastMail(email).HTML);
    const { data, error } = await anonClient(server.url).auth.verifyOtp({ token_hash, type: 'signup' });
    expect(error).toBeNull();
    expect(data.session!.access_token).toBeTruthy();
    expect(data.user!.email_confirmed_at).toBeTruthy();
    expect(data.user!.user_metadata).toMatchObject({ first_name: 'Kay', email_verified: true });
    expect(data.user!.identities![0]!.identity_data).toMatchObject({ email_verified: true });
    const again = await anonClient(server.url).auth.verifyOtp({ token_hash, type: 'signup' });
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Email link is invalid or has expired' });
    expect((await anonClient(server.url).auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
  });

  it('answers a repeated sign-up of a confirmed address with a fake user (empty identities), storing and sending nothing', async () => {
    const email = uniqueEmail('exists');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD });
    await anonClient(server.url).auth.verifyOtp({ token_hash: tokenHashFrom(lastMail(email).HTML), type: 'signup' });
    const before = await sql('select id, updated_at, confirmation_sent_at from auth.users where email = $1', [email]);
    const mails = mailsTo(email).length;
    const { data, error } = await anonClient(server.url).auth.signUp({ email, password: 'some-other-password' });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user!.identities).toEqual([]);
    expect(data.user!.id).not.toBe((before[0] as { id: string }).id);
    expect(data.user!.email).toBe(email);
    expect(mailsTo(email)).toHaveLength(mails);
    expect(await sql('select id, updated_at, confirmation_sent_at from auth.users where email = $1', [email])).toEqual(before);
  });

  it('follows the emailed link (GET /verify): 303 to redirect_to with the session in the fragment, then the error', async () => {
    const email = uniqueEmail('link');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD, options: { emailRedirectTo: 'http://127.0.0.1:3000/welcome' } });
    const link = /href="([^"]+)"/.exec(lastMail(email).HTML)![1]!.replace(/&#38;|&amp;/g, '&');
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const location = new URL(first.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:3000/welcome');
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('type')).toBe('signup');
    expect(fragment.get('token_type')).toBe('bearer');
    expect((await anonClient(server.url).auth.getUser(fragment.get('access_token')!)).data.user!.email).toBe(email);
    const second = await fetch(link, { redirect: 'manual' });
    expect(second.status).toBe(303);
    const error = new URLSearchParams(new URL(second.headers.get('location')!).hash.slice(1));
    expect(Object.fromEntries(error)).toEqual({
      error: 'access_denied',
      error_code: 'otp_expired',
      error_description: 'Email link is invalid or has expired',
    });
  });

  it('resends the confirmation (after max_frequency), and answers {} for unknown or confirmed addresses', async () => {
    const email = uniqueEmail('resend');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD });
    const tooSoon = await anonClient(server.url).auth.resend({ type: 'signup', email });
    expect(tooSoon.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    expect(tooSoon.error!.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
    await ageConfirmation(email);
    const { error } = await anonClient(server.url).auth.resend({ type: 'signup', email });
    expect(error).toBeNull();
    expect(mailsTo(email)).toHaveLength(2);
    const newest = tokenHashFrom(mailsTo(email)[0]!.HTML);
    expect(
      (await anonClient(server.url).auth.verifyOtp({ token_hash: tokenHashFrom(mailsTo(email)[1]!.HTML), type: 'signup' })).error,
    ).toMatchObject({
      code: 'otp_expired',
    });
    expect((await anonClient(server.url).auth.verifyOtp({ token_hash: newest, type: 'signup' })).error).toBeNull();
    expect((await anonClient(server.url).auth.resend({ type: 'signup', email })).error).toBeNull();
    expect((await anonClient(server.url).auth.resend({ type: 'signup', email: uniqueEmail('nobody') })).error).toBeNull();
    expect(mailsTo(email)).toHaveLength(2);
  });

  it('changes the email only after both links (secure email change)', async () => {
    const email = uniqueEmail('old');
    const next = uniqueEmail('new');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD });
    const session = (await anonClient(server.url).auth.verifyOtp({ token_hash: tokenHashFrom(lastMail(email).HTML), type: 'signup' })).data
      .session!;
    const client = anonClient(server.url);
    await client.auth.setSession(session);
    const { data, error } = await client.auth.updateUser({ email: next });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, new_email: next });
    const toNew = tokenHashFrom(lastMail(next).HTML);
    const toOld = tokenHashFrom(lastMail(email).HTML);
    const half = await anonClient(server.url).auth.verifyOtp({ token_hash: toNew, type: 'email_change' });
    expect(half.error).toBeNull();
    expect(half.data.session).toBeNull();
    const done = await anonClient(server.url).auth.verifyOtp({ token_hash: toOld, type: 'email_change' });
    expect(done.error).toBeNull();
    expect(done.data.user).toMatchObject({ email: next });
    expect(done.data.user!.new_email).toBeUndefined();
  });
});

describe('POST /verify with a token hash and POST /resend, as the worker uses them', () => {
  const verify = (body: unknown, headers: Record<string, string> = {}) =>
    authFetch(
      '/verify',
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) },
      server.url,
    );
  const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  it('signup: signs the user in (amr otp) and stores the session with the User-Agent and IP', async () => {
    const email = uniqueEmail('verify-hash');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD });
    const res = await verify({ type: 'signup', token_hash: tokenHashFrom(lastMail(email).HTML) }, { 'user-agent': 'App/3.1' });
    expect(res.status).toBe(200);
    const session = (await res.json()) as { access_token: string; refresh_token: string; token_type: string; user: { email: string } };
    expect(session).toMatchObject({ token_type: 'bearer', user: { email } });
    const claims = claimsOf(session.access_token);
    expect(claims.amr).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
    const [row] = await sql('select user_agent, host(ip) as ip, refreshed_at from auth.sessions where id = $1', [claims.session_id]);
    expect(row).toEqual({ user_agent: 'App/3.1', ip: '127.0.0.1', refreshed_at: null });
  });

  it('email_change: the second link signs the user in at the new address', async () => {
    const email = uniqueEmail('change-old');
    const next = uniqueEmail('change-new');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD });
    const session = (await (await verify({ type: 'signup', token_hash: tokenHashFrom(lastMail(email).HTML) })).json()) as Session;
    const client = anonClient(server.url);
    await client.auth.setSession(session);
    await client.auth.updateUser({ email: next });
    const half = await verify({ type: 'email_change', token_hash: tokenHashFrom(lastMail(next).HTML) });
    expect(await half.json()).toEqual({
      msg: 'Confirmation link accepted. Please proceed to confirm link sent to the other email',
      code: '200',
    });
    const done = await verify({ type: 'email_change', token_hash: tokenHashFrom(lastMail(email).HTML) });
    expect(done.status).toBe(200);
    const signedIn = (await done.json()) as Session;
    expect(signedIn.user.email).toBe(next);
    expect(claimsOf(signedIn.access_token)).toMatchObject({ email: next, amr: [{ method: 'otp', timestamp: expect.any(Number) }] });
    expect((await anonClient(server.url).auth.getUser(signedIn.access_token)).data.user!.email).toBe(next);
  });

  it('refuses a token hash of another type (400) and an OTP of an unknown type (403), as GoTrue', async () => {
    for (const type of ['sms', 'phone_change', 'nonsense']) {
      const res = await verify({ type, token_hash: 'a'.repeat(56) }, { 'X-Supabase-Api-Version': '2024-01-01' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ code: 'validation_failed', message: 'Invalid email verification type' });
    }
    const email = uniqueEmail('otp-type');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD });
    const res = await verify({ type: 'nonsense', email, token: '123456' }, { 'X-Supabase-Api-Version': '2024-01-01' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: 'otp_expired', message: 'Token has expired or is invalid' });
  });

  let noEmail: ApiServer;
  beforeAll(async () => {
    noEmail = await startAuthServer({ email: { enableConfirmations: true, enableSignup: false } });
  });

  it('resend: 400 email_provider_disabled when email logins are off, as GoTrue checks before looking the address up', async () => {
    const res = await authFetch(
      '/resend',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'signup', email: uniqueEmail('nobody') }),
      },
      noEmail.url,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: 'email_provider_disabled', msg: 'Email logins are disabled' });
  });
});
