/**
 * Contracts of the authentication routes under `/api/v1/auth`: login, signup (document
 * 000), register (document 003), refresh, logout, me, password forgot and reset. The
 * shapes are those of spec/api.md, which reconciles both source documents so that a client
 * written against either keeps working. Pure data: the OpenAPI generator imports it.
 */
import * as z from 'zod/mini';
import {
  emailSchema,
  isoDateSchema,
  loginPasswordSchema,
  nameSchema,
  newPasswordSchema,
  organizationNameSchema,
  requiredString,
  tokenStringSchema,
} from '../../http/schemas.ts';
import { defineGroup } from '../registry.ts';

const role = z.nullable(z.enum(['owner', 'admin', 'member']));

/** `user` of /login and /refresh: the union of both documents' fields. */
const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  first_name: z.nullable(z.string()),
  last_name: z.nullable(z.string()),
  role: role.check(z.describe("The user's role in their default organization")),
  organization: z.nullable(z.object({ id: z.string(), name: z.string() })),
  email_verified: z.boolean(),
  created_at: isoDateSchema,
});

/** The session fields of /login, /refresh and /register. */
const sessionFields = {
  access_token: z.string().check(z.describe('Bearer JWT for protected routes')),
  refresh_token: z.optional(
    z.string().check(z.describe('Absent in cookie mode (X-Edge-Auth-Session: cookie): it is then the __Host-edge-auth-refresh cookie')),
  ),
  token_type: z.literal('bearer'),
  expires_in: z.number().check(z.describe('Seconds until the access token expires')),
  expires_at: z.number().check(z.describe('Unix time (seconds) at which the access token expires')),
};

/** A verified second factor, as the `mfa` block of a session lists it. */
const mfaFactorSummary = z.object({ id: z.string(), type: z.string(), friendly_name: z.nullable(z.string()) });

/** The `mfa` block of every answer that carries a session (strong-auth.md "Assurance levels"). */
const mfaBlockSchema = z.object({
  required: z
    .boolean()
    .check(z.describe('True when this session is aal1 and the user has a verified factor: verify one (POST /mfa/factors/:id/verify)')),
  factors: z.array(mfaFactorSummary).check(z.describe('The verified factors only')),
});

/** `data` of /login and /refresh. */
export const sessionSchema = z.object({ ...sessionFields, user: sessionUserSchema, mfa: mfaBlockSchema });

/** `data` of /me. */
export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  first_name: z.nullable(z.string()),
  last_name: z.nullable(z.string()),
  role,
  email_verified: z.boolean(),
  organization: z.nullable(z.object({ id: z.string(), name: z.string(), plan: z.string() })),
  created_at: isoDateSchema,
  aal: z.enum(['aal1', 'aal2', 'aal3']).check(z.describe("The assurance level of the caller's token")),
  mfa_enabled: z.boolean().check(z.describe('The user has a verified second factor')),
});

export const messageData = (text: string) => z.object({ message: z.literal(text) });

const passwordMismatch = 'must match password';

/** `password_confirmation` must equal `password` (checked once `password` is a string). */
export const confirmsPassword = z.refine<{ password: string; password_confirmation: string }>(
  (body) => body.password === body.password_confirmation,
  {
    message: passwordMismatch,
    path: ['password_confirmation'],
    when: (payload) => typeof (payload.value as { password?: unknown })?.password === 'string',
  },
);

/** The auth route contracts. */
export const authContracts = defineGroup(
  { tag: 'auth', basePath: '/api/v1/auth' },
  {
    login: {
      method: 'post',
      path: '/login',
      auth: 'none',
      body: z.object({ email: emailSchema, password: loginPasswordSchema }),
      success: { status: 200, description: 'Authentication successful', data: sessionSchema },
      errors: [
        'INVALID_CREDENTIALS',
        'EMAIL_NOT_VERIFIED',
        'FORBIDDEN',
        'ACCOUNT_LOCKED',
        'RATE_LIMITED',
        'UPSTREAM_ERROR',
        'SERVICE_UNAVAILABLE',
      ],
    },
    signup: {
      method: 'post',
      path: '/signup',
      auth: 'none',
      body: z.object({ email: emailSchema, password: newPasswordSchema, first_name: nameSchema, last_name: nameSchema }),
      success: {
        status: 200,
        description: 'Authentication successful',
        data: z.object({ user: z.object({ id: z.string(), email: z.string(), created_at: isoDateSchema }) }),
      },
      errors: ['WEAK_PASSWORD', 'EMAIL_TAKEN', 'FORBIDDEN', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
      errorStatus: { EMAIL_TAKEN: 401 },
    },
    register: {
      method: 'post',
      path: '/register',
      auth: 'none',
      body: z.object({
        email: emailSchema,
        password: newPasswordSchema,
        first_name: nameSchema,
        last_name: nameSchema,
        organization_name: z.optional(organizationNameSchema),
      }),
      success: {
        status: 201,
        description: 'Registration successful',
        data: z.object({
          user: z.object({ id: z.string(), email: z.string(), first_name: z.nullable(z.string()), last_name: z.nullable(z.string()) }),
          ...Object.fromEntries(Object.entries(sessionFields).map(([k, v]) => [k, z.optional(v)])),
          email_verification_required: z.optional(z.literal(true)),
          mfa: z.optional(mfaBlockSchema),
        }),
      },
      errors: ['WEAK_PASSWORD', 'EMAIL_TAKEN', 'FORBIDDEN', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    refresh: {
      method: 'post',
      path: '/refresh',
      auth: 'none',
      body: z.object({ refresh_token: z.optional(tokenStringSchema) }),
      success: { status: 200, description: 'Token refreshed', data: sessionSchema },
      errors: ['TOKEN_INVALID', 'TOKEN_EXPIRED', 'FORBIDDEN', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    logout: {
      method: 'post',
      path: '/logout',
      auth: 'user',
      aal1: true,
      body: z.object({
        scope: z.optional(
          z
            .enum(['local', 'global', 'others'], { error: 'must be one of local, global, others' })
            .check(z.describe('local (default): this session; global: every session of the user; others: every other session')),
        ),
      }),
      success: { status: 200, description: 'Successfully logged out', data: messageData('Successfully logged out') },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    me: {
      method: 'get',
      path: '/me',
      auth: 'user',
      aal1: true,
      success: { status: 200, description: 'User retrieved', data: meSchema },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    forgotPassword: {
      method: 'post',
      path: '/password/forgot',
      auth: 'none',
      body: z.object({ email: emailSchema }),
      success: { status: 200, description: 'Password reset email sent', data: messageData('Password reset email sent') },
      errors: [],
    },
    resetPassword: {
      method: 'post',
      path: '/password/reset',
      auth: 'none',
      body: z
        .object({
          token: tokenStringSchema,
          password: newPasswordSchema,
          password_confirmation: requiredString(),
        })
        .check(confirmsPassword),
      success: { status: 200, description: 'Password successfully reset', data: messageData('Password successfully reset') },
      errors: ['WEAK_PASSWORD', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
  },
);
