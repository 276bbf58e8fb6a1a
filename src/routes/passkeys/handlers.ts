/**
 * Handlers of passkeys: each a pass-through to Supabase Auth's passkey API (`/passkeys…`),
 * with the caller's own token for their passkeys and as an anonymous end user's call for
 * signing in. Supabase Auth verifies the WebAuthn ceremonies (relying party id, origins,
 * single-use challenges, signatures, counters); a refused sign-in is 401 TOKEN_INVALID
 * whatever the reason, so the answer tells an attacker nothing about the credential.
 */
import type { Session } from '@supabase/supabase-js';
import { ApiError } from '../../http/errors.ts';
import type { ClientScope } from '../../supabase/clients.ts';
import { isUpstreamFault, toApiError } from '../../supabase/errors.ts';
import { ownUserCall, publicAuthCall } from '../../supabase/own-user.ts';
import { contextOf, sessionData } from '../auth/session-data.ts';
import type { RouteHandler } from '../registry.ts';
import type { passkeysContracts } from './contract.ts';

type Passkeys = typeof passkeysContracts;

/** A passkey as Supabase Auth lists it. */
interface GoTruePasskey {
  id: string;
  friendly_name?: string | null;
  created_at: string;
  last_used_at?: string | null;
}

/** A ceremony's start: Supabase Auth's answer. */
interface Challenge {
  challenge_id: string;
  options: Record<string, unknown>;
  expires_at: number;
}

const passkey = (item: GoTruePasskey) => ({
  id: item.id,
  friendly_name: item.friendly_name || null,
  created_at: item.created_at,
  last_used_at: item.last_used_at ?? null,
});

/** The data of a call with the caller's token, or its error mapped. */
async function own<T>(
  c: ClientScope,
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: `/${string}`,
  body?: unknown,
): Promise<T> {
  const { data, error } = await ownUserCall<T>(c, token, method, path, body);
  // Supabase Auth answers an unknown passkey 404 with the code validation_failed.
  if (error?.status === 404) throw new ApiError('NOT_FOUND', { message: 'Passkey not found', cause: error });
  if (error) throw toApiError(error);
  return data;
}

/** A refused ceremony: TOKEN_INVALID, unless Supabase was down or the feature is off. */
function refused(error: unknown): ApiError {
  const mapped = toApiError(error);
  if (isUpstreamFault(mapped) || mapped.code === 'FORBIDDEN') return mapped;
  return new ApiError('TOKEN_INVALID', { message: 'The passkey could not be verified', cause: error });
}

/** POST /api/v1/auth/passkeys/registration/options */
export const registrationOptions: RouteHandler<Passkeys['registrationOptions']> = async (c) => {
  const started = await own<Challenge>(c, c.var.auth.token, 'POST', '/passkeys/registration/options', {});
  return { challenge_id: started.challenge_id, options: started.options, expires_at: started.expires_at };
};

/** POST /api/v1/auth/passkeys/registration/verify */
export const registrationVerify: RouteHandler<Passkeys['registrationVerify']> = async (c) => {
  const { challenge_id, credential, friendly_name } = c.req.valid('json');
  const { token } = c.var.auth;
  const { data, error } = await ownUserCall<GoTruePasskey>(c, token, 'POST', '/passkeys/registration/verify', { challenge_id, credential });
  if (error) throw refused(error);
  if (!friendly_name) return passkey(data);
  return passkey(await own<GoTruePasskey>(c, token, 'PATCH', `/passkeys/${data.id}`, { friendly_name }));
};

/** POST /api/v1/auth/passkeys/authentication/options */
export const authenticationOptions: RouteHandler<Passkeys['authenticationOptions']> = async (c) => {
  const { data, error } = await publicAuthCall<Challenge>(c, 'POST', '/passkeys/authentication/options', {});
  if (error) throw toApiError(error);
  return { challenge_id: data.challenge_id, options: data.options, expires_at: data.expires_at };
};

/** POST /api/v1/auth/passkeys/authentication/verify */
export const authenticationVerify: RouteHandler<Passkeys['authenticationVerify']> = async (c) => {
  const { challenge_id, credential } = c.req.valid('json');
  const { data, error } = await publicAuthCall<Session>(c, 'POST', '/passkeys/authentication/verify', { challenge_id, credential });
  if (error) throw refused(error);
  return sessionData(data, await contextOf(c, data));
};

/** GET /api/v1/auth/passkeys */
export const listPasskeys: RouteHandler<Passkeys['listPasskeys']> = async (c) =>
  ((await own<GoTruePasskey[] | null>(c, c.var.auth.token, 'GET', '/passkeys')) ?? []).map(passkey);

/** PATCH /api/v1/auth/passkeys/:passkeyId */
export const renamePasskey: RouteHandler<Passkeys['renamePasskey']> = async (c) => {
  const { passkeyId } = c.req.valid('param');
  const { friendly_name } = c.req.valid('json');
  return passkey(await own<GoTruePasskey>(c, c.var.auth.token, 'PATCH', `/passkeys/${passkeyId}`, { friendly_name }));
};

/** DELETE /api/v1/auth/passkeys/:passkeyId */
export const deletePasskey: RouteHandler<Passkeys['deletePasskey']> = async (c) => {
  const { passkeyId } = c.req.valid('param');
  await own<null>(c, c.var.auth.token, 'DELETE', `/passkeys/${passkeyId}`);
  return { id: passkeyId };
};
