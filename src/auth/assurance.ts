/**
 * The assurance level a route needs (strong-auth.md "Assurance levels"): a user with a
 * verified second factor whose access token is only `aal1` may call just the few routes
 * whose contract says `aal1: true` (GET /me, the factor list, verify and recover, logout);
 * everything else answers 403 MFA_REQUIRED. The database holds the same rule for the
 * functions behind those routes.
 *
 * Whether the user has a verified factor comes from the `mfa_enabled` claim that the access
 * token hook adds (supabase/migrations/…_second_factor_settings.sql), so the common case
 * costs nothing. Without the hook (the claim is absent) the user's factors are read from
 * Supabase Auth with the caller's own token: one call, only for aal1 tokens.
 */
import { createMiddleware } from 'hono/factory';
import type { UserAuth } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import type { ClientScope } from '../supabase/clients.ts';
import { toApiError } from '../supabase/errors.ts';
import { ownUserCall } from '../supabase/own-user.ts';
import type { UserOrServiceEnv } from './middleware.ts';

/** A factor as GoTrue lists it on the user object. */
export interface GoTrueFactor {
  id: string;
  factor_type: string;
  friendly_name?: string | null;
  status: 'verified' | 'unverified';
  created_at: string;
  updated_at?: string;
}

/** The types of factor that make a second step due (recovery codes only stand in for one). */
export const SECOND_FACTOR_TYPES: ReadonlySet<string> = new Set(['totp', 'phone', 'webauthn']);

/** True when the token says a second factor was verified in its session. */
export function isAal2(claims: { aal?: unknown }): boolean {
  return claims.aal === 'aal2' || claims.aal === 'aal3';
}

/** The caller's factors, read from Supabase Auth with their own token (`GET /user`). */
export async function ownFactors(c: ClientScope, token: string): Promise<GoTrueFactor[]> {
  const { data, error } = await ownUserCall<{ factors?: GoTrueFactor[] | null }>(c, token, 'GET', '/user');
  if (error) throw toApiError(error);
  return data?.factors ?? [];
}

/** Whether this caller must verify a second factor before anything but the `aal1` routes. */
async function secondFactorDue(c: ClientScope, auth: UserAuth): Promise<boolean> {
  if (isAal2(auth.claims)) return false;
  const claimed = (auth.claims as { mfa_enabled?: unknown }).mfa_enabled;
  if (typeof claimed === 'boolean') return claimed;
  const factors = await ownFactors(c, auth.token);
  return factors.some((factor) => factor.status === 'verified' && SECOND_FACTOR_TYPES.has(factor.factor_type));
}

/** The guard added after the user guard of every route whose contract does not say `aal1: true`. */
export const requireAssurance = createMiddleware<UserOrServiceEnv>(async (c, next) => {
  const auth = c.var.auth;
  if (auth.kind === 'user' && (await secondFactorDue(c, auth))) {
    throw new ApiError('MFA_REQUIRED', { message: 'Verify your second factor to continue (POST /mfa/factors/:factorId/verify)' });
  }
  await next();
});
