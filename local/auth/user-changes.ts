/**
 * Changes to a user that more than one route makes, kept here so that route modules
 * share them without importing each other: GoTrue's `user.UpdatePassword` (PUT /user and
 * PUT /admin/users/:id) and the email user that generate_link and invite create.
 */
import crypto from 'node:crypto';
import { type Db, isUniqueViolation } from './db.ts';
import { internalError, unprocessable } from './errors.ts';
import { logoutAll, logoutAllExcept } from './tokens.ts';
import { clearOneTimeTokens, insertUserWithEmailIdentity } from './users.ts';

/** GoTrue's message for 422 `email_exists`. */
export const DUPLICATE_EMAIL = 'A user with this email address has already been registered';

/**
 * GoTrue's `user.UpdatePassword`: the new hash, every pending token cleared, and the
 * user's sessions signed out — all but `keepSessionId` when given (the session that made
 * the change), else all of them.
 */
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

/**
 * Inserts an email user for generate_link and invite, as GoTrue's `signupNewUser` does
 * for them: `user_metadata` is the request's `data` alone, the identity claims (`sub`,
 * `email`, ...) live in the identity's `identity_data`; 422 `email_exists` when the
 * address is taken. Returns the new user's id.
 */
export async function insertEmailUser(
  client: Db,
  email: string,
  encryptedPassword: string,
  data: Record<string, unknown>,
): Promise<string> {
  const id = crypto.randomUUID();
  try {
    return await insertUserWithEmailIdentity(client, {
      id,
      email,
      encryptedPassword,
      userMetadata: data,
      appMetadata: { provider: 'email', providers: ['email'] },
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_partial_key')) throw unprocessable('email_exists', DUPLICATE_EMAIL);
    throw internalError('Database error saving new user');
  }
}
