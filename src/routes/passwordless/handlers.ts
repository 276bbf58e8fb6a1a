/**
 * Handlers of sign-in codes and magic links. Sending answers at once and asks Supabase after
 * the answer (`waitUntil`), never creating an account, so neither the answer nor its timing
 * tells whether an address is registered. A code is checked through the gate under the key
 * `otp:<email>` (src/auth/gate.ts: at most LOCKOUT_MAX_ATTEMPTS wrong codes per window reach
 * Supabase, counted apart from passwords); a link's token hash, 128 bits of chance, is not.
 */
import { createHash } from 'node:crypto';
import type { Session } from '@supabase/supabase-js';
import { throughGate } from '../../auth/gate.ts';
import type { AttemptOutcome } from '../../auth/lockout.ts';
import { inBackground } from '../../http/background.ts';
import { ApiError } from '../../http/errors.ts';
import { publicAuthClient, serviceClient } from '../../supabase/clients.ts';
import { isUpstreamFault, toApiError } from '../../supabase/errors.ts';
import { isEmailTokenPending } from '../../supabase/rpc.ts';
import { contextOf, sessionData } from '../auth/session-data.ts';
import type { RouteContext, RouteHandler } from '../registry.ts';
import type { passwordlessContracts } from './contract.ts';

type Passwordless = typeof passwordlessContracts;

/** POST /api/v1/auth/otp */
export const sendCode: RouteHandler<Passwordless['sendCode']> = async (c) => {
  const { email } = c.req.valid('json');
  inBackground(c, 'sign-in code', async () => {
    const { error } = await publicAuthClient(c).auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    // An unknown address is refused by Supabase (no account is made): nothing to report.
    if (error && isUpstreamFault(toApiError(error))) throw toApiError(error);
  });
  return { message: 'Sign-in code sent' };
};

/** Supabase answers alike for wrong, used and expired codes; the failure counts in every case. */
function judgeCode(error: unknown): { outcome: AttemptOutcome; error: ApiError } {
  const mapped = toApiError(error);
  if (isUpstreamFault(mapped)) return { outcome: 'neutral', error: mapped };
  return {
    outcome: 'failure',
    error: new ApiError('TOKEN_INVALID', { message: 'The code is wrong, expired or already used', cause: error }),
  };
}

/** The session of a verify, or throws. */
async function verified(
  c: RouteContext<Passwordless['verifyCode']>,
  params: Parameters<ReturnType<typeof publicAuthClient>['auth']['verifyOtp']>[0],
): Promise<Session> {
  const { data, error } = await publicAuthClient(c).auth.verifyOtp(params);
  if (error) throw error;
  if (!data.session) throw new ApiError('TOKEN_INVALID');
  return data.session;
}

/** POST /api/v1/auth/otp/verify */
export const verifyCode: RouteHandler<Passwordless['verifyCode']> = async (c) => {
  const body = c.req.valid('json');
  if (body.email !== undefined && body.code !== undefined) {
    const { email, code } = body;
    let gated: Awaited<ReturnType<typeof throughGate<Session>>>;
    try {
      gated = await throughGate(c, { key: `otp:${email}`, judge: judgeCode }, () => verified(c, { email, token: code, type: 'email' }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'TOKEN_INVALID') throw error;
      throw await expiredOrInvalid(c, codeHash(email, code), error);
    }
    const [context] = await Promise.all([contextOf(c, gated.value), gated.succeeded()]);
    return sessionData(gated.value, context);
  }
  const tokenHash = body.token_hash ?? '';
  let session: Session;
  try {
    session = await verified(c, { token_hash: tokenHash, type: 'magiclink' });
  } catch (error) {
    const mapped = toApiError(error);
    if (isUpstreamFault(mapped)) throw mapped;
    throw await expiredOrInvalid(c, tokenHash, error);
  }
  return sessionData(session, await contextOf(c, session));
};

/**
 * The hash Supabase Auth keeps of an emailed code (and puts in the link): SHA-224 of the
 * address and the code, in hex (GoTrue's `GenerateTokenHash`).
 */
function codeHash(email: string, code: string): string {
  return createHash('sha224').update(`${email}${code}`).digest('hex');
}

/** Supabase answers alike for wrong, used and expired codes and links: only a pending one expired. */
async function expiredOrInvalid(c: RouteContext<Passwordless['verifyCode']>, tokenHash: string, cause: unknown): Promise<ApiError> {
  const pending = await isEmailTokenPending(serviceClient(c, { forWorker: 'sign-in code status' }), tokenHash, 'magiclink');
  return new ApiError(pending ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID', {
    message: pending ? 'The code or link has expired: ask for a new one' : 'The code or link is wrong or was already used',
    cause,
  });
}
