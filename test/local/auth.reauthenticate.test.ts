/**
 * GET /reauthenticate as GoTrue serves it, driven by supabase-js's `reauthenticate` and
 * `updateUser({ password, nonce })`: the code mailed with the `reauthentication` template
 * (its hash in `reauthentication_token` and `auth.one_time_tokens`), `max_frequency`,
 * GoTrue's refusals (no email or phone, unconfirmed email or phone, no session), a phone
 * user's code from `[auth.sms.test_otp]`, and `secure_password_change`: a session older
 * than 24 hours changes the password only with the latest nonce, which is then spent.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApiServer } from '../../local/api.ts';
import { anonClient, authFetch, latestMail, PASSWORD, sql, startAuthServer, uniqueEmail } from './helpers/auth.ts';

const sha224 = (text: string) => crypto.createHash('sha224').update(text).digest('hex');
/** The 6-digit code of a reauthentication email. */
const codeIn = (html: string) => {
  const m = />Enter the code: (\d{6})</.exec(html);
  if (!m) throw new Error(`no code in: ${html}`);
  return m[1]!;
};
const mailsTo = (server: ApiServer, to: string) => server.mailbox.list().filter((m) => m.To.some((a) => a.Address === to));

/** A signed-up (autoconfirmed) user of `url` with their client. */
async function signedUp(url?: string) {
  const email = uniqueEmail('reauth');
  const client = anonClient(url);
  const { data, error } = await client.auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  return { email, client, session: data.session!, id: data.user!.id };
}

describe('GET /reauthenticate', () => {
  it('mails a code whose hash is stored, answers {} and enforces max_frequency', async () => {
    const { email, client, id } = await signedUp();
    const { data, error } = await client.auth.reauthenticate();
    expect(error).toBeNull();
    expect(data).toEqual({ user: null, session: null });
    const mail = await latestMail(email);
    expect(mail.Subject).toBe('Confirm reauthentication');
    const code = codeIn(mail.HTML);
    const [row] = await sql<{ reauthentication_token: string; sent: boolean; ott: string; relates_to: string }>(
      `select u.reauthentication_token, u.reauthentication_sent_at > now() - interval '1 minute' as sent, t.token_hash as ott, t.relates_to
         from auth.users u join auth.one_time_tokens t on t.user_id = u.id and t.token_type = 'reauthentication_token' where u.id = $1`,
      [id],
    );
    expect(row).toEqual({ reauthentication_token: sha224(email + code), sent: true, ott: sha224(email + code), relates_to: email });
    const audit = await sql(
      `select 1 from auth.audit_log_entries where payload->>'action' = 'user_reauthenticate_requested' and payload->>'actor_id' = $1`,
      [id],
    );
    expect(audit).toHaveLength(1);

    const again = await client.auth.reauthenticate();
    expect(again.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    expect(again.error!.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
  });

  it('needs a signed-in user', async () => {
    expect((await anonClient().auth.reauthenticate()).error).toMatchObject({ name: 'AuthSessionMissingError' });
    const res = await authFetch('/reauthenticate');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error_code: 'no_authorization', msg: 'This endpoint requires a valid Bearer token' });
  });

  it('refuses an unconfirmed email', async () => {
    const { client, id } = await signedUp();
    await sql('update auth.users set email_confirmed_at = null where id = $1', [id]);
    const { error } = await client.auth.reauthenticate();
    expect(error).toMatchObject({ status: 422, code: 'email_not_confirmed', message: 'Please verify your email first.' });
  });

  it("refuses a user with neither email nor phone, and sends a phone user [auth.sms.test_otp]'s code", async () => {
    const server = await startAuthServer({ enableAnonymousSignIns: true, sms: { maxFrequency: 5, testOtp: { '15550001111': '424242' } } });
    const client = anonClient(server.url);
    const { data } = await client.auth.signInAnonymously();
    const none = await client.auth.reauthenticate();
    expect(none.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Reauthentication requires the user to have an email or a phone number',
    });

    const id = data.user!.id;
    const token = data.session!.access_token;
    const reauth = () => authFetch('/reauthenticate', { headers: { authorization: `Bearer ${token}` } }, server.url);
    await sql('update auth.users set phone = $2 where id = $1', [id, '15550001111']);
    const unconfirmed = await reauth();
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.json()).toMatchObject({ error_code: 'phone_not_confirmed', msg: 'Please verify your phone first.' });

    await sql('update auth.users set phone_confirmed_at = now() where id = $1', [id]);
    const sent = await reauth();
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({ message_id: 'test-otp' });
    const [row] = await sql<{ reauthentication_token: string }>('select reauthentication_token from auth.users where id = $1', [id]);
    expect(row!.reauthentication_token).toBe(sha224('15550001111424242'));
    const tooSoon = await reauth();
    expect(tooSoon.status).toBe(429);
    expect(await tooSoon.json()).toMatchObject({ error_code: 'over_sms_send_rate_limit' });

    // A number without a test code would need an SMS provider, which the stand-in has not.
    await sql(`update auth.users set phone = '15550002222', reauthentication_sent_at = null where id = $1`, [id]);
    const noProvider = await reauth();
    expect(noProvider.status).toBe(500);
    expect(await noProvider.json()).toMatchObject({ error_code: 'unexpected_failure', msg: 'Unable to get SMS provider' });
  });
});

describe('secure_password_change', () => {
  it('lets a session younger than 24 hours change the password without a nonce', async () => {
    const server = await startAuthServer({ email: { securePasswordChange: true } });
    const { client } = await signedUp(server.url);
    expect((await client.auth.updateUser({ password: `${PASSWORD}-2` })).error).toBeNull();
  });

  it('asks an older session for the latest nonce, which works once', async () => {
    const server = await startAuthServer({ email: { securePasswordChange: true } });
    const { email, client, session, id } = await signedUp(server.url);
    await sql(`update auth.sessions set created_at = now() - interval '25 hours' where id = $1`, [
      JSON.parse(Buffer.from(session.access_token.split('.')[1]!, 'base64url').toString()).session_id,
    ]);
    const needed = await client.auth.updateUser({ password: `${PASSWORD}-2` });
    expect(needed.error).toMatchObject({
      status: 400,
      code: 'reauthentication_needed',
      message: 'Password update requires reauthentication',
    });
    const noneSent = await client.auth.updateUser({ password: `${PASSWORD}-2`, nonce: '123456' });
    expect(noneSent.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid', message: 'Nonce has expired or is invalid' });

    expect((await client.auth.reauthenticate()).error).toBeNull();
    const code = codeIn(mailsTo(server, email)[0]!.HTML);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await client.auth.updateUser({ password: `${PASSWORD}-2`, nonce: wrong })).error).toMatchObject({
      status: 422,
      code: 'reauthentication_not_valid',
    });
    const changed = await client.auth.updateUser({ password: `${PASSWORD}-2`, nonce: code });
    expect(changed.error).toBeNull();
    expect((await anonClient(server.url).auth.signInWithPassword({ email, password: `${PASSWORD}-2` })).error).toBeNull();
    const [row] = await sql<{ reauthentication_token: string; otts: string }>(
      `select reauthentication_token, (select count(*) from auth.one_time_tokens t where t.user_id = u.id) as otts from auth.users u where id = $1`,
      [id],
    );
    expect(row).toEqual({ reauthentication_token: '', otts: '0' });
    const reused = await client.auth.updateUser({ password: `${PASSWORD}-3`, nonce: code });
    expect(reused.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' });
  });

  it('refuses a nonce older than otp_expiry', async () => {
    const server = await startAuthServer({ email: { securePasswordChange: true, otpExpiry: 60 } });
    const { email, client, session, id } = await signedUp(server.url);
    const sessionId = JSON.parse(Buffer.from(session.access_token.split('.')[1]!, 'base64url').toString()).session_id;
    await sql(`update auth.sessions set created_at = now() - interval '25 hours' where id = $1`, [sessionId]);
    expect((await client.auth.reauthenticate()).error).toBeNull();
    const code = codeIn(mailsTo(server, email)[0]!.HTML);
    await sql(`update auth.users set reauthentication_sent_at = now() - interval '61 seconds' where id = $1`, [id]);
    const late = await client.auth.updateUser({ password: `${PASSWORD}-2`, nonce: code });
    expect(late.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid', message: 'Nonce has expired or is invalid' });
  });
});
