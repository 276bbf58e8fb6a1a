/**
 * Consuming an email token, shared by POST /verify and GET /verify (verify.ts): find the
 * user the token belongs to, by its hash (GoTrue's `verifyTokenHash`) or by the email
 * and the emailed OTP (`verifyUserAndToken`); then apply it (`signupVerify`,
 * `recoverVerify`, `emailChangeVerify`) and sign the user in. A token that is unknown,
 * used or older than `otp_expiry` is 403 `otp_expired`. Runs inside the caller's
 * transaction.
 */
import crypto from 'node:crypto';
import type { AuthDeps } from './context.ts';
import type { Db } from './db.ts';
import { badRequest, forbidden } from './errors.ts';
import { hashPassword } from './passwords.ts';
import { createSession, type RequestMeta, type SessionResponse } from './tokens.ts';
import {
  audit,
  clearOneTimeTokens,
  confirmEmail,
  findUserByEmail,
  findUserById,
  findUserByTokenColumn,
  isBanned,
  type LoadedUser,
  markEmailIdentityVerified,
  moveEmailIdentity,
} from './users.ts';

const VERIFY_TYPES = ['signup', 'invite', 'recovery', 'magiclink', 'email_change', 'email'] as const;
/** The verification types of email tokens (`email` is either a signup or a magic link). */
type VerifyType = (typeof VERIFY_TYPES)[number];

/** True for a type that {@link verifyTokenHash} and {@link verifyOtp} accept. */
export function isVerifyType(type: string): type is VerifyType {
  return (VERIFY_TYPES as readonly string[]).includes(type);
}

/** GoTrue's message for an unknown or expired OTP (a bad token hash gets `LINK_INVALID`). */
export const OTP_INVALID = 'Token has expired or is invalid';
const LINK_INVALID = 'Email link is invalid or has expired';

/** The outcome of a verification: a session, or GoTrue's "one of two links accepted". */
export type Verified = { session: SessionResponse; type: string } | { single: true };

/** Verifies by token hash (the link in the email, or POST /verify with `token_hash`). */
export async function verifyTokenHash(deps: AuthDeps, client: Db, type: VerifyType, hash: string, meta: RequestMeta): Promise<Verified> {
  const found = await userByHash(client, type, hash, deps.config.auth.email.otpExpiry);
  return complete(deps, client, found.user, found.type, hash, meta);
}

/**
 * Verifies by email address and OTP; `hash` is the OTP's token hash for that address. A
 * type that is no email type finds no valid token (GoTrue looks the user up first, so a
 * banned user still hears so).
 */
export async function verifyOtp(
  deps: AuthDeps,
  client: Db,
  type: string,
  email: string,
  hash: string,
  meta: RequestMeta,
): Promise<Verified> {
  const found = await userByOtp(client, type, email, hash, deps.config.auth.email.otpExpiry);
  return complete(deps, client, found.user, found.type, hash, meta);
}

function isExpired(sentAt: Date | null, otpExpiry: number): boolean {
  return !sentAt || Date.now() > sentAt.getTime() + otpExpiry * 1000;
}

/** True when `stored` is the hash, plain or as a PKCE token. */
function matches(hash: string, stored: string | null): boolean {
  return !!stored && (stored === hash || stored === `pkce_${hash}`);
}

/** A user found for a token, and the type it resolves to (`email` becomes signup or magiclink). */
interface Found {
  user: LoadedUser;
  type: VerifyType;
}

/** GoTrue's `verifyTokenHash`: finds the user by the hash in the column of `type`. */
async function userByHash(client: Db, type: VerifyType, hash: string, otpExpiry: number): Promise<Found> {
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
    user =
      (await findUserByTokenColumn(client, 'email_change_token_new', hash)) ??
      (await findUserByTokenColumn(client, 'email_change_token_current', hash));
    sentAt = user?.email_change_sent_at ?? null;
  }
  if (!user) throw forbidden('otp_expired', LINK_INVALID);
  if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
  if (isExpired(sentAt, otpExpiry)) throw forbidden('otp_expired', LINK_INVALID);
  return { user, type: resolved };
}

/** GoTrue's `verifyUserAndToken`: the email's user, whose token must match the OTP hash. */
async function userByOtp(client: Db, type: string, email: string, hash: string, otpExpiry: number): Promise<Found> {
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
  let resolved = type as VerifyType;
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

/** Applies a verified token by its type and signs the user in. */
async function complete(
  deps: AuthDeps,
  client: Db,
  user: LoadedUser,
  type: VerifyType,
  hash: string,
  meta: RequestMeta,
): Promise<Verified> {
  if (type === 'signup' || type === 'invite') {
    await confirmSignup(client, user, meta.ip);
  } else if (type === 'recovery' || type === 'magiclink') {
    await consumeRecovery(client, user, meta.ip);
  } else if (type === 'email_change') {
    const bothConfirmed = await confirmEmailChange(deps, client, user, hash, meta.ip);
    if (!bothConfirmed) return { single: true };
  } else {
    throw badRequest('validation_failed', 'Unsupported verification type');
  }
  return { session: await createSession(deps, client, user.id, 'otp', meta), type };
}

/** GoTrue's `signupVerify`: confirms the address (and gives an invited user a password). */
async function confirmSignup(client: Db, user: LoadedUser, ip: string): Promise<void> {
  if (!user.encrypted_password && user.invited_at) {
    // An invited user gets a random password the app must let them replace.
    const hashed = await hashPassword(crypto.randomBytes(32).toString('base64url'));
    await client.query('update auth.users set encrypted_password = $2 where id = $1', [user.id, hashed]);
  }
  await audit(client, 'user_signedup', user, ip);
  await confirmEmail(client, user.id);
  await markEmailIdentityVerified(client, user.id);
}

/**
 * GoTrue's `recoverVerify` (recovery and magic link): the recovery token is spent; an
 * unconfirmed address is confirmed (audited as `user_signedup`), else the user signs in
 * (`login`).
 */
async function consumeRecovery(client: Db, user: LoadedUser, ip: string): Promise<void> {
  await client.query("update auth.users set recovery_token = '', updated_at = now() where id = $1", [user.id]);
  await clearOneTimeTokens(client, user.id);
  if (user.email_confirmed_at) {
    await audit(client, 'login', user, ip);
    return;
  }
  await audit(client, 'user_signedup', user, ip, { provider: 'email' });
  await confirmEmail(client, user.id);
}

/**
 * GoTrue's `emailChangeVerify` with secure email change: the first of the two links only
 * spends its own token (returns false); the second, or the only one with confirmations
 * off or no current address, moves the user to the new address (returns true); an
 * anonymous user gets an email identity and is anonymous no more.
 */
async function confirmEmailChange(deps: AuthDeps, client: Db, user: LoadedUser, hash: string, ip: string): Promise<boolean> {
  const autoconfirm = !deps.config.auth.email.enableConfirmations;
  if (!autoconfirm && user.email_change_confirm_status === 0 && user.email) {
    const column = matches(hash, user.email_change_token_current) ? 'email_change_token_current' : 'email_change_token_new';
    await client.query(`update auth.users set email_change_confirm_status = 1, ${column} = '' where id = $1`, [user.id]);
    await clearOneTimeTokens(client, user.id, column);
    return false;
  }
  const newEmail = user.email_change ?? '';
  await client.query(
    `update auth.users set email = $2, email_change = '', email_change_token_current = '', email_change_token_new = '',
            email_change_confirm_status = 0, updated_at = now() where id = $1`,
    [user.id, newEmail],
  );
  await moveEmailIdentity(client, user.id, newEmail);
  await clearOneTimeTokens(client, user.id);
  if (!user.email_confirmed_at) await confirmEmail(client, user.id);
  await audit(client, 'user_modified', user, ip);
  return true;
}
