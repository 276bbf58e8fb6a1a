/**
 * Handlers of the admin routes. User management goes through Supabase Auth's admin API
 * (`adminClient(c).auth.admin.*`, service-role key); database reads and the session
 * revocation go through `serviceClient` (src/supabase/clients.ts)
 * and the service-only functions of supabase/migrations/20261123000100_admin_functions.sql.
 * Upstream failures are mapped by src/supabase/errors.ts only; GoTrue's `user_not_found`
 * becomes 404 NOT_FOUND "User not found". Each handler runs inside {@link audited}, so each
 * action writes exactly one audit line whatever its outcome.
 */
import type { User } from '@supabase/supabase-js';
import { lockoutFor } from '../../auth/lockout.ts';
import { ApiError } from '../../http/errors.ts';
import { adminClient, type RpcClient, serviceClient } from '../../supabase/clients.ts';
import { toApiError, unwrap } from '../../supabase/errors.ts';
import { userMetadata } from '../../supabase/metadata.ts';
import { adminGetOrganization, adminListUserOrganizations, adminRevokeUserSessions, adminUserProfiles } from '../../supabase/rpc.ts';
import type { RouteHandler } from '../registry.ts';
import { audited } from './audit.ts';
import { type adminContracts, DEFAULT_PER_PAGE } from './contract.ts';

type Admin = typeof adminContracts;
type Names = { first_name: string | null; last_name: string | null };

/** GoTrue's 404 (and our own) for a user id, with a message that says what was not found. */
function userNotFound(cause?: unknown): ApiError {
  return new ApiError('NOT_FOUND', { message: 'User not found', cause });
}

/** Runs an upstream call on one user; a NOT_FOUND answer becomes {@link userNotFound}. */
async function onUser<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') throw userNotFound(error);
    throw error;
  }
}

function metadataName(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The admin view of a user; names from the profile when known, else from the metadata. */
function summary(user: User, names: Names | undefined) {
  const bannedUntil = user.banned_until ?? null;
  return {
    id: user.id,
    email: user.email || null,
    email_verified: Boolean(user.email_confirmed_at),
    created_at: user.created_at,
    last_sign_in_at: user.last_sign_in_at ?? null,
    banned_until: bannedUntil,
    banned: bannedUntil !== null && Date.parse(bannedUntil) > Date.now(),
    first_name: names ? names.first_name : metadataName(user.user_metadata?.first_name),
    last_name: names ? names.last_name : metadataName(user.user_metadata?.last_name),
  };
}

/** A user with their profile names and every membership (two RPCs, in parallel, on `db`). */
async function detail(db: RpcClient, user: User) {
  const [profiles, organizations] = await Promise.all([adminUserProfiles(db, [user.id]), adminListUserOrganizations(db, user.id)]);
  return {
    ...summary(user, profiles.get(user.id)),
    organizations: organizations.map(({ id, name, is_personal_account, role }) => ({ id, name, is_personal_account, role })),
  };
}

/** GET /api/v1/auth/admin/users */
export const listUsers: RouteHandler<Admin['listUsers']> = (c) =>
  audited(c, 'users.list', {}, async (target) => {
    const { page = 1, per_page: perPage = DEFAULT_PER_PAGE } = c.req.valid('query');
    const data = await unwrap(adminClient(c).auth.admin.listUsers({ page, perPage }));
    const users = data.users ?? [];
    const profiles = await adminUserProfiles(
      serviceClient(c),
      users.map((user) => user.id),
    );
    const items = users.map((user) => summary(user, profiles.get(user.id)));
    const total = 'total' in data && typeof data.total === 'number' ? data.total : items.length;
    target.result = { page, per_page: perPage, returned: items.length };
    return { users: items, page, per_page: perPage, total };
  });

/**
 * POST /api/v1/auth/admin/users — the organization is checked first, so that a bad one
 * is a clear 404/400 and nothing is created; the membership itself is made by the database
 * trigger in the user's transaction (supabase/migrations/20261123000003).
 */
export const createUser: RouteHandler<Admin['createUser']> = (c) => {
  const input = c.req.valid('json');
  return audited(c, 'users.create', { email: input.email }, async (target) => {
    const db = serviceClient(c);
    if (input.organization_id) await assertJoinable(db, input.organization_id);
    const result = await adminClient(c).auth.admin.createUser({
      email: input.email,
      password: input.password,
      email_confirm: input.email_confirmed ?? true,
      user_metadata: userMetadata({ first_name: input.first_name, last_name: input.last_name }, 'create'),
      ...(input.organization_id
        ? { app_metadata: { organization_id: input.organization_id, organization_role: input.role ?? 'member' } }
        : {}),
    });
    if (result.error) {
      const error = toApiError(result.error);
      // The organization may have been deleted between the check and the insert (the
      // trigger then aborts the user's creation and GoTrue answers 500).
      if (input.organization_id && error.code === 'UPSTREAM_ERROR') await assertJoinable(db, input.organization_id);
      throw error;
    }
    const user = result.data.user;
    if (!user) throw new ApiError('UPSTREAM_ERROR', { cause: new Error('createUser answered without a user') });
    target.user_id = user.id;
    return detail(db, user);
  });
};

/** 404 for an unknown organization, 400 for a personal one (it takes no other member). */
async function assertJoinable(db: RpcClient, organizationId: string): Promise<void> {
  const organization = await adminGetOrganization(db, organizationId);
  if (!organization) throw new ApiError('NOT_FOUND', { message: 'Organization not found' });
  if (organization.is_personal_account) {
    throw new ApiError('VALIDATION_ERROR', {
      message: 'Invalid organization_id: a personal organization cannot take members',
      details: [{ path: 'organization_id', message: 'is a personal organization, which cannot take members' }],
    });
  }
}

/** GET /api/v1/auth/admin/users/:userId */
export const getUser: RouteHandler<Admin['getUser']> = (c) => {
  const { userId } = c.req.valid('param');
  return audited(c, 'users.get', { user_id: userId }, async () => {
    const { user } = await onUser(unwrap(adminClient(c).auth.admin.getUserById(userId)));
    if (!user) throw userNotFound();
    return detail(serviceClient(c), user);
  });
};

/** PATCH /api/v1/auth/admin/users/:userId — names go to user metadata; a trigger copies them to the profile. */
export const updateUser: RouteHandler<Admin['updateUser']> = (c) => {
  const { userId } = c.req.valid('param');
  const input = c.req.valid('json');
  const fields = Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined);
  return audited(c, 'users.update', { user_id: userId, fields }, async () => {
    const names = userMetadata({ first_name: input.first_name, last_name: input.last_name }, 'update');
    const { user } = await onUser(
      unwrap(
        adminClient(c).auth.admin.updateUserById(userId, {
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(input.password !== undefined ? { password: input.password } : {}),
          ...(input.email_confirmed ? { email_confirm: true } : {}),
          ...(input.ban_duration !== undefined ? { ban_duration: input.ban_duration } : {}),
          ...(Object.keys(names).length > 0 ? { user_metadata: names } : {}),
        }),
      ),
    );
    if (!user) throw userNotFound();
    return detail(serviceClient(c), user);
  });
};

/** DELETE /api/v1/auth/admin/users/:userId — hard delete; the database cascades the rest. */
export const deleteUser: RouteHandler<Admin['deleteUser']> = (c) => {
  const { userId } = c.req.valid('param');
  return audited(c, 'users.delete', { user_id: userId }, async () => {
    await onUser(unwrap(adminClient(c).auth.admin.deleteUser(userId)));
    return { id: userId };
  });
};

/** GET /api/v1/auth/admin/users/:userId/factors */
export const listUserFactors: RouteHandler<Admin['listUserFactors']> = (c) => {
  const { userId } = c.req.valid('param');
  return audited(c, 'users.factors.list', { user_id: userId }, async (target) => {
    const { factors } = await onUser(unwrap(adminClient(c).auth.admin.mfa.listFactors({ userId })));
    target.result = { factors: factors.length };
    return factors.map((factor) => ({
      id: factor.id,
      type: factor.factor_type,
      friendly_name: factor.friendly_name || null,
      status: factor.status,
      created_at: factor.created_at,
    }));
  });
};

/** DELETE /api/v1/auth/admin/users/:userId/factors/:factorId */
export const deleteUserFactor: RouteHandler<Admin['deleteUserFactor']> = (c) => {
  const { userId, factorId } = c.req.valid('param');
  return audited(c, 'users.factors.delete', { user_id: userId }, async (target) => {
    await onUser(unwrap(adminClient(c).auth.admin.mfa.deleteFactor({ userId, id: factorId })));
    target.result = { factor_id: factorId };
    return { id: factorId, user_id: userId };
  });
};

/** DELETE /api/v1/auth/admin/users/:userId/sessions */
export const revokeSessions: RouteHandler<Admin['revokeSessions']> = (c) => {
  const { userId } = c.req.valid('param');
  return audited(c, 'users.sessions.revoke', { user_id: userId }, async (target) => {
    const revoked = await adminRevokeUserSessions(serviceClient(c), userId);
    if (revoked === null) throw userNotFound();
    target.result = { sessions_revoked: revoked };
    return { user_id: userId, sessions_revoked: revoked };
  });
};

/** POST /api/v1/auth/admin/lockouts/clear */
export const clearLockout: RouteHandler<Admin['clearLockout']> = (c) => {
  const { email } = c.req.valid('json');
  return audited(c, 'lockouts.clear', { email }, async (target) => {
    const before = await lockoutFor(c.env.LOGIN_LOCKOUT, email).clear();
    target.result = { was_locked: before.locked };
    return { email, was_locked: before.locked, failed_attempts: before.failures };
  });
};
