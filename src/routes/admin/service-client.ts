/**
 * The database client of service routes: PostgREST RPC with the service-role key, so the
 * call runs as `service_role` (row-level security bypassed; the admin functions are
 * executable by that role only). It exists beside src/supabase/clients.ts, whose
 * `adminClient` is reserved for `auth.admin.*`, and it refuses to be built unless the
 * request was authenticated with the service credential: the service key never runs a
 * query on behalf of a user's request.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { ApiError } from '../../http/errors.ts';
import type { ClientScope } from '../../supabase/clients.ts';
import { createUpstreamFetch } from '../../supabase/fetch.ts';

/**
 * A per-request PostgREST client acting as `service_role`.
 *
 * @throws ApiError INTERNAL_ERROR when the request was not authenticated as the service
 *   (a programming error: only `service` / `userOrService` routes in service mode may call it).
 * @example
 * const rows = await listUserOrganizations(serviceDbClient(c), userId); // every membership
 */
export function serviceDbClient(c: ClientScope): SupabaseClient {
  if (c.var.auth?.kind !== 'service') {
    throw new ApiError('INTERNAL_ERROR', { cause: new Error('serviceDbClient used without the service credential') });
  }
  const { supabaseUrl, serviceRoleKey, upstreamTimeoutMs } = c.var.config;
  return createClient(supabaseUrl, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: createUpstreamFetch(upstreamTimeoutMs) },
  });
}
