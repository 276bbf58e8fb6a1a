/**
 * The email-token flows, as GoTrue's `Recover`, `Resend` and `Verify`. POST /recover
 * answers `{}` whether or not the address exists and mails a recovery link; POST /resend
 * re-sends a signup confirmation or email-change link. /verify consumes a token once:
 * POST takes `{type, token_hash}` or `{type, email, token}` (the 6-digit OTP) and
 * answers a new session; GET (the link in the email) redirects (303) to `redirect_to`
 * with the session — or the error — in the URL fragment. A token that is unknown, used
 * or older than `otp_expiry` is 403 `otp_expired`.
 */
import crypto from 'node:crypto';
import type { Hono } from 'hono';
import type { OutgoingEmail } from '../mailbox.ts';
import { transaction, type Db } from './db.ts';
import { prepareEmailChange, prepareOtpEmail, referrer, tokenHash } from './email.ts';
import { AuthError, badRequest, forbidden } from './errors.ts';
import type { AppContext } from './index.ts';
import { hashPassword } from './passwords.ts';
import { clientIp, readBody } from './request.ts';
import { createSession, type RequestMeta, type SessionResponse } from './tokens.ts';
import {
  audit,
  clearOneTimeTokens,
  confirmEmail,
  findUserByEmail,
  findUserById,
  findUserByTokenColumn,
  isBanned,
  markEmailIdentityVerified,
  validateEmail,
  validatePhone,
  type LoadedUser,
} from './users.ts';

const EMAIL_TYPES = ['signup', 'invite', 'recovery', 'magiclink', 'email_change', 'email'] as const;
type VerifyType = (typeof EMAIL_TYPES)[number];

const SINGLE_CONFIRMATION = 'Confirmation link accepted. Please proceed to confirm link sent to the other email';
const LINK_INVALID = 'Email link is invalid or has expired';
const OTP_INVALID = 'Token has expired or is invalid';

function isExpired(sentAt: Date | null, otpExpiry: number): boolean {
  return !sentAt || Date.now() > sentAt.getTime() + otpExpiry * 1000;
}

function matches(hash: string, stored: string | null): boolean {
  return !!stored && (stored === hash || stored === `pkce_${hash}`);
}

/** The outcome of a verification: a session, or GoTrue's "one of two links accepted". */
type Verified = { session: SessionResponse; type: string } | { single: true };

/** Registers /recover, /resend and /verify. */
export function registerVerify(app: Hono, ctx: AppContext): void {
  const { deps, limiter } = ctx;
  const { config } = deps;
  const otpExpiry = config.auth.email.otpExpiry;

  /** GoTrue's `verifyTokenHash`: finds the user by the hash in the column of `type`. */
  async function userByHash(client: Db, type: VerifyType, hash: string): Promise<{ user: LoadedUser; type: VerifyType }> {
    let user: LoadedUser | null = null;
    let resolved = type;
    let sentAt: Date | null = null;
    if (type === 'signup' || type === 'invite' || type === 'email') {
      user = await findUserByTokenColumn(client, 'confirmation_token', hash);
      sentAt = user?.confirmation_sent_at ?? null;
      if (type === 'email') resolved = 'signup';
    }
    if (!user && (type === 'recovery' || type === 'magiclink' || type === 'email')) {
      user = await findUserByTokenColumn(client, 'recovery_token', hash);
      sentAt = user?.recovery_sent_at ?? null;
      if (type === 'email') resolved = 'magiclink';
    }
    if (type === 'email_change') {
      user = (await findUserByTokenColumn(client, 'email_change_token_new', hash)) ?? (await findUserByTokenColumn(client, 'email_change_token_current', hash));
      sentAt = user?.email_change_sent_at ?? null;
    }
    if (!user) throw forbidden('otp_expired', LINK_INVALID);
    if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
    if (isExpired(sentAt, otpExpiry)) throw forbidden('otp_expired', LINK_INVALID);
    return { user, type: resolved };
  }

  /** GoTrue's `verifyUserAndToken`: the email's user, whose token must match the OTP hash. */
  async function userByOtp(client: Db, type: VerifyType, email: string, hash: string): Promise<{ user: LoadedUser; type: VerifyType }> {
    let user: LoadedUser | null;
    if (type === 'email_change') {
      const { rows } = await client.query<{ id: string }>(
        `select id from auth.users where (lower(email_change) = $1 and email_change_token_new in ($2, 'pkce_' || $2))
            or (lower(email) = $1 and email_change_token_current in ($2, 'pkce_' || $2)) limit 1`,
        [email, hash],
      );
      user = rows[0] ? await findUserById(client, rows[0].id, true) : null;
    } else {
      user = await findUserByEmail(client, email);
      if (user) user = await findUserById(client, user.id, true);
    }
    if (!user) throw forbidden('otp_expired', OTP_INVALID);
    if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
    const confirmation = matches(hash, user.confirmation_token) && !isExpired(user.confirmation_sent_at, otpExpiry);
    const recovery = matches(hash, user.recovery_token) && !isExpired(user.recovery_sent_at, otpExpiry);
    let valid = false;
    let resolved = type;
    if (type === 'email') {
      valid = confirmation || recovery;
      resolved = confirmation ? 'signup' : 'magiclink';
    } else if (type === 'signup' || type === 'invite') valid = confirmation;
    else if (type === 'recovery' || type === 'magiclink') valid = recovery;
    else if (type === 'email_change') {
      valid =
        (matches(hash, user.email_change_token_new) || matches(hash, user.email_change_token_current)) &&
        !isExpired(user.email_change_sent_at, otpExpiry);
    }
    if (!valid) throw forbidden('otp_expired', OTP_INVALID);
    return { user, type: resolved };
  }

  /** Applies a verified token (`signupVerify`, `recoverVerify`, `emailChangeVerify`) and signs in. */
  async function complete(client: Db, user: LoadedUser, type: VerifyType, hash: string, meta: RequestMeta): Promise<Verified> {
    if (type === 'signup' || type === 'invite') {
      if (!user.encrypted_password && user.invited_at) {
        // An invited user gets a random password the app must let them replace.
        const hashed = await hashPassword(crypto.randomBytes(32).toString('base64url'));
        await client.query('update auth.users set encrypted_password = $2 where id = $1', [user.id, hashed]);
      }
      await audit(client, 'user_signedup', user, meta.ip);
      await confirmEmail(client, user.id);
      await markEmailIdentityVerified(client, user.id);
    } else if (type === 'recovery' || type === 'magiclink') {
      await client.query("update auth.users set recovery_token = '', updated_at = now() where id = $1", [user.id]);
      await clearOneTimeTokens(client, user.id);
      if (!user.email_confirmed_at) await confirmEmail(client, user.id);
      await audit(client, 'login', user, meta.ip);
    } else if (type === 'email_change') {
      const autoconfirm = !config.auth.email.enableConfirmations;
      if (!autoconfirm && user.email_change_confirm_status === 0 && user.email) {
        const column = matches(hash, user.email_change_token_current) ? 'email_change_token_current' : 'email_change_token_new';
        await client.query(`update auth.users set email_change_confirm_status = 1, ${column} = '' where id = $1`, [user.id]);
        await clearOneTimeTokens(client, user.id, column);
        return { single: true };
      }
      const newEmail = user.email_change ?? '';
      await client.query(
        `update auth.users set email = $2, email_change = '', email_change_token_current = '', email_change_token_new = '',
                email_change_confirm_status = 0, updated_at = now() where id = $1`,
        [user.id, newEmail],
      );
      await client.query(
        `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', true),
                updated_at = now() where user_id = $1 and provider = 'email'`,
        [user.id, newEmail],
      );
      await clearOneTimeTokens(client, user.id);
      if (!user.email_confirmed_at) await confirmEmail(client, user.id);
      await audit(client, 'user_modified', user, meta.ip);
    } else {
      throw badRequest('validation_failed', 'Unsupported verification type');
    }
    return { session: await createSession(deps, client, user.id, 'otp', meta), type };
  }

  app.post('/verify', async (c) => {
    const ip = clientIp(c, config);
    limiter.hit('verify', ip);
    const body = await readBody(c, 'VerifyParams');
    const type = body.str('type');
    const token = body.str('token');
    let hash = body.str('token_hash');
    const email = body.str('email');
    const phone = body.str('phone');
    if (!type) throw badRequest('validation_failed', 'Verify requires a verification type');
    if ((!token && !hash) || (token && hash)) throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
    let address = '';
    if (token) {
      if (phone && !email) {
        // GoTrue checks the number's format before it looks for a user with it.
        validatePhone(phone);
        throw forbidden('otp_expired', OTP_INVALID);
      }
      if (!email || phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided on verify');
      try {
        address = validateEmail(email);
      } catch {
        throw new AuthError(422, 'validation_failed', 'Invalid email format');
      }
      hash = tokenHash(address, token);
    } else if (email || phone || body.str('redirect_to')) {
      throw badRequest('validation_failed', 'Only the token_hash and type should be provided');
    }
    if (type === 'sms' || type === 'phone_change') throw forbidden('otp_expired', OTP_INVALID);
    if (!(EMAIL_TYPES as readonly string[]).includes(type)) throw badRequest('validation_failed', 'Unsupported verification type');
    const meta = { ip, userAgent: c.req.header('user-agent') };
    const result = await transaction(deps.db, async (client) => {
      const found = token ? await userByOtp(client, type as VerifyType, address, hash) : await userByHash(client, type as VerifyType, hash);
      return complete(client, found.user, found.type, hash, meta);
    });
    if ('single' in result) return c.json({ msg: SINGLE_CONFIRMATION, code: '200' });
    return c.json(result.session);
  });

  app.get('/verify', async (c) => {
    const ip = clientIp(c, config);
    limiter.hit('verify', ip);
    const type = c.req.query('type') ?? '';
    const token = c.req.query('token') ?? '';
    const redirectTo = referrer(c, config);
    if (!type) throw badRequest('validation_failed', 'Verify requires a verification type');
    if (!token) throw badRequest('validation_failed', 'Verify requires a token or a token hash');
    const meta = { ip, userAgent: c.req.header('user-agent') };
    let result: Verified;
    try {
      if (!(EMAIL_TYPES as readonly string[]).includes(type) || type === 'email') throw badRequest('validation_failed', 'Unsupported verification type');
      result = await transaction(deps.db, async (client) => {
        const found = await userByHash(client, type as VerifyType, token);
        return complete(client, found.user, found.type, token, meta);
      });
    } catch (err) {
      if (err instanceof AuthError) return c.redirect(errorRedirect(redirectTo, err), 303);
      throw err;
    }
    if ('single' in result) return c.redirect(withFragment(redirectTo, new URLSearchParams({ message: SINGLE_CONFIRMATION })), 303);
    const s = result.session;
    const fragment = new URLSearchParams({
      access_token: s.access_token,
      expires_at: String(s.expires_at),
      expires_in: String(s.expires_in),
      refresh_token: s.refresh_token,
      token_type: s.token_type,
      type,
    });
    return c.redirect(`${redirectTo}#${fragment.toString()}`, 303);
  });

  app.post('/recover', async (c) => {
    const ip = clientIp(c, config);
    limiter.hit('recover', ip);
    if (!config.auth.email.enableSignup) throw badRequest('email_provider_disabled', 'Email logins are disabled');
    const body = await readBody(c, 'RecoverParams');
    const raw = body.str('email');
    if (!raw) throw badRequest('validation_failed', 'Password recovery requires an email');
    const email = validateEmail(raw);
    const user = await findUserByEmail(deps.db, email);
    if (!user) return c.json({});
    const mail = { deps, limiter, redirectTo: referrer(c, config) };
    const outgoing = await transaction(deps.db, async (client) => {
      const locked = (await findUserById(client, user.id, true))!;
      await audit(client, 'user_recovery_requested', locked, ip);
      return prepareOtpEmail(client, mail, locked, 'recovery');
    });
    deps.sendEmail(outgoing);
    return c.json({});
  });

  app.post('/resend', async (c) => {
    const ip = clientIp(c, config);
    limiter.hit('resend', ip);
    const body = await readBody(c, 'ResendConfirmationParams');
    const type = body.str('type');
    const rawEmail = body.str('email');
    const phone = body.str('phone');
    if (!['signup', 'email_change', 'sms', 'phone_change'].includes(type)) {
      throw badRequest('validation_failed', 'Missing one of these types: signup, email_change, sms, phone_change');
    }
    if (!rawEmail && type === 'signup') throw badRequest('validation_failed', 'Type provided requires an email address');
    if (!phone && type === 'sms') throw badRequest('validation_failed', 'Type provided requires a phone number');
    if (rawEmail && phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided.');
    if (!rawEmail && !phone) throw badRequest('validation_failed', 'Missing email address or phone number');
    if (phone) throw badRequest('phone_provider_disabled', 'Phone logins are disabled');
    const email = validateEmail(rawEmail);
    const user = await findUserByEmail(deps.db, email);
    if (!user) return c.json({});
    if (type === 'signup' && user.email_confirmed_at) return c.json({});
    if (type === 'email_change' && !user.email_change) return c.json({});
    if (type === 'sms' || type === 'phone_change') return c.json({});
    const mail = { deps, limiter, redirectTo: referrer(c, config) };
    const outgoing: OutgoingEmail[] = await transaction(deps.db, async (client) => {
      const locked = (await findUserById(client, user.id, true))!;
      if (type === 'signup') {
        await audit(client, 'user_confirmation_requested', locked, ip);
        return [await prepareOtpEmail(client, mail, locked, 'signup')];
      }
      return prepareEmailChange(client, mail, locked, locked.email_change ?? '');
    });
    for (const e of outgoing) deps.sendEmail(e);
    return c.json({});
  });
}

function withFragment(url: string, params: URLSearchParams): string {
  const base = url.split('#')[0]!;
  return `${base}#${params.toString()}`;
}

const OAUTH_ERROR: Record<number, string> = { 400: 'invalid_request', 401: 'unauthorized_client', 403: 'access_denied', 500: 'server_error', 503: 'temporarily_unavailable' };

/** GoTrue's `prepErrorRedirectURL`: the error in the fragment of `redirect_to`. */
function errorRedirect(redirectTo: string, err: AuthError): string {
  const params = new URLSearchParams();
  const oauth = OAUTH_ERROR[err.status];
  if (oauth) params.set('error', oauth);
  params.set('error_code', err.code);
  params.set('error_description', err.message);
  return withFragment(redirectTo, params);
}
