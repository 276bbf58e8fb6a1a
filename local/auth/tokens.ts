/**
 * Sessions, access tokens and refresh tokens, following GoTrue (`internal/tokens`,
 * `models/sessions.go`, `models/refresh_token.go`): every sign-in creates an
 * `auth.sessions` row (with the request's User-Agent and client IP) and a 12-character
 * refresh token; the access token is a JWT signed with the project's asymmetric key
 * (`kid` in the header) carrying GoTrue's claims, or the claims the custom access token
 * hook returns for them (hook.ts), run in the same transaction so that a failing hook
 * leaves no session behind. Each refresh writes `refreshed_at` (UTC, `timestamp`), the
 * User-Agent and IP of the request, and `updated_at` on the session, as GoTrue's
 * `UpdateOnlyRefreshInfo` does. Refreshing rotates the token under a row lock; presenting the just-rotated parent
 * within `refresh_token_reuse_interval` hands back the active child, later it revokes
 * the session's whole token family (committed) and answers `refresh_token_already_used`.
 * Bearer tokens are checked as GoTrue's `requireAuthentication` does: signature and
 * expiry (403 `bad_jwt`), the user (403 `user_not_found`), the session (403
 * `session_not_found`), a ban (403 `user_banned`).
 */
import crypto from 'node:crypto';
import net from 'node:net';
import * as jose from 'jose';
import type { AuthDeps } from './context.ts';
import { type Db, transaction } from './db.ts';
import { AuthError, badRequest, commitAndFail, forbidden, OAuthError } from './errors.ts';
import { AAL2_METHODS } from './factors.ts';
import { runAccessTokenHook } from './hook.ts';
import { AUD, findUserById, INSTANCE_ID, isBanned, isUuid, type LoadedUser, userJson } from './users.ts';

/** How a session was authenticated (`amr` method), as GoTrue's `AuthenticationMethod` names it. */
type AuthMethod = 'password' | 'otp' | 'magiclink' | 'email/signup' | 'email_change' | 'invite' | 'recovery' | 'passkey';

/** The amr method a verified second factor adds: a TOTP code, or a recovery code (recovery-codes.ts). */
type SecondFactorMethod = 'totp' | 'mfa/recovery_code';

/** What an access token is issued for: a new session's sign-in method, a refresh, or a verified second factor. */
type IssueMethod = AuthMethod | 'token_refresh' | SecondFactorMethod;

/** Who is asking: client address and user agent (stored on the session). */
export interface RequestMeta {
  ip: string;
  userAgent?: string | undefined;
}

/** The JSON GoTrue answers a successful sign-in with (`AccessTokenResponse`). */
export interface SessionResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
  weak_password?: { message: string; reasons: string[] };
}

/** What a verified bearer token resolves to. */
interface Authenticated {
  claims: jose.JWTPayload & Record<string, unknown>;
  user: LoadedUser;
  sessionId: string | null;
}

interface RefreshTokenRow {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean;
  updated_at: Date;
  parent: string | null;
  session_id: string | null;
}

interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  not_after: Date | null;
  refreshed_at: Date | null;
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** GoTrue's legacy refresh token: 12 random alphanumeric characters. */
function newRefreshTokenString(): string {
  const bytes = crypto.randomBytes(12);
  let out = '';
  for (const b of bytes) out += ALPHANUMERIC[b % ALPHANUMERIC.length];
  return out;
}

async function insertRefreshToken(client: Db, userId: string, sessionId: string, parent: string | null): Promise<string> {
  const token = newRefreshTokenString();
  await client.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, $3, false, now(), now(), $4, $5)`,
    [INSTANCE_ID, token, userId, parent, sessionId],
  );
  return token;
}

/** A session's amr claim, newest first (GoTrue sorts by timestamp, descending). */
async function amrOf(client: Db, sessionId: string): Promise<{ method: string; timestamp: number }[]> {
  const { rows } = await client.query<{ authentication_method: string; updated_at: Date }>(
    'select authentication_method, updated_at from auth.mfa_amr_claims where session_id = $1 order by updated_at desc',
    [sessionId],
  );
  return rows.map((r) => ({ method: r.authentication_method, timestamp: Math.floor(r.updated_at.getTime() / 1000) }));
}

/** GoTrue's `CalculateAALAndAMR`: `aal2` as soon as one amr entry is a second factor. */
function aalOf(amr: { method: string }[]): 'aal1' | 'aal2' {
  return amr.some((entry) => AAL2_METHODS.has(entry.method)) ? 'aal2' : 'aal1';
}

/**
 * Signs a user's access token with GoTrue's claims, passed through the custom access
 * token hook when one is enabled; returns the token and the exp GoTrue computed (the
 * answer's `expires_at`, whatever the hook did to the claim).
 */
async function signAccessToken(
  deps: AuthDeps,
  client: Db,
  user: LoadedUser,
  sessionId: string,
  issued: { method: IssueMethod; ip: string },
): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + deps.config.auth.jwtExpiry;
  const amr = await amrOf(client, sessionId);
  const claims = {
    iss: `${deps.externalUrl}/auth/v1`,
    sub: user.id,
    aud: user.aud ?? AUD,
    exp,
    iat,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? '',
    aal: aalOf(amr),
    amr,
    session_id: sessionId,
    is_anonymous: user.is_anonymous,
  };
  const hook = deps.config.auth.hooks.customAccessToken;
  const payload = hook ? await runAccessTokenHook(hook, client, { userId: user.id, claims, method: issued.method, ip: issued.ip }) : claims;
  return { token: await deps.keys.sign(payload), expiresAt: exp };
}

function sessionResponse(
  deps: AuthDeps,
  access: { token: string; expiresAt: number },
  refreshToken: string,
  user: LoadedUser,
): SessionResponse {
  return {
    access_token: access.token,
    token_type: 'bearer',
    expires_in: deps.config.auth.jwtExpiry,
    expires_at: access.expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

/**
 * GoTrue's `IssueRefreshToken` inside the caller's transaction: a new session and
 * refresh token for `userId`, the sign-in method recorded for `amr`, `last_sign_in_at`
 * updated.
 */
export async function createSession(
  deps: AuthDeps,
  client: Db,
  userId: string,
  method: AuthMethod,
  meta: RequestMeta,
): Promise<SessionResponse> {
  const sessionId = crypto.randomUUID();
  await client.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1, $2, now(), now(), 'aal1', $3, $4)`,
    [sessionId, userId, meta.userAgent || null, isIp(meta.ip) ? meta.ip : null],
  );
  await client.query(
    `insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
     values ($1, now(), now(), $2, $3)
     on conflict (session_id, authentication_method) do update set updated_at = now()`,
    [sessionId, method, crypto.randomUUID()],
  );
  await client.query('update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1', [userId]);
  const refreshToken = await insertRefreshToken(client, userId, sessionId, null);
  const user = (await findUserById(client, userId))!;
  const access = await signAccessToken(deps, client, user, sessionId, { method, ip: meta.ip });
  return sessionResponse(deps, access, refreshToken, user);
}

/** `createSession` in a transaction of its own. */
export async function issueSession(deps: AuthDeps, userId: string, method: AuthMethod, meta: RequestMeta): Promise<SessionResponse> {
  return transaction(deps.db, (client) => createSession(deps, client, userId, method, meta));
}

/**
 * GoTrue's `updateMFASessionAndClaims` after a verified factor, inside the caller's
 * transaction: records the method in the session's amr claims, swaps the session's
 * refresh token for a new one (so the token issued before the second factor cannot
 * refresh into `aal2`), stores the session's new `aal` and the factor that raised it, and
 * signs the access token (the hook sees `authentication_method` `totp`, or
 * `mfa/recovery_code` after a recovery code). The answer's
 * user is read here, after the factor's status changed, as GoTrue reads it.
 */
export async function upgradeSession(
  deps: AuthDeps,
  client: Db,
  userId: string,
  sessionId: string,
  factorId: string,
  method: SecondFactorMethod,
  meta: RequestMeta,
): Promise<SessionResponse> {
  await client.query(
    `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
     values ($1, $2, now(), now(), $3)
     on conflict on constraint mfa_amr_claims_session_id_authentication_method_pkey do update set updated_at = now()`,
    [crypto.randomUUID(), sessionId, method],
  );
  const locked = await client.query('select id from auth.sessions where id = $1 for update', [sessionId]);
  if (!locked.rowCount) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
  // The legacy refresh token swap: the session's oldest live token is revoked for a child.
  const current = (
    await client.query<{ id: string; token: string }>(
      `select id, token from auth.refresh_tokens
        where instance_id = $1 and session_id = $2 and revoked = false order by created_at asc, id asc limit 1`,
      [INSTANCE_ID, sessionId],
    )
  ).rows[0];
  if (!current) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  await client.query('update auth.refresh_tokens set revoked = true where id = $1', [current.id]);
  const refreshToken = await insertRefreshToken(client, userId, sessionId, current.token);
  const aal = aalOf(await amrOf(client, sessionId));
  await client.query('update auth.sessions set aal = $2, factor_id = $3 where id = $1', [sessionId, aal, factorId]);
  const user = (await findUserById(client, userId))!;
  const access = await signAccessToken(deps, client, user, sessionId, { method, ip: meta.ip });
  return sessionResponse(deps, access, refreshToken, user);
}

/** Whether `value` can be stored in the `inet` column (else the session gets no ip, as in GoTrue). */
function isIp(value: string): boolean {
  return net.isIP(value) !== 0 && !value.includes('%');
}

/** GoTrue's session validity check: not_after, timebox, inactivity (`CheckValidity`). */
function sessionExpiryError(deps: AuthDeps, session: SessionRow, tokenUpdatedAt: Date): AuthError | null {
  const now = Date.now();
  const { timebox, inactivityTimeout } = deps.config.auth.sessions;
  if (session.not_after && now > session.not_after.getTime()) {
    return badRequest('session_expired', 'Invalid Refresh Token: Session Expired');
  }
  if (timebox > 0 && now > session.created_at.getTime() + timebox * 1000) {
    return badRequest('session_expired', 'Invalid Refresh Token: Session Expired');
  }
  if (inactivityTimeout > 0) {
    let last = session.created_at;
    if (session.refreshed_at) last = session.refreshed_at;
    else if (tokenUpdatedAt.getTime() > session.created_at.getTime()) last = tokenUpdatedAt;
    if (now > last.getTime() + inactivityTimeout * 1000) {
      return badRequest('session_expired', 'Invalid Refresh Token: Session Expired (Inactivity)');
    }
  }
  return null;
}

/** GoTrue's refresh_token grant (rotation, reuse interval, reuse detection). */
export async function refreshTokenGrant(deps: AuthDeps, refreshToken: string, meta: RequestMeta): Promise<SessionResponse> {
  if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token required');
  if (refreshToken.length < 12) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  return transaction(deps.db, async (client) => {
    const { rows } = await client.query<RefreshTokenRow>(
      'select id, token, user_id, revoked, updated_at, parent, session_id from auth.refresh_tokens where token = $1 for update',
      [refreshToken],
    );
    const token = rows[0];
    if (!token) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    const user = await findUserById(client, token.user_id);
    if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    if (isBanned(user)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');

    const session = token.session_id
      ? (
          await client.query<SessionRow>(
            `select id, user_id, created_at, not_after, refreshed_at at time zone 'utc' as refreshed_at
               from auth.sessions where id = $1 for update`,
            [token.session_id],
          )
        ).rows[0]
      : undefined;
    if (!session) {
      await client.query('delete from auth.refresh_tokens where id = $1', [token.id]);
      throw commitAndFail(badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found'));
    }
    const expired = sessionExpiryError(deps, session, token.updated_at);
    if (expired) throw expired;

    let issued: string | null = null;
    if (token.revoked) {
      const active = (
        await client.query<{ token: string; parent: string | null }>(
          `select token, parent from auth.refresh_tokens
            where session_id = $1 and revoked = false order by id desc limit 1`,
          [session.id],
        )
      ).rows[0];
      if (active && active.parent === token.token) {
        // The client lost the answer of its last refresh: hand back the active child.
        issued = active.token;
      } else if (Date.now() > token.updated_at.getTime() + deps.config.auth.refreshTokenReuseInterval * 1000) {
        if (deps.config.auth.enableRefreshTokenRotation) {
          await client.query('update auth.refresh_tokens set revoked = true where session_id = $1 and revoked = false', [session.id]);
        }
        throw commitAndFail(badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used'));
      }
    }
    if (!issued) {
      await client.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [token.id]);
      issued = await insertRefreshToken(client, user.id, session.id, token.token);
    }
    // GoTrue signs first (the hook sees the session as it was), then records the refresh.
    const access = await signAccessToken(deps, client, user, session.id, { method: 'token_refresh', ip: meta.ip });
    await client.query(
      `update auth.sessions set refreshed_at = timezone('utc', now()), updated_at = now(), user_agent = $2, ip = $3 where id = $1`,
      [session.id, meta.userAgent || null, isIp(meta.ip) ? meta.ip : null],
    );
    return sessionResponse(deps, access, issued, user);
  });
}

/** Translates a jose verification failure into golang-jwt's wording, as GoTrue shows it. */
function jwtFailure(err: unknown): string {
  if (err instanceof jose.errors.JWTExpired) return 'token has invalid claims: token is expired';
  if (err instanceof jose.errors.JWTClaimValidationFailed) return `token has invalid claims: ${err.message}`;
  if (err instanceof jose.errors.JWSSignatureVerificationFailed) return 'token signature is invalid: signature is invalid';
  if (err instanceof jose.errors.JWKSNoMatchingKey) return 'token is unverifiable: error while executing keyfunc: unrecognized JWT kid';
  if (err instanceof jose.errors.JOSEAlgNotAllowed) return 'token signature is invalid: signing method is invalid';
  return 'token is malformed: could not parse the token';
}

/** Verifies a bearer JWT's signature and expiry; 403 `bad_jwt` otherwise. */
export async function verifyJwt(deps: AuthDeps, token: string): Promise<jose.JWTPayload & Record<string, unknown>> {
  try {
    return (await deps.keys.verify(token)) as jose.JWTPayload & Record<string, unknown>;
  } catch (err) {
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${jwtFailure(err)}`);
  }
}

/** GoTrue's `requireAuthentication` for a bearer token. */
export async function authenticate(deps: AuthDeps, token: string | null): Promise<Authenticated> {
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  const claims = await verifyJwt(deps, token);
  if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  if (!isUuid(claims.sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
  const user = await findUserById(deps.db, claims.sub);
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  const sid = typeof claims.session_id === 'string' ? claims.session_id : '';
  let sessionId: string | null = null;
  if (sid && sid !== INSTANCE_ID) {
    if (!isUuid(sid)) throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
    const { rowCount } = await deps.db.query('select 1 from auth.sessions where id = $1', [sid]);
    if (!rowCount) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
    sessionId = sid;
  }
  if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
  return { claims, user, sessionId };
}

/** Deletes every session (and so every refresh token) of a user. */
export async function logoutAll(db: Db, userId: string): Promise<void> {
  await db.query('delete from auth.sessions where user_id = $1', [userId]);
  await db.query('delete from auth.refresh_tokens where instance_id = $1 and user_id = $2', [INSTANCE_ID, userId]);
}

/** Deletes every session of a user except `sessionId`. */
export async function logoutAllExcept(db: Db, userId: string, sessionId: string): Promise<void> {
  await db.query('delete from auth.sessions where user_id = $1 and id <> $2', [userId, sessionId]);
}

/** Deletes one session. */
export async function logoutSession(db: Db, sessionId: string): Promise<void> {
  await db.query('delete from auth.sessions where id = $1', [sessionId]);
}
