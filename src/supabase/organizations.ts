/**
 * Typed calls of the organization functions (supabase/migrations/2026120100010*), each
 * one PostgREST round trip with the caller's own client, so the database decides every
 * rule: membership (an organization the caller is not in is PT404), the role table, the
 * last-owner and personal-organization rules, limits, and the audit row written with each
 * change. Roles are lowercase here; the routes answer them UPPERCASE.
 */
import type { RpcClient } from './clients.ts';
import { unwrap } from './errors.ts';
import type { MembershipRole, MyContext } from './rpc.ts';

/** An organization as the caller sees it. */
export interface OrganizationDetail {
  id: string;
  name: string;
  slug: string | null;
  plan: string;
  is_personal_account: boolean;
  require_mfa: boolean;
  role: MembershipRole;
  member_count: number;
  created_at: string;
}

/** One member of an organization. */
export interface MemberRow {
  user_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  role: MembershipRole;
  joined_at: string;
}

/** An invitation, as the functions return it. */
export interface InvitationRow {
  id: string;
  organization_id?: string;
  organization_name?: string;
  email: string;
  role: MembershipRole;
  status?: string;
  invited_by: string | null;
  inviter_email: string | null;
  inviter_first_name: string | null;
  inviter_last_name: string | null;
  created_at: string;
  expires_at: string;
  answered_at?: string | null;
}

/** One audit entry. */
export interface AuditRow {
  id: number;
  action: string;
  actor_id: string | null;
  /** Who acted: a user (actor_id) or an organization API key (actor_key_id); its name. */
  actor_type?: 'user' | 'api_key';
  actor_key_id?: string | null;
  actor_name?: string | null;
  target_user_id: string | null;
  target_email: string | null;
  details: Record<string, unknown>;
  created_at: string;
}

const call = <T>(client: RpcClient, fn: string, args: Record<string, unknown> = {}): Promise<T> =>
  unwrap(client.rpc(fn, args)) as Promise<T>;

/** Organization functions bound to one caller's client. */
export function organizationsOf(client: RpcClient) {
  return {
    create: (name: string, slug: string | undefined) =>
      call<OrganizationDetail>(client, 'create_organization', { p_name: name, p_slug: slug ?? null }),
    get: (orgId: string) => call<OrganizationDetail>(client, 'get_organization', { p_org_id: orgId }),
    update: (orgId: string, change: { name?: string | undefined; slug?: string | undefined; require_mfa?: boolean | undefined }) =>
      call<OrganizationDetail>(client, 'update_organization', {
        p_org_id: orgId,
        p_name: change.name ?? null,
        p_slug: change.slug ?? null,
        p_require_mfa: change.require_mfa ?? null,
      }),
    delete: (orgId: string) => call<null>(client, 'delete_organization', { p_org_id: orgId }),
    members: (orgId: string, limit: number, offset: number) =>
      call<{ members: MemberRow[]; total: number }>(client, 'list_organization_members', {
        p_org_id: orgId,
        p_limit: limit,
        p_offset: offset,
      }),
    changeRole: (orgId: string, userId: string, role: MembershipRole) =>
      call<MemberRow>(client, 'change_member_role', { p_org_id: orgId, p_user_id: userId, p_role: role }),
    removeMember: (orgId: string, userId: string) => call<null>(client, 'remove_member', { p_org_id: orgId, p_user_id: userId }),
    leave: (orgId: string) => call<null>(client, 'leave_organization', { p_org_id: orgId }),
    transfer: (orgId: string, userId: string) =>
      call<OrganizationDetail>(client, 'transfer_ownership', { p_org_id: orgId, p_user_id: userId }),
    invite: (orgId: string, email: string, role: MembershipRole) =>
      call<InvitationRow>(client, 'create_invitation', { p_org_id: orgId, p_email: email, p_role: role }),
    invitations: (orgId: string) => call<InvitationRow[]>(client, 'list_organization_invitations', { p_org_id: orgId }),
    revokeInvitation: (orgId: string, invitationId: string) =>
      call<InvitationRow>(client, 'revoke_invitation', { p_org_id: orgId, p_invitation_id: invitationId }),
    myInvitations: () => call<InvitationRow[]>(client, 'list_my_invitations'),
    accept: (invitationId: string) => call<OrganizationDetail>(client, 'accept_invitation', { p_invitation_id: invitationId }),
    decline: (invitationId: string) => call<InvitationRow>(client, 'decline_invitation', { p_invitation_id: invitationId }),
    setActive: (orgId: string) => call<MyContext>(client, 'set_active_organization', { p_org_id: orgId }),
    audit: (orgId: string, limit: number, before: number | undefined) =>
      call<AuditRow[]>(client, 'list_organization_audit', { p_org_id: orgId, p_limit: limit, p_before: before ?? null }),
  };
}
