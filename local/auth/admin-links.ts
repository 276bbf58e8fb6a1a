/**
 * POST /admin/generate_link, as GoTrue's `adminGenerateLink`: stores a fresh email token
 * for `type` (signup, invite, magiclink, recovery, email_change_current,
 * email_change_new) exactly as sending the email would, sends nothing, and answers the
 * user with the link, the OTP and its hash. A magic link for an unknown address becomes
 * a signup (with a random password); recovery and email change need a known user (404
 * `user_not_found`).
 */
import crypto from 'node:crypto';
import type { Context, Hono } from 'hono';
import { requireAdmin } from './admin-guard.ts';
import type { AppContext } from './context.ts';
import { type Db, transaction } from './db.ts';
import { actionLink, generateOtp, isRedirectAllowed, referrer, tokenHash } from './email.ts';
import { badRequest, notFound, unprocessable } from './errors.ts';
import { assertPasswordStrength, hashPassword } from './passwords.ts';
import { type Body, clientIp, readBody } from './request.ts';
import { DUPLICATE_EMAIL, insertEmailUser } from './user-changes.ts';
import {
  audit,
  findUserByEmail,
  findUserById,
  type LoadedUser,
  mergeMetadata,
  storeOneTimeToken,
  type UserRow,
  userJson,
  validateEmail,
} from './users.ts';

/** Registers POST /admin/generate_link. */
export function registerAdminLinks(app: Hono, ctx: AppContext): void {
  app.post('/admin/generate_link', requireAdmin(ctx.deps), (c) => generateLink(ctx, c));
}

/** A checked generate_link request; `body` is read further for an email change (`new_email`). */
interface LinkRequest {
  /** The link type, after a magic link for an unknown address has become `signup`. */
  type: string;
  email: string;
  /** The address's user, or null when there is none yet. */
  user: LoadedUser | null;
  /** The request's `data`: metadata for a new user, merged into an unconfirmed one's on signup. */
  data: Record<string, unknown>;
  /** The password hash of a user that a signup link creates ('' otherwise). */
  newUserHash: string;
  otp: string;
  hashed: string;
  ip: string;
  body: Body;
}

/** The token the link carries, and whose it is. */
interface StoredLink {
  userId: string;
  linkToken: string;
}

/** POST /admin/generate_link: checks the request, stores the token in one transaction, answers the link. */
async function generateLink({ deps }: AppContext, c: Context): Promise<Response> {
  const { config } = deps;
  const body = await readBody(c, 'GenerateLinkParams');
  let type = body.str('type');
  const email = validateEmail(body.str('email'));
  const fromBody = body.str('redirect_to');
  const redirectTo = isRedirectAllowed(config, fromBody) ? fromBody : referrer(c, config);
  let password = body.str('password');
  const data = body.obj('data') ?? {};
  const user = await findUserByEmail(deps.db, email);
  if (!user) {
    if (type === 'magiclink') {
      type = 'signup';
      password = crypto.randomBytes(48).toString('base64url');
    } else if (type === 'recovery' || type === 'email_change_current' || type === 'email_change_new') {
      throw notFound('user_not_found', 'User with this email not found');
    }
  }
  if (type === 'signup' && !user) {
    if (!password) throw badRequest('validation_failed', 'Signup requires a valid password');
    assertPasswordStrength(config, password);
  }
  const otp = generateOtp(config.auth.email.otpLength);
  const hashed = tokenHash(email, otp);
  const newUserHash = type === 'signup' && !user ? await hashPassword(password) : '';
  const request: LinkRequest = { type, email, user, data, newUserHash, otp, hashed, ip: clientIp(c, config), body };

  const { userId, linkToken } = await transaction(deps.db, (client) => storeLink(client, request));
  const linked = (await findUserById(deps.db, userId))!;
  const linkType = type.startsWith('email_change') ? 'email_change' : type;
  return c.json({
    ...userJson(linked),
    action_link: actionLink(deps.externalUrl, linkToken, linkType, redirectTo),
    email_otp: otp,
    hashed_token: hashed,
    verification_type: type,
    redirect_to: redirectTo,
  });
}

/** Stores the token of the link's type (400 `validation_failed` for an unknown type). */
async function storeLink(client: Db, request: LinkRequest): Promise<StoredLink> {
  switch (request.type) {
    case 'magiclink':
    case 'recovery':
      return storeRecoveryLink(client, request, request.user!);
    case 'invite':
    case 'signup':
      return storeConfirmationLink(client, request);
    case 'email_change_current':
    case 'email_change_new':
      return storeEmailChangeLink(client, request, request.user!);
    default:
      throw badRequest('validation_failed', `Invalid email action link type requested: ${request.type}`);
  }
}

/** A magic link or recovery link: the user's recovery token. */
async function storeRecoveryLink(client: Db, { email, hashed, ip }: LinkRequest, user: LoadedUser): Promise<StoredLink> {
  await client.query('update auth.users set recovery_token = $2, recovery_sent_at = now() where id = $1', [user.id, hashed]);
  await storeOneTimeToken(client, user.id, 'recovery_token', hashed, email);
  await audit(client, 'user_recovery_requested', user, ip);
  return { userId: user.id, linkToken: hashed };
}

/** A signup or invite link: the confirmation token of the unconfirmed user, created when there is none. */
async function storeConfirmationLink(
  client: Db,
  { type, email, user: existing, data, newUserHash, hashed }: LinkRequest,
): Promise<StoredLink> {
  if (existing?.email_confirmed_at) throw unprocessable('email_exists', DUPLICATE_EMAIL);
  let user: UserRow;
  if (existing) {
    user = existing;
    if (type === 'signup') {
      await client.query('update auth.users set raw_user_meta_data = $2 where id = $1', [
        user.id,
        mergeMetadata(user.raw_user_meta_data, data),
      ]);
    }
  } else {
    user = (await findUserById(client, await insertEmailUser(client, email, newUserHash, data)))!;
  }
  const invited = type === 'invite' ? ', invited_at = now()' : '';
  await client.query(`update auth.users set confirmation_token = $2, confirmation_sent_at = now()${invited} where id = $1`, [
    user.id,
    hashed,
  ]);
  await storeOneTimeToken(client, user.id, 'confirmation_token', hashed, email);
  return { userId: user.id, linkToken: hashed };
}

/** An email change link: the pending change to `new_email`, with the token for the current or the new address. */
async function storeEmailChangeLink(client: Db, { type, email, otp, hashed, body }: LinkRequest, user: LoadedUser): Promise<StoredLink> {
  const newEmail = validateEmail(body.str('new_email'));
  const other = await findUserByEmail(client, newEmail);
  if (other && other.id !== user.id) throw unprocessable('email_exists', DUPLICATE_EMAIL);
  const current = type === 'email_change_current' ? hashed : '';
  const fresh = type === 'email_change_new' ? tokenHash(newEmail, otp) : '';
  await client.query(
    `update auth.users set email_change = $2, email_change_token_current = $3, email_change_token_new = $4,
            email_change_sent_at = now(), email_change_confirm_status = 0 where id = $1`,
    [user.id, newEmail, current, fresh],
  );
  if (current) await storeOneTimeToken(client, user.id, 'email_change_token_current', current, email);
  if (fresh) await storeOneTimeToken(client, user.id, 'email_change_token_new', fresh, newEmail);
  return { userId: user.id, linkToken: current || fresh };
}
