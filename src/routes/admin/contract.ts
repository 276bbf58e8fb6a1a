/**
 * Contracts of the admin routes under `/api/v1/auth/admin`, for service integrations:
 * list, create, read, update, ban and delete users, revoke all sessions of a user, clear a
 * login lockout. Authorized only by the service-role key as bearer (compared in constant
 * time): no credential is 401 AUTH_REQUIRED, anything else (a user's token, the anon key)
 * 403 FORBIDDEN. Unknown users are 404 NOT_FOUND. Every action that reaches its handler
 * writes one audit log line (routes/admin/audit.ts). Roles are lowercase here, as in the
 * request bodies and /me. Pure data: the OpenAPI generator imports it.
 */
import * as z from 'zod/mini';
import { emailSchema, isoDateSchema, nameSchema, newPasswordSchema, requiredString, uuidSchema } from '../../http/schemas.ts';
import { defineGroup } from '../registry.ts';

/** Largest page of GET /admin/users (GoTrue's own limit). */
export const MAX_PER_PAGE = 1000;
/** Page size of GET /admin/users when `per_page` is not given. */
export const DEFAULT_PER_PAGE = 50;

/**
 * A ban length in Go's duration syntax (what Supabase Auth parses): one or more
 * number+unit pairs, units ns, us/µs, ms, s, m, h (e.g. `24h`, `1h30m`, `90s`); or `none`
 * to lift a ban. Negative and zero durations are refused (use `none`).
 */
const BAN_DURATION_PATTERN = /^(?:none|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

const role = z.enum(['owner', 'admin', 'member'], { error: 'must be one of owner, admin, member' });

/** A positive whole number in a query string, with bounds. */
function pageNumber(max: number, description: string) {
  return z.optional(
    z.pipe(
      requiredString().check(z.regex(/^\d{1,9}$/, 'must be a whole number'), z.describe(description)),
      z.pipe(
        z.transform((value: string) => Number(value)),
        z.number().check(z.minimum(1, 'must be at least 1'), z.maximum(max, `must be at most ${max}`)),
      ),
    ),
  );
}

const userIdParams = z.object({ userId: uuidSchema.check(z.describe('The user id (UUID)')) });

/** A second factor of a user, as the admin routes show it. */
const adminFactorSchema = z.object({
  id: z.string(),
  type: z.string(),
  friendly_name: z.nullable(z.string()),
  status: z.enum(['verified', 'unverified']),
  created_at: isoDateSchema,
});

/** A user as the admin routes show it. Names come from the user's profile. */
const adminUserSummarySchema = z.object({
  id: z.string(),
  email: z.nullable(z.string()),
  email_verified: z.boolean(),
  created_at: isoDateSchema,
  last_sign_in_at: z.nullable(isoDateSchema),
  banned_until: z.nullable(isoDateSchema).check(z.describe('End of the ban, or null; a past value means the ban has ended')),
  banned: z.boolean().check(z.describe('Whether the user is banned now')),
  first_name: z.nullable(z.string()),
  last_name: z.nullable(z.string()),
});

/** One membership of a user (admin view: lowercase role). */
const adminMembershipSchema = z.object({
  id: z.string(),
  name: z.string(),
  is_personal_account: z.boolean(),
  role,
});

/** A user with every organization they belong to. */
const adminUserSchema = z.object({
  ...adminUserSummarySchema.shape,
  organizations: z.array(adminMembershipSchema).check(z.describe('Every membership, ordered by organization name then id')),
});

const booleanField = (description: string) => z.optional(z.boolean({ error: 'must be a boolean' }).check(z.describe(description)));

/** The admin route contracts. */
export const adminContracts = defineGroup(
  { tag: 'admin', basePath: '/api/v1/auth/admin' },
  {
    listUsers: {
      method: 'get',
      path: '/users',
      auth: 'service',
      query: z.object({
        page: pageNumber(1_000_000_000 - 1, 'Page number, from 1 (default 1)'),
        per_page: pageNumber(MAX_PER_PAGE, `Users per page, 1-${MAX_PER_PAGE} (default ${DEFAULT_PER_PAGE})`),
      }),
      success: {
        status: 200,
        description: 'Retrieved N users',
        list: 'users',
        data: z.object({
          users: z.array(adminUserSummarySchema),
          page: z.number(),
          per_page: z.number(),
          total: z.number().check(z.describe('Number of users in the project')),
        }),
      },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    createUser: {
      method: 'post',
      path: '/users',
      auth: 'service',
      body: z
        .object({
          email: emailSchema,
          password: newPasswordSchema,
          first_name: nameSchema,
          last_name: nameSchema,
          email_confirmed: booleanField('Create the address as confirmed (default true); false: login answers EMAIL_NOT_VERIFIED'),
          organization_id: z.optional(uuidSchema.check(z.describe('An existing team organization the user joins'))),
          role: z.optional(role.check(z.describe('Role in organization_id (default member)'))),
        })
        .check(
          z.refine((body) => body.role === undefined || body.organization_id !== undefined, {
            message: 'requires organization_id',
            path: ['role'],
          }),
        ),
      success: { status: 201, description: 'User created', data: adminUserSchema },
      errors: ['WEAK_PASSWORD', 'EMAIL_TAKEN', 'NOT_FOUND', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    getUser: {
      method: 'get',
      path: '/users/:userId',
      auth: 'service',
      params: userIdParams,
      success: { status: 200, description: 'User retrieved', data: adminUserSchema },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    updateUser: {
      method: 'patch',
      path: '/users/:userId',
      auth: 'service',
      params: userIdParams,
      body: z
        .object({
          email: z.optional(emailSchema),
          password: z.optional(newPasswordSchema),
          first_name: nameSchema,
          last_name: nameSchema,
          email_confirmed: z.optional(
            z
              .literal(true, { error: 'can only be true (a confirmed address cannot be unconfirmed)' })
              .check(z.describe('true: mark the (new) address as confirmed')),
          ),
          ban_duration: z.optional(
            requiredString().check(
              z.maxLength(64, 'must be at most 64 characters'),
              z.regex(BAN_DURATION_PATTERN, "must be a duration such as '24h', '30m' or '1h30m', or 'none' to lift the ban"),
              z.describe("Ban length as a Go duration ('24h', '1h30m'), or 'none' to unban"),
            ),
          ),
        })
        .check(
          z.refine((body) => Object.values(body).some((value) => value !== undefined), {
            message: 'must change at least one of email, password, first_name, last_name, email_confirmed, ban_duration',
          }),
        ),
      success: { status: 200, description: 'User updated', data: adminUserSchema },
      errors: ['WEAK_PASSWORD', 'EMAIL_TAKEN', 'NOT_FOUND', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    deleteUser: {
      method: 'delete',
      path: '/users/:userId',
      auth: 'service',
      params: userIdParams,
      success: { status: 200, description: 'User deleted', data: z.object({ id: z.string() }) },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listUserFactors: {
      method: 'get',
      path: '/users/:userId/factors',
      auth: 'service',
      params: userIdParams,
      success: { status: 200, description: 'Retrieved N factors', data: z.array(adminFactorSchema), list: true },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    deleteUserFactor: {
      method: 'delete',
      path: '/users/:userId/factors/:factorId',
      auth: 'service',
      params: z.object({
        userId: uuidSchema.check(z.describe('The user id (UUID)')),
        factorId: uuidSchema.check(z.describe('The factor id (UUID)')),
      }),
      success: { status: 200, description: 'Factor removed', data: z.object({ id: z.string(), user_id: z.string() }) },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    revokeSessions: {
      method: 'delete',
      path: '/users/:userId/sessions',
      auth: 'service',
      params: userIdParams,
      success: {
        status: 200,
        description: 'Sessions revoked',
        data: z.object({ user_id: z.string(), sessions_revoked: z.number().check(z.describe('Sessions ended')) }),
      },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    clearLockout: {
      method: 'post',
      path: '/lockouts/clear',
      auth: 'service',
      body: z.object({ email: emailSchema }),
      success: {
        status: 200,
        description: 'Login lockout cleared',
        data: z.object({
          email: z.string(),
          was_locked: z.boolean(),
          failed_attempts: z.number().check(z.describe('Failed logins counted before clearing')),
        }),
      },
      errors: [],
    },
  },
);
