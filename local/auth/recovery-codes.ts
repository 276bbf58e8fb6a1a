/**
 * Supabase Auth's MFA recovery codes, as supabase-js 2.119 calls them with
 * `auth: { experimental: { recoveryCodes: true } }` (`auth.mfa.recoveryCodes.*`). GoTrue's
 * published source has no recovery codes, so what the server does is read from auth-js's
 * requests and its documentation of the API, in GoTrue's conventions (error shape and
 * codes, `aal` rules of the factor routes in mfa.ts):
 *
 * - A user's set of codes is one factor of type `recovery_code` in `auth.mfa_factors`,
 *   verified from the start, listed in `user.factors` like any factor; its codes live in
 *   the stand-in's own `auth.mfa_recovery_codes` (local/sql/bootstrap.sql), each as the
 *   SHA-256 of its canonical form only, with `used_at` once used.
 * - `POST /factors/recovery-codes` (body optional: `{ friendly_name }`, default
 *   "Recovery codes") creates the set: 10 codes of 16 characters from an alphabet without
 *   look-alikes (no 0/o, 1/l/i), lowercase, without separators — the canonical form
 *   supabase-js shows — answered once as `{ id, type, friendly_name, total, codes }`.
 *   The user needs another verified factor (422 `mfa_recovery_codes_sole_factor`), then an
 *   `aal2` session (403 `insufficient_aal`, as enrolling a factor), and no set yet (422
 *   `mfa_verified_factor_exists`: regenerate instead); then GoTrue's factor checks (name
 *   conflict, factor limits).
 * - `POST /factors/recovery-codes/regenerate` replaces the codes (the old ones die at
 *   once), keeping the factor's id and friendly name; needs the set (404
 *   `mfa_factor_not_found`) and `aal2` (403 `insufficient_aal`).
 * - `GET /factors/recovery-codes` answers `{ id, type, total, remaining }` at any `aal`
 *   (404 `mfa_factor_not_found` without a set).
 * - `POST /factors/recovery-codes/verify` `{ code }`, at any `aal`: letter case,
 *   whitespace and `-` are ignored; an unused code of the user's set is used up (under a
 *   row lock, so that one code succeeds once however many requests race for it) and the
 *   session becomes `aal2` with the amr method `mfa/recovery_code` (tokens.ts
 *   `upgradeSession`: refresh token swapped, hook run), the user's sessions below `aal2`
 *   end, as after a TOTP verify; a wrong, used or empty code is 422
 *   `mfa_verification_failed`.
 * - `DELETE /factors/recovery-codes` removes the set (`aal2`: 422 `insufficient_aal`, as
 *   unenrolling a verified factor); the sessions it raised drop to `aal1`
 *   (factors.ts `downgradeSessions`). The set also goes when the user's last other
 *   verified factor is deleted (factors.ts `deleteOrphanedRecoveryCodes`).
 *
 * Every route needs a signed-in, non-anonymous user (mfa.ts `caller`). With
 * `[auth.mfa.recovery_codes] enabled = false` every route answers 422
 * `mfa_recovery_codes_enroll_not_enabled` (`verify`: `mfa_recovery_codes_verify_not_enabled`).
 * Not done here: supabase-js's 429 `mfa_recovery_codes_locked` after many wrong codes (the
 * worker gates wrong codes itself, strong-auth.md).
 */
import crypto from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { AppContext } from './context.ts';
import { type Db, transaction } from './db.ts';
import { forbidden, internalError, notFound, unprocessable } from './errors.ts';
import { downgradeSessions, type FactorRow, findFactors } from './factors.ts';
import { caller, sessionAal, validateNewFactor } from './mfa.ts';
import { clientIp, parseBody, readBody } from './request.ts';
import { upgradeSession } from './tokens.ts';
import { audit } from './users.ts';

/** Codes in a set. */
const CODE_COUNT = 10;
/** Characters in a code (16 from 31: about 79 bits). */
const CODE_LENGTH = 16;
/** Digits and lowercase letters without the look-alikes 0/o and 1/l/i. */
const CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
/** The factor's name when the request gives none (supabase-js's documented default). */
const DEFAULT_NAME = 'Recovery codes';

/** Registers the recovery code routes; before mfa.ts's, whose `/factors/:factorId…` would take these paths. */
export function registerRecoveryCodes(app: Hono, ctx: AppContext): void {
  app.get('/factors/recovery-codes', (c) => status(ctx, c));
  app.post('/factors/recovery-codes', (c) => generate(ctx, c));
  app.post('/factors/recovery-codes/regenerate', (c) => regenerate(ctx, c));
  app.post('/factors/recovery-codes/verify', (c) => verify(ctx, c));
  app.delete('/factors/recovery-codes', (c) => unenroll(ctx, c));
}

/** A code as the server compares it: lowercase, without whitespace and `-`. */
function canonicalCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}

/** What is stored of a code: the SHA-256 (hex) of its canonical form. */
function hashCode(code: string): string {
  return crypto.createHash('sha256').update(canonicalCode(code)).digest('hex');
}

/** A new set of codes, each from a cryptographic random source. */
function newCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < CODE_COUNT) {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
    codes.add(code);
  }
  return [...codes];
}

/** The "disabled" answers, in the manner of GoTrue's per-factor switches. */
function assertEnabled(ctx: AppContext, step: 'enroll' | 'verify'): void {
  if (ctx.deps.config.auth.mfa.recoveryCodes.enabled) return;
  if (step === 'verify') {
    throw unprocessable('mfa_recovery_codes_verify_not_enabled', 'MFA verification is disabled for recovery codes');
  }
  throw unprocessable('mfa_recovery_codes_enroll_not_enabled', 'MFA enroll is disabled for recovery codes');
}

/** The user's recovery codes factor, or null. */
async function findRecoveryFactor(db: Db, userId: string): Promise<FactorRow | null> {
  const { rows } = await db.query<FactorRow>(
    `select * from auth.mfa_factors where user_id = $1 and factor_type = 'recovery_code' order by created_at, id limit 1`,
    [userId],
  );
  return rows[0] ?? null;
}

/** The user's recovery codes factor, or 404 `mfa_factor_not_found` (as GoTrue's `loadFactor`). */
async function loadRecoveryFactor(db: Db, userId: string): Promise<FactorRow> {
  const factor = await findRecoveryFactor(db, userId);
  if (!factor) throw notFound('mfa_factor_not_found', 'Factor not found');
  return factor;
}

/** One request's factor work is serialized per user (so are TOTP enrollments, mfa.ts). */
async function lockUser(client: Db, userId: string): Promise<void> {
  await client.query('select id from auth.users where id = $1 for no key update', [userId]);
}

/** Stores the hashes of `codes` for the factor. */
async function insertCodes(client: Db, factorId: string, codes: string[]): Promise<void> {
  await client.query(
    `insert into auth.mfa_recovery_codes (id, factor_id, code_hash, created_at)
     select id, $1, code_hash, now() from unnest($2::uuid[], $3::text[]) as t (id, code_hash)`,
    [factorId, codes.map(() => crypto.randomUUID()), codes.map(hashCode)],
  );
}

/** The answer to generate and regenerate: the plain codes, this once. */
function setJson(factor: { id: string; friendly_name: string | null }, codes: string[]): Record<string, unknown> {
  return { id: factor.id, type: 'recovery_code', friendly_name: factor.friendly_name ?? '', total: codes.length, codes };
}

/** The caller's session id; a token without one cannot use the factor routes. */
function requireSession(sessionId: string | null): string {
  if (!sessionId) throw internalError('A valid session and a registered user are required to use recovery codes');
  return sessionId;
}

/** GET /factors/recovery-codes: how many codes the set has and how many are unused. */
async function status(ctx: AppContext, c: Context): Promise<Response> {
  const { user } = await caller(ctx, c);
  assertEnabled(ctx, 'enroll');
  const factor = await loadRecoveryFactor(ctx.deps.db, user.id);
  const { rows } = await ctx.deps.db.query<{ total: number; remaining: number }>(
    `select count(*)::int as total, (count(*) filter (where used_at is null))::int as remaining
       from auth.mfa_recovery_codes where factor_id = $1`,
    [factor.id],
  );
  return c.json({ id: factor.id, type: 'recovery_code', total: rows[0]?.total ?? 0, remaining: rows[0]?.remaining ?? 0 });
}

/** POST /factors/recovery-codes: the user's first set of codes. */
async function generate(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, sessionId } = await caller(ctx, c);
  const session = requireSession(sessionId);
  // supabase-js sends a body only with a friendly name.
  const text = await c.req.text();
  const requested = text.trim() === '' ? '' : parseBody(text, 'GenerateRecoveryCodesParams').str('friendly_name');
  assertEnabled(ctx, 'enroll');
  const friendlyName = requested.trim() === '' ? DEFAULT_NAME : requested;
  const aal = await sessionAal(ctx, session);
  const ip = clientIp(c, deps.config);
  const codes = newCodes();
  const factorId = crypto.randomUUID();
  await transaction(deps.db, async (client) => {
    await lockUser(client, user.id);
    const factors = await findFactors(client, user.id);
    if (!factors.some((f) => f.factor_type !== 'recovery_code' && f.status === 'verified')) {
      throw unprocessable(
        'mfa_recovery_codes_sole_factor',
        'Recovery codes cannot be the only factor: verify another factor before generating them',
      );
    }
    if (aal !== 'aal2') throw forbidden('insufficient_aal', 'AAL2 required to enroll a new factor');
    if (factors.some((f) => f.factor_type === 'recovery_code')) {
      throw unprocessable('mfa_verified_factor_exists', 'Recovery codes already exist, regenerate them to get new codes');
    }
    await validateNewFactor(ctx, client, user.id, friendlyName, aal);
    await client.query(
      `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at)
       values ($1, $2, $3, 'recovery_code', 'verified', now(), now())`,
      [factorId, user.id, friendlyName],
    );
    await insertCodes(client, factorId, codes);
    await audit(client, 'generate_recovery_codes', user, ip, { factor_id: factorId }, 'factor');
  });
  return c.json(setJson({ id: factorId, friendly_name: friendlyName }, codes));
}

/** POST /factors/recovery-codes/regenerate: a new set in place of the old one (same factor). */
async function regenerate(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, sessionId } = await caller(ctx, c);
  const session = requireSession(sessionId);
  assertEnabled(ctx, 'enroll');
  const aal = await sessionAal(ctx, session);
  const ip = clientIp(c, deps.config);
  const codes = newCodes();
  const factor = await transaction(deps.db, async (client) => {
    await lockUser(client, user.id);
    const found = await loadRecoveryFactor(client, user.id);
    if (aal !== 'aal2') throw forbidden('insufficient_aal', 'AAL2 required to regenerate recovery codes');
    await client.query('delete from auth.mfa_recovery_codes where factor_id = $1', [found.id]);
    await insertCodes(client, found.id, codes);
    await client.query('update auth.mfa_factors set updated_at = now() where id = $1', [found.id]);
    await audit(client, 'generate_recovery_codes', user, ip, { factor_id: found.id }, 'factor');
    return found;
  });
  return c.json(setJson(factor, codes));
}

/** POST /factors/recovery-codes/verify: uses up one code; the session becomes `aal2`. */
async function verify(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, sessionId } = await caller(ctx, c);
  const body = await readBody(c, 'VerifyRecoveryCodeParams');
  const code = canonicalCode(body.str('code'));
  assertEnabled(ctx, 'verify');
  const session = requireSession(sessionId);
  const ip = clientIp(c, deps.config);
  const meta = { ip, userAgent: c.req.header('user-agent') };

  const upgraded = await transaction(deps.db, async (client) => {
    await lockUser(client, user.id);
    const factor = await loadRecoveryFactor(client, user.id);
    // The row lock (and `used_at is null` checked again once it is granted) makes a code single-use under concurrency.
    const match =
      code === ''
        ? undefined
        : (
            await client.query<{ id: string }>(
              'select id from auth.mfa_recovery_codes where factor_id = $1 and code_hash = $2 and used_at is null for update',
              [factor.id, hashCode(code)],
            )
          ).rows[0];
    if (!match) throw unprocessable('mfa_verification_failed', 'Invalid recovery code entered');
    await client.query('update auth.mfa_recovery_codes set used_at = now() where id = $1', [match.id]);
    await audit(client, 'verification_attempted', user, ip, { factor_id: factor.id, factor_type: 'recovery_code' }, 'factor');
    const answer = await upgradeSession(deps, client, user.id, session, factor.id, 'mfa/recovery_code', meta);
    // As after a TOTP verify (GoTrue's `InvalidateSessionsWithAALLessThan(aal2)`).
    await client.query(`delete from auth.sessions where user_id = $1 and aal < 'aal2'`, [user.id]);
    return answer;
  });
  return c.json(upgraded);
}

/** DELETE /factors/recovery-codes: removes the set; needs `aal2`. */
async function unenroll(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, sessionId } = await caller(ctx, c);
  const session = requireSession(sessionId);
  assertEnabled(ctx, 'enroll');
  const aal = await sessionAal(ctx, session);
  const ip = clientIp(c, deps.config);
  const factor = await transaction(deps.db, async (client) => {
    await lockUser(client, user.id);
    const found = await loadRecoveryFactor(client, user.id);
    if (aal !== 'aal2') throw unprocessable('insufficient_aal', 'AAL2 required to unenroll verified factor');
    await client.query('delete from auth.mfa_factors where id = $1', [found.id]);
    await audit(client, 'recovery_codes_deleted', user, ip, { factor_id: found.id, session_id: session }, 'factor');
    await downgradeSessions(client, found);
    return found;
  });
  return c.json({ id: factor.id });
}
