/**
 * The route contract registry: every endpoint is declared ONCE, as data, and both the
 * router ({@link mountRoutes}) and the OpenAPI generator (src/openapi/generate.ts) read that
 * declaration. A route group is three small files:
 *
 * - `routes/<group>/contract.ts` — zod/mini schemas and `defineRoute({...})` entries (pure
 *   data: no handlers, no Supabase, so the build-time OpenAPI script can import it);
 * - `routes/<group>/handlers.ts` — one function per contract, reading input only through
 *   `c.req.valid('json' | 'query' | 'param')` and the caller through `c.var.auth`;
 * - `routes/<group>/index.ts` — `implementGroup(contracts, handlers)`; TypeScript refuses a
 *   group with a contract that has no handler.
 *
 * Groups are listed in routes/contracts.ts (for the generator) and routes/index.ts (for the
 * app). The registry adds, per route and in this order: the per-IP rate limit (unauthenticated
 * POST routes only, src/http/rate-limit.ts), the body guard (16 KiB, JSON only),
 * the guard for `auth` (`none` | `user` | `service` | `userOrService`), validators for
 * `params`, `query`, `body` (400 VALIDATION_ERROR), then the handler; plus 405 with `Allow`
 * for a known path called with another method. After adding or changing a contract run
 * `npm run openapi` (a test fails while src/generated/openapi.json is stale).
 *
 * @example
 * // routes/auth/contract.ts
 * export const authContracts = {
 *   login: defineRoute({
 *     method: 'post', path: '/api/v1/auth/login', tag: 'auth', auth: 'none',
 *     summary: 'Sign in with email and password',
 *     body: z.object({ email: emailSchema, password: loginPasswordSchema }),
 *     success: { status: 200, description: 'Authentication successful', data: sessionSchema },
 *     errors: ['INVALID_CREDENTIALS', 'EMAIL_NOT_VERIFIED', 'ACCOUNT_LOCKED'],
 *   }),
 * };
 * // routes/auth/handlers.ts
 * export const login: RouteHandler<typeof authContracts.login> = async (c) => {
 *   const { email, password } = c.req.valid('json');
 *   const data = await unwrap(publicAuthClient(c).auth.signInWithPassword({ email, password }));
 *   return ok(c, 'Authentication successful', toSession(data));
 * };
 * // routes/auth/index.ts
 * export const authRoutes = implementGroup(authContracts, { login });
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { $ZodType, output } from 'zod/v4/core';
import { requireService, requireUser, requireUserOrService } from '../auth/middleware.ts';
import type { ServiceAuth, UserAuth } from '../auth/types.ts';
import type { AppEnv, AppVariables, Bindings } from '../env.ts';
import { bodyGuard } from '../http/body.ts';
import { publicRateLimit } from '../http/rate-limit.ts';
import { ApiError, type ErrorCode } from '../http/errors.ts';
import { validate } from '../http/validation.ts';

/** HTTP methods a route may use. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: `none` (public), `user` (verified access token), `service` (the
 * service-role key), `userOrService` (either).
 */
export type AuthKind = 'none' | 'user' | 'service' | 'userOrService';

/** A success answered with the JSON envelope; `data` describes `data`, `list` adds `count`. */
export interface EnvelopeSuccess {
  status: 200 | 201;
  /** The envelope `message` (also the OpenAPI response description). */
  description: string;
  data: $ZodType;
  list?: boolean;
}

/** A success answered with a raw document (the OpenAPI JSON, the HTML docs page). */
export interface RawSuccess {
  status: 200;
  description: string;
  contentType: 'application/json' | 'text/html';
}

/** The declaration of one endpoint. */
export interface RouteContract {
  method: HttpMethod;
  /** Full path in Hono syntax, e.g. `/api/v1/users/:userId/organizations`. */
  path: `/${string}`;
  summary: string;
  description?: string;
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
}

/** A named set of contracts (one route group). */
export type ContractGroup = Record<string, RouteContract>;

/** Declares a route contract (identity function that keeps the literal types). */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

type AuthVariables<A extends AuthKind> = A extends 'user'
  ? { auth: UserAuth }
  : A extends 'service'
    ? { auth: ServiceAuth }
    : A extends 'userOrService'
      ? { auth: UserAuth | ServiceAuth }
      : {};

type Valid<C, K extends string, T extends string> = C extends { [P in K]: infer S extends $ZodType }
  ? { [P in T]: output<S> }
  : {};

/** The validated input a route's handler can read with `c.req.valid(...)`. */
export type RouteInput<C extends RouteContract> = {
  in: {};
  out: Valid<C, 'body', 'json'> & Valid<C, 'query', 'query'> & Valid<C, 'params', 'param'>;
};

/** The Hono env of a route: bindings, app variables and its typed `auth`. */
export interface RouteEnv<C extends RouteContract> {
  Bindings: Bindings;
  Variables: AppVariables & AuthVariables<C['auth']>;
}

/** The context a route's handler receives. */
export type RouteContext<C extends RouteContract> = Context<RouteEnv<C>, string, RouteInput<C>>;

/** The implementation of one contract. */
export type RouteHandler<C extends RouteContract> = (c: RouteContext<C>) => Response | Promise<Response>;

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
};

/** Unauthenticated POSTs are limited per client IP (src/http/rate-limit.ts). */
function isRateLimited(contract: RouteContract): boolean {
  return contract.auth === 'none' && contract.method === 'post';
}

function middlewareOf(contract: RouteContract): MiddlewareHandler[] {
  const chain: MiddlewareHandler[] = [];
  if (isRateLimited(contract)) chain.push(publicRateLimit as unknown as MiddlewareHandler);
  chain.push(bodyGuard as unknown as MiddlewareHandler, ...GUARDS[contract.auth]);
  if (contract.params) chain.push(validate('param', contract.params) as unknown as MiddlewareHandler);
  if (contract.query) chain.push(validate('query', contract.query) as unknown as MiddlewareHandler);
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

type Mountable = { on(method: string, path: string, ...handlers: MiddlewareHandler[]): unknown; all(path: string, ...handlers: MiddlewareHandler[]): unknown };

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
    target.on(contract.method.toUpperCase(), contract.path, ...middlewareOf(contract), handler as unknown as MiddlewareHandler);
  }
  for (const [path, methods] of methodsByPath) target.all(path, methodNotAllowed(allowHeader(methods)));
}
