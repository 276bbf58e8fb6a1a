/**
 * The answers of the routes that sign someone in (/login, /refresh, /email/verify, and
 * the session fields of /register) and of /me, built from a Supabase session and the
 * caller's context: from the session alone when the access token hook has put the active
 * organization into the token (one round trip per sign-in), else from `get_my_context`
 * read with the session's own token; and ending sessions.
 */
import type { Session } from '@supabase/supabase-js';
import { SECOND_FACTOR_TYPES } from '../../auth/assurance.ts';
import { USER_ROLE } from '../../auth/verify-token.ts';
import { ApiError } from '../../http/errors.ts';
import { type ClientScope, publicAuthClient, userClient } from '../../supabase/clients.ts';
import { isSessionGone, toApiError } from '../../supabase/errors.ts';
import { getMyContext, type MyContext } from '../../supabase/rpc.ts';

/** The session fields every token-issuing route answers with. */
export function sessionFields(session: Session) {
  return {
    access_token: session.access_token,
    refresh_token: session.refresh_token,
    token_type: 'bearer' as const,
    expires_in: session.expires_in,
    expires_at: session.expires_at ?? Math.floor(Date.now() / 1000) + session.expires_in,
  };
}

/**
 * The `mfa` block of an answer with a session: the user's verified factors, and whether
 * this session still has to verify one (it is aal1 and there is one).
 */
export function mfaBlock(session: Session) {
  const factors = (session.user.factors ?? [])
    .filter((factor) => factor.status === 'verified' && SECOND_FACTOR_TYPES.has(factor.factor_type))
    .map((factor) => ({ id: factor.id, type: factor.factor_type, friendly_name: factor.friendly_name ?? null }));
  const aal = claimsOf(session.access_token).aal;
  return { required: aal !== 'aal2' && aal !== 'aal3' && factors.length > 0, factors };
}

/** `data` of /login, /refresh and /email/verify: the session plus the user with organization and role. */
export function sessionData(session: Session, context: MyContext) {
  return {
    ...sessionFields(session),
    mfa: mfaBlock(session),
    user: {
      id: context.id,
      email: context.email,
      first_name: context.first_name,
      last_name: context.last_name,
      role: context.role,
      organization: context.organization ? { id: context.organization.id, name: context.organization.name } : null,
      email_verified: context.email_verified,
      created_at: context.created_at,
    },
  };
}

/** `data` of /me (and PATCH /me). */
export function meData(context: MyContext) {
  return {
    id: context.id,
    email: context.email,
    first_name: context.first_name,
    last_name: context.last_name,
    role: context.role,
    email_verified: context.email_verified,
    organization: context.organization,
    created_at: context.created_at,
    aal: context.aal,
    mfa_enabled: context.mfa_enabled,
  };
}

/** The `organization` claim the access token hook adds (supabase/migrations/…_custom_access_token_hook.sql). */
interface OrganizationClaim {
  id: string;
  name: string;
  role: MyContext['role'];
  plan: string;
}

/** The claims of an access token Supabase has just issued (read, not verified: it came from Supabase itself). */
function claimsOf(accessToken: string): Record<string, unknown> {
  try {
    const segment = accessToken.split('.')[1] ?? '';
    const json = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (ch) => ch.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const nameOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * The new session's context: from the session alone when its access token carries the
 * `organization` claim (the hook is on: no further round trip), else read with the
 * session's own token (`get_my_context`, RLS applies).
 */
export async function contextOf(c: ClientScope, session: Session): Promise<MyContext> {
  const claims = claimsOf(session.access_token);
  // A token the worker would refuse on every route is no session to hand out (an account
  // whose auth.users.role is not `authenticated`, say).
  if (claims.role !== USER_ROLE) {
    throw new ApiError('FORBIDDEN', { message: 'This account cannot sign in here', cause: new Error(`token role ${String(claims.role)}`) });
  }
  if (!('organization' in claims)) return getMyContext(userClient(c, session.access_token));
  const organization = claims.organization as OrganizationClaim | null;
  const { user } = session;
  return {
    id: user.id,
    email: user.email ?? '',
    first_name: nameOf(user.user_metadata?.first_name),
    last_name: nameOf(user.user_metadata?.last_name),
    email_verified: Boolean(user.email_confirmed_at),
    created_at: user.created_at,
    role: organization?.role ?? null,
    organization: organization ? { id: organization.id, name: organization.name, plan: organization.plan } : null,
    aal: claims.aal === 'aal2' || claims.aal === 'aal3' ? claims.aal : 'aal1',
    mfa_enabled: claims.mfa_enabled === true,
  };
}

/**
 * Ends the session(s) of `accessToken`. A session that is already gone counts as ended;
 * any other failure (Supabase down or broken) is thrown. `auth.admin.signOut` is GoTrue's
 * plain `POST /logout` authorized by the user's own access token, so the anon client
 * suffices: the service key is not needed and never used for it.
 */
export async function endSessions(c: ClientScope, accessToken: string, scope: 'local' | 'global' | 'others'): Promise<void> {
  const { error } = await publicAuthClient(c).auth.admin.signOut(accessToken, scope);
  if (error && !isSessionGone(error)) throw toApiError(error);
}
