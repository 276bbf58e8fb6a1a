/**
 * Contracts of the invitee's side of invitations (spec/organizations.md): the pending
 * invitations addressed to the caller's confirmed email, and answering one. The database
 * decides who may answer (only the addressee, with a confirmed address). Pure data.
 */
import * as z from 'zod/mini';
import { isoDateSchema, uuidSchema } from '../../http/schemas.ts';
import { done, organizationSchema, upperRole } from '../organizations/contract.ts';
import { defineGroup } from '../registry.ts';

/** A pending invitation addressed to the caller. */
const myInvitationSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  organization_name: z.string(),
  email: z.string(),
  role: upperRole,
  inviter_email: z.nullable(z.string()),
  inviter_name: z.nullable(z.string()),
  expires_at: isoDateSchema,
});
const myInvitationParams = z.object({ invitationId: uuidSchema.check(z.describe('The invitation id (UUID)')) });

/** The invitee's side of invitations. */
export const invitationsContracts = defineGroup(
  { tag: 'invitations', basePath: '/api/v1/auth' },
  {
    listMyInvitations: {
      method: 'get',
      path: '/invitations',
      auth: 'user',
      success: { status: 200, description: 'Retrieved N invitations', data: z.array(myInvitationSchema), list: true },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    acceptInvitation: {
      method: 'post',
      path: '/invitations/:invitationId/accept',
      auth: 'user',
      params: myInvitationParams,
      success: { status: 200, description: 'Invitation accepted', data: organizationSchema },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'LIMIT_REACHED', 'INVITATION_EXPIRED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    declineInvitation: {
      method: 'post',
      path: '/invitations/:invitationId/decline',
      auth: 'user',
      params: myInvitationParams,
      success: { status: 200, description: 'Invitation declined', data: done('Invitation declined') },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'INVITATION_EXPIRED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
  },
);
