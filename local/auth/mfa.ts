/**
 * Supabase Auth's MFA API for TOTP factors, as GoTrue's `api/mfa.go` and the factor routes
 * of `api/admin.go` serve it, so that supabase-js's `auth.mfa.*` and `auth.admin.mfa.*`
 * work unchanged:
 *
 * - `POST /factors` enrolls an unverified TOTP factor: a 20-byte secret (base32), its
 *   `otpauth://` URI (issuer: the request's `issuer`, else the host of `site_url`;
 *   account: the user's email) and a QR code of that URI as a bare SVG document (supabase-js
 *   makes the `data:` URL). Unverified factors older than five minutes that were never
 *   challenged are cleaned up first; then a repeated `friendly_name` (including the empty
 *   one) is 422 `mfa_factor_name_conflict`, `max_enrolled_factors` factors or 10 verified
 *   ones are 422 `too_many_enrolled_mfa_factors`, and a user with a verified factor needs
 *   an `aal2` session (403 `insufficient_aal`).
 * - `POST /factors/{id}/challenge` records a challenge with the client IP (see
 *   request.ts) and the factor's `last_challenged_at`; it expires after
 *   `auth.mfa.challengeExpiryDuration` seconds (`expires_at` in the answer).
 * - `POST /factors/{id}/verify` checks the challenge (422 `mfa_factor_not_found` when it
 *   is not this factor's; 422 `mfa_ip_address_mismatch` when it was already verified or
 *   comes from another IP; 422 `mfa_challenge_expired`, and the challenge is deleted)
 *   and the code (RFC 6238: SHA-1, 6 digits, 30 s, one step either way; 422
 *   `mfa_verification_failed`). Success marks the challenge verified and the factor
 *   verified, raises the session to `aal2` with a `totp` amr claim and a swapped refresh
 *   token (tokens.ts `upgradeSession`), deletes the user's sessions below `aal2` and the
 *   user's other unverified TOTP factors, and answers with the session. As in GoTrue, a
 *   challenge is single-use but a code is not: the same code verifies a new challenge
 *   within its period.
 * - `DELETE /factors/{id}` unenrolls (a verified factor needs an `aal2` session: 422
 *   `insufficient_aal`); the sessions the factor raised lose its amr claim and are
 *   `aal1` again (factors.ts `downgradeSessions`), so their next refresh is `aal1`. When
 *   the user has no verified factor left but recovery codes, those go too (factors.ts
 *   `deleteOrphanedRecoveryCodes`; the admin delete does the same).
 * - `GET /admin/users/{id}/factors`, `PUT` and `DELETE /admin/users/{id}/factors/{factorId}`
 *   list, rename and delete a user's factors (deleting downgrades sessions the same way).
 *
 * Every user route needs a signed-in, non-anonymous user (403 `no_authorization`
 * otherwise); `{id}` must be one of the caller's factors (404 `validation_failed` when not
 * a UUID, 404 `mfa_factor_not_found`). Disabled TOTP enrollment or verification
 * (`[auth.mfa.totp]`) is 422 `mfa_totp_enroll_not_enabled` / `mfa_totp_verify_not_enabled`;
 * phone and WebAuthn factors are never enabled here (config.ts refuses them), so they get
 * GoTrue's "disabled" answers. Recovery codes (a `recovery_code` factor) have routes of
 * their own, `/factors/recovery-codes[/verify|/regenerate]` (recovery-codes.ts); here they
 * can only be listed and deleted like any factor (`DELETE /factors/{id}` needs `aal2`), and
 * a challenge or verify of one is 400 `validation_failed`.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import type { Context, Hono } from 'hono';
import { Secret, TOTP } from 'otpauth';
import { toString as qrCode } from 'qrcode';
import { requireAdmin } from './admin-guard.ts';
import { loadUser } from './admin-users.ts';
import type { AppContext } from './context.ts';
import { transaction } from './db.ts';
import { AuthError, badRequest, commitAndFail, forbidden, internalError, notFound, unprocessable } from './errors.ts';
import {
  type ChallengeRow,
  deleteOrphanedRecoveryCodes,
  downgradeSessions,
  type FactorRow,
  factorJson,
  findFactors,
  findOwnedFactor,
} from './factors.ts';
import { type Body, bearerToken, clientIp, readBody } from './request.ts';
import { authenticate, upgradeSession } from './tokens.ts';
import { audit, isUuid, type LoadedUser } from './users.ts';

/** GoTrue's TOTP parameters (`totp.ValidateOpts` in `verifyTOTPFactor`). */
const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** Registers the user's factor routes and the admin factor routes. */
export function registerMfa(app: Hono, ctx: AppContext): void {
  app.post('/factors', (c) => enroll(ctx, c));
  app.post('/factors/:factorId/challenge', (c) => challenge(ctx, c));
  app.post('/factors/:factorId/verify', (c) => verify(ctx, c));
  app.delete('/factors/:factorId', (c) => unenroll(ctx, c));

  const admin = requireAdmin(ctx.deps);
  app.get('/admin/users/:id/factors', admin, async (c) => {
    const user = await loadUser(ctx.deps.db, c.req.param('id'));
    return c.json(user.factors.map(factorJson));
  });
  app.put('/admin/users/:id/factors/:factorId', admin, (c) => adminUpdateFactor(ctx, c));
  app.delete('/admin/users/:id/factors/:factorId', admin, (c) => adminDeleteFactor(ctx, c));
}

/** The caller of a factor route: GoTrue's `requireAuthentication` and `requireNotAnonymous`. */
export async function caller(ctx: AppContext, c: Context): Promise<{ user: LoadedUser; sessionId: string | null }> {
  const auth = await authenticate(ctx.deps, bearerToken(c));
  if (auth.claims.is_anonymous === true) throw forbidden('no_authorization', 'Anonymous user not allowed to perform these actions');
  return { user: auth.user, sessionId: auth.sessionId };
}

/** GoTrue's `loadFactor`: the caller's factor named by the path. */
async function loadFactor(ctx: AppContext, userId: string, factorId: string): Promise<FactorRow> {
  if (!isUuid(factorId)) throw notFound('validation_failed', 'factor_id must be an UUID');
  const factor = await findOwnedFactor(ctx.deps.db, userId, factorId);
  if (!factor) throw notFound('mfa_factor_not_found', 'Factor not found');
  return factor;
}

/** The `aal` of a session row ('' when it has none). */
export async function sessionAal(ctx: AppContext, sessionId: string): Promise<string> {
  const { rows } = await ctx.deps.db.query<{ aal: string | null }>('select aal from auth.sessions where id = $1', [sessionId]);
  return rows[0]?.aal ?? '';
}

/** GoTrue's answer when a factor type is switched off (only TOTP can be on here). */
function assertEnabled(ctx: AppContext, factorType: string, step: 'enroll' | 'verify'): void {
  const { totp } = ctx.deps.config.auth.mfa;
  if (factorType === 'totp') {
    if (step === 'enroll' && !totp.enrollEnabled) throw unprocessable('mfa_totp_enroll_not_enabled', 'MFA enroll is disabled for TOTP');
    if (step === 'verify' && !totp.verifyEnabled) {
      throw unprocessable('mfa_totp_verify_not_enabled', 'MFA verification is disabled for TOTP');
    }
    return;
  }
  if (factorType === 'phone') {
    if (step === 'enroll') throw unprocessable('mfa_phone_enroll_not_enabled', 'MFA enroll is disabled for Phone');
    throw unprocessable('mfa_phone_verify_not_enabled', 'MFA verification is disabled for Phone');
  }
  if (factorType === 'webauthn') {
    if (step === 'enroll') throw unprocessable('mfa_webauthn_enroll_not_enabled', 'MFA enroll is disabled for WebAuthn');
    throw unprocessable('mfa_webauthn_verify_not_enabled', 'MFA verification is disabled for WebAuthn');
  }
  if (factorType === 'recovery_code' && step === 'verify') {
    // Recovery codes are generated and verified by routes of their own (recovery-codes.ts).
    throw badRequest('validation_failed', 'Recovery codes have no challenge: verify one at /factors/recovery-codes/verify');
  }
  throw badRequest('validation_failed', 'factor_type needs to be totp, phone, or webauthn');
}

/** Go's `%q` for the strings GoTrue quotes in its messages (close enough: JSON string syntax). */
const quoted = (value: string) => JSON.stringify(value);

/** Go's `url.QueryEscape` (then `+` for spaces as `%20`, as pquerna/otp's `EncodeQuery` does). */
const queryEscape = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** Go's escaping of a URL path (what `url.URL.String()` leaves as it is: `$&+,/:;=@` too). */
const pathEscape = (value: string) => encodeURI(value).replace(/[?#[\]]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** The key URI pquerna/otp's `totp.Generate` gives: `otpauth://totp/ISSUER:ACCOUNT?algorithm=…` (query keys sorted). */
function keyUri(issuer: string, account: string, secret: string): string {
  const query = { algorithm: 'SHA1', digits: '6', issuer, period: '30', secret };
  const encoded = Object.entries(query)
    .map(([k, v]) => `${k}=${queryEscape(v)}`)
    .join('&');
  return `otpauth://totp/${pathEscape(`${issuer}:${account}`)}?${encoded}`;
}

/** The issuer GoTrue puts in the URI: the request's, else the host (with port) of `site_url`. */
function issuerOf(ctx: AppContext, requested: string): string {
  if (requested) return requested;
  try {
    return new URL(ctx.deps.config.auth.siteUrl).host;
  } catch {
    throw internalError('site url is improperly formatted');
  }
}

/** POST /factors: enrolls an unverified TOTP factor. */
async function enroll(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, sessionId } = await caller(ctx, c);
  if (!sessionId) throw internalError('A valid session and a registered user are required to enroll a factor');
  const body = await readBody(c, 'EnrollFactorParams');
  const friendlyName = body.str('friendly_name');
  const factorType = body.str('factor_type');
  const requestedIssuer = body.str('issuer');
  body.str('phone');
  assertEnabled(ctx, factorType, 'enroll');
  const issuer = issuerOf(ctx, requestedIssuer);
  const aal = await sessionAal(ctx, sessionId);
  const ip = clientIp(c, deps.config);

  const secret = new Secret({ size: 20 }).base32;
  const uri = keyUri(issuer, user.email ?? '', secret);
  const svg = await qrCode(uri, { type: 'svg', errorCorrectionLevel: 'H' });
  const factorId = crypto.randomUUID();
  await transaction(deps.db, async (client) => {
    // One enrollment at a time per user, so that the limits below hold under concurrency.
    await client.query('select id from auth.users where id = $1 for update', [user.id]);
    await validateNewFactor(ctx, client, user.id, friendlyName, aal);
    await client.query(
      `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
       values ($1, $2, $3, 'totp', 'unverified', now(), now(), $4)`,
      [factorId, user.id, friendlyName, secret],
    );
    await audit(client, 'factor_in_progress', user, ip, { factor_id: factorId }, 'factor');
  });
  return c.json({ id: factorId, type: 'totp', friendly_name: friendlyName, totp: { qr_code: svg, secret, uri } });
}

/** GoTrue's `validateFactors`, run before a new factor is stored. */
export async function validateNewFactor(
  ctx: AppContext,
  client: Parameters<typeof findFactors>[0],
  userId: string,
  friendlyName: string,
  aal: string,
): Promise<void> {
  const { mfa } = ctx.deps.config.auth;
  // GoTrue's `DeleteExpiredFactors`: unverified factors never challenged, past their expiry (every user's).
  await client.query(
    `delete from auth.mfa_factors f
      where f.status <> 'verified'
        and not exists (select 1 from auth.mfa_challenges ch where ch.factor_id = f.id)
        and f.created_at + make_interval(secs => $1) < current_timestamp`,
    [Math.trunc(mfa.factorExpiryDuration)],
  );
  const factors = await findFactors(client, userId);
  const conflict = factors.find((f) => (f.friendly_name ?? '') === friendlyName);
  if (conflict) {
    throw unprocessable('mfa_factor_name_conflict', `A factor with the friendly name ${quoted(friendlyName)} for this user already exists`);
  }
  const verified = factors.filter((f) => f.status === 'verified').length;
  if (factors.length >= mfa.maxEnrolledFactors || verified >= mfa.maxVerifiedFactors) {
    throw unprocessable('too_many_enrolled_mfa_factors', 'Maximum number of verified factors reached, unenroll to continue');
  }
  if (verified > 0 && aal !== 'aal2') throw forbidden('insufficient_aal', 'AAL2 required to enroll a new factor');
}

/** POST /factors/{id}/challenge: a challenge bound to the client IP. */
async function challenge(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user } = await caller(ctx, c);
  const factor = await loadFactor(ctx, user.id, c.req.param('factorId') ?? '');
  assertEnabled(ctx, factor.factor_type, 'verify');
  const ip = clientIp(c, deps.config);
  // GoTrue stores the address in an `inet` column: anything else fails there.
  if (net.isIP(ip) === 0 || ip.includes('%')) throw internalError('Database error creating challenge');
  const id = crypto.randomUUID();
  const createdAt = new Date();
  await transaction(deps.db, async (client) => {
    // The factor first: its row lock orders parallel challenges. The other way round (as
    // GoTrue writes them), each insert's foreign-key lock blocks the other's update of the
    // unique last_challenged_at, and Postgres aborts one of them as a deadlock.
    // Microseconds, as GoTrue's Go clock writes them: the column is unique across all
    // factors, and milliseconds collide when challenges arrive together.
    await client.query('update auth.mfa_factors set last_challenged_at = clock_timestamp() where id = $1', [factor.id]);
    await client.query('insert into auth.mfa_challenges (id, factor_id, created_at, ip_address) values ($1, $2, $3, $4)', [
      id,
      factor.id,
      createdAt,
      ip,
    ]);
    await audit(client, 'challenge_created', user, ip, { factor_id: factor.id, factor_status: factor.status }, 'factor');
  });
  const expiresAt = Math.floor(createdAt.getTime() / 1000) + Math.trunc(deps.config.auth.mfa.challengeExpiryDuration);
  return c.json({ id, type: factor.factor_type, expires_at: expiresAt });
}

/** `challenge_id` as Go decodes it into a `uuid.UUID` (absent: the nil UUID). */
function challengeIdOf(body: Body): string {
  const raw = body.optStr('challenge_id');
  if (raw === undefined) return '00000000-0000-0000-0000-000000000000';
  if (!isUuid(raw)) {
    throw badRequest(
      'bad_json',
      `Could not parse request body as JSON: uuid: incorrect UUID length ${raw.length} in string ${quoted(raw)}`,
    );
  }
  return raw.toLowerCase();
}

/** Whether `code` is the factor's TOTP code now, or one period either side (pquerna/otp trims spaces first). */
function totpMatches(secret: string, code: string): boolean {
  const token = code.trim();
  if (!/^\d{6}$/.test(token)) return false;
  return TOTP.validate({ token, secret: Secret.fromBase32(secret), ...TOTP_PARAMS, window: 1 }) !== null;
}

/** POST /factors/{id}/verify: checks the challenge and the code; answers with an `aal2` session. */
async function verify(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, sessionId } = await caller(ctx, c);
  const factor = await loadFactor(ctx, user.id, c.req.param('factorId') ?? '');
  const body = await readBody(c, 'VerifyFactorParams');
  const challengeId = challengeIdOf(body);
  const code = body.str('code');
  if (code === '') throw badRequest('validation_failed', 'Code needs to be non-empty');
  assertEnabled(ctx, factor.factor_type, 'verify');
  const ip = clientIp(c, deps.config);
  const meta = { ip, userAgent: c.req.header('user-agent') };

  const session = await transaction(deps.db, async (client) => {
    // GoTrue's `validateChallenge`; the row lock makes a challenge single-use under concurrency too.
    const found = (
      await client.query<ChallengeRow>(
        'select id, factor_id, created_at, verified_at, host(ip_address) as ip_address from auth.mfa_challenges where id = $1 and factor_id = $2 for update',
        [challengeId, factor.id],
      )
    ).rows[0];
    if (!found) throw unprocessable('mfa_factor_not_found', 'MFA factor with the provided challenge ID not found');
    if (found.verified_at !== null || found.ip_address !== ip) {
      throw unprocessable('mfa_ip_address_mismatch', 'Challenge and verify IP addresses mismatch.');
    }
    const expiresAt = found.created_at.getTime() + deps.config.auth.mfa.challengeExpiryDuration * 1000;
    if (Date.now() > expiresAt) {
      await client.query('delete from auth.mfa_challenges where id = $1', [found.id]);
      throw commitAndFail(
        unprocessable(
          'mfa_challenge_expired',
          `MFA challenge ${found.id} has expired, verify against another challenge or create a new challenge.`,
        ),
      );
    }
    if (!factor.secret || !totpMatches(factor.secret, code)) {
      throw unprocessable('mfa_verification_failed', 'Invalid TOTP code entered');
    }
    if (!sessionId) throw internalError('Cannot read SessionId claim as UUID');

    await audit(
      client,
      'verification_attempted',
      user,
      ip,
      { factor_id: factor.id, challenge_id: found.id, factor_type: factor.factor_type },
      'factor',
    );
    await client.query('update auth.mfa_challenges set verified_at = now() where id = $1', [found.id]);
    if (factor.status !== 'verified') {
      await client.query(`update auth.mfa_factors set status = 'verified', updated_at = now() where id = $1`, [factor.id]);
    }
    const upgraded = await upgradeSession(deps, client, user.id, sessionId, factor.id, 'totp', meta);
    // GoTrue's `InvalidateSessionsWithAALLessThan(aal2)` and `DeleteUnverifiedFactors(totp)`.
    await client.query(`delete from auth.sessions where user_id = $1 and aal < 'aal2'`, [user.id]);
    await client.query(`delete from auth.mfa_factors where user_id = $1 and status = 'unverified' and factor_type = $2`, [
      user.id,
      factor.factor_type,
    ]);
    return upgraded;
  });
  return c.json(session);
}

/** DELETE /factors/{id}: unenrolls; a verified factor needs an `aal2` session. */
async function unenroll(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, sessionId } = await caller(ctx, c);
  const factor = await loadFactor(ctx, user.id, c.req.param('factorId') ?? '');
  if (!sessionId) throw internalError('A valid session and factor are required to unenroll a factor');
  if (factor.status === 'verified' && (await sessionAal(ctx, sessionId)) !== 'aal2') {
    throw unprocessable('insufficient_aal', 'AAL2 required to unenroll verified factor');
  }
  const ip = clientIp(c, deps.config);
  await transaction(deps.db, async (client) => {
    await client.query('delete from auth.mfa_factors where id = $1', [factor.id]);
    await audit(
      client,
      'factor_unenrolled',
      user,
      ip,
      { factor_id: factor.id, factor_status: factor.status, session_id: sessionId },
      'factor',
    );
    await downgradeSessions(client, factor);
    await deleteOrphanedRecoveryCodes(client, user.id);
  });
  return c.json({ id: factor.id });
}

/** The user and factor of an admin factor route (GoTrue's `loadUser`, then `loadFactor`). */
async function adminTarget(ctx: AppContext, c: Context): Promise<{ user: LoadedUser; factor: FactorRow }> {
  const user = await loadUser(ctx.deps.db, c.req.param('id') ?? '');
  return { user, factor: await loadFactor(ctx, user.id, c.req.param('factorId') ?? '') };
}

/** DELETE /admin/users/{id}/factors/{factorId}: deletes the factor; answers with it. */
async function adminDeleteFactor(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, factor } = await adminTarget(ctx, c);
  const ip = clientIp(c, deps.config);
  await transaction(deps.db, async (client) => {
    await audit(client, 'factor_deleted', user, ip, { user_id: user.id, factor_id: factor.id }, 'factor');
    await client.query('delete from auth.mfa_factors where id = $1', [factor.id]);
    await downgradeSessions(client, factor);
    await deleteOrphanedRecoveryCodes(client, user.id);
  });
  return c.json(factorJson(factor));
}

/** PUT /admin/users/{id}/factors/{factorId}: renames the factor (`phone` applies to phone factors only). */
async function adminUpdateFactor(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, factor } = await adminTarget(ctx, c);
  const body = await readBody(c, 'adminUserUpdateFactorParams');
  const friendlyName = body.str('friendly_name');
  body.str('phone');
  const updated = await transaction(deps.db, async (client) => {
    if (friendlyName !== '') {
      await client.query('update auth.mfa_factors set friendly_name = $2, updated_at = now() where id = $1', [factor.id, friendlyName]);
    }
    await audit(
      client,
      'factor_updated',
      { id: '', email: 'service_role' },
      '',
      { user_id: user.id, factor_id: factor.id, factor_type: factor.factor_type },
      'factor',
    );
    return findOwnedFactor(client, user.id, factor.id);
  });
  if (!updated) throw new AuthError(404, 'mfa_factor_not_found', 'Factor not found');
  return c.json(factorJson(updated));
}
