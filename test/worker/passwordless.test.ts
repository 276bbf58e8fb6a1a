/**
 * Sign-in codes and magic links through the worker and the stand-in (strong-auth.md "Sign-in
 * codes and magic links"): the same answer at once for known and unknown addresses (no
 * account made, no mail), the code and the link from the real email in the local mailbox,
 * single use, expiry, wrong codes gated per email (counted at the upstream door), and a
 * user with a second factor still owing it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, latestMailHtml, mailFor, PASSWORD, registerUser, sql, uniqueEmail } from './support/e2e.ts';
import { recordUpstream } from './support/harness.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const OTP = '/api/v1/auth/otp';
const VERIFY = '/api/v1/auth/otp/verify';

function claims(token: string): Record<string, any> {
  return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
}

/** Waits until the sending (after the answer) has reached the mailbox: the newest mail's code and link. */
async function signInMail(email: string): Promise<{ code: string; link: URL }> {
  const html = await latestMailHtml(email);
  const code = />\s*(\d{6})\s*</.exec(html)?.[1] ?? /\b(\d{6})\b/.exec(html.replace(/<[^>]*>/g, ' '))?.[1];
  const href = /href="([^"]*\/sign-in\/email[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  if (!code || !href) throw new Error(`no code or link in: ${html}`);
  return { code, link: new URL(href) };
}

describe('POST /otp', () => {
  it('answers the same, at once, for a known and an unknown address; only the known one gets mail', async () => {
    const { email } = await registerUser();
    const unknown = uniqueEmail('nobody');
    const known = await api(OTP, { body: { email } });
    const stranger = await api(OTP, { body: { email: unknown } });
    expect(known.status).toBe(200);
    expect(stranger.status).toBe(200);
    expect(stranger.body).toEqual(known.body);
    expect(known.body).toEqual({ success: true, message: 'Sign-in code sent', data: { message: 'Sign-in code sent' } });
    const { code, link } = await signInMail(email);
    expect(code).toMatch(/^\d{6}$/);
    expect(link.pathname).toBe('/sign-in/email');
    expect(link.searchParams.get('type')).toBe('magiclink');
    expect(link.searchParams.get('token_hash')).toMatch(/^[0-9a-f]{40,}$/);
    // The unknown address: no account was made, no mail was sent (after the known one arrived).
    expect(await sql('select id from auth.users where email = $1', [unknown])).toEqual([]);
    expect(await mailFor(unknown)).toEqual([]);
  });

  it('refuses a malformed address', async () => {
    const res = await api(OTP, { body: { email: 'not-an-email' } });
    expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
  });
});

describe('POST /otp/verify', () => {
  it('the emailed code signs in once (aal1, amr otp); the same code again is TOKEN_INVALID', async () => {
    const { email, data } = await registerUser();
    await api(OTP, { body: { email } });
    const { code } = await signInMail(email);
    const res = await api(VERIFY, { body: { email, code } });
    expect(res.status).toBe(200);
    expect(res.body.data.user.id).toBe(data.user.id);
    expect(res.body.data.mfa).toEqual({ required: false, factors: [] });
    const token = claims(res.body.data.access_token);
    expect(token.aal).toBe('aal1');
    expect(token.amr.map((m: { method: string }) => m.method)).toContain('otp');
    const again = await api(VERIFY, { body: { email, code } });
    expect([again.status, again.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('the link’s token hash signs in once', async () => {
    const { email } = await registerUser();
    await api(OTP, { body: { email } });
    const { link } = await signInMail(email);
    const body = { token_hash: link.searchParams.get('token_hash'), type: 'magiclink' };
    const res = await api(VERIFY, { body });
    expect(res.status).toBe(200);
    expect(res.body.data.user.email).toBe(email);
    const again = await api(VERIFY, { body });
    expect([again.status, again.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('an expired code is TOKEN_EXPIRED, a wrong one TOKEN_INVALID', async () => {
    const { email } = await registerUser();
    await api(OTP, { body: { email } });
    const { code } = await signInMail(email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await api(VERIFY, { body: { email, code: wrong } })).body.error.code).toBe('TOKEN_INVALID');
    // Sent two hours ago, as far as Supabase Auth can tell (otp_expiry is one hour).
    await sql(
      `update auth.users set recovery_sent_at = now() - interval '2 hours', confirmation_sent_at = now() - interval '2 hours' where email = $1`,
      [email],
    );
    await sql(`update auth.one_time_tokens set created_at = now() - interval '2 hours' where relates_to = $1`, [email]);
    const expired = await api(VERIFY, { body: { email, code } });
    expect([expired.status, expired.body.error.code]).toEqual([401, 'TOKEN_EXPIRED']);
  });

  it('20 parallel wrong codes for one address: at most 5 reach Supabase, the rest are 429 ACCOUNT_LOCKED', async () => {
    const { email } = await registerUser();
    const calls = recordUpstream();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api(VERIFY, { body: { email, code: String(100000 + i) } })));
    const verifies = calls.filter((call) => call.method === 'POST' && call.url.includes('/auth/v1/verify'));
    expect(verifies.length).toBeGreaterThan(0);
    expect(verifies.length).toBeLessThanOrEqual(5);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBe(verifies.length);
    expect(statuses.filter((s) => s === 429).length).toBe(20 - verifies.length);
    // The password is a separate count: still fine.
    expect((await api('/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(200);
  });

  it('wants either email and code or token_hash and type, nothing mixed', async () => {
    for (const body of [
      {},
      { email: 'a@b.co' },
      { code: '123456' },
      { email: 'a@b.co', code: '12345' },
      { token_hash: 'x' },
      { token_hash: 'x', type: 'signup' },
      { email: 'a@b.co', code: '123456', token_hash: 'x', type: 'magiclink' },
    ]) {
      const res = await api(VERIFY, { body });
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([400, 'VALIDATION_ERROR']);
    }
  });
});
