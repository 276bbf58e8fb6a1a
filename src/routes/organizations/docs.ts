/**
 * Route docs of the organization routes: for each route of ./contract.ts its OpenAPI
 * `summary` and `description` (tsc refuses a missing or an extra route). Build-time only:
 * the OpenAPI generator reads them through routes/docs.ts; the worker never imports this
 * file.
 */
import type { RouteDocs } from '../registry.ts';
import type { organizationsContracts } from './contract.ts';

/**
 * What every route of an organization adds: 404 for a non-member, and the organization API
 * key that may call it (the scope in brackets at the end of its summary).
 */
const NOT_MEMBER =
  'An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key ' +
  '(Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key ' +
  'without the scope 403.';

/** The organizations route docs. */
export const organizationsDocs: RouteDocs<typeof organizationsContracts> = {
  listMyOrganizations: {
    summary: "The caller's organizations",
    description:
      'Every organization the caller belongs to, with their role (OWNER, ADMIN, MEMBER), ordered by name then id. ' +
      'Always includes the personal organization ("Personal Account", OWNER). Message: `Retrieved N organizations`.',
  },
  listUserOrganizations: {
    summary: 'The organizations of a user that the caller may see',
    description:
      "With a user's access token, row-level security decides, with that token: a membership of userId in organization O " +
      'is listed when the caller is userId or a member of O. With the service-role key every membership is listed and ' +
      '`requested_by` is null. An unknown (or invisible) user gives an empty list, never 404. Ordered by name then id. ' +
      'Message: `Retrieved N organizations for user`.',
  },
  createOrganization: {
    summary: 'Create a team organization (the caller becomes its OWNER)',
    description: 'At most a configured number of organizations per user (409 LIMIT_REACHED); a slug that is taken is 409 CONFLICT.',
  },
  getOrganization: {
    // An organization API key of this organization with the scope organization:read may call it too.
    summary: 'An organization of the caller [key: organization:read]',
    description: NOT_MEMBER,
  },
  updateOrganization: {
    summary: 'Rename an organization, change its slug (OWNER, ADMIN) or its two-factor requirement (OWNER)',
    description:
      'Personal organizations cannot be changed. `require_mfa` may be changed by an OWNER whose own token is aal2 ' +
      `(an owner without a verified factor gets 403 MFA_REQUIRED); the audit log records it. ${NOT_MEMBER}`,
  },
  deleteOrganization: {
    summary: 'Delete a team organization (OWNER)',
    description:
      'Memberships and invitations go with it; users whose active organization it was fall back to their personal one. ' +
      `Personal organizations cannot be deleted. ${NOT_MEMBER}`,
  },
  listMembers: {
    // An organization API key of this organization with the scope members:read may call it too.
    summary: 'The members of an organization [key: members:read]',
    description: `Ordered by role (OWNER first), then email. \`count\` is the number on this page. ${NOT_MEMBER}`,
  },
  changeMemberRole: {
    // An organization API key of this organization with the scope members:write may call it too.
    summary: 'Change a member’s role [key: members:write]',
    description: `OWNER: any change that leaves an OWNER (else 409 LAST_OWNER). ADMIN: MEMBER ↔ ADMIN only, never touching an OWNER. ${NOT_MEMBER}`,
  },
  removeMember: {
    // An organization API key of this organization with the scope members:write may call it too.
    summary: 'Remove a member (the caller’s own id: leave) [key: members:write]',
    description: `OWNER: anyone but the last OWNER. ADMIN: MEMBERs only. ${NOT_MEMBER}`,
  },
  leaveOrganization: {
    summary: 'Leave an organization',
    description: `The last OWNER cannot leave (409 LAST_OWNER); nobody leaves their personal organization. ${NOT_MEMBER}`,
  },
  transferOwnership: {
    summary: 'Hand the organization to another member (OWNER)',
    description: `The member becomes OWNER and the caller ADMIN, at once. ${NOT_MEMBER}`,
  },
  createInvitation: {
    // An organization API key of this organization with the scope invitations:write may call it too.
    summary: 'Invite someone by email (OWNER: any role; ADMIN: ADMIN or MEMBER) [key: invitations:write]',
    description:
      'The invitee gets an email with a link to the web app’s /invitations/<id> page; `delivered: false` when no email ' +
      'provider is configured (or it failed): deliver the link yourself. 409 CONFLICT when the address is already a member ' +
      `or already has a pending invitation; 409 LIMIT_REACHED past the member limit. ${NOT_MEMBER}`,
  },
  listInvitations: {
    // An organization API key of this organization with the scope invitations:write may call it too.
    summary: 'Pending invitations of an organization (OWNER, ADMIN) [key: invitations:write]',
    description: NOT_MEMBER,
  },
  revokeInvitation: {
    // An organization API key of this organization with the scope invitations:write may call it too.
    summary: 'Revoke a pending invitation (OWNER, ADMIN) [key: invitations:write]',
    description: `An invitation already answered is 409 CONFLICT. ${NOT_MEMBER}`,
  },
  listAudit: {
    // An organization API key of this organization with the scope audit:read may call it too.
    summary: 'The organization’s audit log, newest first (OWNER, ADMIN) [key: audit:read]',
    description: `\`before\`: an entry id, to page back. ${NOT_MEMBER}`,
  },
};
