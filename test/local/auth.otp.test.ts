/**
 * Sign-in codes and magic links against the auth stand-in, driven by supabase-js's
 * `signInWithOtp` and `verifyOtp` (GoTrue's POST /otp and /verify, read from its
 * internal/api/otp.go, magic_link.go, verify.go and mail.go): the project's magic_link
 * email with the code and the web app's link, the code (`type: 'email'`) and the token
 * hash (`magiclink`, `email`, and GET /verify) each signing in once with amr `otp` at
 * `aal1`, wrong and expired codes, `shouldCreateUser: false` for an unknown address (422
 * `otp_disabled`, nothing created or sent), sign-up through /otp with confirmations off
 * and on, `otp_length`, and the limits as GoTrue applies them: `max_frequency` (shared with
 * password recovery), the per-IP `otp` bucket and `email_sent`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../local/api.ts';
import { loadProjectConfig } from '../../local/config.ts';
import { TEST_STACK } from '../setup/stack-config.ts';
import {
  adminClient,
  anonClient,
  authFetch,
  latestMail,
  mailCount,
  PASSWORD,
  sql,
  startAuthServer,
  tokenHashFrom,
  uniqueEmail,
} from './helpers/auth.ts';

interface Claims {
  aal: string;
  amr: { method: string; timestamp: number }[];
  session_id: string;
  email: string;
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Claims;

/** The code in a magic link email (the project's template shows it in <strong>). */
function codeFrom(html: string): string {
  const m = /<strong>(\d+)<\/strong>/.exec(html);
  if (!m) throw new Error(`no code in: ${html}`);
  return m[1]!;
}

/** GoTrue's token hash of an emailed code: hex SHA-224 of address and code. */
const hashOf = (email: string, code: string) =>
  crypto
    .createHash('sha224')
    .update(email + code)
    .digest('hex');

/** A confirmed user with a password (sign-up gives a session at once locally). */
async function registered(tag = 'otp', url?: string): Promise<string> {
  const email = uniqueEmail(tag);
  const { error } = await anonClient(url).auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  return email;
}

/** Moves the last recovery / magic link email `seconds` into the past. */
const ageRecovery = (email: string, seconds: number) =>
  sql(`update auth.users set recovery_sent_at = now() - make_interval(secs => $2) where email = $1`, [email, seconds]);

const userRow = async (email: string) =>
  (
    await sql<{ id: string; email_confirmed_at: Date | null; raw_user_meta_data: Record<string, unknown>; recovery_token: string }>(
      'select id, email_confirmed_at, raw_user_meta_data, recovery_token from auth.users where email = $1',
      [email],
    )
  )[0];

const oneTimeTokens = (email: string) =>
  sql<{ token_type: string; token_hash: string }>(
    `select t.token_type, t.token_hash from auth.one_time_tokens t join auth.users u on u.id = t.user_id where u.email = $1`,
    [email],
  );

/** Raw POST /otp with the 2024-01-01 error shape; returns status and body. */
async function postOtp(body: unknown, base: string = TEST_STACK.apiUrl): Promise<{ status: number; body: unknown }> {
  const res = await authFetch(
    '/otp',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    base,
  );
  return { status: res.status, body: await res.json() };
}

describe('the magic link email', () => {
  it('carries the code and the link to the web app, both for the token hash GoTrue keeps as a recovery token', async () => {
    const email = await registered();
    const { data, error } = await anonClient().auth.signInWithOtp({
      email,
      options: { shouldCreateUser: false, emailRedirectTo: 'http://127.0.0.1:3000/sign-in/email' },
    });
    expect(error).toBeNull();
    expect(data).toEqual({ user: null, session: null });
    const mail = await latestMail(email);
    expect(mail.Subject).toBe('Your sign-in code');
    const code = codeFrom(mail.HTML);
    expect(code).toMatch(/^\d{6}$/);
    const hash = hashOf(email, code);
    expect(mail.HTML).toContain(`Someone asked to sign in as ${email}.`);
    expect(mail.HTML).toContain(
      `<a href="http://127.0.0.1:3000/sign-in/email?token_hash=${hash}&type=magiclink">Sign in to your account</a>`,
    );
    expect((await userRow(email))!.recovery_token).toBe(hash);
    expect(await oneTimeTokens(email)).toEqual([{ token_type: 'recovery_token', token_hash: hash }]);
    const audit = await sql<{ action: string }>(
      `select payload->>'action' as action from auth.audit_log_entries where payload->>'actor_username' = $1 order by created_at desc limit 1`,
      [email],
    );
    expect(audit).toEqual([{ action: 'user_recovery_requested' }]);
  });

  it('renders from config.toml: [auth.email.template.magic_link] with otp_length digits', async () => {
    const config = loadProjectConfig(process.cwd());
    expect(config.auth.email.otpLength).toBe(6);
    expect(config.auth.email.templates.magic_link.subject).toBe('Your sign-in code');
    expect(config.auth.email.templates.magic_link.content).toBe(fs.readFileSync('supabase/templates/magic_link.html', 'utf8'));
  });
});

describe('verifying', () => {
  it('signs in once by the code (type email): amr otp, aal1; then 403 otp_expired and the token is gone', async () => {
    const email = await registered();
    await anonClient().auth.signInWithOtp({ email });
    const code = codeFrom((await latestMail(email)).HTML);
    const client = anonClient();
    const { data, error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
    expect(error).toBeNull();
    expect(data.user!.email).toBe(email);
    const claims = claimsOf(data.session!.access_token);
    expect(claims).toMatchObject({ aal: 'aal1', email, amr: [{ method: 'otp', timestamp: expect.any(Number) }] });
    expect(claims.amr).toHaveLength(1);
    expect(await sql('select aal from auth.sessions where id = $1', [claims.session_id])).toEqual([{ aal: 'aal1' }]);
    expect((await client.auth.getUser()).data.user!.email).toBe(email);

    const again = await anonClient().auth.verifyOtp({ email, token: code, type: 'email' });
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
    expect(await oneTimeTokens(email)).toEqual([]);
    expect((await userRow(email))!.recovery_token).toBe('');
  });

  it('takes the code with type magiclink too, and refuses a wrong code without spending the right one', async () => {
    const email = await registered();
    await anonClient().auth.signInWithOtp({ email });
    const code = codeFrom((await latestMail(email)).HTML);
    const wrong = code === '000000' ? '111111' : '000000';
    const refused = await anonClient().auth.verifyOtp({ email, token: wrong, type: 'magiclink' });
    expect(refused.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
    expect(refused.data).toEqual({ user: null, session: null });
    const { data, error } = await anonClient().auth.verifyOtp({ email, token: code, type: 'magiclink' });
    expect(error).toBeNull();
    expect(claimsOf(data.session!.access_token).amr[0]!.method).toBe('otp');
  });

  it('signs in once by the token hash (type magiclink), then answers "Email link is invalid or has expired"', async () => {
    const email = await registered();
    await anonClient().auth.signInWithOtp({ email });
    const token_hash = tokenHashFrom((await latestMail(email)).HTML);
    const { data, error } = await anonClient().auth.verifyOtp({ token_hash, type: 'magiclink' });
    expect(error).toBeNull();
    expect(data.session!.user.email).toBe(email);
    expect(claimsOf(data.session!.access_token)).toMatchObject({ aal: 'aal1', amr: [{ method: 'otp' }] });
    const again = await anonClient().auth.verifyOtp({ token_hash, type: 'magiclink' });
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Email link is invalid or has expired' });
  });

  it('takes the token hash with type email (GoTrue finds it among the recovery tokens: a magic link)', async () => {
    const email = await registered();
    await anonClient().auth.signInWithOtp({ email });
    const token_hash = tokenHashFrom((await latestMail(email)).HTML);
    const { data, error } = await anonClient().auth.verifyOtp({ token_hash, type: 'email' });
    expect(error).toBeNull();
    expect(claimsOf(data.session!.access_token).amr[0]!.method).toBe('otp');
  });

  it("follows GoTrue's own link (GET /verify): 303 with the session in the fragment, type email resolved to magiclink", async () => {
    const email = await registered();
    for (const type of ['magiclink', 'email']) {
      await ageRecovery(email, 5);
      await anonClient().auth.signInWithOtp({ email });
      const hash = tokenHashFrom((await latestMail(email)).HTML);
      const redirect = encodeURIComponent('http://127.0.0.1:3000/sign-in/email');
      const res = await fetch(`${TEST_STACK.apiUrl}/auth/v1/verify?token=${hash}&type=${type}&redirect_to=${redirect}`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      const location = new URL(res.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:3000/sign-in/email');
      const fragment = new URLSearchParams(location.hash.slice(1));
      expect(fragment.get('type')).toBe('magiclink');
      expect(claimsOf(fragment.get('access_token')!)).toMatchObject({ email, amr: [{ method: 'otp' }] });
      const again = await fetch(`${TEST_STACK.apiUrl}/auth/v1/verify?token=${hash}&type=${type}&redirect_to=${redirect}`, {
        redirect: 'manual',
      });
      expect(Object.fromEntries(new URLSearchParams(new URL(again.headers.get('location')!).hash.slice(1)))).toEqual({
        error: 'access_denied',
        error_code: 'otp_expired',
        error_description: 'Email link is invalid or has expired',
      });
    }
  });

  it('gives a user with a verified second factor aal1, with aal2 still to reach', async () => {
    const email = await registered('otp-mfa');
    const owner = anonClient();
    await owner.auth.signInWithPassword({ email, password: PASSWORD });
    const { data: factor } = await owner.auth.mfa.enroll({ factorType: 'totp' });
    const totp = new TOTP({ secret: Secret.fromBase32(factor!.totp.secret), algorithm: 'SHA1', digits: 6, period: 30 });
    expect((await owner.auth.mfa.challengeAndVerify({ factorId: factor!.id, code: totp.generate() })).error).toBeNull();

    await anonClient().auth.signInWithOtp({ email });
    const client = anonClient();
    const { data, error } = await client.auth.verifyOtp({ email, token: codeFrom((await latestMail(email)).HTML), type: 'email' });
    expect(error).toBeNull();
    expect(claimsOf(data.session!.access_token)).toMatchObject({ aal: 'aal1', amr: [{ method: 'otp' }] });
    expect((await client.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
  });
});

describe('expiry (otp_expiry from the server config)', () => {
  let short: ApiServer;
  beforeAll(async () => {
    short = await startAuthServer({ email: { otpExpiry: 60 } });
  });

  it('refuses a code and a link older than otp_expiry (403 otp_expired) and keeps the token, which a longer expiry still takes', async () => {
    const email = await registered('otp-expired');
    expect((await anonClient(short.url).auth.signInWithOtp({ email })).error).toBeNull();
    const code = codeFrom(short.mailbox.list().find((m) => m.To[0]!.Address === email)!.HTML);
    await ageRecovery(email, 61);
    const byCode = await anonClient(short.url).auth.verifyOtp({ email, token: code, type: 'email' });
    expect(byCode.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
    const byHash = await anonClient(short.url).auth.verifyOtp({ token_hash: hashOf(email, code), type: 'magiclink' });
    expect(byHash.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Email link is invalid or has expired' });
    // Expired, not spent: GoTrue leaves it in place (the worker tells expired from used by it).
    expect(await oneTimeTokens(email)).toEqual([{ token_type: 'recovery_token', token_hash: hashOf(email, code) }]);
    // The same token is 61 seconds old, well inside the shared stack's 3600.
    expect((await anonClient().auth.verifyOtp({ email, token: code, type: 'email' })).error).toBeNull();
  });
});

describe('shouldCreateUser', () => {
  it("false: an unknown address gets GoTrue's 422 otp_disabled, and no account and no mail", async () => {
    const email = uniqueEmail('otp-nobody');
    const { data, error } = await anonClient().auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    expect(error).toMatchObject({ status: 422, code: 'otp_disabled', message: 'Signups not allowed for otp' });
    expect(data).toEqual({ user: null, session: null });
    expect(await userRow(email)).toBeUndefined();
    expect(await mailCount(email)).toBe(0);
    // GoTrue looks the address up only after validating it, and answers otp_disabled for an invalid one too.
    expect(await postOtp({ email: 'not-an-address', create_user: false })).toEqual({
      status: 422,
      body: { code: 'otp_disabled', message: 'Signups not allowed for otp' },
    });
  });

  it('true (the default): an unknown address is signed up as GoTrue does it, confirmed, and mailed the magic link', async () => {
    const email = uniqueEmail('otp-new');
    const { error } = await anonClient().auth.signInWithOtp({ email, options: { data: { hello: 'world' } } });
    expect(error).toBeNull();
    const user = (await userRow(email))!;
    expect(user.email_confirmed_at).not.toBeNull();
    expect(user.raw_user_meta_data).toMatchObject({ hello: 'world', email_verified: true });
    // GoTrue's Signup (autoconfirm) signs the new user in with a session nobody receives.
    expect(
      await sql(
        `select c.authentication_method from auth.sessions s join auth.mfa_amr_claims c on c.session_id = s.id where s.user_id = $1`,
        [user.id],
      ),
    ).toEqual([{ authentication_method: 'password' }]);
    const actions = await sql<{ action: string }>(
      `select payload->>'action' as action from auth.audit_log_entries where payload->>'actor_id' = $1 order by created_at`,
      [user.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['user_signedup', 'login', 'user_recovery_requested']);
    const mail = await latestMail(email);
    expect(mail.Subject).toBe('Your sign-in code');
    const { data, error: verifyError } = await anonClient().auth.verifyOtp({ email, token: codeFrom(mail.HTML), type: 'email' });
    expect(verifyError).toBeNull();
    expect(data.user!.user_metadata).toMatchObject({ hello: 'world' });
  });

  it('with confirmations on: a new address gets the signup confirmation instead, whose code and hash verify with type email', async () => {
    const templates = loadProjectConfig(process.cwd()).auth.email.templates;
    const confirmation = { subject: 'Confirm your email', content: '<p><strong>{{ .Token }}</strong> {{ .TokenHash }}</p>' };
    const confirming = await startAuthServer({ email: { enableConfirmations: true, templates: { ...templates, confirmation } } });
    const mails = (to: string) => confirming.mailbox.list().filter((m) => m.To[0]!.Address === to);

    const email = uniqueEmail('otp-confirm');
    expect((await anonClient(confirming.url).auth.signInWithOtp({ email })).error).toBeNull();
    expect(mails(email).map((m) => m.Subject)).toEqual(['Confirm your email']);
    const user = (await userRow(email))!;
    expect(user.email_confirmed_at).toBeNull();
    expect(await sql('select 1 from auth.sessions where user_id = $1', [user.id])).toEqual([]);
    // Unconfirmed, the address has a user: shouldCreateUser false lets it through, to the confirmation again.
    await sql(`update auth.users set confirmation_sent_at = now() - interval '5 seconds' where email = $1`, [email]);
    expect((await anonClient(confirming.url).auth.signInWithOtp({ email, options: { shouldCreateUser: false } })).error).toBeNull();
    expect(mails(email).map((m) => m.Subject)).toEqual(['Confirm your email', 'Confirm your email']);

    const code = codeFrom(mails(email)[0]!.HTML);
    const { data, error } = await anonClient(confirming.url).auth.verifyOtp({ email, token: code, type: 'email' });
    expect(error).toBeNull();
    expect(claimsOf(data.session!.access_token).amr[0]!.method).toBe('otp');
    expect((await userRow(email))!.email_confirmed_at).not.toBeNull();

    // Confirmed now: the next request is a magic link, whose hash verifies with type email as a magic link.
    expect((await anonClient(confirming.url).auth.signInWithOtp({ email })).error).toBeNull();
    expect(mails(email)[0]!.Subject).toBe('Your sign-in code');
    const token_hash = tokenHashFrom(mails(email)[0]!.HTML);
    expect((await anonClient(confirming.url).auth.verifyOtp({ token_hash, type: 'email' })).error).toBeNull();
  });
});

describe('request checks, as GoTrue answers them', () => {
  it('refuses what /otp refuses, in its order', async () => {
    const email = uniqueEmail('otp-checks');
    const cases: [unknown, number, { code: string; message: string }][] = [
      [
        { email, phone: '+15550001111' },
        400,
        { code: 'validation_failed', message: 'Only an email address or phone number should be provided' },
      ],
      [{ email, channel: 'sms' }, 400, { code: 'validation_failed', message: 'Channel should only be specified with Phone OTP' }],
      [
        { email, code_challenge: 'x'.repeat(43) },
        400,
        { code: 'validation_failed', message: 'PKCE flow requires code_challenge_method and code_challenge' },
      ],
      [{}, 400, { code: 'validation_failed', message: 'One of email or phone must be set' }],
      [{ phone: '+15550001111' }, 400, { code: 'phone_provider_disabled', message: 'Unsupported phone provider' }],
      [{ email: 'not-an-address' }, 400, { code: 'validation_failed', message: 'Unable to validate email address: invalid format' }],
      [
        { email, create_user: 'yes' },
        400,
        {
          code: 'bad_json',
          message:
            'Could not parse request body as JSON: json: cannot unmarshal string into Go struct field OtpParams.create_user of type bool',
        },
      ],
    ];
    for (const [body, status, answer] of cases) expect(await postOtp(body)).toEqual({ status, body: answer });
    expect(await userRow(email)).toBeUndefined();
    // An explicit null keeps GoTrue's default (create_user true).
    expect(await postOtp({ email, create_user: null })).toEqual({ status: 200, body: {} });
    expect(await userRow(email)).toBeDefined();
    expect((await authFetch('/otp')).status).toBe(405);
  });

  it('with sign-ups off, only known addresses get a link (422 signup_disabled); with email logins off, none (422 email_provider_disabled)', async () => {
    const closed = await startAuthServer({ enableSignup: false });
    const known = await registered('otp-closed');
    expect((await anonClient(closed.url).auth.signInWithOtp({ email: known })).error).toBeNull();
    expect(closed.mailbox.list().map((m) => m.To[0]!.Address)).toEqual([known]);
    const stranger = uniqueEmail('otp-closed');
    expect((await anonClient(closed.url).auth.signInWithOtp({ email: stranger })).error).toMatchObject({
      status: 422,
      code: 'signup_disabled',
      message: 'Signups not allowed for this instance',
    });
    expect(await userRow(stranger)).toBeUndefined();

    const noEmail = await startAuthServer({ email: { enableSignup: false } });
    expect((await anonClient(noEmail.url).auth.signInWithOtp({ email: known })).error).toMatchObject({
      status: 422,
      code: 'email_provider_disabled',
      message: 'Email logins are disabled',
    });
  });

  it('serves the older POST /magiclink too (no create_user: an unknown address is signed up)', async () => {
    const email = uniqueEmail('otp-legacy');
    const res = await authFetch('/magiclink', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect((await latestMail(email)).Subject).toBe('Your sign-in code');
    const empty = await authFetch('/magiclink', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
      body: '{}',
    });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({ code: 'validation_failed', message: 'Password recovery requires an email' });
  });
});

describe('limits', () => {
  let slow: ApiServer;
  let budget: ApiServer;
  beforeAll(async () => {
    // Confirmations off, as locally: email_sent does not count then (GoTrue's autoconfirm).
    slow = await startAuthServer({ email: { maxFrequency: 60, otpLength: 8 }, rateLimit: { emailSent: 1 } });
    budget = await startAuthServer({ email: { enableConfirmations: true }, rateLimit: { emailSent: 1 } });
  });
  const mailsOf = (server: ApiServer, to: string) => server.mailbox.list().filter((m) => m.To[0]!.Address === to);

  it('max_frequency: one magic link per user per window, a window shared with password recovery (429 over_email_send_rate_limit)', async () => {
    const email = await registered('otp-freq');
    expect((await anonClient(slow.url).auth.signInWithOtp({ email })).error).toBeNull();
    const second = await anonClient(slow.url).auth.signInWithOtp({ email });
    expect(second.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    const left = Number(/^For security purposes, you can only request this after (\d+) seconds\.$/.exec(second.error!.message)![1]);
    expect(left).toBeGreaterThan(50);
    expect(left).toBeLessThanOrEqual(60);
    await ageRecovery(email, 61);
    expect((await anonClient(slow.url).auth.resetPasswordForEmail(email)).error).toBeNull();
    expect((await anonClient(slow.url).auth.signInWithOtp({ email })).error).toMatchObject({
      status: 429,
      code: 'over_email_send_rate_limit',
    });
    expect(mailsOf(slow, email).map((m) => m.Subject)).toEqual(['Reset your password', 'Your sign-in code']);
  });

  it('otp_length: the code has as many digits, and verifies', async () => {
    const email = await registered('otp-length');
    await anonClient(slow.url).auth.signInWithOtp({ email });
    const code = codeFrom(mailsOf(slow, email)[0]!.HTML);
    expect(code).toMatch(/^\d{8}$/);
    expect((await anonClient(slow.url).auth.verifyOtp({ email, token: code, type: 'email' })).error).toBeNull();
  });

  it('email_sent: not counted with confirmations off; with them on, the hourly budget answers 429 "email rate limit exceeded"', async () => {
    // slow allows 1 email an hour, yet sends two (autoconfirm).
    for (const tag of ['otp-auto-1', 'otp-auto-2']) {
      const email = await registered(tag);
      expect((await anonClient(slow.url).auth.signInWithOtp({ email })).error).toBeNull();
    }
    const admin = adminClient();
    const [first, second] = [uniqueEmail('otp-budget-1'), uniqueEmail('otp-budget-2')];
    for (const email of [first, second]) {
      const { error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
      if (error) throw error;
    }
    expect((await anonClient(budget.url).auth.signInWithOtp({ email: first })).error).toBeNull();
    const over = await anonClient(budget.url).auth.signInWithOtp({ email: second });
    expect(over.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit', message: 'email rate limit exceeded' });
    expect(mailsOf(budget, second)).toEqual([]);
    expect((await userRow(second))!.recovery_token).toBe('');
    expect(await oneTimeTokens(second)).toEqual([]);
  });

  it('email_sent = 0 refuses every email, confirmations or not', async () => {
    const none = await startAuthServer({ rateLimit: { emailSent: 0 } });
    const email = await registered('otp-none');
    const { error } = await anonClient(none.url).auth.signInWithOtp({ email });
    expect(error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit', message: 'email rate limit exceeded' });
    expect(none.mailbox.list()).toEqual([]);
  });

  it('the per-IP otp bucket: a burst of 30, then 429 over_request_rate_limit; other routes keep their own buckets', async () => {
    const bucket = await startAuthServer({ rateLimit: { signInSignUps: 30 } });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await postOtp({ email: uniqueEmail('otp-burst'), create_user: false }, bucket.url)).status);
    }
    expect(statuses).toEqual([...Array(30).fill(422), 429]);
    expect(await postOtp({ email: uniqueEmail('otp-burst'), create_user: false }, bucket.url)).toEqual({
      status: 429,
      body: { code: 'over_request_rate_limit', message: 'Request rate limit reached' },
    });
    expect((await anonClient(bucket.url).auth.resetPasswordForEmail(uniqueEmail('otp-burst'))).error).toBeNull();
  });
});

describe('config.toml', () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });
  const configOf = (toml: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otp-config-'));
    folders.push(dir);
    fs.mkdirSync(path.join(dir, 'supabase'));
    fs.writeFileSync(path.join(dir, 'supabase', 'config.toml'), toml);
    return loadProjectConfig(dir).auth.email;
  };

  it('reads otp_length as GoTrue takes it (6 to 10, else 6) and otp_expiry (0: a day)', () => {
    expect(configOf('')).toMatchObject({ otpLength: 6, otpExpiry: 3600 });
    expect(configOf('[auth.email]\notp_length = 10\notp_expiry = 600\n')).toMatchObject({ otpLength: 10, otpExpiry: 600 });
    for (const n of [0, 5, 11]) expect(configOf(`[auth.email]\notp_length = ${n}\n`).otpLength).toBe(6);
    expect(configOf('[auth.email]\notp_expiry = 0\n').otpExpiry).toBe(86_400);
  });
});
