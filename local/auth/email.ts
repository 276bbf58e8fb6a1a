/**
 * The emails the auth server sends (confirmation, recovery, magic link, invite, email
 * change; and the reauthentication code, which has no link) as GoTrue's mailer builds
 * them: an OTP of `[auth.email] otp_length` digits (6 by default), its token hash (hex
 * SHA-224 of email + OTP) stored in the user's token column and in `auth.one_time_tokens`, a
 * confirmation link `<api>/auth/v1/verify?token=<hash>&type=<type>&redirect_to=<url>`,
 * and the project's template filled with .ConfirmationURL, .Token, .TokenHash, .SiteURL,
 * .Email, .NewEmail, .RedirectTo. `max_frequency` between two emails of one kind to one
 * user is enforced like GoTrue (429 `over_email_send_rate_limit`), and so is `email_sent`
 * (see {@link countEmail}). Emails are prepared inside the transaction and delivered only
 * after it commits.
 */
import crypto from 'node:crypto';
import type { Context } from 'hono';
import type { ProjectConfig } from '../config.ts';
import { type OutgoingEmail, renderTemplate } from '../mailbox.ts';
import type { AppContext } from './context.ts';
import type { Db } from './db.ts';
import { tooManyRequests } from './errors.ts';
import { storeOneTimeToken, type UserRow } from './users.ts';

/** Verification types that travel in links and /verify. */
type LinkType = 'signup' | 'recovery' | 'magiclink' | 'invite' | 'email_change';

const TEMPLATE: Record<LinkType, keyof ProjectConfig['auth']['email']['templates']> = {
  signup: 'confirmation',
  recovery: 'recovery',
  magiclink: 'magic_link',
  invite: 'invite',
  email_change: 'email_change',
};

/** A one-time code of `digits` digits (GoTrue's `GenerateOtp`: uniform, zero-padded). */
export function generateOtp(digits: number): string {
  return String(crypto.randomInt(0, 10 ** digits)).padStart(digits, '0');
}

/**
 * GoTrue's `email_sent` check before an email goes out (`sendEmail`): a count of 0 refuses
 * every email; otherwise the email counts toward the hourly budget only while
 * confirmations are on (GoTrue skips the budget with autoconfirm). Over it: 429
 * `over_email_send_rate_limit` "email rate limit exceeded".
 */
function countEmail(ctx: AppContext): void {
  const { config } = ctx.deps;
  if (config.auth.rateLimit.emailSent <= 0 || config.auth.email.enableConfirmations) ctx.limiter.email();
}

/** GoTrue's token hash: hex SHA-224 of email (or phone) followed by the OTP. */
export function tokenHash(emailOrPhone: string, otp: string): string {
  return crypto
    .createHash('sha224')
    .update(emailOrPhone + otp)
    .digest('hex');
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (ch === '*') re += '[^./]*';
    else if (ch === '?') re += '[^./]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** GoTrue's `IsRedirectURLValid`: same host as site_url, or matches an allow-listed glob. */
export function isRedirectAllowed(config: ProjectConfig, url: string): boolean {
  if (!url) return false;
  try {
    if (new URL(config.auth.siteUrl).hostname === new URL(url).hostname) return true;
  } catch {
    // not a URL; try the allow list
  }
  return config.auth.additionalRedirectUrls.some((pattern) => globToRegExp(pattern).test(url));
}

/** GoTrue's `GetReferrer`: redirect_to (query) if allowed, else the Referer if allowed, else site_url. */
export function referrer(c: Context, config: ProjectConfig): string {
  for (const candidate of [c.req.query('redirect_to'), c.req.header('referer')]) {
    if (candidate && isRedirectAllowed(config, candidate)) return candidate;
  }
  return config.auth.siteUrl;
}

/** The verification link GoTrue's mailer puts in `.ConfirmationURL`. */
export function actionLink(externalUrl: string, hash: string, type: string, redirectTo: string): string {
  return `${externalUrl}/auth/v1/verify?token=${hash}&type=${type}&redirect_to=${encodeURIComponent(redirectTo)}`;
}

/** Throws GoTrue's frequency error when the last email of this kind is too recent. */
function assertFrequency(sentAt: Date | null, maxFrequencySeconds: number): void {
  if (!sentAt) return;
  const until = sentAt.getTime() + maxFrequencySeconds * 1000;
  const now = Date.now();
  if (until > now) {
    const left = Math.trunc((until - now) / 1000);
    throw tooManyRequests('over_email_send_rate_limit', `For security purposes, you can only request this after ${left} seconds.`);
  }
}

/** Fills the project's template of `type`. */
function renderEmail(
  config: ProjectConfig,
  type: LinkType,
  to: string,
  values: { confirmationUrl: string; otp: string; hash: string; redirectTo: string; email: string; newEmail?: string },
): OutgoingEmail {
  const template = config.auth.email.templates[TEMPLATE[type]];
  const data = {
    ConfirmationURL: values.confirmationUrl,
    Token: values.otp,
    TokenHash: values.hash,
    SiteURL: config.auth.siteUrl,
    Email: values.email,
    NewEmail: values.newEmail ?? '',
    RedirectTo: values.redirectTo,
  };
  return { to, subject: renderTemplate(template.subject, data), html: renderTemplate(template.content, data) };
}

/** Context the email flows need: the app's, and where the link should lead. */
interface MailContext extends AppContext {
  redirectTo: string;
}

/**
 * GoTrue's `sendConfirmation` / `sendPasswordRecovery` / `sendMagicLink` / `sendInvite`:
 * checks the frequency, stores a fresh token hash and one-time token, and returns the
 * email to deliver after commit.
 */
export async function prepareOtpEmail(
  client: Db,
  mail: MailContext,
  user: UserRow,
  type: 'signup' | 'recovery' | 'magiclink' | 'invite',
): Promise<OutgoingEmail> {
  const { config } = mail.deps;
  const email = user.email ?? '';
  const isRecovery = type === 'recovery' || type === 'magiclink';
  if (type !== 'invite') assertFrequency(isRecovery ? user.recovery_sent_at : user.confirmation_sent_at, config.auth.email.maxFrequency);
  countEmail(mail);
  const otp = generateOtp(config.auth.email.otpLength);
  const hash = tokenHash(email, otp);
  if (isRecovery) {
    await client.query('update auth.users set recovery_token = $2, recovery_sent_at = now(), updated_at = now() where id = $1', [
      user.id,
      hash,
    ]);
    await storeOneTimeToken(client, user.id, 'recovery_token', hash, email);
  } else {
    const invited = type === 'invite' ? ', invited_at = now()' : '';
    await client.query(
      `update auth.users set confirmation_token = $2, confirmation_sent_at = now(), updated_at = now()${invited} where id = $1`,
      [user.id, hash],
    );
    await storeOneTimeToken(client, user.id, 'confirmation_token', hash, email);
  }
  const confirmationUrl = actionLink(mail.deps.externalUrl, hash, type, mail.redirectTo);
  return renderEmail(config, type, email, { confirmationUrl, otp, hash, redirectTo: mail.redirectTo, email });
}

/**
 * GoTrue's `sendEmailChange` with secure email change on (`double_confirm_changes`, the
 * CLI default): one link to the new address and, when the user has one, one to the
 * current address; both must be followed.
 */
export async function prepareEmailChange(client: Db, mail: MailContext, user: UserRow, newEmail: string): Promise<OutgoingEmail[]> {
  const { config } = mail.deps;
  assertFrequency(user.email_change_sent_at, config.auth.email.maxFrequency);
  countEmail(mail);
  const otpNew = generateOtp(config.auth.email.otpLength);
  const hashNew = tokenHash(newEmail, otpNew);
  const current = user.email ?? '';
  const otpCurrent = current ? generateOtp(config.auth.email.otpLength) : '';
  const hashCurrent = current ? tokenHash(current, otpCurrent) : '';
  await client.query(
    `update auth.users set email_change = $2, email_change_token_new = $3, email_change_token_current = $4,
            email_change_confirm_status = 0, email_change_sent_at = now(), updated_at = now()
      where id = $1`,
    [user.id, newEmail, hashNew, hashCurrent],
  );
  await storeOneTimeToken(client, user.id, 'email_change_token_new', hashNew, newEmail);
  const out = [
    renderEmail(config, 'email_change', newEmail, {
      confirmationUrl: actionLink(mail.deps.externalUrl, hashNew, 'email_change', mail.redirectTo),
      otp: otpNew,
      hash: hashNew,
      redirectTo: mail.redirectTo,
      email: current,
      newEmail,
    }),
  ];
  if (current) {
    await storeOneTimeToken(client, user.id, 'email_change_token_current', hashCurrent, current);
    out.push(
      renderEmail(config, 'email_change', current, {
        confirmationUrl: actionLink(mail.deps.externalUrl, hashCurrent, 'email_change', mail.redirectTo),
        otp: otpCurrent,
        hash: hashCurrent,
        redirectTo: mail.redirectTo,
        email: current,
        newEmail,
      }),
    );
  }
  return out;
}

/**
 * GoTrue's `sendReauthenticationOtp`: the frequency check on `reauthentication_sent_at`,
 * a fresh code whose hash (of email + code) goes to `reauthentication_token` and to
 * `auth.one_time_tokens`, and the project's `reauthentication` template filled with
 * .Token, .Email and .SiteURL (the code travels alone: no link). Returns the email to
 * deliver after commit.
 */
export async function prepareReauthentication(client: Db, ctx: AppContext, user: UserRow): Promise<OutgoingEmail> {
  const { config } = ctx.deps;
  const email = user.email ?? '';
  assertFrequency(user.reauthentication_sent_at, config.auth.email.maxFrequency);
  countEmail(ctx);
  const otp = generateOtp(config.auth.email.otpLength);
  const hash = tokenHash(email, otp);
  await client.query('update auth.users set reauthentication_token = $2, reauthentication_sent_at = now() where id = $1', [user.id, hash]);
  await storeOneTimeToken(client, user.id, 'reauthentication_token', hash, email);
  const template = config.auth.email.templates.reauthentication;
  const data = { Token: otp, Email: email, SiteURL: config.auth.siteUrl };
  return { to: email, subject: renderTemplate(template.subject, data), html: renderTemplate(template.content, data) };
}
