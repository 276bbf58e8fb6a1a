/**
 * Contracts of the account flows a web app needs around the documented endpoints
 * (spec/api.md "Account flows"): resending and following the email confirmation, editing
 * the profile, changing the password, and seeing and ending one's own sessions. Same
 * envelope, error table, lockout and enumeration rules as the rest. Pure data.
 */
import * as z from 'zod/mini';
import {
  emailSchema,
  isoDateSchema,
  loginPasswordSchema,
  nameSchema,
  newPasswordSchema,
  requiredString,
  tokenStringSchema,
  uuidSchema,
} from '../../http/schemas.ts';
import { confirmsPassword, meSchema, messageData, sessionSchema } from '../auth/contract.ts';
import { defineGroup } from '../registry.ts';

/** One session of the caller. */
const sessionItemSchema = z.object({
  id: z.string(),
  created_at: isoDateSchema,
  last_active_at: isoDateSchema.check(z.describe('Last sign-in or refresh of the session')),
  user_agent: z.nullable(z.string()).check(z.describe('User agent that signed in, as Supabase Auth stored it')),
  ip: z.nullable(z.string()).check(z.describe('Client IP that signed in, as Supabase Auth stored it')),
  current: z.boolean().check(z.describe('The session of the token this request was made with')),
  aal: z.enum(['aal1', 'aal2', 'aal3']).check(z.describe('aal2 once a second factor was verified in this session')),
});

/** The account routes. */
export const accountContracts = defineGroup(
  { tag: 'account', basePath: '/api/v1/auth' },
  {
    resendEmail: {
      method: 'post',
      path: '/email/resend',
      auth: 'none',
      body: z.object({ email: emailSchema }),
      success: { status: 200, description: 'Verification email sent', data: messageData('Verification email sent') },
      errors: [],
    },
    verifyEmail: {
      method: 'post',
      path: '/email/verify',
      auth: 'none',
      body: z.object({
        token_hash: tokenStringSchema.check(z.describe('The `token_hash` of the email link')),
        type: z
          .enum(['signup', 'email_change'], { error: 'must be one of signup, email_change' })
          .check(z.describe('The `type` of the email link')),
      }),
      success: { status: 200, description: 'Email verified', data: sessionSchema },
      errors: ['TOKEN_INVALID', 'TOKEN_EXPIRED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    deleteMe: {
      method: 'delete',
      path: '/me',
      auth: 'user',
      body: z.object({
        password: z.optional(loginPasswordSchema),
        code: z.optional(
          requiredString().check(
            z.overwrite((value) => value.replace(/\s+/g, '')),
            z.regex(/^\d{6}$/, 'must be the 6 digits of the email'),
          ),
        ),
      }),
      success: { status: 200, description: 'Account deleted', data: messageData('Account deleted') },
      errors: ['INVALID_CREDENTIALS', 'TOKEN_INVALID', 'ACCOUNT_LOCKED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    updateMe: {
      method: 'patch',
      path: '/me',
      auth: 'user',
      body: z.object({ first_name: nameSchema, last_name: nameSchema }).check(
        z.refine((body) => body.first_name !== undefined || body.last_name !== undefined, {
          message: 'must change first_name or last_name',
        }),
      ),
      success: { status: 200, description: 'User updated', data: meSchema },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    setActiveOrganization: {
      method: 'put',
      path: '/me/organization',
      auth: 'user',
      body: z.object({ organization_id: uuidSchema.check(z.describe('An organization the caller belongs to')) }),
      success: { status: 200, description: 'Active organization changed; refresh to get a token that carries it', data: meSchema },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    changePassword: {
      method: 'post',
      path: '/password/change',
      auth: 'user',
      body: z
        .object({ current_password: loginPasswordSchema, password: newPasswordSchema, password_confirmation: requiredString() })
        .check(confirmsPassword),
      success: { status: 200, description: 'Password changed', data: messageData('Password changed') },
      errors: ['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'WEAK_PASSWORD', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listSessions: {
      method: 'get',
      path: '/sessions',
      auth: 'user',
      success: { status: 200, description: 'Retrieved N sessions', data: z.array(sessionItemSchema), list: true },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    endSession: {
      method: 'delete',
      path: '/sessions/:sessionId',
      auth: 'user',
      params: z.object({ sessionId: uuidSchema.check(z.describe('The session id (UUID)')) }),
      success: { status: 200, description: 'Session ended', data: z.object({ id: z.string() }) },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
  },
);
