/**
 * Handlers of the second factor. Every call to Supabase Auth is made with the caller's own
 * access token (src/supabase/own-user.ts): GoTrue's `/factors…` API decides what the
 * session may do (enrolling a second factor, removing a verified one: aal2). Codes go
 * through the gate (src/auth/gate.ts) under the key `mfa:<user id>`, counted apart from
 * passwords; a TOTP code is also remembered there, because Supabase Auth itself accepts
 * the same code again on a fresh challenge within its period.
 */
import type { Session } from '@supabase/supabase-js';
import { isAal2, ownFactors, SECOND_FACTOR_TYPES } from '../../auth/assurance.ts';
import { throughGate } from '../../auth/gate.ts';
import type { AttemptOutcome } from '../../auth/lockout.ts';
import { ApiError } from '../../http/errors.ts';
import type { ClientScope } from '../../supabase/clients.ts';
import { toApiError } from '../../supabase/errors.ts';
import { ownUserCall } from '../../supabase/own-user.ts';
import { contextOf, sessionData } from '../auth/session-data.ts';
import type { RouteContext, RouteHandler } from '../registry.ts';
import type { mfaContracts } from './contract.ts';

type Mfa = typeof mfaContracts;

/** How long a TOTP code that succeeded is refused: its 30 s step and one step of skew either way, and some. */
const USED_CODE_TTL_MS = 120_000;

/** The data of a GoTrue call made with the caller's token, or its error mapped. */
async function own<T>(c: ClientScope, token: string, method: 'GET' | 'POST' | 'DELETE', path: `/${string}`, body?: unknown): Promise<T> {
  const { data, error } = await ownUserCall<T>(c, token, method, path, body);
  if (error) throw toApiError(error);
  return data;
}

/** A wrong, expired or reused code is a failure for the count; anything else (Supabase down) is not. */
function judgeCode(error: unknown): { outcome: AttemptOutcome; error: ApiError } {
  const mapped = toApiError(error);
  if (mapped.code === 'MFA_CODE_INVALID') {
    return { outcome: 'failure', error: new ApiError('MFA_CODE_INVALID', { cause: error }) };
  }
  return { outcome: 'neutral', error: mapped };
}

/** SHA-256 (hex) of a code with its factor: what the gate remembers, never the code itself. */
async function fingerprint(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The answer of a verify: the aal2 session, with the user's context, once the gate has the success. */
async function aal2Answer(
  c: RouteContext<Mfa['verifyFactor']> | RouteContext<Mfa['recover']>,
  session: Session,
  succeeded: () => Promise<unknown>,
) {
  const [context] = await Promise.all([contextOf(c, session), succeeded()]);
  return sessionData(session, context);
}

/** GET /api/v1/auth/mfa/factors */
export const listFactors: RouteHandler<Mfa['listFactors']> = async (c) =>
  (await ownFactors(c, c.var.auth.token))
    .filter((factor) => SECOND_FACTOR_TYPES.has(factor.factor_type))
    .map((factor) => ({
      id: factor.id,
      type: factor.factor_type,
      friendly_name: factor.friendly_name || null,
      status: factor.status,
      created_at: factor.created_at,
    }));

/** POST /api/v1/auth/mfa/factors */
export const enrollFactor: RouteHandler<Mfa['enrollFactor']> = async (c) => {
  const { friendly_name } = c.req.valid('json');
  const enrolled = await own<{
    id: string;
    friendly_name?: string | null;
    totp: { secret: string; uri: string; qr_code: string };
  }>(c, c.var.auth.token, 'POST', '/factors', {
    factor_type: 'totp',
    ...(friendly_name ? { friendly_name } : {}),
  });
  const qr = enrolled.totp.qr_code;
  return {
    id: enrolled.id,
    type: 'totp' as const,
    friendly_name: enrolled.friendly_name || null,
    totp: {
      secret: enrolled.totp.secret,
      uri: enrolled.totp.uri,
      // GoTrue sends the bare SVG; supabase-js adds this prefix too.
      qr_code: qr.startsWith('data:') ? qr : `data:image/svg+xml;utf-8,${qr}`,
    },
  };
};

/** POST /api/v1/auth/mfa/factors/:factorId/verify */
export const verifyFactor: RouteHandler<Mfa['verifyFactor']> = async (c) => {
  const { factorId } = c.req.valid('param');
  const { code } = c.req.valid('json');
  const { userId, token } = c.var.auth;
  const { value: session, succeeded } = await throughGate(
    c,
    {
      key: `mfa:${userId}`,
      judge: judgeCode,
      once: {
        fingerprint: await fingerprint(`totp:${factorId}:${code}`),
        ttlMs: USED_CODE_TTL_MS,
        replayed: () => new ApiError('MFA_CODE_INVALID', { message: 'This code was already used: wait for the next one' }),
      },
    },
    async () => {
      const challenge = await own<{ id: string }>(c, token, 'POST', `/factors/${factorId}/challenge`, {});
      return own<Session>(c, token, 'POST', `/factors/${factorId}/verify`, { challenge_id: challenge.id, code });
    },
  );
  return aal2Answer(c, session, succeeded);
};

/** DELETE /api/v1/auth/mfa/factors/:factorId */
export const deleteFactor: RouteHandler<Mfa['deleteFactor']> = async (c) => {
  const { factorId } = c.req.valid('param');
  await own<{ id: string }>(c, c.var.auth.token, 'DELETE', `/factors/${factorId}`);
  return { id: factorId };
};

/** POST /api/v1/auth/mfa/recovery-codes */
export const createRecoveryCodes: RouteHandler<Mfa['createRecoveryCodes']> = async (c) => {
  // The assurance guard let this token through: below aal2 that means there is no verified factor.
  if (!isAal2(c.var.auth.claims)) {
    throw new ApiError('CONFLICT', { message: 'Set up and verify a second factor first: recovery codes stand in for it' });
  }
  const { token } = c.var.auth;
  const created = await ownUserCall<{ codes: string[] }>(c, token, 'POST', '/factors/recovery-codes', {});
  // A set exists already: Supabase Auth replaces it on regenerate (its codes die).
  if (created.error?.code === 'mfa_verified_factor_exists') {
    return { codes: (await own<{ codes: string[] }>(c, token, 'POST', '/factors/recovery-codes/regenerate', {})).codes };
  }
  if (created.error) throw toApiError(created.error);
  return { codes: created.data.codes };
};

/** POST /api/v1/auth/mfa/recover */
export const recover: RouteHandler<Mfa['recover']> = async (c) => {
  const { code } = c.req.valid('json');
  const { userId, token } = c.var.auth;
  const { value: session, succeeded } = await throughGate(c, { key: `mfa:${userId}`, judge: judgeCode }, () =>
    own<Session>(c, token, 'POST', '/factors/recovery-codes/verify', { code }),
  );
  return aal2Answer(c, session, succeeded);
};
