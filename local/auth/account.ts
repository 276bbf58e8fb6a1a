/**
 * GET /user and PUT /user, as GoTrue's `UserGet` / `UserUpdate`. Both need a valid
 * access token whose session still exists (else 403 `session_not_found`). PUT changes
 * `data` (merged into user_metadata, `null` deletes a key), the password (strength
 * check, 422 `same_password` when unchanged; the user's other sessions are signed out
 * and pending tokens cleared, as `user.UpdatePassword` does) and the email (422
 * `email_exists` when taken; a confirmation link goes to the new address and one to the
 * current address, GoTrue's secure email change).
 */
import type { Hono } from 'hono';
import type { OutgoingEmail } from '../mailbox.ts';
import { transaction, type Db } from './db.ts';
import { prepareEmailChange, referrer } from './email.ts';
import { AuthError, badRequest, forbidden, unprocessable } from './errors.ts';
import type { AppContext } from './index.ts';
import { assertPasswordStrength, checkPassword, hashPassword } from './passwords.ts';
import { bearerToken, clientIp, readBody } from './request.ts';
import { authenticate, logoutAll, logoutAllExcept } from './tokens.ts';
import { AUD, audit, clearOneTimeTokens, findUserByEmail, findUserById, mergeMetadata, userJson, validateEmail } from './users.ts';

/** GoTrue's `user.UpdatePassword`: new hash, pending tokens cleared, other sessions signed out. */
export async function updatePassword(client: Db, userId: string, hash: string, keepSessionId: string | null): Promise<void> {
  await client.query(
    `update auth.users set encrypted_password = $2, confirmation_token = '', confirmation_sent_at = null,
            recovery_token = '', recovery_sent_at = null, email_change_token_current = '', email_change_token_new = '',
            email_change_sent_at = null, phone_change_token = '', phone_change_sent_at = null,
            reauthentication_token = '', reauthentication_sent_at = null, updated_at = now()
      where id = $1`,
    [userId, hash],
  );
  await clearOneTimeTokens(client, userId);
  if (keepSessionId) await logoutAllExcept(client, userId, keepSessionId);
  else await logoutAll(client, userId);
}

/** Registers GET /user and PUT /user. */
export function registerAccount(app: Hono, ctx: AppContext): void {
  const { deps, limiter } = ctx;
  const { config } = deps;

  app.get('/user', async (c) => {
    const auth = await authenticate(deps, bearerToken(c));
    const requestAud = c.req.header('x-jwt-aud') || AUD;
    const aud = Array.isArray(auth.claims.aud) ? auth.claims.aud[0] : auth.claims.aud;
    if (aud !== requestAud) throw badRequest('validation_failed', "Token audience doesn't match request audience");
    return c.json(userJson(auth.user));
  });

  app.put('/user', async (c) => {
    const auth = await authenticate(deps, bearerToken(c));
    const ip = clientIp(c, config);
    limiter.hit('user', ip);
    const body = await readBody(c, 'UserUpdateParams');
    let email = body.str('email');
    const password = body.optStr('password');
    const data = body.obj('data');
    const appData = body.obj('app_metadata');
    const phone = body.str('phone');
    const user = auth.user;

    if (email) email = validateEmail(email);
    if (password !== undefined) assertPasswordStrength(config, password);
    if (appData) throw forbidden('not_admin', 'Updating app_metadata requires admin privileges');
    if (phone && phone !== (user.phone ?? '')) {
      throw new AuthError(500, 'sms_send_failed', 'Error sending phone change OTP: SMS is not available in the local stand-in');
    }
    const changingEmail = email !== '' && email !== user.email;
    if (changingEmail) {
      const other = await findUserByEmail(deps.db, email);
      if (other && other.id !== user.id) throw unprocessable('email_exists', 'A user with this email address has already been registered');
    }
    let hash: string | null = null;
    if (password !== undefined) {
      if (password !== '' && (await checkPassword(password, user.encrypted_password))) {
        throw unprocessable('same_password', 'New password should be different from the old password.');
      }
      hash = await hashPassword(password);
    }

    const emails: OutgoingEmail[] = [];
    await transaction(deps.db, async (client) => {
      const current = (await findUserById(client, user.id, true))!;
      if (hash !== null) {
        await updatePassword(client, user.id, hash, auth.sessionId);
        await audit(client, 'user_updated_password', current, ip);
      }
      if (data) {
        await client.query('update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1', [
          user.id,
          mergeMetadata(current.raw_user_meta_data, data),
        ]);
      }
      if (changingEmail) {
        const fresh = (await findUserById(client, user.id))!;
        emails.push(...(await prepareEmailChange(client, { deps, limiter, redirectTo: referrer(c, config) }, fresh, email)));
      }
      await audit(client, 'user_modified', current, ip);
    });
    for (const e of emails) deps.sendEmail(e);
    return c.json(userJson((await findUserById(deps.db, user.id))!));
  });
}
