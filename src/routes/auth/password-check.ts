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
import { type AttemptOutcome, lockoutFor } from '../../auth/lockout.ts';
import type { Bindings } from '../../env.ts';
import { ApiError } from '../../http/errors.ts';
import { PASSWORD_MAX_BYTES } from '../../http/schemas.ts';
import { type ClientScope, publicAuthClient } from '../../supabase/clients.ts';
import { toApiError } from '../../supabase/errors.ts';

const utf8 = new TextEncoder();

/** Resolves after `ms` milliseconds. */
function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * What a failed sign-in means for the lockout, and what the client is told: a wrong
 * password, an unknown email and a banned account are all one failure, answered as
 * INVALID_CREDENTIALS (a ban is not revealed); anything else (Supabase down, rate limited,
 * email not verified — which comes only after a correct password) counts as nothing.
 */
function classify(error: unknown): { outcome: AttemptOutcome; error: ApiError } {
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
  /** Settles the attempt as a success (clears the failures counted before it). */
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
  const started = Date.now();
  const { lockout: policy, loginFailureFloorMs, upstreamTimeoutMs } = c.var.config;
  const lockout = lockoutFor(c.env.LOGIN_LOCKOUT, email);
  // An attempt whose worker never settles it counts as a failure after this long.
  const reservation = await lockout.reserve(policy, upstreamTimeoutMs + loginFailureFloorMs + 5000);
  if (!reservation.allowed) {
    throw new ApiError('ACCOUNT_LOCKED', { headers: { 'Retry-After': String(reservation.retryAfter) } });
  }
  const settle = (outcome: AttemptOutcome) => lockout.settle(reservation.ticket, outcome, policy);
  const fail = async (error: ApiError): Promise<never> => {
    await Promise.all([settle('failure'), sleep(loginFailureFloorMs - (Date.now() - started))]);
    throw error;
  };

  if (utf8.encode(password).byteLength > PASSWORD_MAX_BYTES) return fail(new ApiError('INVALID_CREDENTIALS'));

  let result: Awaited<ReturnType<ReturnType<typeof publicAuthClient>['auth']['signInWithPassword']>>;
  try {
    result = await publicAuthClient(c).auth.signInWithPassword({ email, password });
  } catch (error) {
    await settle('neutral');
    throw error;
  }
  if (result.error) {
    const { outcome, error } = classify(result.error);
    if (outcome === 'failure') return fail(error);
    await settle(outcome);
    throw error;
  }
  return { session: result.data.session, succeeded: () => settle('success') };
}
