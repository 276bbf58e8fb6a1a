/**
 * POST /recover and POST /resend, as GoTrue's `Recover` and `Resend`: the routes that
 * (re)send an email token, which /verify then consumes. /recover answers `{}` whether or
 * not the address exists, and mails a recovery link when it does; /resend re-sends a
 * signup confirmation or the email-change links, and answers `{}` too when there is
 * nothing to send.
 */
import type { Context, Hono } from 'hono';
import type { OutgoingEmail } from '../mailbox.ts';
import type { AppContext } from './context.ts';
import { transaction } from './db.ts';
import { prepareEmailChange, prepareOtpEmail, referrer } from './email.ts';
import { badRequest } from './errors.ts';
import { clientIp, rateLimitIp, readBody } from './request.ts';
import { audit, findUserByEmail, findUserById, validateEmail } from './users.ts';

/** Registers POST /recover and POST /resend. */
export function registerRecover(app: Hono, ctx: AppContext): void {
  app.post('/recover', (c) => recover(ctx, c));
  app.post('/resend', (c) => resend(ctx, c));
}

/** POST /recover: mails a recovery link to a known address. */
async function recover(ctx: AppContext, c: Context): Promise<Response> {
  const { deps, limiter } = ctx;
  const { config } = deps;
  const ip = clientIp(c, config);
  limiter.hit('recover', rateLimitIp(c, config));
  if (!config.auth.email.enableSignup) throw badRequest('email_provider_disabled', 'Email logins are disabled');
  const body = await readBody(c, 'RecoverParams');
  const raw = body.str('email');
  if (!raw) throw badRequest('validation_failed', 'Password recovery requires an email');
  const email = validateEmail(raw);
  const user = await findUserByEmail(deps.db, email);
  if (!user) return c.json({});
  const mail = { ...ctx, redirectTo: referrer(c, config) };
  const outgoing = await transaction(deps.db, async (client) => {
    const locked = (await findUserById(client, user.id, true))!;
    await audit(client, 'user_recovery_requested', locked, ip);
    return prepareOtpEmail(client, mail, locked, 'recovery');
  });
  deps.sendEmail(outgoing);
  return c.json({});
}

/** POST /resend: the signup confirmation again, or the email-change links again. */
async function resend(ctx: AppContext, c: Context): Promise<Response> {
  const { deps, limiter } = ctx;
  const { config } = deps;
  const ip = clientIp(c, config);
  limiter.hit('resend', rateLimitIp(c, config));
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
  if (!config.auth.email.enableSignup) throw badRequest('email_provider_disabled', 'Email logins are disabled');
  const email = validateEmail(rawEmail);
  const user = await findUserByEmail(deps.db, email);
  if (!user) return c.json({});
  if (type === 'signup' && user.email_confirmed_at) return c.json({});
  if (type === 'email_change' && !user.email_change) return c.json({});
  if (type === 'sms' || type === 'phone_change') return c.json({});
  const mail = { ...ctx, redirectTo: referrer(c, config) };
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
}
