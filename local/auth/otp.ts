/**
 * POST /otp and POST /magiclink, as GoTrue's `Otp` and `MagicLink` (internal/api/otp.go,
 * magic_link.go): passwordless sign-in by email, which supabase-js's `signInWithOtp`
 * calls. The email (the project's `magic_link` template) carries an OTP of `otp_length`
 * digits and its token hash; GoTrue keeps them as a recovery token (`recovery_token`,
 * `recovery_sent_at`, and the `recovery_token` row of `auth.one_time_tokens`), so the
 * magic link shares `max_frequency` with password recovery, and POST /verify then takes
 * `{email, token, type: 'email' | 'magiclink'}` or `{token_hash, type}` (verification.ts),
 * answering a session with amr `otp`.
 *
 * An address without a confirmed user is signed up first, as GoTrue does it (its `Signup`
 * with a random password): with confirmations off the user is confirmed — and, as in
 * GoTrue, signed in with a session nobody receives (amr `password`) — and then mailed the
 * magic link; with confirmations on it is mailed the signup confirmation instead, whose
 * code /verify takes with `type: 'email'` too. `create_user: false` (supabase-js's
 * `shouldCreateUser`) for an address that has no user at all answers 422 `otp_disabled`
 * "Signups not allowed for otp" and creates and sends nothing. Every success answers `{}`.
 *
 * Not here: PKCE (`code_challenge` is checked as GoTrue checks it, then ignored, as the
 * stand-in's /signup ignores it: links carry no `pkce_` token) and phone OTPs (the
 * stand-in sends no SMS: 400 `phone_provider_disabled`, as GoTrue with phone logins off).
 */
import crypto from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { AppContext } from './context.ts';
import { type Db, transaction } from './db.ts';
import { prepareOtpEmail, referrer } from './email.ts';
import { AuthError, badRequest, unprocessable } from './errors.ts';
import { assertPasswordStrength } from './passwords.ts';
import { clientIp, parseBody, rateLimitIp, readBody } from './request.ts';
import { signUpWithEmail } from './signup.ts';
import { AUD, audit, findUserByEmail, findUserById, INSTANCE_ID, validateEmail, validatePhone } from './users.ts';

/** Registers POST /otp and POST /magiclink. */
export function registerOtp(app: Hono, ctx: AppContext): void {
  app.post('/otp', (c) => otp(ctx, c));
  app.post('/magiclink', (c) => magicLinkRoute(ctx, c));
}

/** What GoTrue's `MagicLink` reads from the body (`MagicLinkParams`). */
interface MagicLinkParams {
  email: string;
  data: Record<string, unknown>;
  codeChallenge: string;
  codeChallengeMethod: string;
}

const PKCE_PARAMS = 'PKCE flow requires code_challenge_method and code_challenge';

/** GoTrue's `validatePKCEParams`: both or neither, and a challenge of RFC 7636's shape. */
function checkPkceParams(method: string, challenge: string): void {
  if ((challenge === '') !== (method === '')) throw badRequest('validation_failed', PKCE_PARAMS);
  if (!challenge) return;
  if (challenge.length < 43 || challenge.length > 128) {
    throw badRequest('validation_failed', 'code challenge has to be between 43 and 128 characters');
  }
  if (!/^[a-zA-Z._~0-9-]+$/.test(challenge)) {
    throw badRequest(
      'validation_failed',
      'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes',
    );
  }
}

/**
 * POST /otp (GoTrue's `Otp`): the per-IP `otp` bucket, the body (`OtpParams`, where an
 * absent `create_user` is true), its checks, GoTrue's `shouldCreateUser`, then the magic
 * link for an email address.
 */
async function otp(ctx: AppContext, c: Context): Promise<Response> {
  const { deps, limiter } = ctx;
  limiter.hit('otp', rateLimitIp(c, deps.config));
  const body = await readBody(c, 'OtpParams');
  const email = body.str('email');
  const phone = body.str('phone');
  const createUser = body.boolOr('create_user', true);
  const data = body.obj('data') ?? {};
  const channel = body.str('channel');
  const codeChallengeMethod = body.str('code_challenge_method');
  const codeChallenge = body.str('code_challenge');
  if (email && phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided');
  if (email && channel) throw badRequest('validation_failed', 'Channel should only be specified with Phone OTP');
  checkPkceParams(codeChallengeMethod, codeChallenge);
  if (!createUser && !(await mayCreateUser(deps.db, email, phone))) {
    throw unprocessable('otp_disabled', 'Signups not allowed for otp');
  }
  if (email) return magicLink(ctx, c, { email, data, codeChallenge, codeChallengeMethod });
  // GoTrue's `SmsOtp` with phone logins off, which is all the stand-in has.
  if (phone) throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
  throw badRequest('validation_failed', 'One of email or phone must be set');
}

/**
 * GoTrue's `shouldCreateUser` for `create_user: false`: only an address that has a user
 * may go on. An address that fails validation counts as unknown (GoTrue answers
 * `otp_disabled` for it too, not the validation error).
 */
async function mayCreateUser(db: Db, email: string, phone: string): Promise<boolean> {
  if (email) {
    let address: string;
    try {
      address = validateEmail(email);
    } catch {
      return false;
    }
    return (await findUserByEmail(db, address)) !== null;
  }
  if (phone) {
    let number: string;
    try {
      number = validatePhone(phone);
    } catch {
      return false;
    }
    const { rows } = await db.query(
      'select 1 from auth.users where instance_id = $1 and phone = $2 and aud = $3 and is_sso_user = false limit 1',
      [INSTANCE_ID, number, AUD],
    );
    return rows.length > 0;
  }
  return true;
}

/** POST /magiclink (GoTrue's older route for the same): its own `magiclink` bucket, then `MagicLink`. */
async function magicLinkRoute(ctx: AppContext, c: Context): Promise<Response> {
  ctx.limiter.hit('magiclink', rateLimitIp(c, ctx.deps.config));
  const text = await c.req.text();
  let params: MagicLinkParams;
  try {
    // GoTrue decodes this body itself, with a message of its own.
    if (text.trim() === '') throw badRequest('bad_json', 'Could not parse request body as JSON: EOF');
    const body = parseBody(text, 'MagicLinkParams');
    params = {
      email: body.str('email'),
      data: body.obj('data') ?? {},
      codeChallenge: body.str('code_challenge'),
      codeChallengeMethod: body.str('code_challenge_method'),
    };
  } catch (err) {
    if (!(err instanceof AuthError) || err.code !== 'bad_json') throw err;
    throw badRequest('bad_json', err.message.replace('Could not parse request body as JSON', 'Could not read verification params'));
  }
  return magicLink(ctx, c, params);
}

/**
 * GoTrue's `MagicLink`: email logins must be on; the address is checked; an address
 * without a confirmed user is signed up first (see {@link signUpFirst}); a confirmed user
 * gets the magic link (`user_recovery_requested` in the audit log, then `sendMagicLink`:
 * `max_frequency` on `recovery_sent_at`, `email_sent`, a fresh recovery token). `{}`.
 */
async function magicLink(ctx: AppContext, c: Context, params: MagicLinkParams, afterSignup = false): Promise<Response> {
  const { deps } = ctx;
  const { config } = deps;
  if (!config.auth.email.enableSignup) throw unprocessable('email_provider_disabled', 'Email logins are disabled');
  if (!params.email) throw unprocessable('validation_failed', 'Password recovery requires an email');
  const email = validateEmail(params.email);
  checkPkceParams(params.codeChallengeMethod, params.codeChallenge);
  const ip = clientIp(c, config);
  const redirectTo = referrer(c, config);
  const user = await findUserByEmail(deps.db, email);
  if (!user?.email_confirmed_at && !afterSignup) {
    // GoTrue calls its own `Signup`, and with autoconfirm `MagicLink` once more.
    const confirmed = await signUpFirst(ctx, c, email, params.data);
    return confirmed ? magicLink(ctx, c, params, true) : c.json({});
  }
  if (!user) return c.json({});
  const outgoing = await transaction(deps.db, async (client) => {
    const locked = (await findUserById(client, user.id, true))!;
    await audit(client, 'user_recovery_requested', locked, ip);
    return prepareOtpEmail(client, { ...ctx, redirectTo }, locked, 'magiclink');
  });
  deps.sendEmail(outgoing);
  return c.json({});
}

/** GoTrue's `GeneratePassword` with no required characters: 33 random letters and digits. */
function temporaryPassword(): string {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from({ length: 33 }, () => chars[crypto.randomInt(chars.length)]).join('');
}

/**
 * The sign-up GoTrue's `MagicLink` runs for an address without a confirmed user: its
 * `Signup` with a random password and the request's `data` (`signup_disabled` when
 * sign-ups are off, the password strength check). Returns true when the user is now
 * confirmed (confirmations off: the magic link follows), false when the confirmation
 * email went out instead. An address confirmed meanwhile is GoTrue's repeated sign-up:
 * 422 `user_already_exists` with confirmations off, else nothing more.
 */
async function signUpFirst(ctx: AppContext, c: Context, address: string, data: Record<string, unknown>): Promise<boolean> {
  const { config } = ctx.deps;
  if (!config.auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  const password = temporaryPassword();
  assertPasswordStrength(config, password);
  const autoconfirm = !config.auth.email.enableConfirmations;
  const result = await signUpWithEmail(ctx, {
    address,
    password,
    data,
    autoconfirm,
    ip: clientIp(c, config),
    userAgent: c.req.header('user-agent'),
    redirectTo: referrer(c, config),
  });
  if (result.kind === 'registered') {
    if (autoconfirm) throw unprocessable('user_already_exists', 'User already registered');
    return false;
  }
  return result.kind === 'signedIn';
}
