/**
 * The API gateway's part in authentication: rule 2 below is the Supabase CLI's Kong (the
 * `request-transformer` expression that `internal/start/start.go` writes into kong.yml);
 * rules 1 and 3 are what hosted Supabase's gateway adds (the CLI's Kong checks no key and
 * passes every header on). For every request but the open routes (email links, key
 * discovery):
 *
 * 1. `apikey` (header, else query parameter) must be a known key: the secret or the
 *    publishable key, or a legacy JWT of role anon or service_role (HS256 with the JWT
 *    secret, or signed with a project signing key). None is 401 "No API key found in
 *    request"; anything else — an unknown `sb_…` key included — 401 "Invalid
 *    authentication credentials".
 * 2. `Authorization` is kept, unless it is `Bearer sb_…` (what supabase-js sends when
 *    built from an API key): that one is dropped, since an API key is no JWT. With no
 *    Authorization left, the secret key stands for the service_role JWT and the
 *    publishable key for the anon JWT; a legacy key adds nothing (the auth server never
 *    read it, PostgREST falls back to it). So a user's access token, when there is one,
 *    decides the role, whatever the key.
 * 3. `Sb-Forwarded-For` reaches the services only on requests made with the secret key
 *    (hosted Supabase's rule for IP address forwarding; whether the auth server then
 *    trusts it is `auth.ipForwarding`, see auth/request.ts).
 *
 * The open routes get no apikey check and their Authorization is left alone, as the
 * CLI's kong.yml leaves it; the Sb-Forwarded-For rule applies to them too.
 */
import crypto from 'node:crypto';
import { HTTPException } from 'hono/http-exception';
import type { KeySet } from './keys.ts';

/** Paths under which the gateway asks for no apikey (email links, key discovery). */
const OPEN_PATHS = [/^\/auth\/v1\/verify$/, /^\/auth\/v1\/callback$/, /^\/auth\/v1\/authorize$/, /^\/auth\/v1\/\.well-known\/jwks\.json$/];

/** What kind of key a request was made with. */
type ApiKeyKind = 'secret' | 'publishable' | 'legacy';

/** Compares two strings in time that does not depend on where they differ. */
function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Classifies an `apikey` value: the secret or publishable key, or a legacy JWT whose
 * role is anon or service_role. Throws a 401 `HTTPException` (message as Kong words it)
 * for anything else.
 *
 * @example
 * await apiKeyKind(keys, 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz'); // 'secret'
 */
async function apiKeyKind(keys: KeySet, apikey: string): Promise<ApiKeyKind> {
  if (sameKey(apikey, keys.secretKey)) return 'secret';
  if (sameKey(apikey, keys.publishableKey)) return 'publishable';
  const invalid = new HTTPException(401, { message: 'Invalid authentication credentials' });
  if (apikey.startsWith('sb_')) throw invalid;
  try {
    const claims = await keys.verify(apikey);
    if (claims.role === 'anon' || claims.role === 'service_role') return 'legacy';
  } catch {
    /* not a key of this project */
  }
  throw invalid;
}

/**
 * Applies the gateway's rules (see the module comment) to `request`: resolves to the
 * request the services see, with its headers rewritten, or throws a 401
 * `HTTPException` whose message is the body's `message`.
 *
 * @example
 * const passed = await admit(c.req.raw, keys); // then services.fetch(passed, c.env)
 */
export async function admit(request: Request, keys: KeySet): Promise<Request> {
  const url = new URL(request.url);
  const open = OPEN_PATHS.some((re) => re.test(url.pathname));
  const apikey = request.headers.get('apikey') ?? url.searchParams.get('apikey');
  let kind: ApiKeyKind | null = null;
  if (apikey) {
    try {
      kind = await apiKeyKind(keys, apikey);
    } catch (err) {
      if (!open) throw err;
    }
  } else if (!open) {
    throw new HTTPException(401, { message: 'No API key found in request' });
  }

  const headers = new Headers(request.headers);
  if (kind !== 'secret') headers.delete('sb-forwarded-for');
  if (!open) {
    if (headers.get('authorization')?.startsWith('Bearer sb_')) headers.delete('authorization');
    if (!headers.has('authorization')) {
      if (kind === 'secret') headers.set('authorization', `Bearer ${keys.serviceRoleKey}`);
      if (kind === 'publishable') headers.set('authorization', `Bearer ${keys.anonKey}`);
    }
  }
  return new Request(request, { headers });
}
