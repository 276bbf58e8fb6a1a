/**
 * Handlers of the invitee's routes: one RPC each, with the caller's own token; the
 * database checks that the caller's confirmed email is the invitation's address.
 */
import { userClient } from '../../supabase/clients.ts';
import { organizationsOf } from '../../supabase/organizations.ts';
import { toApiRole } from '../organizations/roles.ts';
import type { RouteHandler } from '../registry.ts';
import type { invitationsContracts } from './contract.ts';

type Invitations = typeof invitationsContracts;

/** GET /api/v1/auth/invitations */
export const listMyInvitations: RouteHandler<Invitations['listMyInvitations']> = async (c) =>
  (await organizationsOf(userClient(c)).myInvitations()).map((row) => ({
    id: row.id,
    organization_id: row.organization_id ?? '',
    organization_name: row.organization_name ?? '',
    email: row.email,
    role: toApiRole(row.role),
    inviter_email: row.inviter_email,
    inviter_name: [row.inviter_first_name, row.inviter_last_name].filter(Boolean).join(' ') || null,
    expires_at: row.expires_at,
  }));

/** POST /api/v1/auth/invitations/:invitationId/accept */
export const acceptInvitation: RouteHandler<Invitations['acceptInvitation']> = async (c) => {
  const joined = await organizationsOf(userClient(c)).accept(c.req.valid('param').invitationId);
  return { ...joined, role: toApiRole(joined.role) };
};

/** POST /api/v1/auth/invitations/:invitationId/decline */
export const declineInvitation: RouteHandler<Invitations['declineInvitation']> = async (c) => {
  await organizationsOf(userClient(c)).decline(c.req.valid('param').invitationId);
  return { message: 'Invitation declined' };
};
