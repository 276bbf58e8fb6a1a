/**
 * Per-request Supabase clients. A client is built for each request and never shared:
 * supabase-js keeps auth state inside the client, so a shared one that signs someone in
 * would leak that identity into the next request. Only the two parts of supabase-js the
 * worker uses are built — its auth client (`AuthClient`, GoTrue) and its PostgREST client —
 * not realtime, storage or functions: a whole `createClient` costs about twice the CPU per
 * request and most of the bundle. Four kinds, never mixed:
 * - {@link publicAuthClient}: calls made for an anonymous end user (sign in, sign up,
 *   refresh, recover, verify, sign out with the user's own token), which Supabase
 *   rate-limits per client IP. With an `sb_secret_…` key they carry the secret key and
 *   `Sb-Forwarded-For: <CF-Connecting-IP>`, the only way hosted Supabase Auth takes the end
 *   user's IP from a server; with legacy keys, the anon key and `X-Forwarded-For`. Headers
 *   a client sent are never passed on.
 * - {@link userClient}: PostgREST with the caller's verified access token in
 *   `Authorization`, so Postgres row-level security sees that user (the `apikey` is the
 *   publishable key, or the secret key when that is the only key).
 * - {@link adminClient}: auth with the secret key, only for `auth.admin.*`.
 * - {@link serviceClient}: PostgREST as `service_role`, only for the `admin_*` database
 *   functions of service-mode requests (and the one service check of the password reset).
 * Keys travel only in `apikey`: the fetch door drops the `Authorization: Bearer sb_…` that
 * supabase-js adds (src/http/upstream.ts). Every client fetches through the bounded
 * {@link createUpstreamFetch}.
 */
import { PostgrestClient } from '@supabase/postgrest-js';
import { AuthClient } from '@supabase/supabase-js';
import type { Config } from '../env.ts';
import type { AuthState } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { createUpstreamFetch } from '../http/upstream.ts';

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
 * A client for calls made for an anonymous end user (see the module comment), with the
 * end user's IP forwarded the way the configured keys allow.
 *
 * @example
 * const data = await unwrap(publicAuthClient(c).auth.signInWithPassword({ email, password }));
 */
export function publicAuthClient(c: ClientScope): AuthOnlyClient {
  const { apikey, ...headers } = publicCallHeaders(c);
  return authClient(c.var.config, apikey, headers);
}

/**
 * The headers of a call made for an anonymous end user (see {@link publicAuthClient}): the
 * key in `apikey`, the end user's IP forwarded as the keys allow, their user agent.
 */
export function publicCallHeaders(c: ClientScope): { apikey: string } & Record<string, string> {
  const { keys } = c.var.config;
  const ip = c.req.header('CF-Connecting-IP');
  const userAgent = c.req.header('User-Agent');
  const headers: Record<string, string> = userAgent ? { 'User-Agent': userAgent } : {};
  if (ip) headers[keys.format === 'api-keys' ? 'Sb-Forwarded-For' : 'X-Forwarded-For'] = ip;
  return { ...headers, apikey: keys.format === 'api-keys' ? keys.secret : (keys.publishable ?? keys.secret) };
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
  const { keys } = c.var.config;
  return rpcClient(c.var.config, keys.publishable ?? keys.secret, accessToken);
}

/**
 * An auth client with the secret key, for `auth.admin.*` only.
 *
 * @example
 * const { user } = await unwrap(adminClient(c).auth.admin.getUserById(id));
 */
export function adminClient(c: ClientScope): AuthOnlyClient {
  return authClient(c.var.config, c.var.config.keys.secret);
}

/**
 * A PostgREST client acting as `service_role` (row-level security bypassed), for the
 * database functions only that role may execute. It refuses to be built for a request that
 * was not authenticated with the service credential, so the secret key never runs a query
 * on behalf of a user's request (GET /users/:userId/organizations serves both) — unless the
 * caller names the one place where the worker itself needs the service role on a public
 * route, with `{ forWorker: reason }`.
 *
 * @throws ApiError INTERNAL_ERROR when used on a request without the service credential
 *   and without a stated reason (a programming error).
 * @example
 * const rows = await adminListUserOrganizations(serviceClient(c), userId);
 * const pending = await isResetTokenPending(serviceClient(c, { forWorker: 'reset token status' }), hash);
 */
export function serviceClient(c: ClientScope, options: { forWorker?: string } = {}): RpcClient {
  // An organization API key acts through definer functions that receive its hash: the
  // database, not the worker, decides its organization and scopes.
  if (c.var.auth?.kind !== 'service' && c.var.auth?.kind !== 'key' && !options.forWorker) {
    throw new ApiError('INTERNAL_ERROR', { cause: new Error('serviceClient used without the service credential') });
  }
  const { secret } = c.var.config.keys;
  return rpcClient(c.var.config, secret, secret);
}
