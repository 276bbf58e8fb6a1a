/**
 * The database client of service-mode requests: PostgREST RPC with the service-role key,
 * so the call runs as `service_role` (row-level security bypassed; the admin functions are
 * executable by that role only). It is src/supabase/clients.ts's `serviceRpcClient` behind one
 * more guard: it refuses to be built unless this request was authenticated with the
 * service credential, so the service key never runs a query on behalf of a user's request
 * (e.g. on GET /users/:userId/organizations, which also serves user tokens).
 */
import { ApiError } from '../../http/errors.ts';
import { serviceRpcClient, type ClientScope, type RpcClient } from '../../supabase/clients.ts';

/**
 * A per-request PostgREST client acting as `service_role`.
 *
 * @throws ApiError INTERNAL_ERROR when the request was not authenticated as the service
 *   (a programming error: only `service` routes, or `userOrService` ones in service mode, may call it).
 * @example
 * const rows = await listUserOrganizations(serviceDbClient(c), userId); // every membership
 */
export function serviceDbClient(c: ClientScope): RpcClient {
  if (c.var.auth?.kind !== 'service') {
    throw new ApiError('INTERNAL_ERROR', { cause: new Error('serviceDbClient used without the service credential') });
  }
  return serviceRpcClient(c);
}
