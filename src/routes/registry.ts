/**
 * The route contract registry: every endpoint is declared ONCE, as data, and both the
 * router ({@link mountRoutes}) and the OpenAPI generator (src/openapi/generate.ts) read that
 * declaration. A route group is three files:
 *
 * - `routes/<group>/contract.ts` — zod/mini schemas and one {@link defineGroup} call: the
 *   group's tag and base path once, then its routes (pure data: no handlers, no Supabase, so
 *   the build-time OpenAPI script can import it);
 * - `routes/<group>/handlers.ts` — one {@link RouteHandler} per contract, reading input only
 *   through `c.req.valid('json' | 'query' | 'param')` and the caller through `c.var.auth`,
 *   and returning the `data` of its success schema (tsc checks it); the registry answers it
 *   with the contract's status, message and `count`;
 * - `routes/<group>/docs.ts` — the group's {@link RouteDocs}: each route's OpenAPI `summary`
 *   and `description`. Only the generator reads them, so they stay out of the worker bundle.
 *
 * Groups are listed once, in routes/contracts.ts; routes/index.ts pairs each with its
 * handlers and routes/docs.ts with its docs, and TypeScript refuses a group or a contract
 * without them. The registry adds, per route and in this order: the per-IP rate limit
 * (unauthenticated POST routes only, src/http/rate-limit.ts), the body guard (16 KiB, JSON
 * only), the guard for `auth` (`none` | `user` | `service` | `userOrService`), validators
 * for `params`, `query`, `body` (400 VALIDATION_ERROR), then the handler; plus 405 with
 * `Allow` for a known path called with another method. After adding or changing a route
 * or its docs run `npm run openapi` (a test fails while assets/api/v1/openapi.json is stale).
 *
 * @example
 * // routes/auth/contract.ts
 * export const authContracts = defineGroup({ tag: 'auth', basePath: '/api/v1/auth' }, {
 *   me: {
 *     method: 'get', path: '/me', auth: 'user',
 *     success: { status: 200, description: 'User retrieved', data: meSchema },
 *     errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
 *   },
 * });
 * // routes/auth/handlers.ts
 * export const me: RouteHandler<typeof authContracts.me> = async (c) => toMe(await getMyContext(userClient(c)));
 * // routes/auth/docs.ts
 * export const authDocs: RouteDocs<typeof authContracts> = {
 *   me: { summary: 'The signed-in user', description: 'With their default organization.' },
 * };
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { $ZodType, output } from 'zod/v4/core';
import { requireAssurance } from '../auth/assurance.ts';
import { requireService, requireUser, requireUserOrKey, requireUserOrService } from '../auth/middleware.ts';
import type { Bindings } from '../env.ts';
import { bodyGuard } from '../http/body.ts';
import { loadCommonPasswords } from '../http/common-passwords.ts';
import type { AppEnv, AppVariables, KeyAuth, ServiceAuth, UserAuth } from '../http/context.ts';
import { successResponse } from '../http/envelope.ts';
import { ApiError, type ErrorCode } from '../http/errors.ts';
import { publicRateLimit } from '../http/rate-limit.ts';
import { newPasswordSchema } from '../http/schemas.ts';
import { withSessionCookie } from '../http/session-cookie.ts';
import { validate } from '../http/validation.ts';

/** HTTP methods a route may use. */
type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: `none` (public), `user` (verified access token), `service` (the
 * service-role key), `userOrService` (either), `userOrKey` (a user or an organization API key).
 */
export type AuthKind = 'none' | 'user' | 'service' | 'userOrService' | 'userOrKey';

/**
 * A success answered with the JSON envelope. Its handler returns only the `data` (typed by
 * `data`); the registry adds `success`, the status and the message. `list` adds `count`:
 * `true` counts `data` itself (an array), a field name counts that array field of `data`.
 */
interface EnvelopeSuccess {
  status: 200 | 201;
  /** The envelope `message` (also the OpenAPI response description); in a list, `N` stands for the count. */
  description: string;
  data: $ZodType;
  list?: true | string;
}

/** A success answered with a raw document (the OpenAPI JSON, the HTML docs page). */
interface RawSuccess {
  status: 200;
  description: string;
  contentType: 'application/json' | 'text/html';
}

/**
 * The declaration of one endpoint: what the worker needs to serve it. Its documentation
 * (summary, description) is a {@link RouteDoc} of the group's docs.ts, for the generator only.
 */
export interface RouteContract {
  method: HttpMethod;
  /** Full path in Hono syntax, e.g. `/api/v1/users/:userId/organizations`. */
  path: `/${string}`;
  /** Group name, used as the OpenAPI tag. */
  tag: string;
  auth: AuthKind;
  /** JSON body schema (object). */
  body?: $ZodType;
  /** Query-string schema (object of strings). */
  query?: $ZodType;
  /** Path-parameter schema (object of strings, one key per `:param`). */
  params?: $ZodType;
  success: EnvelopeSuccess | RawSuccess;
  /**
   * Error codes specific to this route. Codes implied by the declaration are added by
   * {@link errorCodesOf}: validation/body codes, the auth guard's codes, INTERNAL_ERROR.
   */
  errors: readonly ErrorCode[];
  /** Statuses that differ from the error table for this route, e.g. `{ EMAIL_TAKEN: 401 }`. */
  errorStatus?: Partial<Record<ErrorCode, ContentfulStatusCode>>;
  /**
   * A user route that an `aal1` token may call even when the user has a verified second
   * factor (GET /me, the factor list, verify, recover, logout). Every other user route
   * answers such a token 403 MFA_REQUIRED (src/auth/assurance.ts).
   */
  aal1?: true;
}

/** A named set of contracts (one route group). */
export type ContractGroup = Record<string, RouteContract>;

/** One route of a group, before {@link defineGroup} adds the group's tag and base path. */
export type RouteSpec = Omit<RouteContract, 'tag' | 'path'> & { path: `/${string}` };

/** What {@link defineGroup} makes of a spec: the contract with its full path and tag. */
export type Contract<S extends RouteSpec> = Omit<S, 'path'> & { path: `/${string}`; tag: string };

/**
 * Refuses a key that a {@link RouteSpec} does not have (e.g. a `summary`, which belongs in
 * the group's docs.ts): `const` inference alone would let it through into the worker.
 */
type OnlyRouteSpec<S> = { [P in Exclude<keyof S, keyof RouteSpec>]: never };

/**
 * Declares a route group: its tag and base path once, then its routes with paths relative
 * to the base. Keeps the literal types, so handlers are checked against their contract.
 *
 * @example
 * export const metaContracts = defineGroup({ tag: 'meta', basePath: '/api/v1' }, {
 *   health: { method: 'get', path: '/health', auth: 'none',
 *     success: { status: 200, description: 'Service is healthy', data: healthDataSchema }, errors: [] },
 * });
 */
export function defineGroup<const G extends Record<string, RouteSpec>>(
  group: { tag: string; basePath: `/${string}` },
  specs: G & { [K in keyof G]: OnlyRouteSpec<G[K]> },
): { [K in keyof G]: Contract<G[K]> } {
  const contracts: Record<string, RouteContract> = {};
  for (const [name, spec] of Object.entries(specs)) {
    contracts[name] = { ...spec, tag: group.tag, path: `${group.basePath.replace(/\/+$/, '')}${spec.path}` as `/${string}` };
  }
  return contracts as { [K in keyof G]: Contract<G[K]> };
}

/**
 * The documentation of one route, read by the OpenAPI generator only (an operation's
 * `summary` and `description`): kept apart from its contract, and so out of the worker.
 */
export interface RouteDoc {
  /** One line: what the route does (API-key routes end it with `[key: <scope>]`). */
  summary: string;
  /** Rules, limits and answers beyond the summary (Markdown). */
  description?: string;
}

/** Exactly one {@link RouteDoc} per contract of a group: a missing or an extra route does not compile. */
export type RouteDocs<G extends ContractGroup> = { [K in keyof G]: RouteDoc };

type AuthVariables<A extends AuthKind> = A extends 'user'
  ? { auth: UserAuth }
  : A extends 'service'
    ? { auth: ServiceAuth }
    : A extends 'userOrService'
      ? { auth: UserAuth | ServiceAuth }
      : A extends 'userOrKey'
        ? { auth: UserAuth | KeyAuth }
        : Record<never, never>;

type Valid<C, K extends string, T extends string> = C extends { [P in K]: infer S extends $ZodType }
  ? { [P in T]: output<S> }
  : Record<never, never>;

/** The validated input a route's handler can read with `c.req.valid(...)`. */
type RouteInput<C extends RouteContract> = {
  in: Record<never, never>;
  out: Valid<C, 'body', 'json'> & Valid<C, 'query', 'query'> & Valid<C, 'params', 'param'>;
};

/** The Hono env of a route: bindings, app variables and its typed `auth`. */
interface RouteEnv<C extends RouteContract> {
  Bindings: Bindings;
  Variables: AppVariables & AuthVariables<C['auth']>;
}

/** The context a route's handler receives. */
export type RouteContext<C extends RouteContract> = Context<RouteEnv<C>, string, RouteInput<C>>;

/** The `data` a handler of an envelope route returns, as its contract's schema types it. */
type SuccessData<C extends RouteContract> = C['success'] extends { data: infer S extends $ZodType } ? output<S> : never;

/** What a handler returns: the `data` of an envelope route, or the whole Response of a raw one. */
type RouteResult<C extends RouteContract> = C['success'] extends RawSuccess ? Response : SuccessData<C>;

/**
 * The implementation of one contract: reads its input from `c.req.valid(...)` and the
 * caller from `c.var.auth`, and returns the `data` that its contract's success schema
 * describes (tsc checks it); status, message and `count` come from the contract.
 */
export type RouteHandler<C extends RouteContract> = (c: RouteContext<C>) => RouteResult<C> | Promise<RouteResult<C>>;

/** One handler per contract of a group. */
export type GroupHandlers<G extends ContractGroup> = { [K in keyof G]: RouteHandler<G[K]> };

/** A contract with its handler, ready to mount. */
export interface RouteDefinition {
  contract: RouteContract;
  handler: RouteHandler<RouteContract>;
}

/** Pairs each contract of a group with its handler. */
export function implementGroup<G extends ContractGroup>(contracts: G, handlers: GroupHandlers<G>): RouteDefinition[] {
  return Object.keys(contracts).map((name) => ({
    contract: contracts[name] as RouteContract,
    handler: handlers[name] as unknown as RouteHandler<RouteContract>,
  }));
}

const AUTH_ERRORS: Record<AuthKind, readonly ErrorCode[]> = {
  none: [],
  user: ['AUTH_REQUIRED', 'TOKEN_INVALID', 'TOKEN_EXPIRED'],
  service: ['AUTH_REQUIRED', 'FORBIDDEN'],
  userOrService: ['AUTH_REQUIRED', 'TOKEN_INVALID', 'TOKEN_EXPIRED'],
  userOrKey: ['AUTH_REQUIRED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'RATE_LIMITED'],
};

/** Every error code a route can answer: its own plus those its declaration implies. */
export function errorCodesOf(contract: RouteContract): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (contract.body || contract.query || contract.params) codes.add('VALIDATION_ERROR');
  if (contract.body) {
    codes.add('PAYLOAD_TOO_LARGE');
    codes.add('UNSUPPORTED_MEDIA_TYPE');
  }
  for (const code of AUTH_ERRORS[contract.auth]) codes.add(code);
  if (needsAssurance(contract)) codes.add('MFA_REQUIRED');
  if (isRateLimited(contract)) codes.add('RATE_LIMITED');
  for (const code of contract.errors) codes.add(code);
  codes.add('INTERNAL_ERROR');
  return [...codes];
}

const GUARDS: Record<AuthKind, MiddlewareHandler[]> = {
  none: [],
  user: [requireUser as unknown as MiddlewareHandler],
  service: [requireService as unknown as MiddlewareHandler],
  userOrService: [requireUserOrService as unknown as MiddlewareHandler],
  userOrKey: [requireUserOrKey as unknown as MiddlewareHandler],
};

/** User routes but those an aal1 token may call need the second factor when the user has one. */
function needsAssurance(contract: RouteContract): boolean {
  return (contract.auth === 'user' || contract.auth === 'userOrService' || contract.auth === 'userOrKey') && contract.aal1 !== true;
}

/** Unauthenticated POSTs are limited per client IP (src/http/rate-limit.ts). */
function isRateLimited(contract: RouteContract): boolean {
  return contract.auth === 'none' && contract.method === 'post';
}

/** Whether `schema` is, or holds (object fields, optional, pipes, unions), `target`. */
function containsSchema(schema: unknown, target: $ZodType, depth = 0): boolean {
  if (schema === target) return true;
  if (depth > 8 || schema === null || typeof schema !== 'object' || !('_zod' in schema)) return false;
  const def = (schema as { _zod: { def: Record<string, unknown> } })._zod.def;
  const shape = def.shape && typeof def.shape === 'object' ? Object.values(def.shape as object) : [];
  const options = Array.isArray(def.options) ? def.options : [];
  return [def.innerType, def.in, def.out, def.element, ...shape, ...options].some((child) => containsSchema(child, target, depth + 1));
}

/**
 * Loads the common-password list (once per isolate, from the static assets) before a body
 * that sets a new password (newPasswordSchema anywhere in it) is validated.
 */
const commonPasswordsLoaded: MiddlewareHandler = async (c, next) => {
  await loadCommonPasswords((c.env as Bindings).ASSETS);
  await next();
};

function middlewareOf(contract: RouteContract): MiddlewareHandler[] {
  const chain: MiddlewareHandler[] = [];
  if (isRateLimited(contract)) chain.push(publicRateLimit as unknown as MiddlewareHandler);
  chain.push(bodyGuard as unknown as MiddlewareHandler, ...GUARDS[contract.auth]);
  if (needsAssurance(contract)) chain.push(requireAssurance as unknown as MiddlewareHandler);
  if (contract.params) chain.push(validate('param', contract.params) as unknown as MiddlewareHandler);
  if (contract.query) chain.push(validate('query', contract.query) as unknown as MiddlewareHandler);
  if (contract.body && containsSchema(contract.body, newPasswordSchema)) chain.push(commonPasswordsLoaded);
  if (contract.body) chain.push(validate('json', contract.body) as unknown as MiddlewareHandler);
  return chain;
}

function allowHeader(methods: readonly HttpMethod[]): string {
  const upper = methods.map((method) => method.toUpperCase());
  if (upper.includes('GET')) upper.push('HEAD');
  return [...upper, 'OPTIONS'].join(', ');
}

function methodNotAllowed(allow: string): MiddlewareHandler {
  return async (c) => {
    if (c.req.method === 'OPTIONS') return new Response(null, { status: 204, headers: { Allow: allow } });
    throw new ApiError('METHOD_NOT_ALLOWED', { headers: { Allow: allow } });
  };
}

/** The count of a list answer, as its contract says where the list is. */
function countOf(list: true | string, data: unknown): number {
  const items = list === true ? data : (data as Record<string, unknown> | null)?.[list];
  return Array.isArray(items) ? items.length : 0;
}

/** Runs a handler and answers its result: raw routes as returned, envelope routes wrapped. */
function respondWith(contract: RouteContract, handler: RouteHandler<RouteContract>): MiddlewareHandler {
  const success = contract.success;
  return async (c) => {
    const answer = await handler(c as unknown as RouteContext<RouteContract>);
    if ('contentType' in success) return answer as Response;
    // Cookie mode: a session's refresh token goes into the cookie, not the JSON.
    const result = withSessionCookie(c as unknown as RouteContext<RouteContract>, answer);
    if (!success.list) return successResponse(c, success.description, result, success.status);
    const count = countOf(success.list, result);
    return successResponse(c, success.description.replace(/\bN\b/, String(count)), result, success.status, count);
  };
}

type Mountable = {
  on(method: string, path: string, ...handlers: MiddlewareHandler[]): unknown;
  all(path: string, ...handlers: MiddlewareHandler[]): unknown;
};

/**
 * Mounts routes on `app`: each route's middleware chain and handler, then a 405 answer
 * (with `Allow`) for every known path. Fails loudly on a duplicate method + path.
 */
export function mountRoutes(app: Hono<AppEnv>, routes: readonly RouteDefinition[]): void {
  const target = app as unknown as Mountable;
  const methodsByPath = new Map<string, HttpMethod[]>();
  for (const { contract, handler } of routes) {
    const methods = methodsByPath.get(contract.path) ?? [];
    if (methods.includes(contract.method)) {
      throw new Error(`Route declared twice: ${contract.method.toUpperCase()} ${contract.path}`);
    }
    methods.push(contract.method);
    methodsByPath.set(contract.path, methods);
    target.on(contract.method.toUpperCase(), contract.path, ...middlewareOf(contract), respondWith(contract, handler));
  }
  for (const [path, methods] of methodsByPath) target.all(path, methodNotAllowed(allowHeader(methods)));
}
