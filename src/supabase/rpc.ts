/**
 * Typed calls of the Postgres functions the worker uses (supabase/migrations), made with
 * the caller's own client so that row-level security decides what they return. Each one
 * is a single PostgREST round trip; each protected-route function also checks that the
 * access token's session still exists (SQLSTATE PT401 → TOKEN_INVALID), which is how a
 * logged-out or revoked access token is refused at once rather than when it expires.
 */
import type { RpcClient } from './clients.ts';
import { unwrap } from './errors.ts';

/** Role of a user in an organization. */
export type MembershipRole = 'owner' | 'admin' | 'member';

/** What `public.get_my_context()` returns: the caller's profile and default organization. */
export interface MyContext {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  email_verified: boolean;
  created_at: string;
  role: MembershipRole | null;
  organization: { id: string; name: string; plan: string } | null;
  /** The token's assurance level, and whether the user has a verified second factor. */
  aal: 'aal1' | 'aal2' | 'aal3';
  mfa_enabled: boolean;
}

/** One organization of a user, as the listing functions return it. */
export interface OrganizationRow {
  id: string;
  name: string;
  is_personal_account: boolean;
  role: MembershipRole;
  /** Whether the organization requires a second factor (list_my_organizations only). */
  mfa_required?: boolean;
}

/** The caller's profile, default organization and role (one round trip). */
export function getMyContext(client: RpcClient): Promise<MyContext> {
  return unwrap(client.rpc('get_my_context')) as Promise<MyContext>;
}

/** The caller's organizations, ordered by name then id. */
export function listMyOrganizations(client: RpcClient): Promise<OrganizationRow[]> {
  return unwrap(client.rpc('list_my_organizations')) as Promise<OrganizationRow[]>;
}

/** The organizations of `userId` that the client's user may see (RLS decides), ordered by name then id. */
export function listUserOrganizations(client: RpcClient, userId: string): Promise<(OrganizationRow & { user_id: string })[]> {
  return unwrap(client.rpc('list_user_organizations', { target_user_id: userId })) as Promise<(OrganizationRow & { user_id: string })[]>;
}

/** Service role: every organization of `userId`, ordered by name then id. */
export function adminListUserOrganizations(client: RpcClient, userId: string): Promise<(OrganizationRow & { user_id: string })[]> {
  return unwrap(client.rpc('admin_list_user_organizations', { target_user_id: userId })) as Promise<
    (OrganizationRow & { user_id: string })[]
  >;
}

/**
 * Whether a password-reset token hash is still waiting to be used. Asked only after
 * Supabase refused the token, to tell an expired token (still pending) from a used or
 * unknown one.
 */
export function isResetTokenPending(client: RpcClient, tokenHash: string): Promise<boolean> {
  return unwrap(client.rpc('password_reset_token_pending', { p_token_hash: tokenHash })) as Promise<boolean>;
}

/** An organization as the admin functions return it. */
export interface AdminOrganization {
  id: string;
  name: string;
  is_personal_account: boolean;
}

/** Service role: the organization with this id, or null (`admin_get_organization`). */
export async function adminGetOrganization(client: RpcClient, organizationId: string): Promise<AdminOrganization | null> {
  const rows = (await unwrap(client.rpc('admin_get_organization', { p_organization_id: organizationId }))) as AdminOrganization[] | null;
  return rows?.[0] ?? null;
}

/** Service role: first and last names (profiles) of these users, by user id. */
export async function adminUserProfiles(
  client: RpcClient,
  userIds: readonly string[],
): Promise<Map<string, { first_name: string | null; last_name: string | null }>> {
  if (userIds.length === 0) return new Map();
  const rows = (await unwrap(client.rpc('admin_user_profiles', { p_user_ids: userIds }))) as
    | { id: string; first_name: string | null; last_name: string | null }[]
    | null;
  return new Map((rows ?? []).map((row) => [row.id, { first_name: row.first_name, last_name: row.last_name }]));
}

/**
 * Service role: ends every session of the user (access tokens refused at once, refresh
 * tokens dead). Returns how many sessions were ended, or null when the user does not exist.
 */
export async function adminRevokeUserSessions(client: RpcClient, userId: string): Promise<number | null> {
  return (await unwrap(client.rpc('admin_revoke_user_sessions', { p_user_id: userId }))) as number | null;
}

/** One session of the caller, as `list_my_sessions()` returns it. */
export interface SessionRow {
  id: string;
  created_at: string;
  last_active_at: string;
  user_agent: string | null;
  ip: string | null;
  current: boolean;
  aal: 'aal1' | 'aal2' | 'aal3';
}

/** The caller's live sessions, newest first. */
export function listMySessions(client: RpcClient): Promise<SessionRow[]> {
  return unwrap(client.rpc('list_my_sessions')) as Promise<SessionRow[]>;
}

/** Ends one of the caller's own sessions; false when it is not one of theirs (or gone). */
export function endMySession(client: RpcClient, sessionId: string): Promise<boolean> {
  return unwrap(client.rpc('end_my_session', { p_session_id: sessionId })) as Promise<boolean>;
}

/**
 * Service role: whether an email link (signup, email_change) is still waiting to be used.
 * Asked only after Supabase refused it, to tell an expired link from a used or unknown one.
 */
export function isEmailTokenPending(client: RpcClient, tokenHash: string, type: 'signup' | 'email_change' | 'magiclink'): Promise<boolean> {
  return unwrap(client.rpc('email_token_pending', { p_token_hash: tokenHash, p_type: type })) as Promise<boolean>;
}
