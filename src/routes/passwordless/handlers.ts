/**
 * Handlers of sign-in codes and magic links. Sending answers at once and asks Supabase after
 * the answer (`waitUntil`), never creating an account, so neither the answer nor its timing
 * tells whether an address is registered. A code is checked through the gate
 * (./code-check.ts); a link's token hash, 128 bits of chance, is not.
 */
import type { Session } from '@supabase/supabase-js';
import { inBackground } from '../../http/background.ts';
import { publicAuthClient } from '../../supabase/clients.ts';
import { isUpstreamFault, toApiError } from '../../supabase/errors.ts';
import { contextOf, sessionData } from '../auth/session-data.ts';
import type { RouteHandler } from '../registry.ts';
import { checkSignInCode, expiredOrInvalid, verifiedSession } from './code-check.ts';
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

/** POST /api/v1/auth/otp/verify */
export const verifyCode: RouteHandler<Passwordless['verifyCode']> = async (c) => {
  const body = c.req.valid('json');
  if (body.email !== undefined && body.code !== undefined) {
    const { session, succeeded } = await checkSignInCode(c, body.email, body.code);
    const [context] = await Promise.all([contextOf(c, session), succeeded()]);
    return sessionData(session, context);
  }
  const tokenHash = body.token_hash ?? '';
  let session: Session;
  try {
    session = await verifiedSession(c, { token_hash: tokenHash, type: 'magiclink' });
  } catch (error) {
    const mapped = toApiError(error);
    if (isUpstreamFault(mapped)) throw mapped;
    throw await expiredOrInvalid(c, tokenHash, error);
  }
  return sessionData(session, await contextOf(c, session));
};
