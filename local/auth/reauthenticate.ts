/**
 * GET /reauthenticate, as GoTrue's `Reauthenticate`, and the check of the nonce it sends
 * (`verifyReauthentication`), which PUT /user asks for when `secure_password_change` is
 * on. A signed-in user with a confirmed email gets a code by email (the
 * `reauthentication` template); its hash (email + code) is kept in
 * `auth.users.reauthentication_token` and `auth.one_time_tokens`. A user with only a
 * confirmed phone gets the code of `[auth.sms.test_otp]` when the number is listed there
 * (answer `{"message_id": "test-otp"}`); any other number would need an SMS provider,
 * which the stand-in has not, and fails as GoTrue fails without one. The answer is `{}`.
 */
import type { Context, Hono } from 'hono';
import type { OutgoingEmail } from '../mailbox.ts';
import type { AppContext } from './context.ts';
import { type Db, transaction } from './db.ts';
import { prepareReauthentication, tokenHash } from './email.ts';
import { badRequest, internalError, tooManyRequests, unprocessable } from './errors.ts';
import { bearerToken, clientIp } from './request.ts';
import { authenticate } from './tokens.ts';
import { audit, clearOneTimeTokens, storeOneTimeToken, type UserRow } from './users.ts';

/** GoTrue's `InvalidNonceMessage`. */
const INVALID_NONCE = 'Nonce has expired or is invalid';
/** Seconds a phone code stays valid: what the CLI sets (`GOTRUE_SMS_OTP_EXP=6000`). */
const SMS_OTP_EXPIRY = 6000;

/** Registers GET /reauthenticate. */
export function registerReauthenticate(app: Hono, ctx: AppContext): void {
  app.get('/reauthenticate', (c) => reauthenticate(ctx, c));
}

/** GET /reauthenticate: sends the nonce to the user's email (or test phone). */
async function reauthenticate(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user } = await authenticate(deps, bearerToken(c));
  const email = user.email ?? '';
  const phone = user.phone ?? '';
  if (!email && !phone) {
    throw badRequest('validation_failed', 'Reauthentication requires the user to have an email or a phone number');
  }
  if (email && !user.email_confirmed_at) throw unprocessable('email_not_confirmed', 'Please verify your email first.');
  if (!email && !user.phone_confirmed_at) throw unprocessable('phone_not_confirmed', 'Please verify your phone first.');
  const ip = clientIp(c, deps.config);
  const sent = await transaction(deps.db, async (client): Promise<{ email?: OutgoingEmail; messageId?: string }> => {
    await audit(client, 'user_reauthenticate_requested', user, ip);
    if (email) return { email: await prepareReauthentication(client, ctx, user) };
    return { messageId: await phoneReauthentication(ctx, client, user, phone) };
  });
  if (sent.email) deps.sendEmail(sent.email);
  return c.json(sent.messageId ? { message_id: sent.messageId } : {});
}

/**
 * GoTrue's `sendPhoneConfirmation` for a reauthentication: the `[auth.sms]`
 * `max_frequency` check, then the test code of the number; returns the message id.
 */
async function phoneReauthentication(ctx: AppContext, client: Db, user: UserRow, phone: string): Promise<string> {
  const { sms } = ctx.deps.config.auth;
  const sentAt = user.reauthentication_sent_at;
  if (sentAt && sentAt.getTime() + sms.maxFrequency * 1000 > Date.now()) {
    const left = Math.trunc((sentAt.getTime() + sms.maxFrequency * 1000 - Date.now()) / 1000);
    throw tooManyRequests('over_sms_send_rate_limit', `For security purposes, you can only request this after ${left} seconds.`);
  }
  const otp = Object.hasOwn(sms.testOtp, phone) ? sms.testOtp[phone] : undefined;
  if (otp === undefined) throw internalError('Unable to get SMS provider');
  const hash = tokenHash(phone, otp);
  await client.query('update auth.users set reauthentication_token = $2, reauthentication_sent_at = now() where id = $1', [user.id, hash]);
  await storeOneTimeToken(client, user.id, 'reauthentication_token', hash, phone);
  return 'test-otp';
}

/**
 * GoTrue's `verifyReauthentication`: `nonce` must be the code last sent to the user's
 * email (within `otp_expiry`) or phone, else 422 `reauthentication_not_valid`. A valid
 * nonce is spent (the token and every one-time token of the user are cleared).
 */
export async function verifyReauthentication(db: Db, ctx: AppContext, user: UserRow, nonce: string): Promise<void> {
  const stored = user.reauthentication_token ?? '';
  const sentAt = user.reauthentication_sent_at;
  if (!stored || !sentAt) throw unprocessable('reauthentication_not_valid', INVALID_NONCE);
  const email = user.email ?? '';
  const phone = user.phone ?? '';
  if (!email && !phone) throw unprocessable('reauthentication_not_valid', 'Reauthentication requires an email or a phone number');
  const expiry = email ? ctx.deps.config.auth.email.otpExpiry : SMS_OTP_EXPIRY;
  const hash = tokenHash(email || phone, nonce);
  const fresh = Date.now() <= sentAt.getTime() + expiry * 1000;
  if (!fresh || (stored !== hash && stored !== `pkce_${hash}`)) throw unprocessable('reauthentication_not_valid', INVALID_NONCE);
  await db.query("update auth.users set reauthentication_token = '' where id = $1", [user.id]);
  await clearOneTimeTokens(db, user.id);
}
