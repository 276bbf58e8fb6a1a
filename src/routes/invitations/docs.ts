/**
 * Route docs of the invitee's side of invitations: for each route of ./contract.ts its
 * OpenAPI `summary` and `description` (tsc refuses a missing or an extra route). Build-
 * time only: the OpenAPI generator reads them through routes/docs.ts; the worker never
 * imports this file.
 */
import type { RouteDocs } from '../registry.ts';
import type { invitationsContracts } from './contract.ts';

/** The invitation route docs. */
export const invitationsDocs: RouteDocs<typeof invitationsContracts> = {
  listMyInvitations: {
    summary: 'Pending invitations addressed to the caller',
    description: 'Only invitations to the caller’s confirmed email address are listed.',
  },
  acceptInvitation: {
    summary: 'Accept an invitation (joins the organization with the invited role)',
    description:
      'Only for the user whose confirmed email equals the invitation’s address (403 FORBIDDEN otherwise). Expired: 410 ' +
      'INVITATION_EXPIRED; already answered or revoked, or already a member: 409 CONFLICT.',
  },
  declineInvitation: {
    summary: 'Decline an invitation',
  },
};
