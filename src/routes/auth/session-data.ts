/**
 * The answers of the routes that sign someone in (/login, /refresh, /email/verify, and
 * the session fields of /register) and of /me, built from a Supabase session and the
 * caller's context (`get_my_context`, read with the session's own token, so row-level
 * security applies); and ending sessions.
 */
import type { Session } from '@supabase/supabase-js';
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

/** `data` of /login, /refresh and /email/verify: the session plus the user with organization and role. */
export function sessionData(session: Session, context: MyContext) {
  return {
    ...sessionFields(session),
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
  };
}

/** Loads the new session's context with its own access token (RLS applies). */
export function contextOf(c: ClientScope, session: Session): Promise<MyContext> {
  return getMyContext(userClient(c, session.access_token));
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
