/**
 * Handlers of the organization routes. Each makes one RPC call: with the caller's own
 * token (row-level security decides what comes back), or — for the service-role key on
 * GET /users/:userId/organizations — `admin_list_user_organizations` through the service
 * database client, which sees every membership. Roles come back lowercase from the database and are answered UPPERCASE.
 */
import { serviceClient, userClient } from '../../supabase/clients.ts';
import {
  adminListUserOrganizations,
  listMyOrganizations as listMine,
  listUserOrganizations as listOfUser,
  type OrganizationRow,
} from '../../supabase/rpc.ts';
import type { RouteHandler } from '../registry.ts';
import type { organizationsContracts } from './contract.ts';

type Orgs = typeof organizationsContracts;

function item(row: OrganizationRow) {
  return {
    id: row.id,
    name: row.name,
    is_personal_account: row.is_personal_account,
    role: row.role.toUpperCase() as Uppercase<OrganizationRow['role']>,
  };
}

/** GET /api/v1/auth/organizations */
export const listMyOrganizations: RouteHandler<Orgs['listMyOrganizations']> = async (c) => {
  return (await listMine(userClient(c))).map(item);
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
