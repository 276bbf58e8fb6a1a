/**
 * Password recovery on the shared test stack, driven by supabase-js: the recovery email
 * arrives in the mailbox (Mailpit API) with the project's template, its token hash
 * signs in exactly once (then 403 otp_expired), an old link is expired, the 6-digit OTP
 * form works, max_frequency is enforced, and an unknown address gets the same `{}`.
 */
import { describe, expect, it } from 'vitest';
import { adminClient, anonClient, latestMail, mailCount, PASSWORD, sql, tokenHashFrom, uniqueEmail } from './helpers/auth.ts';

async function registered(): Promise<string> {
  const email = uniqueEmail('recover');
  const { error } = await anonClient().auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  return email;
}

/** Moves the last recovery email `seconds` into the past. */
const ageRecovery = (email: string, seconds: number) =>
  sql(`update auth.users set recovery_sent_at = now() - make_interval(secs => $2) where email = $1`, [email, seconds]);

describe('password recovery', () => {
  it('mails the recovery link; the token hash signs in once, then the password can be changed', async () => {
    const email = await registered();
    const { data, error } = await anonClient().auth.resetPasswordForEmail(email, { redirectTo: 'http://127.0.0.1:3000/reset-password' });
    expect(error).toBeNull();
    expect(data).toEqual({});
    const mail = await latestMail(email);
    expect(mail.Subject).toBe('Reset your password');
    expect(mail.HTML).toContain(`Someone asked to reset the password of ${email}`);
    const token_hash = tokenHashFrom(mail.HTML);
    const [row] = await sql<{ recovery_token: string; ott: string }>(
      `select u.recovery_token, t.token_hash as ott from auth.users u
         join auth.one_time_tokens t on t.user_id = u.id and t.token_type = 'recovery_token' where u.email = $1`,
      [email],
    );
    expect(row).toEqual({ recovery_token: token_hash, ott: token_hash });

    const client = anonClient();
    const verified = await client.auth.verifyOtp({ token_hash, type: 'recovery' });
    expect(verified.error).toBeNull();
    expect(verified.data.session!.user.email).toBe(email);
    const claims = JSON.parse(Buffer.from(verified.data.session!.access_token.split('.')[1]!, 'base64url').toString()) as {
      amr: { method: string }[];
    };
    expect(claims.amr[0]!.method).toBe('otp');
    expect((await client.auth.updateUser({ password: 'recovered-password-1' })).error).toBeNull();
    expect((await anonClient().auth.signInWithPassword({ email, password: 'recovered-password-1' })).error).toBeNull();

    const again = await anonClient().auth.verifyOtp({ token_hash, type: 'recovery' });
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Email link is invalid or has expired' });
    expect(await sql(`select 1 from auth.one_time_tokens t join auth.users u on u.id = t.user_id where u.email = $1`, [email])).toEqual([]);
  });

  it('refuses a link older than otp_expiry (403 otp_expired)', async () => {
    const email = await registered();
    await anonClient().auth.resetPasswordForEmail(email);
    const token_hash = tokenHashFrom((await latestMail(email)).HTML);
    await ageRecovery(email, 3601);
    const { error } = await anonClient().auth.verifyOtp({ token_hash, type: 'recovery' });
    expect(error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Email link is invalid or has expired' });
  });

  it('enforces max_frequency between two recovery emails', async () => {
    const email = await registered();
    expect((await anonClient().auth.resetPasswordForEmail(email)).error).toBeNull();
    const second = await anonClient().auth.resetPasswordForEmail(email);
    expect(second.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    expect(second.error!.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
    await ageRecovery(email, 5);
    expect((await anonClient().auth.resetPasswordForEmail(email)).error).toBeNull();
    expect(await mailCount(email)).toBe(2);
  });

  it('answers {} for an unknown address and sends nothing', async () => {
    const email = uniqueEmail('nobody');
    const { data, error } = await anonClient().auth.resetPasswordForEmail(email);
    expect(error).toBeNull();
    expect(data).toEqual({});
    expect(await mailCount(email)).toBe(0);
  });

  it('verifies the 6-digit OTP form ({email, token, type}) and refuses a wrong code', async () => {
    const email = await registered();
    const link = await adminClient().auth.admin.generateLink({ type: 'recovery', email });
    expect(link.error).toBeNull();
    const otp = link.data.properties!.email_otp;
    expect(otp).toMatch(/^\d{6}$/);
    const wrong = await anonClient().auth.verifyOtp({ email, token: otp === '000000' ? '111111' : '000000', type: 'recovery' });
    expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
    const { data, error } = await anonClient().auth.verifyOtp({ email, token: otp, type: 'recovery' });
    expect(error).toBeNull();
    expect(data.session!.user.email).toBe(email);
  });
});
