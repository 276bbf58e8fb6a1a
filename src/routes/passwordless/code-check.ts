/**
 * The one way the worker checks an emailed sign-in code with Supabase, shared by POST
 * /otp/verify and DELETE /me: through the gate under the key `otp:<email>` (at most
 * LOCKOUT_MAX_ATTEMPTS wrong codes per window reach Supabase, counted apart from passwords).
 * Supabase answers alike for wrong, used and expired codes; an expired one is told apart by
 * the hash Supabase keeps of it, still pending.
 */
import { createHash } from 'node:crypto';
import type { Session } from '@supabase/supabase-js';
import { throughGate } from '../../auth/gate.ts';
import type { AttemptOutcome } from '../../auth/lockout.ts';
import type { Bindings } from '../../env.ts';
import { ApiError } from '../../http/errors.ts';
import { type ClientScope, publicAuthClient, serviceClient } from '../../supabase/clients.ts';
import { isUpstreamFault, toApiError } from '../../supabase/errors.ts';
import { isEmailTokenPending } from '../../supabase/rpc.ts';

type Scope = ClientScope & { env: Bindings };
type VerifyParams = Parameters<ReturnType<typeof publicAuthClient>['auth']['verifyOtp']>[0];

/** A wrong code counts; Supabase down does not. */
function judgeCode(error: unknown): { outcome: AttemptOutcome; error: ApiError } {
  const mapped = toApiError(error);
  if (isUpstreamFault(mapped)) return { outcome: 'neutral', error: mapped };
  return { outcome: 'failure', error: new ApiError('TOKEN_INVALID', { cause: error }) };
}

/** The session Supabase gives for a code or link, or throws what it answered. */
export async function verifiedSession(c: ClientScope, params: VerifyParams): Promise<Session> {
  const { data, error } = await publicAuthClient(c).auth.verifyOtp(params);
  if (error) throw error;
  if (!data.session) throw new ApiError('TOKEN_INVALID');
  return data.session;
}

/**
 * The hash Supabase Auth keeps of an emailed code (and puts in the link): SHA-224 of the
 * address and the code, in hex (GoTrue's `GenerateTokenHash`).
 */
function codeHash(email: string, code: string): string {
  return createHash('sha224').update(`${email}${code}`).digest('hex');
}

/** A refused code or link: TOKEN_EXPIRED when its hash is still pending, else TOKEN_INVALID. */
export async function expiredOrInvalid(c: ClientScope, tokenHash: string, cause: unknown): Promise<ApiError> {
  const pending = await isEmailTokenPending(serviceClient(c, { forWorker: 'sign-in code status' }), tokenHash, 'magiclink');
  return new ApiError(pending ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID', {
    message: pending ? 'The code or link has expired: ask for a new one' : 'The code or link is wrong or was already used',
    cause,
  });
}

/**
 * Checks `code` for `email` through the gate and returns the session Supabase issued; run
 * `succeeded()` once done with it.
 *
 * @throws ApiError ACCOUNT_LOCKED, TOKEN_INVALID, TOKEN_EXPIRED, or an upstream fault.
 */
export async function checkSignInCode(c: Scope, email: string, code: string): Promise<{ session: Session; succeeded(): Promise<unknown> }> {
  try {
    const { value, succeeded } = await throughGate(c, { key: `otp:${email}`, judge: judgeCode }, () =>
      verifiedSession(c, { email, token: code, type: 'email' }),
    );
    return { session: value, succeeded };
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'TOKEN_INVALID') throw error;
    throw await expiredOrInvalid(c, codeHash(email, code), error);
  }
}
