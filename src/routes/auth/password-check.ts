/**
 * The one way the worker checks a user's password with Supabase, shared by POST /login and
 * POST /password/change: gated by the account's lockout (src/auth/lockout.ts). An attempt
 * is reserved before Supabase sees the password and settled with its outcome afterwards,
 * so at most `LOCKOUT_MAX_ATTEMPTS` passwords per window are ever checked, whatever the
 * concurrency. A wrong password, an unknown email, a banned account and a password over 72
 * bytes (never sent: bcrypt would compare only 72 bytes) are one failure, answered 401
 * INVALID_CREDENTIALS no sooner than `LOGIN_FAILURE_FLOOR_MS` after the check began, so the
 * clock does not tell existing from unknown emails.
 */
import { isAuthError, type Session } from '@supabase/supabase-js';
import { throughGate } from '../../auth/gate.ts';
import type { AttemptOutcome } from '../../auth/lockout.ts';
import type { Bindings } from '../../env.ts';
import { ApiError } from '../../http/errors.ts';
import { PASSWORD_MAX_BYTES } from '../../http/schemas.ts';
import { type ClientScope, publicAuthClient } from '../../supabase/clients.ts';
import { toApiError } from '../../supabase/errors.ts';

const utf8 = new TextEncoder();

/**
 * What a failed sign-in means for the lockout, and what the client is told: a wrong
 * password, an unknown email and a banned account are all one failure, answered as
 * INVALID_CREDENTIALS (a ban is not revealed); anything else (Supabase down, rate limited,
 * email not verified — which comes only after a correct password) counts as nothing.
 */
function classify(error: unknown): { outcome: AttemptOutcome; error: ApiError } {
  if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') return { outcome: 'failure', error };
  const mapped = toApiError(error);
  const banned = isAuthError(error) && error.code === 'user_banned';
  if (mapped.code === 'INVALID_CREDENTIALS' || banned) {
    return { outcome: 'failure', error: new ApiError('INVALID_CREDENTIALS', { cause: error }) };
  }
  return { outcome: 'neutral', error: mapped };
}

/** A password that Supabase accepted: its new session, and the step that records the success. */
export interface CheckedPassword {
  session: Session;
  /**
   * Settles the attempt as a success (clears the failures counted before it); for an
   * account without failures it resolves at once and settles after the response (gate.ts).
   */
  succeeded(): Promise<unknown>;
}

/**
 * Checks `password` for `email` through the lockout and returns the session Supabase
 * issued. Run `succeeded()` once the caller is done with it.
 *
 * @throws ApiError ACCOUNT_LOCKED (with Retry-After), INVALID_CREDENTIALS (at the floor),
 *   EMAIL_NOT_VERIFIED, or an upstream fault.
 * @example
 * const { session, succeeded } = await checkPassword(c, email, password);
 */
export async function checkPassword(c: ClientScope & { env: Bindings }, email: string, password: string): Promise<CheckedPassword> {
  const { value: session, succeeded } = await throughGate(
    c,
    { key: email, floorMs: c.var.config.loginFailureFloorMs, judge: classify },
    async () => {
      // Never sent: bcrypt would compare only the first 72 bytes.
      if (utf8.encode(password).byteLength > PASSWORD_MAX_BYTES) throw new ApiError('INVALID_CREDENTIALS');
      const result = await publicAuthClient(c).auth.signInWithPassword({ email, password });
      if (result.error) throw result.error;
      return result.data.session;
    },
  );
  return { session, succeeded };
}
