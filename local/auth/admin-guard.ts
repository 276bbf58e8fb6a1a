/**
 * The check in front of every admin route (`/admin/users...`, `/admin/generate_link`,
 * `/invite`), as GoTrue's `requireAdminCredentials`: a bearer JWT whose `role` is
 * `service_role` (or `supabase_admin`). No token is 401 `no_authorization`, a bad one
 * 403 `bad_jwt`, any other role (the anon key) 403 `not_admin` "User not allowed".
 */
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AuthDeps } from './context.ts';
import { AuthError, forbidden } from './errors.ts';
import { bearerToken } from './request.ts';
import { verifyJwt } from './tokens.ts';

const ADMIN_ROLES = ['service_role', 'supabase_admin'];

/**
 * Middleware that lets only admin tokens through. It is put on each admin route rather
 * than on `/admin/*`, so that an unknown path or method still answers GoTrue's 404/405.
 *
 * ```ts
 * const admin = requireAdmin(ctx.deps);
 * app.get('/admin/users', admin, (c) => listUsers(ctx, c));
 * ```
 */
export function requireAdmin(deps: AuthDeps): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    const token = bearerToken(c);
    if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    const claims = await verifyJwt(deps, token);
    if (typeof claims.role !== 'string' || !ADMIN_ROLES.includes(claims.role)) throw forbidden('not_admin', 'User not allowed');
    await next();
  });
}
