/**
 * Handlers of the organization routes. Each makes one RPC call: with the caller's own
 * token (row-level security decides what comes back), or — for the service-role key on
 * GET /users/:userId/organizations — `admin_list_user_organizations` through the service
 * database client, which sees every membership. Roles come back lowercase from the database and are answered UPPERCASE.
 */
import { sendInvitation } from '../../mail/invitations.ts';
import { serviceClient, userClient } from '../../supabase/clients.ts';
import { keyOrganizationsOf } from '../../supabase/organization-keys.ts';
import { type InvitationRow, type MemberRow, type OrganizationDetail, organizationsOf } from '../../supabase/organizations.ts';
import {
  adminListUserOrganizations,
  listMyOrganizations as listMine,
  listUserOrganizations as listOfUser,
  type OrganizationRow,
} from '../../supabase/rpc.ts';
import type { RouteHandler } from '../registry.ts';
import type { organizationsContracts } from './contract.ts';
import { toApiRole, toDbRole } from './roles.ts';

type Orgs = typeof organizationsContracts;

function item(row: OrganizationRow) {
  return {
    id: row.id,
    name: row.name,
    is_personal_account: row.is_personal_account,
    role: toApiRole(row.role),
  };
}

/** GET /api/v1/auth/organizations */
export const listMyOrganizations: RouteHandler<Orgs['listMyOrganizations']> = async (c) => {
  return (await listMine(userClient(c))).map((row) => ({ ...item(row), mfa_required: row.mfa_required === true }));
};

/** GET /api/v1/auth/users/:userId/organizations */
export const listUserOrganizations: RouteHandler<Orgs['listUserOrganizations']> = async (c) => {
  const { userId } = c.req.valid('param');
  const auth = c.var.auth;
  const rows =
    auth.kind === 'service' ? await adminListUserOrganizations(serviceClient(c), userId) : await listOfUser(userClient(c), userId);
  const requestedBy = auth.kind === 'service' ? null : auth.userId;
  return rows.map((row) => ({ ...item(row), user_id: row.user_id, requested_by: requestedBy }));
};

function organization(row: OrganizationDetail) {
  return { ...row, role: toApiRole(row.role) };
}

function member(row: MemberRow) {
  return { ...row, role: toApiRole(row.role) };
}

function invitation(row: InvitationRow) {
  return {
    id: row.id,
    email: row.email,
    role: toApiRole(row.role),
    invited_by: row.invited_by,
    inviter_email: row.inviter_email,
    created_at: row.created_at,
    expires_at: row.expires_at,
  };
}

/** A person's name for an email, or null. */
function fullName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter(Boolean).join(' ');
  return name === '' ? null : name;
}

const orgs = (c: Parameters<typeof userClient>[0]) => organizationsOf(userClient(c));

/** The organization functions for this caller: a user's own (RLS), or an API key's (by its hash). */
const orgsOf = (c: Parameters<typeof userClient>[0]) => {
  const auth = c.var.auth;
  return auth?.kind === 'key' ? keyOrganizationsOf(serviceClient(c), auth.keyHash) : orgs(c);
};

/** POST /api/v1/auth/organizations */
export const createOrganization: RouteHandler<Orgs['createOrganization']> = async (c) => {
  const { name, slug } = c.req.valid('json');
  return organization(await orgs(c).create(name, slug));
};

/** GET /api/v1/auth/organizations/:orgId */
export const getOrganization: RouteHandler<Orgs['getOrganization']> = async (c) =>
  organization(await orgsOf(c).get(c.req.valid('param').orgId));

/** PATCH /api/v1/auth/organizations/:orgId */
export const updateOrganization: RouteHandler<Orgs['updateOrganization']> = async (c) =>
  organization(await orgs(c).update(c.req.valid('param').orgId, c.req.valid('json')));

/** DELETE /api/v1/auth/organizations/:orgId */
export const deleteOrganization: RouteHandler<Orgs['deleteOrganization']> = async (c) => {
  await orgs(c).delete(c.req.valid('param').orgId);
  return { message: 'Organization deleted' };
};

/** GET /api/v1/auth/organizations/:orgId/members */
export const listMembers: RouteHandler<Orgs['listMembers']> = async (c) => {
  const { limit = 50, offset = 0 } = c.req.valid('query');
  const { members } = await orgsOf(c).members(c.req.valid('param').orgId, limit, offset);
  return members.map(member);
};

/** PATCH /api/v1/auth/organizations/:orgId/members/:userId */
export const changeMemberRole: RouteHandler<Orgs['changeMemberRole']> = async (c) => {
  const { orgId, userId } = c.req.valid('param');
  return member(await orgsOf(c).changeRole(orgId, userId, toDbRole(c.req.valid('json').role)));
};

/** DELETE /api/v1/auth/organizations/:orgId/members/:userId — the caller's own id leaves. */
export const removeMember: RouteHandler<Orgs['removeMember']> = async (c) => {
  const { orgId, userId } = c.req.valid('param');
  await orgsOf(c).removeMember(orgId, userId);
  return { message: 'Member removed' };
};

/** POST /api/v1/auth/organizations/:orgId/leave */
export const leaveOrganization: RouteHandler<Orgs['leaveOrganization']> = async (c) => {
  await orgs(c).leave(c.req.valid('param').orgId);
  return { message: 'Left the organization' };
};

/** POST /api/v1/auth/organizations/:orgId/transfer-ownership */
export const transferOwnership: RouteHandler<Orgs['transferOwnership']> = async (c) =>
  organization(await orgs(c).transfer(c.req.valid('param').orgId, c.req.valid('json').user_id));

/**
 * POST /api/v1/auth/organizations/:orgId/invitations — the database creates it (and its
 * audit row); then the email goes out through the configured provider.
 */
export const createInvitation: RouteHandler<Orgs['createInvitation']> = async (c) => {
  const { orgId } = c.req.valid('param');
  const { email, role = 'MEMBER' } = c.req.valid('json');
  const created = await orgsOf(c).invite(orgId, email, toDbRole(role));
  const delivered = await sendInvitation(
    c.var.config,
    {
      invitationId: created.id,
      to: created.email,
      organizationName: created.organization_name ?? 'an organization',
      role: toApiRole(created.role),
      inviterName: fullName(created.inviter_first_name, created.inviter_last_name) ?? created.inviter_email,
      expiresAt: created.expires_at,
    },
    c.var.requestId,
  );
  return {
    id: created.id,
    email: created.email,
    role: toApiRole(created.role),
    expires_at: created.expires_at,
    invited_by: created.invited_by,
    delivered,
  };
};

/** GET /api/v1/auth/organizations/:orgId/invitations */
export const listInvitations: RouteHandler<Orgs['listInvitations']> = async (c) =>
  (await orgsOf(c).invitations(c.req.valid('param').orgId)).map(invitation);

/** DELETE /api/v1/auth/organizations/:orgId/invitations/:invitationId */
export const revokeInvitation: RouteHandler<Orgs['revokeInvitation']> = async (c) => {
  const { orgId, invitationId } = c.req.valid('param');
  await orgsOf(c).revokeInvitation(orgId, invitationId);
  return { message: 'Invitation revoked' };
};

/** GET /api/v1/auth/organizations/:orgId/audit */
export const listAudit: RouteHandler<Orgs['listAudit']> = async (c) => {
  const { limit = 50, before } = c.req.valid('query');
  return (await orgsOf(c).audit(c.req.valid('param').orgId, limit, before)).map((row) => ({
    ...row,
    actor:
      row.actor_type === 'api_key'
        ? { type: 'api_key' as const, id: row.actor_key_id ?? null, name: row.actor_name ?? null }
        : { type: 'user' as const, id: row.actor_id, name: row.actor_name ?? null },
  }));
};
