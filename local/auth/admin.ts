/**
 * The admin routes (`/admin/users...`, `/admin/generate_link`, `/invite`), as GoTrue's
 * `admin.go` / `mail.go` / `invite.go`. They need a bearer JWT whose `role` is
 * `service_role` (or `supabase_admin`): no token is 401 `no_authorization`, a bad one
 * 403 `bad_jwt`, any other role (the anon key) 403 `not_admin` "User not allowed".
 * The user list is paged like GoTrue (newest first, `page`/`per_page`, `X-Total-Count`
 * and a `Link` header with rel="next"/"last" that supabase-js reads).
 */
import crypto from 'node:crypto';
import type { Context, Hono } from 'hono';
import { parseGoDuration } from '../config.ts';
import { transaction, isUniqueViolation, type Db } from './db.ts';
import { actionLink, generateOtp, isRedirectAllowed, prepareOtpEmail, referrer, tokenHash } from './email.ts';
import { AuthError, badRequest, forbidden, internalError, notFound, unprocessable } from './errors.ts';
import type { AppContext } from './index.ts';
import { assertPasswordStrength, hashPassword } from './passwords.ts';
import { bearerToken, clientIp, parseBody, readBody } from './request.ts';
import { logoutAll, verifyJwt } from './tokens.ts';
import { updatePassword } from './account.ts';
import {
  AUD,
  audit,
  confirmEmail,
  findUserByEmail,
  findUserById,
  INSTANCE_ID,
  insertUserWithEmailIdentity,
  isUuid,
  mergeMetadata,
  storeOneTimeToken,
  userJson,
  validateEmail,
  validatePhone,
  type LoadedUser,
  type UserRow,
} from './users.ts';

const ADMIN_ROLES = ['service_role', 'supabase_admin'];
const DUPLICATE_EMAIL = 'A user with this email address has already been registered';
const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 1000;

function banUntil(duration: string): Date | null | undefined {
  if (!duration) return undefined;
  if (duration === 'none') return null;
  let ms: number;
  try {
    ms = parseGoDuration(duration);
  } catch (err) {
    throw badRequest('validation_failed', `invalid format for ban duration: ${(err as Error).message}`);
  }
  return ms === 0 ? null : new Date(Date.now() + ms);
}

/**
 * Inserts an email user for generate_link and invite, as GoTrue's `signupNewUser` does
 * for them: `user_metadata` is the request's `data` alone, the identity claims (`sub`,
 * `email`, ...) live in the identity's `identity_data`; 422 `email_exists` when the
 * address is taken.
 */
async function insertEmailUser(client: Db, email: string, encryptedPassword: string, data: Record<string, unknown>): Promise<string> {
  const id = crypto.randomUUID();
  try {
    return await insertUserWithEmailIdentity(client, { id, email, encryptedPassword, userMetadata: data, appMetadata: { provider: 'email', providers: ['email'] } });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_partial_key')) throw unprocessable('email_exists', DUPLICATE_EMAIL);
    throw internalError('Database error saving new user');
  }
}

/** GoTrue's `requireAdminCredentials`. */
async function requireAdmin(ctx: AppContext, c: Context): Promise<void> {
  const token = bearerToken(c);
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  const claims = await verifyJwt(ctx.deps, token);
  if (typeof claims.role !== 'string' || !ADMIN_ROLES.includes(claims.role)) throw forbidden('not_admin', 'User not allowed');
}

async function loadUser(db: Db, id: string): Promise<LoadedUser> {
  if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID');
  const user = await findUserById(db, id);
  if (!user) throw notFound('user_not_found', 'User not found');
  return user;
}

function parsePaging(c: Context): { page: number; perPage: number } {
  const parse = (name: string, fallback: number) => {
    const raw = c.req.query(name) ?? '';
    if (raw === '') return fallback;
    if (!/^\d+$/.test(raw)) throw badRequest('validation_failed', `Bad Pagination Parameters: strconv.ParseUint: parsing "${raw}": invalid syntax`);
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) throw badRequest('validation_failed', `Bad Pagination Parameters: strconv.ParseUint: parsing "${raw}": value out of range`);
    if (value === 0) throw badRequest('validation_failed', `Bad Pagination Parameters: ${name} must be greater than 0`);
    return value;
  };
  const page = parse('page', 1);
  const perPage = parse('per_page', DEFAULT_PER_PAGE);
  if (perPage > MAX_PER_PAGE) throw badRequest('validation_failed', `Bad Pagination Parameters: per_page must not exceed ${MAX_PER_PAGE}`);
  return { page, perPage };
}

/** GoTrue's `AddPaginationHeaders`: `</admin/users?page=N&per_page=M>; rel="next", <...>; rel="last"`. */
function linkHeader(c: Context, page: number, perPage: number, total: number): string {
  const totalPages = Math.max(Math.ceil(total / perPage), 1);
  const query = new URLSearchParams(new URL(c.req.url).search);
  const link = (p: number) => {
    query.set('page', String(p));
    query.sort();
    return `</admin/users?${query.toString()}>`;
  };
  let header = '';
  if (totalPages > page) header += `${link(page + 1)}; rel="next", `;
  return `${header}${link(totalPages)}; rel="last"`;
}

/** Registers the admin routes and POST /invite. */
export function registerAdmin(app: Hono, ctx: AppContext): void {
  const { deps, limiter } = ctx;
  const { config } = deps;
  const admin = (c: Context) => requireAdmin(ctx, c);

  app.get('/admin/users', async (c) => {
    await admin(c);
    const { page, perPage } = parsePaging(c);
    const filter = c.req.query('filter') ?? '';
    const where = `instance_id = $1 and aud = $2${filter ? ` and (email like $3 or raw_user_meta_data->>'full_name' ilike $3)` : ''}`;
    const args: unknown[] = [INSTANCE_ID, AUD];
    if (filter) args.push(`%${filter}%`);
    const count = await deps.db.query<{ n: string }>(`select count(*) as n from auth.users where ${where}`, args);
    const total = Number(count.rows[0]!.n);
    const { rows } = await deps.db.query<{ id: string }>(
      `select id from auth.users where ${where} order by created_at desc, id desc limit ${perPage} offset ${(page - 1) * perPage}`,
      args,
    );
    const users = [];
    for (const r of rows) {
      const u = await findUserById(deps.db, r.id);
      if (u) users.push(userJson(u));
    }
    c.header('Link', linkHeader(c, page, perPage, total));
    c.header('X-Total-Count', String(total));
    return c.json({ users, aud: AUD });
  });

  app.post('/admin/users', async (c) => {
    await admin(c);
    const body = await readBody(c, 'AdminUserParams');
    const rawEmail = body.str('email');
    const rawPhone = body.str('phone');
    let password = body.optStr('password');
    const passwordHash = body.str('password_hash');
    const ban = banUntil(body.str('ban_duration'));
    const role = body.str('role') || AUD;
    const customId = body.str('id');
    if (!rawEmail && !rawPhone) throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
    const email = rawEmail ? validateEmail(rawEmail) : '';
    if (email && (await findUserByEmail(deps.db, email))) throw unprocessable('email_exists', DUPLICATE_EMAIL);
    const phone = rawPhone ? validatePhone(rawPhone) : '';
    if (phone && (await deps.db.query('select 1 from auth.users where phone = $1', [phone])).rowCount) {
      throw unprocessable('phone_exists', 'Phone number already registered by another user');
    }
    if (password !== undefined && passwordHash) throw badRequest('validation_failed', 'Only a password or a password hash should be provided');
    if (!password && !passwordHash) password = crypto.randomBytes(48).toString('base64url');
    if (password && Buffer.byteLength(password) > 72) throw badRequest('validation_failed', 'bcrypt: password length exceeds 72 bytes');
    if (passwordHash && !/^\$2[aby]\$\d\d\$/.test(passwordHash)) throw internalError('Error creating user');
    if (customId && !isUuid(customId)) throw badRequest('validation_failed', 'ID must conform to the uuid v4 format');
    if (customId === INSTANCE_ID) throw badRequest('validation_failed', 'ID cannot be a nil uuid');
    const hash = passwordHash || (await hashPassword(password!));
    const providers = [...(email ? ['email'] : []), ...(phone ? ['phone'] : [])];
    const appMetadata = { provider: providers[0], providers };
    const extraAppMetadata = body.obj('app_metadata');
    const ip = clientIp(c, config);

    const id = await transaction(deps.db, async (client) => {
      const userId = customId || crypto.randomUUID();
      return createInTx(client, userId);
    }).catch((err: unknown) => {
      if (err instanceof AuthError) throw err;
      throw internalError('Database error creating new user');
    });
    return c.json(userJson((await findUserById(deps.db, id))!));

    async function createInTx(client: Db, userId: string): Promise<string> {
      try {
        if (email) {
          await insertUserWithEmailIdentity(client, { id: userId, email, encryptedPassword: hash, userMetadata: body.obj('user_metadata') ?? {}, appMetadata });
        } else {
          await client.query(
            `insert into auth.users (instance_id, id, aud, role, encrypted_password, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
             values ($1, $2, $3, $3, $4, $5, $6, now(), now())`,
            [INSTANCE_ID, userId, AUD, hash, appMetadata, body.obj('user_metadata') ?? {}],
          );
        }
        if (phone) {
          await client.query('update auth.users set phone = $2 where id = $1', [userId, phone]);
          await client.query(
            `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
             values ($1::text, $1::uuid, $2, 'phone', now(), now(), now())`,
            [userId, { sub: userId, phone, email_verified: false, phone_verified: false }],
          );
        }
      } catch (err) {
        if (isUniqueViolation(err, 'users_email_partial_key')) throw unprocessable('email_exists', DUPLICATE_EMAIL);
        if (isUniqueViolation(err, 'users_pkey')) throw unprocessable('email_exists', DUPLICATE_EMAIL);
        throw internalError('Database error creating new user');
      }
      await client.query('update auth.users set role = $2 where id = $1', [userId, role]);
      // GoTrue writes app_metadata with an UPDATE after the insert (triggers see both).
      if (extraAppMetadata) {
        await client.query('update auth.users set raw_app_meta_data = $2 where id = $1', [userId, mergeMetadata(appMetadata, extraAppMetadata)]);
      }
      if (body.bool('email_confirm')) await confirmEmail(client, userId);
      if (body.bool('phone_confirm')) await client.query('update auth.users set phone_confirmed_at = now() where id = $1', [userId]);
      if (ban !== undefined) await client.query('update auth.users set banned_until = $2 where id = $1', [userId, ban]);
      await audit(client, 'user_signedup', { id: userId, email }, ip, { user_id: userId, user_email: email, user_phone: phone });
      return userId;
    }
  });

  app.get('/admin/users/:id', async (c) => {
    await admin(c);
    return c.json(userJson(await loadUser(deps.db, c.req.param('id'))));
  });

  app.put('/admin/users/:id', async (c) => {
    await admin(c);
    const user = await loadUser(deps.db, c.req.param('id'));
    const body = await readBody(c, 'AdminUserParams');
    const email = body.str('email') ? validateEmail(body.str('email')) : '';
    const phone = body.str('phone') ? validatePhone(body.str('phone')) : '';
    const ban = banUntil(body.str('ban_duration'));
    const password = body.optStr('password');
    if (password !== undefined) assertPasswordStrength(config, password);
    const hash = password !== undefined ? await hashPassword(password) : null;
    const role = body.str('role');
    const emailConfirm = body.bool('email_confirm');
    const appData = body.obj('app_metadata');
    const userData = body.obj('user_metadata');

    try {
      await transaction(deps.db, async (client) => {
        if (role) await client.query('update auth.users set role = $2 where id = $1', [user.id, role]);
        if (emailConfirm) await confirmEmail(client, user.id);
        if (body.bool('phone_confirm')) await client.query('update auth.users set phone_confirmed_at = now() where id = $1', [user.id]);
        if (hash !== null) await updatePassword(client, user.id, hash, null);
        if (email) {
          const identity = await client.query('select 1 from auth.identities where user_id = $1 and provider = $2', [user.id, 'email']);
          if (identity.rowCount) {
            await client.query(
              `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', $3::boolean), updated_at = now()
                where user_id = $1 and provider = 'email'`,
              [user.id, email, emailConfirm],
            );
          } else {
            await client.query(
              `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
               values ($1::text, $1::uuid, $2, 'email', now(), now(), now())`,
              [user.id, { sub: user.id, email, email_verified: emailConfirm, phone_verified: false }],
            );
          }
          await client.query('update auth.users set email = $2 where id = $1', [user.id, email]);
        }
        if (phone) await client.query('update auth.users set phone = $2 where id = $1', [user.id, phone]);
        const current = (await findUserById(client, user.id))!;
        if (appData) await client.query('update auth.users set raw_app_meta_data = $2 where id = $1', [user.id, mergeMetadata(current.raw_app_meta_data, appData)]);
        if (userData) await client.query('update auth.users set raw_user_meta_data = $2 where id = $1', [user.id, mergeMetadata(current.raw_user_meta_data, userData)]);
        if (ban !== undefined) await client.query('update auth.users set banned_until = $2 where id = $1', [user.id, ban]);
        await client.query('update auth.users set updated_at = now() where id = $1', [user.id]);
        await audit(client, 'user_modified', user, clientIp(c, config), { user_id: user.id, user_email: user.email, user_phone: user.phone });
      });
    } catch (err) {
      if (err instanceof AuthError) throw err;
      if (isUniqueViolation(err)) throw unprocessable('email_exists', DUPLICATE_EMAIL);
      throw internalError('Error updating user');
    }
    return c.json(userJson((await findUserById(deps.db, user.id))!));
  });

  app.delete('/admin/users/:id', async (c) => {
    await admin(c);
    const user = await loadUser(deps.db, c.req.param('id'));
    const text = await c.req.text();
    let soft = false;
    if (text.trim()) {
      soft = parseBody(text, 'adminUserDeleteParams').bool('should_soft_delete');
    }
    await transaction(deps.db, async (client) => {
      await audit(client, 'user_deleted', user, clientIp(c, config), { user_id: user.id, user_email: user.email, user_phone: user.phone });
      if (!soft) {
        await client.query('delete from auth.users where id = $1', [user.id]);
        return;
      }
      if (user.deleted_at) return;
      const obfuscate = (v: string) => crypto.createHash('sha256').update(user.id + v).digest('base64url');
      await client.query(
        `update auth.users set email = $2, phone = null, encrypted_password = '', confirmation_token = '', recovery_token = '',
                email_change = '', email_change_token_new = '', email_change_token_current = '',
                raw_app_meta_data = '{}', raw_user_meta_data = '{}', deleted_at = now(), updated_at = now()
          where id = $1`,
        [user.id, user.email ? obfuscate(user.email) : null],
      );
      await client.query(
        `update auth.identities set provider_id = $2 || provider_id, identity_data = '{}' where user_id = $1`,
        [user.id, `${obfuscate('identity')}:`],
      );
      await client.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
      await logoutAll(client, user.id);
    });
    return c.json({});
  });

  app.post('/admin/generate_link', async (c) => {
    await admin(c);
    const body = await readBody(c, 'GenerateLinkParams');
    let type = body.str('type');
    const email = validateEmail(body.str('email'));
    const fromBody = body.str('redirect_to');
    const redirectTo = isRedirectAllowed(config, fromBody) ? fromBody : referrer(c, config);
    let password = body.str('password');
    const data = body.obj('data') ?? {};
    let user: LoadedUser | null = await findUserByEmail(deps.db, email);
    if (!user) {
      if (type === 'magiclink') {
        type = 'signup';
        password = crypto.randomBytes(48).toString('base64url');
      } else if (type === 'recovery' || type === 'email_change_current' || type === 'email_change_new') {
        throw notFound('user_not_found', 'User with this email not found');
      }
    }
    if (type === 'signup' && !user) {
      if (!password) throw badRequest('validation_failed', 'Signup requires a valid password');
      assertPasswordStrength(config, password);
    }
    const otp = generateOtp();
    const hashed = tokenHash(email, otp);
    const newUserHash = type === 'signup' && !user ? await hashPassword(password) : '';
    const ip = clientIp(c, config);

    const { userId, linkToken } = await transaction(deps.db, async (client) => {
      switch (type) {
        case 'magiclink':
        case 'recovery': {
          const u = user!;
          await client.query('update auth.users set recovery_token = $2, recovery_sent_at = now() where id = $1', [u.id, hashed]);
          await storeOneTimeToken(client, u.id, 'recovery_token', hashed, email);
          await audit(client, 'user_recovery_requested', u, ip);
          return { userId: u.id, linkToken: hashed };
        }
        case 'invite':
        case 'signup': {
          if (user?.email_confirmed_at) throw unprocessable('email_exists', DUPLICATE_EMAIL);
          let u: UserRow;
          if (user) {
            u = user;
            if (type === 'signup') {
              await client.query('update auth.users set raw_user_meta_data = $2 where id = $1', [u.id, mergeMetadata(u.raw_user_meta_data, data)]);
            }
          } else {
            u = (await findUserById(client, await insertEmailUser(client, email, newUserHash, data)))!;
          }
          const invited = type === 'invite' ? ', invited_at = now()' : '';
          await client.query(`update auth.users set confirmation_token = $2, confirmation_sent_at = now()${invited} where id = $1`, [u.id, hashed]);
          await storeOneTimeToken(client, u.id, 'confirmation_token', hashed, email);
          return { userId: u.id, linkToken: hashed };
        }
        case 'email_change_current':
        case 'email_change_new': {
          const u = user!;
          const newEmail = validateEmail(body.str('new_email'));
          const other = await findUserByEmail(client, newEmail);
          if (other && other.id !== u.id) throw unprocessable('email_exists', DUPLICATE_EMAIL);
          const current = type === 'email_change_current' ? hashed : '';
          const fresh = type === 'email_change_new' ? tokenHash(newEmail, otp) : '';
          await client.query(
            `update auth.users set email_change = $2, email_change_token_current = $3, email_change_token_new = $4,
                    email_change_sent_at = now(), email_change_confirm_status = 0 where id = $1`,
            [u.id, newEmail, current, fresh],
          );
          if (current) await storeOneTimeToken(client, u.id, 'email_change_token_current', current, email);
          if (fresh) await storeOneTimeToken(client, u.id, 'email_change_token_new', fresh, newEmail);
          return { userId: u.id, linkToken: current || fresh };
        }
        default:
          throw badRequest('validation_failed', `Invalid email action link type requested: ${type}`);
      }
    });
    user = (await findUserById(deps.db, userId))!;
    const linkType = type.startsWith('email_change') ? 'email_change' : type;
    return c.json({
      ...userJson(user),
      action_link: actionLink(deps.externalUrl, linkToken, linkType, redirectTo),
      email_otp: otp,
      hashed_token: hashed,
      verification_type: type,
      redirect_to: redirectTo,
    });
  });

  app.post('/invite', async (c) => {
    await admin(c);
    const body = await readBody(c, 'InviteParams');
    const email = validateEmail(body.str('email'));
    const data = body.obj('data') ?? {};
    const ip = clientIp(c, config);
    const mail = { deps, limiter, redirectTo: referrer(c, config) };
    const existing = await findUserByEmail(deps.db, email);
    if (existing?.email_confirmed_at) throw unprocessable('email_exists', DUPLICATE_EMAIL);
    const { id, outgoing } = await transaction(deps.db, async (client) => {
      const userId = existing?.id ?? (await insertEmailUser(client, email, '', data));
      const user = (await findUserById(client, userId, true))!;
      await audit(client, 'user_invited', user, ip, { user_id: userId, user_email: email });
      return { id: userId, outgoing: await prepareOtpEmail(client, mail, user, 'invite') };
    });
    deps.sendEmail(outgoing);
    return c.json(userJson((await findUserById(deps.db, id))!));
  });
}
