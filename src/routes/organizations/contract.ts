/**
 * Contracts of the organization routes under `/api/v1/auth` (document 000): the caller's
 * organizations, and the organizations of a given user as far as the caller may see them.
 * What is visible is decided by Postgres row-level security, with the caller's own token;
 * only the service-role key sees every membership. Roles are UPPERCASE here, as document
 * 000 shows. Pure data: the OpenAPI generator imports it.
 */
import * as z from 'zod/mini';
import { uuidSchema } from '../../http/schemas.ts';
import { defineGroup } from '../registry.ts';

const upperRole = z.enum(['OWNER', 'ADMIN', 'MEMBER']).check(z.describe("The user's role in the organization"));

/** One item of GET /organizations. */
const organizationItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  is_personal_account: z.boolean(),
  role: upperRole,
});

/** One item of GET /users/:userId/organizations. */
const userOrganizationItemSchema = z.object({
  ...organizationItemSchema.shape,
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
      summary: "The caller's organizations",
      description:
        'Every organization the caller belongs to, with their role (OWNER, ADMIN, MEMBER), ordered by name then id. ' +
        'Always includes the personal organization ("Personal Account", OWNER). Message: `Retrieved N organizations`.',
      success: { status: 200, description: 'Retrieved N organizations', data: z.array(organizationItemSchema), list: true },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listUserOrganizations: {
      method: 'get',
      path: '/users/:userId/organizations',
      auth: 'userOrService',
      summary: 'The organizations of a user that the caller may see',
      description:
        "With a user's access token, row-level security decides, with that token: a membership of userId in organization O " +
        'is listed when the caller is userId or a member of O. With the service-role key every membership is listed and ' +
        '`requested_by` is null. An unknown (or invisible) user gives an empty list, never 404. Ordered by name then id. ' +
        'Message: `Retrieved N organizations for user`.',
      params: z.object({ userId: uuidSchema.check(z.describe('The user id (UUID)')) }),
      success: { status: 200, description: 'Retrieved N organizations for user', data: z.array(userOrganizationItemSchema), list: true },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
  },
);
