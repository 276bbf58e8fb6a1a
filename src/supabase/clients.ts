/**
 * Per-request Supabase clients. A client is built for each request and never shared:
 * supabase-js keeps auth state inside the client, so a shared one that signs someone in
 * would leak that identity into the next request. Only the two parts of supabase-js the
 * worker uses are built — its auth client (`AuthClient`, GoTrue) and its PostgREST client —
 * not realtime, storage or functions: a whole `createClient` costs about twice the CPU per
 * request and most of the bundle. Four kinds, never mixed:
 * - {@link anonClient}: anon key; sign-in style calls (sign up, password, refresh, recover).
 *   Forwards the caller's IP (`X-Forwarded-For`) so GoTrue's per-IP rate limits apply to
 *   the real client, not to the worker.
 * - {@link userClient}: PostgREST with the caller's verified access token, so Postgres
 *   row-level security sees that user.
 * - {@link adminClient}: auth with the service-role key, only for `auth.admin.*`.
 * - {@link serviceRpcClient}: PostgREST with the service-role key, only for the
 *   service-only database functions (admin routes, and the password reset the worker
 *   performs).
 * Every client fetches through the bounded {@link createUpstreamFetch}.
 */
import { PostgrestClient } from '@supabase/postgrest-js';
import { AuthClient } from '@supabase/supabase-js';
import type { Config } from '../env.ts';
import { ApiError } from '../http/errors.ts';
import type { AuthState } from '../auth/types.ts';
import { createUpstreamFetch } from './fetch.ts';

/** What the client helpers need from the request context (a Hono `Context` fits). */
export interface ClientScope {
  var: { config: Config; auth?: AuthState | undefined };
  req: { header(name: string): string | undefined };
}

/** A client for Supabase Auth calls: `client.auth.signInWithPassword(...)`, `client.auth.admin.*`. */
export interface AuthOnlyClient {
  auth: InstanceType<typeof AuthClient>;
}

/** A PostgREST client: `client.rpc('function', args)`. */
export type RpcClient = PostgrestClient;

function authClient(config: Config, key: string, headers: Record<string, string> = {}): AuthOnlyClient {
  return {
    auth: new AuthClient({
      url: `${config.supabaseUrl}/auth/v1`,
      headers: { apikey: key, Authorization: `Bearer ${key}`, ...headers },
      fetch: createUpstreamFetch(config.upstreamTimeoutMs),
      persistSession: false,
      autoRefreshToken: false,
      detectSessionInUrl: false,
    }),
  };
}

function rpcClient(config: Config, key: string, bearer: string): RpcClient {
  return new PostgrestClient(`${config.supabaseUrl}/rest/v1`, {
    headers: { apikey: key, Authorization: `Bearer ${bearer}` },
    fetch: createUpstreamFetch(config.upstreamTimeoutMs),
  });
}

/**
 * A client with the anon key, for sign-in style calls. Forwards `CF-Connecting-IP` as
 * `X-Forwarded-For`.
 *
 * @example
 * const data = await unwrap(anonClient(c).auth.signInWithPassword({ email, password }));
 */
export function anonClient(c: ClientScope): AuthOnlyClient {
  const ip = c.req.header('CF-Connecting-IP');
  return authClient(c.var.config, c.var.config.anonKey, ip ? { 'X-Forwarded-For': ip } : {});
}

/**
 * A PostgREST client acting as the verified user: their access token goes in
 * `Authorization`, so RLS applies. `token` defaults to the token verified by `requireUser`.
 *
 * @throws ApiError AUTH_REQUIRED when there is no verified user and no token is given.
 * @example
 * const rows = await unwrap(userClient(c).rpc('list_my_organizations'));
 */
export function userClient(c: ClientScope, token?: string): RpcClient {
  const auth = c.var.auth;
  const accessToken = token ?? (auth?.kind === 'user' ? auth.token : undefined);
  if (!accessToken) throw new ApiError('AUTH_REQUIRED');
  return rpcClient(c.var.config, c.var.config.anonKey, accessToken);
}

/**
 * An auth client with the service-role key, for `auth.admin.*` only.
 *
 * @example
 * const { user } = await unwrap(adminClient(c).auth.admin.getUserById(id));
 */
export function adminClient(c: ClientScope): AuthOnlyClient {
  return authClient(c.var.config, c.var.config.serviceRoleKey);
}

/**
 * A PostgREST client with the service-role key (row-level security bypassed), for the
 * database functions only `service_role` may execute.
 *
 * @example
 * const pending = await isResetTokenPending(serviceRpcClient(c), tokenHash);
 */
export function serviceRpcClient(c: ClientScope): RpcClient {
  return rpcClient(c.var.config, c.var.config.serviceRoleKey, c.var.config.serviceRoleKey);
}
