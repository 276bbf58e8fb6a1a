/**
 * The organization functions an organization API key may call (integrations.md), each a
 * service-role definer function that receives the key's hash and decides in Postgres
 * whether the key is alive (PT401), of this organization (PT404) and within its scopes
 * (PT403) — supabase/migrations/…_api_keys_and_webhooks.sql. The same methods, names and
 * answers as the user's own ({@link organizationsOf}), so a handler serves both callers.
 */
import type { RpcClient } from './clients.ts';
import { unwrap } from './errors.ts';
import type { AuditRow, InvitationRow, MemberRow, OrganizationDetail } from './organizations.ts';
import type { MembershipRole } from './rpc.ts';

const call = <T>(client: RpcClient, fn: string, args: Record<string, unknown>): Promise<T> => unwrap(client.rpc(fn, args)) as Promise<T>;

/** The key-capable organization functions, for the key whose hash is `keyHash`. */
export function keyOrganizationsOf(client: RpcClient, keyHash: string) {
  const k = { p_key_hash: keyHash };
  return {
    get: (orgId: string) => call<OrganizationDetail>(client, 'key_get_organization', { ...k, p_org_id: orgId }),
    members: (orgId: string, limit: number, offset: number) =>
      call<{ members: MemberRow[]; total: number }>(client, 'key_list_members', {
        ...k,
        p_org_id: orgId,
        p_limit: limit,
        p_offset: offset,
      }),
    changeRole: (orgId: string, userId: string, role: MembershipRole) =>
      call<MemberRow>(client, 'key_change_member_role', { ...k, p_org_id: orgId, p_user_id: userId, p_role: role }),
    removeMember: (orgId: string, userId: string) => call<null>(client, 'key_remove_member', { ...k, p_org_id: orgId, p_user_id: userId }),
    invite: (orgId: string, email: string, role: MembershipRole) =>
      call<InvitationRow>(client, 'key_create_invitation', { ...k, p_org_id: orgId, p_email: email, p_role: role }),
    invitations: (orgId: string) => call<InvitationRow[]>(client, 'key_list_invitations', { ...k, p_org_id: orgId }),
    revokeInvitation: (orgId: string, invitationId: string) =>
      call<InvitationRow>(client, 'key_revoke_invitation', { ...k, p_org_id: orgId, p_invitation_id: invitationId }),
    audit: (orgId: string, limit: number, before: number | undefined) =>
      call<AuditRow[]>(client, 'key_list_audit', { ...k, p_org_id: orgId, p_limit: limit, p_before: before ?? null }),
  };
}
