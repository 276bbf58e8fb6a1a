/**
 * Contracts of the organization routes under `/api/v1/auth`: the caller's organizations
 * and the organizations of a given user as far as the caller may see them (document 000),
 * and running organizations — create, rename, delete, members, roles, leave, transfer,
 * invitations, audit (spec/organizations.md). Every rule is decided by Postgres (row-level
 * security and the functions of supabase/migrations), with the caller's own token; an
 * organization the caller is not a member of is 404 on every route. Roles are UPPERCASE
 * here, as document 000 shows. Pure data: the OpenAPI generator imports it.
 */
import * as z from 'zod/mini';
import { emailSchema, isoDateSchema, organizationNameSchema, requiredString, uuidSchema } from '../../http/schemas.ts';
import { defineGroup } from '../registry.ts';

export const upperRole = z.enum(['OWNER', 'ADMIN', 'MEMBER']).check(z.describe("The user's role in the organization"));
/** A role in a request: any letter case. */
const roleInput = z.pipe(
  requiredString().check(z.toUpperCase()),
  z.enum(['OWNER', 'ADMIN', 'MEMBER'], { error: 'must be one of OWNER, ADMIN, MEMBER' }),
);
/** `a-z0-9-`, 3–48 characters. */
const slugSchema = requiredString().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^[a-z0-9](?:[a-z0-9-]{1,46})[a-z0-9]$/, 'must be 3-48 characters of a-z, 0-9 and -, not starting or ending with -'),
  z.describe('URL name: 3–48 characters of a-z, 0-9 and -, unique'),
);
const orgParams = z.object({ orgId: uuidSchema.check(z.describe('The organization id (UUID)')) });
const memberParams = z.object({ orgId: uuidSchema, userId: uuidSchema.check(z.describe('The member’s user id (UUID)')) });
const invitationParams = z.object({ orgId: uuidSchema, invitationId: uuidSchema.check(z.describe('The invitation id (UUID)')) });
/** A whole number in a query string, with bounds. */
const queryInt = (min: number, max: number, description: string) =>
  z.optional(
    z.pipe(
      requiredString().check(z.regex(/^\d{1,12}$/, 'must be a whole number'), z.describe(description)),
      z.pipe(
        z.transform((value: string) => Number(value)),
        z.number().check(z.minimum(min, `must be at least ${min}`), z.maximum(max, `must be at most ${max}`)),
      ),
    ),
  );

/** An organization as its members see it. */
export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.nullable(z.string()),
  plan: z.string(),
  is_personal_account: z.boolean(),
  require_mfa: z.boolean().check(z.describe('Members need a verified second factor (an aal2 token) for anything of it')),
  role: upperRole,
  member_count: z.number(),
  created_at: isoDateSchema,
});

/** A member of an organization. */
const memberSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  first_name: z.nullable(z.string()),
  last_name: z.nullable(z.string()),
  role: upperRole,
  joined_at: isoDateSchema,
});

/** An invitation of an organization. */
const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: upperRole,
  invited_by: z.nullable(z.string()),
  inviter_email: z.nullable(z.string()),
  created_at: isoDateSchema,
  expires_at: isoDateSchema,
});

/** An audit entry. */
const auditSchema = z.object({
  id: z.number(),
  action: z.string(),
  actor_id: z.nullable(z.string()).check(z.describe('The acting user (null for an API key)')),
  actor: z.object({
    type: z.enum(['user', 'api_key']),
    id: z.nullable(z.string()),
    name: z.nullable(z.string()).check(z.describe("The user's email or the key's name")),
  }),
  target_user_id: z.nullable(z.string()),
  target_email: z.nullable(z.string()),
  details: z.record(z.string(), z.unknown()),
  created_at: isoDateSchema,
});

export const done = (what: string) => z.object({ message: z.literal(what) });

/** The fields GET /organizations and GET /users/:userId/organizations share. */
const organizationItemBase = {
  id: z.string(),
  name: z.string(),
  is_personal_account: z.boolean(),
  role: upperRole,
};

/** One item of GET /organizations. */
const organizationItemSchema = z.object({
  ...organizationItemBase,
  mfa_required: z.boolean().check(z.describe('The organization requires a second factor: below aal2 its routes answer 403 MFA_REQUIRED')),
});

/** One item of GET /users/:userId/organizations. */
const userOrganizationItemSchema = z.object({
  ...organizationItemBase,
  user_id: z.string().check(z.describe('The user whose membership this is')),
  requested_by: z.nullable(z.string()).check(z.describe('Id of the requesting user; null when called with the service key')),
});

/** The organizations route contracts. */
export const organizationsContracts = defineGroup(
  { tag: 'organizations', basePath: '/api/v1/auth' },
  {
    listMyOrganizations: {
      method: 'get',
      path: '/organizations',
      auth: 'user',
      success: { status: 200, description: 'Retrieved N organizations', data: z.array(organizationItemSchema), list: true },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listUserOrganizations: {
      method: 'get',
      path: '/users/:userId/organizations',
      auth: 'userOrService',
      params: z.object({ userId: uuidSchema.check(z.describe('The user id (UUID)')) }),
      success: { status: 200, description: 'Retrieved N organizations for user', data: z.array(userOrganizationItemSchema), list: true },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    createOrganization: {
      method: 'post',
      path: '/organizations',
      auth: 'user',
      body: z.object({ name: organizationNameSchema, slug: z.optional(slugSchema) }),
      success: { status: 201, description: 'Organization created', data: organizationSchema },
      errors: ['CONFLICT', 'LIMIT_REACHED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    getOrganization: {
      method: 'get',
      path: '/organizations/:orgId',
      auth: 'userOrKey',
      params: orgParams,
      success: { status: 200, description: 'Organization retrieved', data: organizationSchema },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    updateOrganization: {
      method: 'patch',
      path: '/organizations/:orgId',
      auth: 'user',
      params: orgParams,
      body: z
        .object({ name: z.optional(organizationNameSchema), slug: z.optional(slugSchema), require_mfa: z.optional(z.boolean()) })
        .check(
          z.refine((body) => body.name !== undefined || body.slug !== undefined || body.require_mfa !== undefined, {
            message: 'must change name, slug or require_mfa',
          }),
        ),
      success: { status: 200, description: 'Organization updated', data: organizationSchema },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    deleteOrganization: {
      method: 'delete',
      path: '/organizations/:orgId',
      auth: 'user',
      params: orgParams,
      success: { status: 200, description: 'Organization deleted', data: done('Organization deleted') },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listMembers: {
      method: 'get',
      path: '/organizations/:orgId/members',
      auth: 'userOrKey',
      params: orgParams,
      query: z.object({
        limit: queryInt(1, 200, 'Members per page, 1–200 (default 50)'),
        offset: queryInt(0, 1_000_000, 'Members to skip (default 0)'),
      }),
      success: { status: 200, description: 'Retrieved N members', data: z.array(memberSchema), list: true },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    changeMemberRole: {
      method: 'patch',
      path: '/organizations/:orgId/members/:userId',
      auth: 'userOrKey',
      params: memberParams,
      body: z.object({ role: roleInput }),
      success: { status: 200, description: 'Member updated', data: memberSchema },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'LAST_OWNER', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    removeMember: {
      method: 'delete',
      path: '/organizations/:orgId/members/:userId',
      auth: 'userOrKey',
      params: memberParams,
      success: { status: 200, description: 'Member removed', data: done('Member removed') },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'LAST_OWNER', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    leaveOrganization: {
      method: 'post',
      path: '/organizations/:orgId/leave',
      auth: 'user',
      params: orgParams,
      success: { status: 200, description: 'Left the organization', data: done('Left the organization') },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'LAST_OWNER', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    transferOwnership: {
      method: 'post',
      path: '/organizations/:orgId/transfer-ownership',
      auth: 'user',
      params: orgParams,
      body: z.object({ user_id: uuidSchema.check(z.describe('A current member')) }),
      success: { status: 200, description: 'Ownership transferred', data: organizationSchema },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    createInvitation: {
      method: 'post',
      path: '/organizations/:orgId/invitations',
      auth: 'userOrKey',
      params: orgParams,
      body: z.object({ email: emailSchema, role: z.optional(roleInput) }),
      success: {
        status: 201,
        description: 'Invitation created',
        data: z.object({
          id: z.string(),
          email: z.string(),
          role: upperRole,
          expires_at: isoDateSchema,
          invited_by: z.nullable(z.string()),
          delivered: z.boolean().check(z.describe('Whether the invitation email was sent')),
        }),
      },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'LIMIT_REACHED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listInvitations: {
      method: 'get',
      path: '/organizations/:orgId/invitations',
      auth: 'userOrKey',
      params: orgParams,
      success: { status: 200, description: 'Retrieved N invitations', data: z.array(invitationSchema), list: true },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    revokeInvitation: {
      method: 'delete',
      path: '/organizations/:orgId/invitations/:invitationId',
      auth: 'userOrKey',
      params: invitationParams,
      success: { status: 200, description: 'Invitation revoked', data: done('Invitation revoked') },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listAudit: {
      method: 'get',
      path: '/organizations/:orgId/audit',
      auth: 'userOrKey',
      params: orgParams,
      query: z.object({
        limit: queryInt(1, 200, 'Entries per page, 1–200 (default 50)'),
        before: queryInt(1, Number.MAX_SAFE_INTEGER, 'Only entries older than this id'),
      }),
      success: { status: 200, description: 'Retrieved N audit entries', data: z.array(auditSchema), list: true },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
  },
);
