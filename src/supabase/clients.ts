/**
 * Per-request Supabase clients. A client is built for each request and never shared:
 * supabase-js keeps auth state inside the client, so a shared one that signs someone in
 * would leak that identity into the next request. Three kinds, never mixed:
 * - {@link anonClient}: anon key; sign-in style calls (sign up, password, refresh, recover).
 *   Forwards the caller's IP (`X-Forwarded-For`) so GoTrue's per-IP rate limits apply to
 *   the real client, not to the worker.
 * - {@link userClient}: the caller's verified access token as `Authorization`, so Postgres
 *   row-level security sees that user (PostgREST RPC and table reads).
 * - {@link adminClient}: the service-role key; only for `auth.admin.*` and the service-only
 *   database functions, on admin routes and the password reset the worker performs.
 * Every client fetches through the bounded {@link createUpstreamFetch}.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Config } from '../env.ts';
import { ApiError } from '../http/errors.ts';
import type { AuthState } from '../auth/types.ts';
import { createUpstreamFetch } from './fetch.ts';

/** What the client helpers need from the request context (a Hono `Context` fits). */
export interface ClientScope {
  var: { config: Config; auth?: AuthState | undefined };
  req: { header(name: string): string | undefined };
}

function build(config: Config, key: string, headers: Record<string, string>): SupabaseClient {
  return createClient(config.supabaseUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: createUpstreamFetch(config.upstreamTimeoutMs), headers },
  });
}

/**
 * A client with the anon key, for sign-in style calls. Forwards `CF-Connecting-IP` as
 * `X-Forwarded-For`.
 *
 * @example
 * const data = await unwrap(anonClient(c).auth.signInWithPassword({ email, password }));
 */
export function anonClient(c: ClientScope): SupabaseClient {
  const ip = c.req.header('CF-Connecting-IP');
  return build(c.var.config, c.var.config.anonKey, ip ? { 'X-Forwarded-For': ip } : {});
}

/**
 * A client acting as the verified user: their access token goes in `Authorization`, so
 * RLS applies. `token` defaults to the token verified by `requireUser`.
 *
 * @throws ApiError AUTH_REQUIRED when there is no verified user and no token is given.
 * @example
 * const rows = await unwrap(userClient(c).rpc('list_my_organizations'));
 */
export function userClient(c: ClientScope, token?: string): SupabaseClient {
  const auth = c.var.auth;
  const accessToken = token ?? (auth?.kind === 'user' ? auth.token : undefined);
  if (!accessToken) throw new ApiError('AUTH_REQUIRED');
  return build(c.var.config, c.var.config.anonKey, { Authorization: `Bearer ${accessToken}` });
}

/**
 * A client with the service-role key. Bypasses RLS: use only for `auth.admin.*`.
 *
 * @example
 * const { user } = await unwrap(adminClient(c).auth.admin.getUserById(id));
 */
export function adminClient(c: ClientScope): SupabaseClient {
  return build(c.var.config, c.var.config.serviceRoleKey, {});
}
