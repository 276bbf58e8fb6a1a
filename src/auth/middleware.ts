/**
 * The three guards of protected routes. Each reads `Authorization: Bearer <token>` strictly
 * and sets a typed `c.var.auth`:
 * - {@link requireUser}: a locally verified user access token → `UserAuth`.
 * - {@link requireService}: the secret key (`sb_secret_…`, or the legacy service_role JWT),
 *   constant-time compared → `ServiceAuth`.
 * - {@link requireUserOrService}: either of the two.
 * No credential → 401 AUTH_REQUIRED. A credential that is present but wrong is never
 * treated as anonymous: 401 TOKEN_INVALID / TOKEN_EXPIRED for user routes, 403 FORBIDDEN
 * for service routes. Routes declared in the registry get the right guard from their
 * `auth` field; use these directly only outside the registry.
 */
import { createMiddleware } from 'hono/factory';
import type { Bindings, Config } from '../env.ts';
import type { AppVariables, KeyAuth, ServiceAuth, UserAuth } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { limitApiKey } from '../http/rate-limit.ts';
import { BEARER_CHALLENGE, INVALID_TOKEN_CHALLENGE, readBearer } from './bearer.ts';
import { secretsEqual } from './constant-time.ts';
import { verifyAccessToken } from './verify-token.ts';

/** Hono env of a route guarded by {@link requireUser}. */
export interface UserEnv {
  Bindings: Bindings;
  Variables: AppVariables & { auth: UserAuth };
}
/** Hono env of a route guarded by {@link requireService}. */
export interface ServiceEnv {
  Bindings: Bindings;
  Variables: AppVariables & { auth: ServiceAuth };
}
/** Hono env of a route guarded by {@link requireUserOrService}. */
export interface UserOrServiceEnv {
  Bindings: Bindings;
  Variables: AppVariables & { auth: UserAuth | ServiceAuth };
}
/** Hono env of a route guarded by {@link requireUserOrKey}. */
export interface UserOrKeyEnv {
  Bindings: Bindings;
  Variables: AppVariables & { auth: UserAuth | KeyAuth };
}

/** Organization API keys start so (integrations.md). */
const API_KEY_PREFIX = 'eak_';

/** A key on a route keys may not use (a user route, ownership transfer, deletion): 403, never "invalid token". */
function keyNotAllowed(): ApiError {
  return new ApiError('FORBIDDEN', { message: 'An API key cannot call this route' });
}

/** Hex SHA-256 of an API key: all the worker ever keeps or sends of it. */
async function keyHash(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function authRequired(): ApiError {
  return new ApiError('AUTH_REQUIRED', { headers: { 'WWW-Authenticate': BEARER_CHALLENGE } });
}

function malformed(): ApiError {
  return new ApiError('TOKEN_INVALID', {
    cause: new Error('malformed Authorization header'),
    headers: { 'WWW-Authenticate': INVALID_TOKEN_CHALLENGE },
  });
}

/**
 * A 401 raised further down a bearer route (the session check in the database, a gone
 * user) carries the RFC 6750 challenge too, like the guards' own.
 */
function addChallenge(res: Response): void {
  if (res.status === 401 && !res.headers.has('WWW-Authenticate')) res.headers.set('WWW-Authenticate', INVALID_TOKEN_CHALLENGE);
}

/**
 * Whether `token` is one of the service credentials (the secret key, or the legacy
 * service_role JWT where configured), each compared in constant time.
 */
async function isServiceCredential(token: string, config: Config): Promise<boolean> {
  const matches = await Promise.all(config.keys.serviceCredentials.map((key) => secretsEqual(token, key)));
  return matches.includes(true);
}

/**
 * Verifies `token` as a user access token and returns the caller.
 *
 * @throws ApiError TOKEN_INVALID / TOKEN_EXPIRED (or 503/502 when the JWKS is unreachable).
 */
async function authenticateUser(token: string, config: Config): Promise<UserAuth> {
  const claims = await verifyAccessToken(token, config);
  return {
    kind: 'user',
    userId: claims.sub,
    email: claims.email ?? null,
    sessionId: claims.session_id,
    claims,
    token,
  };
}

/**
 * Requires a valid user access token; sets `c.var.auth: UserAuth`.
 *
 * @example
 * app.get('/me', requireUser, (c) => c.json({ id: c.var.auth.userId }));
 */
export const requireUser = createMiddleware<UserEnv>(async (c, next) => {
  const credential = readBearer(c.req.header('Authorization'));
  if (credential.kind === 'missing') throw authRequired();
  if (credential.kind === 'malformed') throw malformed();
  if (credential.token.startsWith(API_KEY_PREFIX)) throw keyNotAllowed();
  c.set('auth', await authenticateUser(credential.token, c.var.config));
  await next();
  addChallenge(c.res);
});

/**
 * Requires the service-role key as bearer; sets `c.var.auth: { kind: 'service' }`.
 * Missing → 401 AUTH_REQUIRED; anything else (user token, anon key) → 403 FORBIDDEN.
 */
export const requireService = createMiddleware<ServiceEnv>(async (c, next) => {
  const credential = readBearer(c.req.header('Authorization'));
  if (credential.kind === 'missing') throw authRequired();
  const isService = credential.kind === 'token' && (await isServiceCredential(credential.token, c.var.config));
  if (!isService) throw new ApiError('FORBIDDEN', { message: 'This route requires the service credential' });
  c.set('auth', { kind: 'service' });
  await next();
  addChallenge(c.res);
});

/**
 * Accepts the service-role key (service mode) or else a valid user access token.
 * Sets `c.var.auth: UserAuth | ServiceAuth`; narrow on `c.var.auth.kind`.
 */
export const requireUserOrService = createMiddleware<UserOrServiceEnv>(async (c, next) => {
  const credential = readBearer(c.req.header('Authorization'));
  if (credential.kind === 'missing') throw authRequired();
  if (credential.kind === 'malformed') throw malformed();
  if (credential.token.startsWith(API_KEY_PREFIX)) throw keyNotAllowed();
  if (await isServiceCredential(credential.token, c.var.config)) {
    c.set('auth', { kind: 'service' });
  } else {
    c.set('auth', await authenticateUser(credential.token, c.var.config));
  }
  await next();
  addChallenge(c.res);
});

/**
 * Accepts an organization API key (`Bearer eak_…`: its hash, checked by the database on
 * every call, counted against the key's rate limit) or else a valid user access token.
 * Sets `c.var.auth: UserAuth | KeyAuth`.
 */
export const requireUserOrKey = createMiddleware<UserOrKeyEnv>(async (c, next) => {
  const credential = readBearer(c.req.header('Authorization'));
  if (credential.kind === 'missing') throw authRequired();
  if (credential.kind === 'malformed') throw malformed();
  if (credential.token.startsWith(API_KEY_PREFIX)) {
    const hash = await keyHash(credential.token);
    await limitApiKey(c.env, hash);
    c.set('auth', { kind: 'key', keyHash: hash });
  } else {
    c.set('auth', await authenticateUser(credential.token, c.var.config));
  }
  await next();
  addChallenge(c.res);
});
