/**
 * A test-only route for upstream.test.ts that calls PostgREST the way the real user routes
 * do: as the verified caller (`userClient(c)`, the caller's own access token), against the
 * real stand-in. It calls `admin_get_organization`, which only `service_role` may execute,
 * so the stand-in answers with PostgREST's real 403 `42501` ("permission denied for
 * function …"). Mounted with createApp({ routes: userRpcRoutes }).
 */
import * as z from 'zod/mini';
import { defineGroup, implementGroup, type RouteHandler } from '../../../src/routes/registry.ts';
import { userClient } from '../../../src/supabase/clients.ts';
import { unwrap } from '../../../src/supabase/errors.ts';

const contracts = defineGroup(
  { tag: 'test', basePath: '/t/user-rpc' },
  {
    // Calls a service-role-only database function as the user
    serviceOnly: {
      method: 'get',
      path: '/service-only',
      auth: 'user',
      success: { status: 200, description: 'never, for a user', data: z.unknown() },
      errors: [],
    },
  },
);

const serviceOnly: RouteHandler<(typeof contracts)['serviceOnly']> = async (c) =>
  unwrap(userClient(c).rpc('admin_get_organization', { p_organization_id: crypto.randomUUID() }));

/** The route above, mountable with createApp({ routes: userRpcRoutes }). */
export const userRpcRoutes = implementGroup(contracts, { serviceOnly });

/** Its path. */
export const SERVICE_ONLY_RPC_PATH = '/t/user-rpc/service-only';
