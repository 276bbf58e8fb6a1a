/**
 * POST /signup, as GoTrue's `Signup`: validation (password, strength, email), then the
 * user and its email identity are inserted in ONE transaction — a failing trigger on
 * `auth.users` leaves nothing behind and answers 500 "Database error saving new user".
 * With confirmations off the user is confirmed and a session is returned; with them on
 * the confirmation email is sent and the user is returned. An already registered
 * address answers 422 `user_already_exists` (confirmations off) or, with confirmations
 * on, a fake user with empty `identities` (nothing stored, nothing sent). Parallel
 * sign-ups of one address race on `users_email_partial_key`; the losers take the
 * "already registered" path.
 */
import crypto from 'node:crypto';
import type { Hono } from 'hono';
import { isUniqueViolation, transaction } from './db.ts';
import { prepareOtpEmail, referrer } from './email.ts';
import { badRequest, internalError, unprocessable } from './errors.ts';
import type { AppContext } from './index.ts';
import { assertPasswordStrength, hashPassword } from './passwords.ts';
import { clientIp, readBody } from './request.ts';
import { createSession } from './tokens.ts';
import { AUD, audit, confirmEmail, findUserByEmail, findUserById, insertUserWithEmailIdentity, userJson, validateEmail, type LoadedUser } from './users.ts';
import type { OutgoingEmail } from '../mailbox.ts';

const EMAIL_APP_METADATA = { provider: 'email', providers: ['email'] };

/** GoTrue's `sanitizeUser`: what a repeated sign-up sees instead of the real account. */
function fakeUser(existing: LoadedUser, data: Record<string, unknown>): Record<string, unknown> {
  const now = new Date();
  return userJson({
    ...existing,
    id: crypto.randomUUID(),
    role: '',
    email_change: '',
    created_at: now,
    updated_at: now,
    confirmation_sent_at: now,
    last_sign_in_at: null,
    confirmed_at: null,
    email_change_sent_at: null,
    email_confirmed_at: null,
    phone_confirmed_at: null,
    identities: [],
    raw_user_meta_data: data,
    aud: AUD,
    raw_app_meta_data: EMAIL_APP_METADATA,
    phone: '',
  });
}

/** Registers POST /signup. */
export function registerSignup(app: Hono, ctx: AppContext): void {
  const { deps, limiter } = ctx;
  const { config } = deps;

  app.post('/signup', async (c) => {
    const body = await readBody(c, 'SignupParams');
    const email = body.str('email');
    const phone = body.str('phone');
    const password = body.str('password');
    const data = body.obj('data') ?? {};
    if (!email && !phone) throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
    const ip = clientIp(c, config);
    limiter.hit('signups', ip);
    if (!config.auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
    if (!password) throw badRequest('validation_failed', 'Signup requires a valid password');
    assertPasswordStrength(config, password);
    if (email && phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided on signup.');
    if (phone) throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
    if (!config.auth.email.enableSignup) throw badRequest('email_provider_disabled', 'Email signups are disabled');
    const address = validateEmail(email);
    const autoconfirm = !config.auth.email.enableConfirmations;
    const mail = { deps, limiter, redirectTo: referrer(c, config) };
    const meta = { ip, userAgent: c.req.header('user-agent') };

    for (let attempt = 0; ; attempt++) {
      const existing = await findUserByEmail(deps.db, address);
      if (existing?.email_confirmed_at) {
        await audit(deps.db, 'user_repeated_signup', existing, ip, { provider: 'email' });
        if (autoconfirm) throw unprocessable('user_already_exists', 'User already registered');
        return c.json(fakeUser(existing, data));
      }

      const emails: OutgoingEmail[] = [];
      let userId: string;
      let hash = '';
      if (!existing) hash = await hashPassword(password);
      try {
        const result = await transaction(deps.db, async (client) => {
          let id: string;
          if (existing) {
            // An unconfirmed account: GoTrue does not touch it (the claim is unproven),
            // it only confirms (autoconfirm) or sends the confirmation again.
            id = existing.id;
          } else {
            id = crypto.randomUUID();
            try {
              await insertUserWithEmailIdentity(client, {
                id,
                email: address,
                encryptedPassword: hash,
                userMetadata: data,
                appMetadata: EMAIL_APP_METADATA,
                identityData: data,
              });
            } catch (err) {
              if (isUniqueViolation(err, 'users_email_partial_key')) throw err;
              throw internalError('Database error saving new user');
            }
            // GoTrue's RemoveUnconfirmedIdentities: user_metadata becomes the identity data.
            await client.query(
              'update auth.users set raw_user_meta_data = (select identity_data from auth.identities where user_id = $1 and provider = $2) where id = $1',
              [id, 'email'],
            );
          }
          const user = (await findUserById(client, id, true))!;
          if (autoconfirm) {
            await audit(client, 'user_signedup', user, ip, { provider: 'email' });
            await confirmEmail(client, id);
            return { id, session: await createSession(deps, client, id, 'password', meta) };
          }
          await audit(client, 'user_confirmation_requested', user, ip, { provider: 'email' });
          emails.push(await prepareOtpEmail(client, mail, user, 'signup'));
          return { id, session: null };
        });
        userId = result.id;
        if (result.session) return c.json(result.session);
      } catch (err) {
        if (attempt === 0 && isUniqueViolation(err, 'users_email_partial_key')) continue;
        if (isUniqueViolation(err, 'users_email_partial_key')) throw unprocessable('user_already_exists', 'User already registered');
        throw err;
      }
      for (const e of emails) deps.sendEmail(e);
      const user = (await findUserById(deps.db, userId))!;
      return c.json(userJson(user));
    }
  });
}
