/**
 * A test-only route group, mounted on createApp({ routes }) to exercise the foundation
 * (validation, body rules, auth guards, upstream error mapping) before the real endpoints
 * exist. Written exactly the way route groups are written in src/routes/.
 */
import * as z from 'zod/mini';
import { ok } from '../../../src/http/envelope.ts';
import {
  emailSchema,
  loginPasswordSchema,
  nameSchema,
  newPasswordSchema,
  organizationNameSchema,
  uuidSchema,
} from '../../../src/http/schemas.ts';
import { defineRoute, implementGroup, type RouteHandler } from '../../../src/routes/registry.ts';
import { publicAuthClient, userClient } from '../../../src/supabase/clients.ts';
import { unwrap } from '../../../src/supabase/errors.ts';

export const testContracts = {
  echo: defineRoute({
    method: 'post',
    path: '/t/echo',
    tag: 'test',
    auth: 'none',
    summary: 'Echo a validated body',
    body: z.object({
      email: emailSchema,
      password: newPasswordSchema,
      first_name: nameSchema,
      organization_name: z.optional(organizationNameSchema),
    }),
    success: { status: 200, description: 'echo', data: z.unknown() },
    errors: [],
  }),
  login: defineRoute({
    method: 'post',
    path: '/t/login',
    tag: 'test',
    auth: 'none',
    summary: 'Validated login body',
    body: z.object({ email: emailSchema, password: loginPasswordSchema }),
    success: { status: 200, description: 'login', data: z.unknown() },
    errors: [],
  }),
  optionalBody: defineRoute({
    method: 'post',
    path: '/t/optional',
    tag: 'test',
    auth: 'none',
    summary: 'Optional body',
    body: z.object({ scope: z.optional(z.enum(['local', 'global', 'others'])) }),
    success: { status: 200, description: 'optional', data: z.unknown() },
    errors: [],
  }),
  item: defineRoute({
    method: 'get',
    path: '/t/users/:userId/items',
    tag: 'test',
    auth: 'none',
    summary: 'Params and query',
    params: z.object({ userId: uuidSchema }),
    query: z.object({ limit: z.optional(z.string().check(z.regex(/^\d+$/, 'must be a number'))) }),
    success: { status: 200, description: 'item', data: z.unknown() },
    errors: [],
  }),
  me: defineRoute({
    method: 'get', path: '/t/me', tag: 'test', auth: 'user', summary: 'User guard',
    success: { status: 200, description: 'me', data: z.unknown() }, errors: [],
  }),
  admin: defineRoute({
    method: 'get', path: '/t/admin', tag: 'test', auth: 'service', summary: 'Service guard',
    success: { status: 200, description: 'admin', data: z.unknown() }, errors: [],
  }),
  either: defineRoute({
    method: 'get', path: '/t/either', tag: 'test', auth: 'userOrService', summary: 'Either guard',
    success: { status: 200, description: 'either', data: z.unknown() }, errors: [],
  }),
  boom: defineRoute({
    method: 'get', path: '/t/boom', tag: 'test', auth: 'none', summary: 'Throws',
    success: { status: 200, description: 'never', data: z.unknown() }, errors: [],
  }),
  authUpstream: defineRoute({
    method: 'post', path: '/t/upstream/auth', tag: 'test', auth: 'none', summary: 'Calls GoTrue',
    success: { status: 200, description: 'auth', data: z.unknown() }, errors: [],
  }),
  restUpstream: defineRoute({
    method: 'post', path: '/t/upstream/rest', tag: 'test', auth: 'none', summary: 'Calls PostgREST',
    success: { status: 200, description: 'rest', data: z.unknown() }, errors: [],
  }),
};

type T = typeof testContracts;

const echo: RouteHandler<T['echo']> = (c) => ok(c, 'echo', c.req.valid('json'));
const login: RouteHandler<T['login']> = (c) => ok(c, 'login', c.req.valid('json'));
const optionalBody: RouteHandler<T['optionalBody']> = (c) => ok(c, 'optional', c.req.valid('json'));
const item: RouteHandler<T['item']> = (c) => ok(c, 'item', { ...c.req.valid('param'), ...c.req.valid('query') });
const me: RouteHandler<T['me']> = (c) => {
  const { token: _token, claims: _claims, ...auth } = c.var.auth;
  return ok(c, 'me', auth);
};
const admin: RouteHandler<T['admin']> = (c) => ok(c, 'admin', c.var.auth);
const either: RouteHandler<T['either']> = (c) => {
  const auth = c.var.auth;
  return ok(c, 'either', auth.kind === 'user' ? { kind: auth.kind, userId: auth.userId } : auth);
};
const boom: RouteHandler<T['boom']> = () => {
  throw new Error('kaboom: secret internal detail');
};
const authUpstream: RouteHandler<T['authUpstream']> = async (c) => {
  const data = await unwrap(publicAuthClient(c).auth.signInWithPassword({ email: 'ada@example.com', password: 'pw-123456' }));
  return ok(c, 'auth', { user: data.user?.id ?? null });
};
const restUpstream: RouteHandler<T['restUpstream']> = async (c) => {
  const data = await unwrap(userClient(c, 'header.payload.signature').rpc('some_function'));
  return ok(c, 'rest', data);
};

/** The test routes, mountable with createApp({ routes: testRoutes }). */
export const testRoutes = implementGroup(testContracts, {
  echo, login, optionalBody, item, me, admin, either, boom, authUpstream, restUpstream,
});
