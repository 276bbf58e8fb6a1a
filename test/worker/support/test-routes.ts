/**
 * A test-only route group, mounted on createApp({ routes }) to exercise the foundation
 * (validation, body rules, auth guards, upstream error mapping) on routes of its own.
 * Written exactly the way route groups are written in src/routes/.
 */
import * as z from 'zod/mini';
import {
  emailSchema,
  loginPasswordSchema,
  nameSchema,
  newPasswordSchema,
  organizationNameSchema,
  uuidSchema,
} from '../../../src/http/schemas.ts';
import { defineGroup, implementGroup, type RouteHandler } from '../../../src/routes/registry.ts';
import { publicAuthClient, userClient } from '../../../src/supabase/clients.ts';
import { toApiError, unwrap } from '../../../src/supabase/errors.ts';
import { ownUserCall } from '../../../src/supabase/own-user.ts';

const testContracts = defineGroup(
  { tag: 'test', basePath: '/t' },
  {
    // Echo a validated body
    echo: {
      method: 'post',
      path: '/echo',
      auth: 'none',
      body: z.object({
        email: emailSchema,
        password: newPasswordSchema,
        first_name: nameSchema,
        organization_name: z.optional(organizationNameSchema),
      }),
      success: { status: 200, description: 'echo', data: z.unknown() },
      errors: [],
    },
    // Validated login body
    login: {
      method: 'post',
      path: '/login',
      auth: 'none',
      body: z.object({ email: emailSchema, password: loginPasswordSchema }),
      success: { status: 200, description: 'login', data: z.unknown() },
      errors: [],
    },
    // Optional body
    optionalBody: {
      method: 'post',
      path: '/optional',
      auth: 'none',
      body: z.object({ scope: z.optional(z.enum(['local', 'global', 'others'])) }),
      success: { status: 200, description: 'optional', data: z.unknown() },
      errors: [],
    },
    // Params and query
    item: {
      method: 'get',
      path: '/users/:userId/items',
      auth: 'none',
      params: z.object({ userId: uuidSchema }),
      query: z.object({ limit: z.optional(z.string().check(z.regex(/^\d+$/, 'must be a number'))) }),
      success: { status: 200, description: 'item', data: z.unknown() },
      errors: [],
    },
    // User guard
    me: {
      method: 'get',
      path: '/me',
      auth: 'user',
      success: { status: 200, description: 'me', data: z.unknown() },
      errors: [],
    },
    // Service guard
    admin: {
      method: 'get',
      path: '/admin',
      auth: 'service',
      success: { status: 200, description: 'admin', data: z.unknown() },
      errors: [],
    },
    // Either guard
    either: {
      method: 'get',
      path: '/either',
      auth: 'userOrService',
      success: { status: 200, description: 'either', data: z.unknown() },
      errors: [],
    },
    // Throws
    boom: {
      method: 'get',
      path: '/boom',
      auth: 'none',
      success: { status: 200, description: 'never', data: z.unknown() },
      errors: [],
    },
    // Calls GoTrue
    authUpstream: {
      method: 'post',
      path: '/upstream/auth',
      auth: 'none',
      success: { status: 200, description: 'auth', data: z.unknown() },
      errors: [],
    },
    // Calls GoTrue with a user's own token (src/supabase/own-user.ts)
    ownUpstream: {
      method: 'post',
      path: '/upstream/own',
      auth: 'none',
      success: { status: 200, description: 'own', data: z.unknown() },
      errors: [],
    },
    // Calls PostgREST
    restUpstream: {
      method: 'post',
      path: '/upstream/rest',
      auth: 'none',
      success: { status: 200, description: 'rest', data: z.unknown() },
      errors: [],
    },
  },
);

type T = typeof testContracts;

const echo: RouteHandler<T['echo']> = (c) => c.req.valid('json');
const login: RouteHandler<T['login']> = (c) => c.req.valid('json');
const optionalBody: RouteHandler<T['optionalBody']> = (c) => c.req.valid('json');
const item: RouteHandler<T['item']> = (c) => ({ ...c.req.valid('param'), ...c.req.valid('query') });
const me: RouteHandler<T['me']> = (c) => {
  const { token: _token, claims: _claims, ...auth } = c.var.auth;
  return auth;
};
const admin: RouteHandler<T['admin']> = (c) => c.var.auth;
const either: RouteHandler<T['either']> = (c) => {
  const auth = c.var.auth;
  return auth.kind === 'user' ? { kind: auth.kind, userId: auth.userId } : auth;
};
const boom: RouteHandler<T['boom']> = () => {
  throw new Error('kaboom: secret internal detail');
};
const authUpstream: RouteHandler<T['authUpstream']> = async (c) => {
  const data = await unwrap(publicAuthClient(c).auth.signInWithPassword({ email: 'ada@example.com', password: 'pw-123456' }));
  return { user: data.user?.id ?? null };
};
const ownUpstream: RouteHandler<T['ownUpstream']> = async (c) => {
  const { data, error } = await ownUserCall(c, 'header.payload.signature', 'GET', '/user');
  if (error) throw toApiError(error);
  return data;
};
const restUpstream: RouteHandler<T['restUpstream']> = async (c) => {
  const data = await unwrap(userClient(c, 'header.payload.signature').rpc('some_function'));
  return data;
};

/** The test routes, mountable with createApp({ routes: testRoutes }). */
export const testRoutes = implementGroup(testContracts, {
  echo,
  login,
  optionalBody,
  item,
  me,
  admin,
  either,
  boom,
  authUpstream,
  ownUpstream,
  restUpstream,
});
