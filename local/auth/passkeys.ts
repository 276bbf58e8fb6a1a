/**
 * Supabase Auth's passkeys — WebAuthn discoverable credentials as a first factor — as
 * GoTrue's `internal/api/passkey_*.go` serve them (go-webauthn with attestation `none`,
 * resident key required, user verification `preferred`), so that supabase-js's
 * `auth.passkey.*`, `registerPasskey()`, `signInWithPasskey()` and `auth.admin.passkey.*`
 * work unchanged. The WebAuthn checks themselves (client data, authenticator data, COSE
 * keys, attestation statements, signatures) are @simplewebauthn/server's.
 *
 * - `POST /passkeys/registration/options` (signed in, not anonymous, not SSO: 422
 *   `validation_failed`): `{ challenge_id, options, expires_at }`, `options` being the
 *   `PublicKeyCredentialCreationOptionsJSON` go-webauthn builds (rp from `[auth.webauthn]`,
 *   user id = the UTF-8 bytes of the user's UUID, go-webauthn's ten default algorithms,
 *   timeout 300000, the user's passkeys as `excludeCredentials`). At
 *   `auth.passkey.maxPasskeysPerUser` (10) passkeys: 422 `too_many_passkeys`.
 * - `POST /passkeys/registration/verify` `{ challenge_id, credential }`: 200
 *   `{ id, friendly_name, created_at }`; the friendly name is "Passkey" (GoTrue names it
 *   after the AAGUID from a list of known authenticators, which the stand-in does not
 *   carry). A credential id already registered (to anyone) is 422
 *   `webauthn_credential_exists`.
 * - `POST /passkeys/authentication/options` (no auth; GoTrue's passkey rate limit per IP):
 *   `{ challenge_id, options, expires_at }` with empty `allowCredentials` (discoverable).
 * - `POST /passkeys/authentication/verify` `{ challenge_id, credential }`: the user comes
 *   from the assertion's `userHandle`; the answer is a session as from `/token`, `aal1`,
 *   amr `passkey` (the access token hook sees `authentication_method` `passkey`), and the
 *   passkey's `last_used_at` and `sign_count` are written.
 * - `GET /passkeys`, `PATCH /passkeys/{id}` `{ friendly_name }` (1–120 bytes), `DELETE
 *   /passkeys/{id}` (204); `GET /admin/users/{id}/passkeys`, `DELETE
 *   /admin/users/{id}/passkeys/{passkeyId}` (204). Items are `{ id, friendly_name,
 *   created_at, last_used_at }`, empty/null fields left out, oldest first; an unknown or
 *   malformed id is 404 `validation_failed` "Passkey not found".
 *
 * Registering and deleting need an `aal2` session when the user has a verified second
 * factor (403 `insufficient_aal`); renaming and listing do not. Challenges live in
 * `auth.webauthn_challenges`, are taken out of the table by the verify that presents them
 * (so a challenge is single-use even when the verification then fails) and expire after
 * `auth.passkey.challengeExpiryDuration` (300 s): 400 `webauthn_challenge_not_found` for
 * an unknown, used or foreign challenge, 400 `webauthn_challenge_expired` for a late one.
 * A credential that cannot be parsed, a wrong origin / RP id / challenge, an unknown or
 * deleted credential, a bad signature, a missing user-presence flag or a changed
 * backup-eligible flag is 400 `webauthn_verification_failed`; nothing is created then. A
 * signature counter that does not increase is, as in go-webauthn, only a clone warning that
 * GoTrue does not act on: the sign-in succeeds and the stored counter stays. After the
 * assertion is verified, an unconfirmed email or phone is 403 `email_not_confirmed` /
 * `phone_not_confirmed` and a ban 403 `user_banned`. Every `/passkeys` route answers 404
 * `passkey_disabled` while `[auth.passkey] enabled` is false; the admin routes do not.
 */
import crypto from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { decodeAttestationObject, decodeClientDataJSON, isoBase64URL, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireAdmin } from './admin-guard.ts';
import { loadUser } from './admin-users.ts';
import type { AppContext } from './context.ts';
import { type Db, isUniqueViolation, transaction } from './db.ts';
import { badRequest, forbidden, internalError, notFound, unprocessable } from './errors.ts';
import { caller, sessionAal } from './mfa.ts';
import { bearerToken, clientIp, parseBody, rateLimitIp } from './request.ts';
import { authenticate, createSession } from './tokens.ts';
import { audit, findUserById, isBanned, isUuid, type LoadedUser } from './users.ts';

/** go-webauthn's `CredentialParametersDefault()`: the COSE algorithms offered, in its order. */
const CREDENTIAL_ALGORITHMS = [-7, -35, -36, -257, -258, -259, -37, -38, -39, -8];

/** go-webauthn's ceremony timeout (ms) when user verification is not `discouraged`. */
const CEREMONY_TIMEOUT_MS = 300_000;

/** GoTrue's `AuthenticatorSelection.UserVerification`. */
const USER_VERIFICATION = 'preferred';

/** What go-webauthn's zero `time.Time` serializes as (GoTrue enforces no session timeout). */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** GoTrue's defaults of `PASSKEY_MAX_PASSKEYS_PER_USER` and `WEBAUTHN_CHALLENGE_EXPIRY_DURATION` (seconds). */
const MAX_PASSKEYS_PER_USER = 10;
const CHALLENGE_EXPIRY_SECONDS = 300;

/** GoTrue's name for a passkey whose AAGUID is not in its list of known authenticators. */
const DEFAULT_FRIENDLY_NAME = 'Passkey';

/** go-webauthn's `SessionData`, as GoTrue stores it in `webauthn_challenges.session_data`. */
interface SessionData {
  challenge: string;
  rpId: string;
  /** Standard base64 of the user handle (Go's `[]byte`); null for a discoverable login. */
  user_id: string | null;
  expires: string;
  userVerification: string;
  credParams?: { type: 'public-key'; alg: number }[];
}

/** A row of `auth.webauthn_challenges`. */
interface ChallengeRow {
  id: string;
  user_id: string | null;
  challenge_type: 'registration' | 'authentication';
  session_data: SessionData;
  created_at: Date;
  expires_at: Date;
}

/** A row of `auth.webauthn_credentials`. */
interface CredentialRow {
  id: string;
  user_id: string;
  credential_id: Buffer;
  public_key: Buffer;
  attestation_type: string;
  aaguid: string | null;
  /** `bigint`, which node-postgres hands over as a string. */
  sign_count: string;
  transports: string[];
  backup_eligible: boolean;
  backed_up: boolean;
  friendly_name: string;
  created_at: Date;
  updated_at: Date;
  last_used_at: Date | null;
}

/** Registers the passkey routes and the admin passkey routes. */
export function registerPasskeys(app: Hono, ctx: AppContext): void {
  const enabled = requireEnabled(ctx);
  app.use('/passkeys', enabled);
  app.use('/passkeys/*', enabled);
  app.post('/passkeys/registration/options', (c) => registrationOptions(ctx, c));
  app.post('/passkeys/registration/verify', (c) => registrationVerify(ctx, c));
  app.post('/passkeys/authentication/options', (c) => authenticationOptions(ctx, c));
  app.post('/passkeys/authentication/verify', (c) => authenticationVerify(ctx, c));
  app.get('/passkeys', (c) => listOwn(ctx, c));
  app.patch('/passkeys/:passkeyId', (c) => rename(ctx, c));
  app.delete('/passkeys/:passkeyId', (c) => deleteOwn(ctx, c));

  const admin = requireAdmin(ctx.deps);
  app.get('/admin/users/:id/passkeys', admin, async (c) => {
    const user = await loadUser(ctx.deps.db, c.req.param('id'));
    return c.json((await findCredentials(ctx.deps.db, user.id)).map(passkeyJson));
  });
  app.delete('/admin/users/:id/passkeys/:passkeyId', admin, (c) => adminDelete(ctx, c));
}

/** GoTrue's `requirePasskeyEnabled`, in front of everything under `/passkeys`. */
function requireEnabled(ctx: AppContext): MiddlewareHandler {
  return createMiddleware(async (_c, next) => {
    if (!ctx.deps.config.auth.passkey.enabled) throw notFound('passkey_disabled', 'Passkeys are disabled');
    await next();
  });
}

/** A UUID as gofrs/uuid's `FromString` reads it (canonical, braced, `urn:uuid:`, or 32 hex digits), lower-cased; null otherwise. */
function parseUuid(text: string): string | null {
  let s = text;
  if (s.length === 45 && s.slice(0, 9).toLowerCase() === 'urn:uuid:') s = s.slice(9);
  else if (s.length === 38 && s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  if (/^[0-9a-f]{32}$/i.test(s)) s = `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  return isUuid(s) ? s.toLowerCase() : null;
}

/** `user.IsSSOUser` (a column the stand-in's user type does not name). */
const isSsoUser = (user: LoadedUser) => (user as LoadedUser & { is_sso_user?: boolean }).is_sso_user === true;

/**
 * GoTrue's `requirePasskeyManagementAAL`: a user with a verified second factor registers
 * and deletes passkeys only from an `aal2` session (a token without a session fails too).
 */
async function requireManagementAal(ctx: AppContext, user: LoadedUser, sessionId: string | null): Promise<void> {
  if (!user.factors.some((f) => f.status === 'verified')) return;
  if (!sessionId || (await sessionAal(ctx, sessionId)) !== 'aal2') {
    throw forbidden('insufficient_aal', 'AAL2 session is required to manage passkeys when MFA is enabled');
  }
}

/** How many passkeys one user may have. */
const maxPasskeys = (ctx: AppContext) => ctx.deps.config.auth.passkey.maxPasskeysPerUser ?? MAX_PASSKEYS_PER_USER;

/** A user's passkeys, oldest first (`FindWebAuthnCredentialsByUserID`). */
async function findCredentials(db: Db, userId: string): Promise<CredentialRow[]> {
  const { rows } = await db.query<CredentialRow>('select * from auth.webauthn_credentials where user_id = $1 order by created_at asc, id', [
    userId,
  ]);
  return rows;
}

/** The passkey `passkeyId` (as the path gives it) of `userId`; 404 `validation_failed` when malformed or not theirs. */
async function findOwnedCredential(db: Db, userId: string, passkeyId: string): Promise<CredentialRow> {
  const id = parseUuid(passkeyId);
  const row = id
    ? (await db.query<CredentialRow>('select * from auth.webauthn_credentials where id = $1 and user_id = $2', [id, userId])).rows[0]
    : undefined;
  if (!row) throw notFound('validation_failed', 'Passkey not found');
  return row;
}

/** A passkey as GoTrue's `PasskeyListItem` shows it. */
function passkeyJson(row: CredentialRow): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id };
  if (row.friendly_name) out.friendly_name = row.friendly_name;
  out.created_at = row.created_at.toISOString();
  if (row.last_used_at) out.last_used_at = row.last_used_at.toISOString();
  return out;
}

/**
 * Stores a challenge that expires after `auth.passkey.challengeExpiryDuration`. First it
 * clears away up to 100 expired ones, as GoTrue's periodic database cleanup does (the
 * sign-in options need no account, so nothing else would bound the table).
 */
async function storeChallenge(
  ctx: AppContext,
  userId: string | null,
  type: ChallengeRow['challenge_type'],
  session: SessionData,
): Promise<{ id: string; expiresAt: Date }> {
  await ctx.deps.db.query(
    `delete from auth.webauthn_challenges
      where id in (select id from auth.webauthn_challenges where expires_at < now() limit 100 for update skip locked)`,
  );
  const id = crypto.randomUUID();
  const expiresAt = new Date(Date.now() + (ctx.deps.config.auth.passkey.challengeExpiryDuration ?? CHALLENGE_EXPIRY_SECONDS) * 1000);
  await ctx.deps.db.query(
    `insert into auth.webauthn_challenges (id, user_id, challenge_type, session_data, created_at, expires_at)
     values ($1, $2, $3, $4, now(), $5)`,
    [id, userId, type, session, expiresAt],
  );
  return { id, expiresAt };
}

/**
 * GoTrue's `ConsumeWebAuthnChallengeByID`: deletes the challenge and hands it back, in a
 * statement of its own (so it is used up whatever follows), then checks its expiry.
 */
async function consumeChallenge(
  ctx: AppContext,
  id: string,
  type: ChallengeRow['challenge_type'],
  userId: string | null,
): Promise<ChallengeRow> {
  const { rows } = userId
    ? await ctx.deps.db.query<ChallengeRow>(
        'delete from auth.webauthn_challenges where id = $1 and challenge_type = $2 and user_id = $3 returning *',
        [id, type, userId],
      )
    : await ctx.deps.db.query<ChallengeRow>(
        'delete from auth.webauthn_challenges where id = $1 and challenge_type = $2 and user_id is null returning *',
        [id, type],
      );
  const challenge = rows[0];
  if (!challenge) throw badRequest('webauthn_challenge_not_found', 'Challenge not found or already used');
  if (Date.now() > challenge.expires_at.getTime()) throw badRequest('webauthn_challenge_expired', 'Challenge has expired');
  return challenge;
}

/**
 * The body of both verify routes: `challenge_id` (a string) and `credential` (any JSON
 * value: Go keeps it as a `json.RawMessage`, so only a missing field counts as absent).
 */
async function readVerifyParams(c: Context, struct: string): Promise<{ challengeId: string; credential: unknown }> {
  const text = await c.req.text();
  const body = parseBody(text, struct);
  const challengeId = body.str('challenge_id');
  const raw = JSON.parse(text) as Record<string, unknown> | null;
  if (!challengeId) throw badRequest('validation_failed', 'challenge_id is required');
  if (raw === null || !Object.hasOwn(raw, 'credential')) throw badRequest('validation_failed', 'credential is required');
  const id = parseUuid(challengeId);
  if (!id) throw badRequest('validation_failed', 'challenge_id must be a valid UUID');
  return { challengeId: id, credential: raw.credential };
}

const invalidCredential = () => badRequest('webauthn_verification_failed', 'Invalid credential response');
const verificationFailed = () => badRequest('webauthn_verification_failed', 'Credential verification failed');

/** Bytes as @simplewebauthn/server hands them over. */
type Bytes = ReturnType<typeof isoBase64URL.toBuffer>;

/** A base64url string field of a credential JSON, decoded (go-webauthn's `URLEncodedBase64`); throws when not one. */
function base64urlField(value: unknown, required: boolean): Bytes | null {
  if (value === undefined || value === null || value === '') {
    if (required) throw new Error('missing');
    return null;
  }
  if (typeof value !== 'string' || !isoBase64URL.isBase64URL(value)) throw new Error('not base64url');
  return isoBase64URL.toBuffer(value);
}

/** The common part of go-webauthn's credential parsing: an id, `type` "public-key", a `response` object, client data that is JSON. */
function parseCredentialBase(value: unknown): { response: Record<string, unknown>; rawId: Bytes } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  const cred = value as Record<string, unknown>;
  if (!base64urlField(cred.id, true)?.length) throw new Error('missing id');
  if (cred.type !== 'public-key') throw new Error('type not public-key');
  const rawId = base64urlField(cred.rawId, true)!;
  const response = cred.response;
  if (!response || typeof response !== 'object' || Array.isArray(response)) throw new Error('no response');
  const r = response as Record<string, unknown>;
  base64urlField(r.clientDataJSON, true);
  const clientData: unknown = decodeClientDataJSON(r.clientDataJSON as string);
  if (!clientData || typeof clientData !== 'object') throw new Error('client data is not an object');
  return { response: r, rawId };
}

/** go-webauthn's `CredentialCreationResponse.Parse`; 400 "Invalid credential response" when it fails. */
function parseRegistration(value: unknown): RegistrationResponseJSON {
  try {
    const { response } = parseCredentialBase(value);
    const attestation = decodeAttestationObject(base64urlField(response.attestationObject, true)!);
    parseAuthenticatorData(attestation.get('authData'));
    return value as RegistrationResponseJSON;
  } catch {
    throw invalidCredential();
  }
}

/** go-webauthn's `CredentialAssertionResponse.Parse`; 400 "Invalid credential response" when it fails. */
function parseAssertion(value: unknown): {
  credential: AuthenticationResponseJSON;
  rawId: Bytes;
  userHandle: Bytes | null;
  flags: { be: boolean };
  counter: number;
} {
  try {
    const { response, rawId } = parseCredentialBase(value);
    const authData = parseAuthenticatorData(base64urlField(response.authenticatorData, true)!);
    base64urlField(response.signature, true);
    const userHandle = base64urlField(response.userHandle, false);
    return { credential: value as AuthenticationResponseJSON, rawId, userHandle, flags: authData.flags, counter: authData.counter };
  } catch {
    throw invalidCredential();
  }
}

/** POST /passkeys/registration/options. */
async function registrationOptions(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, sessionId } = await caller(ctx, c);
  if (isSsoUser(user)) throw unprocessable('validation_failed', 'SSO users cannot register passkeys');
  await requireManagementAal(ctx, user, sessionId);
  const { passkey } = deps.config.auth;
  const existing = await findCredentials(deps.db, user.id);
  if (existing.length >= maxPasskeys(ctx)) throw unprocessable('too_many_passkeys', 'Maximum number of passkeys reached');
  // go-webauthn refuses to build options without a relying party name.
  if (!passkey.rpDisplayName) throw internalError('Failed to generate WebAuthn registration options');

  const challenge = crypto.randomBytes(32).toString('base64url');
  const name = user.email || user.phone || '';
  const metaName = (user.raw_user_meta_data as Record<string, unknown> | null)?.name;
  const pubKeyCredParams = CREDENTIAL_ALGORITHMS.map((alg) => ({ type: 'public-key' as const, alg }));
  const options = {
    rp: { name: passkey.rpDisplayName, id: passkey.rpId },
    user: { name, displayName: typeof metaName === 'string' && metaName ? metaName : name, id: Buffer.from(user.id).toString('base64url') },
    challenge,
    pubKeyCredParams,
    timeout: CEREMONY_TIMEOUT_MS,
    ...(existing.length > 0
      ? { excludeCredentials: existing.map((cred) => ({ type: 'public-key', id: cred.credential_id.toString('base64url') })) }
      : {}),
    authenticatorSelection: { residentKey: 'required', userVerification: USER_VERIFICATION },
    attestation: 'none',
  };
  const stored = await storeChallenge(ctx, user.id, 'registration', {
    challenge,
    rpId: passkey.rpId,
    user_id: Buffer.from(user.id).toString('base64'),
    expires: GO_ZERO_TIME,
    userVerification: USER_VERIFICATION,
    credParams: pubKeyCredParams,
  });
  return c.json({ challenge_id: stored.id, options, expires_at: Math.floor(stored.expiresAt.getTime() / 1000) });
}

/** POST /passkeys/registration/verify: verifies the attestation and stores the passkey. */
async function registrationVerify(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, sessionId } = await caller(ctx, c);
  if (isSsoUser(user)) throw unprocessable('validation_failed', 'SSO users cannot register passkeys');
  await requireManagementAal(ctx, user, sessionId);
  const params = await readVerifyParams(c, 'PasskeyRegistrationVerifyParams');
  const challenge = await consumeChallenge(ctx, params.challengeId, 'registration', user.id);
  const response = parseRegistration(params.credential);

  const { passkey } = deps.config.auth;
  const session = challenge.session_data;
  let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: session.challenge,
      expectedOrigin: passkey.rpOrigins,
      expectedRPID: passkey.rpId,
      requireUserPresence: true,
      requireUserVerification: session.userVerification === 'required',
      supportedAlgorithmIDs: (session.credParams ?? []).map((p) => p.alg),
    });
    info = result.verified ? result.registrationInfo : undefined;
  } catch {
    info = undefined;
  }
  if (!info) throw verificationFailed();

  const ip = clientIp(c, deps.config);
  const row = await transaction(deps.db, async (client) => {
    // One registration at a time per user, so that the cap holds under concurrency.
    await client.query('select id from auth.users where id = $1 for update', [user.id]);
    const { rows: counted } = await client.query<{ n: number }>(
      'select count(*)::int as n from auth.webauthn_credentials where user_id = $1',
      [user.id],
    );
    if (counted[0]!.n >= maxPasskeys(ctx)) throw unprocessable('too_many_passkeys', 'Maximum number of passkeys reached');
    let inserted: CredentialRow;
    try {
      inserted = (
        await client.query<CredentialRow>(
          `insert into auth.webauthn_credentials
             (id, user_id, credential_id, public_key, attestation_type, aaguid, sign_count, transports,
              backup_eligible, backed_up, friendly_name, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now())
           returning *`,
          [
            crypto.randomUUID(),
            user.id,
            Buffer.from(isoBase64URL.toBuffer(info.credential.id)),
            Buffer.from(info.credential.publicKey),
            info.fmt,
            info.aaguid,
            info.credential.counter,
            JSON.stringify(info.credential.transports ?? []),
            info.credentialDeviceType === 'multiDevice',
            info.credentialBackedUp,
            DEFAULT_FRIENDLY_NAME,
          ],
        )
      ).rows[0]!;
    } catch (err) {
      if (isUniqueViolation(err, 'webauthn_credentials_credential_id_key')) {
        throw unprocessable('webauthn_credential_exists', 'This credential is already registered');
      }
      throw err;
    }
    await audit(client, 'passkey_created', user, ip, { passkey_id: inserted.id }, 'user');
    return inserted;
  });
  return c.json({
    id: row.id,
    ...(row.friendly_name ? { friendly_name: row.friendly_name } : {}),
    created_at: row.created_at.toISOString(),
  });
}

/** POST /passkeys/authentication/options: a discoverable-login challenge, bound to no user. */
async function authenticationOptions(ctx: AppContext, c: Context): Promise<Response> {
  const { deps, limiter } = ctx;
  limiter.hit('passkey', rateLimitIp(c, deps.config));
  const { passkey } = deps.config.auth;
  const challenge = crypto.randomBytes(32).toString('base64url');
  const options = { challenge, timeout: CEREMONY_TIMEOUT_MS, rpId: passkey.rpId, userVerification: USER_VERIFICATION };
  const stored = await storeChallenge(ctx, null, 'authentication', {
    challenge,
    rpId: passkey.rpId,
    user_id: null,
    expires: GO_ZERO_TIME,
    userVerification: USER_VERIFICATION,
  });
  return c.json({ challenge_id: stored.id, options, expires_at: Math.floor(stored.expiresAt.getTime() / 1000) });
}

/**
 * go-webauthn's `ValidatePasskeyLogin` with GoTrue's user handler: the user named by the
 * assertion's `userHandle` (the UTF-8 bytes of their UUID) must own the credential, and the
 * assertion must verify against its public key. Answers the user, the stored passkey and
 * the signature counter to store.
 */
async function validatePasskeyLogin(
  ctx: AppContext,
  session: SessionData,
  assertion: ReturnType<typeof parseAssertion>,
): Promise<{ user: LoadedUser; stored: CredentialRow; signCount: number }> {
  const { deps } = ctx;
  if (!assertion.userHandle?.length) throw verificationFailed();
  const handle = Buffer.from(assertion.userHandle).toString('utf8');
  const userId = parseUuid(handle);
  const user = userId ? await findUserById(deps.db, userId) : null;
  if (!user) throw verificationFailed();
  const credentials = await findCredentials(deps.db, user.id);
  if (credentials.length === 0 || handle !== user.id) throw verificationFailed();
  const stored = credentials.find((cred) => cred.credential_id.equals(assertion.rawId));
  if (!stored) throw verificationFailed();

  const { passkey } = deps.config.auth;
  let verified = false;
  try {
    const result = await verifyAuthenticationResponse({
      response: assertion.credential,
      expectedChallenge: session.challenge,
      expectedOrigin: passkey.rpOrigins,
      expectedRPID: passkey.rpId,
      // The counter is judged below, as go-webauthn judges it (the library would refuse).
      credential: { id: stored.credential_id.toString('base64url'), publicKey: new Uint8Array(stored.public_key), counter: 0 },
      requireUserVerification: session.userVerification === 'required',
    });
    verified = result.verified;
  } catch {
    verified = false;
  }
  if (!verified) throw verificationFailed();
  if (stored.backup_eligible !== assertion.flags.be) throw verificationFailed();

  // go-webauthn's `Authenticator.UpdateCounter`: a counter that does not increase (unless
  // both are 0) raises a clone warning, which GoTrue ignores, and keeps the stored value.
  const storedCount = Number(stored.sign_count);
  const counter = assertion.counter;
  const signCount = counter <= storedCount && (counter !== 0 || storedCount !== 0) ? storedCount : counter;
  return { user, stored, signCount };
}

/** POST /passkeys/authentication/verify: verifies the assertion and answers with an `aal1` session. */
async function authenticationVerify(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const params = await readVerifyParams(c, 'PasskeyAuthenticationVerifyParams');
  const challenge = await consumeChallenge(ctx, params.challengeId, 'authentication', null);
  const assertion = parseAssertion(params.credential);
  const { user, stored, signCount } = await validatePasskeyLogin(ctx, challenge.session_data, assertion);

  if (user.email && !user.email_confirmed_at) throw forbidden('email_not_confirmed', 'Email not confirmed');
  if (user.phone && !user.phone_confirmed_at) throw forbidden('phone_not_confirmed', 'Phone not confirmed');
  if (isBanned(user)) throw forbidden('user_banned', 'User is banned');

  const ip = clientIp(c, deps.config);
  const session = await transaction(deps.db, async (client) => {
    const { rowCount } = await client.query(
      'update auth.webauthn_credentials set sign_count = $2, last_used_at = now(), updated_at = now() where id = $1',
      [stored.id, signCount],
    );
    // Deleted while this request was verifying it.
    if (!rowCount) throw internalError('Database error loading passkey');
    await audit(client, 'login', user, ip, { passkey_id: stored.id });
    return createSession(deps, client, user.id, 'passkey', { ip, userAgent: c.req.header('user-agent') });
  });
  return c.json(session);
}

/** GET /passkeys: the caller's passkeys. */
async function listOwn(ctx: AppContext, c: Context): Promise<Response> {
  const { user } = await authenticate(ctx.deps, bearerToken(c));
  return c.json((await findCredentials(ctx.deps.db, user.id)).map(passkeyJson));
}

/** PATCH /passkeys/{id}: renames one of the caller's passkeys. */
async function rename(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user } = await authenticate(deps, bearerToken(c));
  const passkeyId = c.req.param('passkeyId') ?? '';
  if (!parseUuid(passkeyId)) throw notFound('validation_failed', 'Passkey not found');
  const body = parseBody(await c.req.text(), 'PasskeyUpdateParams');
  const friendlyName = body.str('friendly_name');
  if (!friendlyName) throw badRequest('validation_failed', 'friendly_name is required');
  // Go's len(): bytes, not characters.
  if (Buffer.byteLength(friendlyName) > 120) throw badRequest('validation_failed', 'friendly_name must be 120 characters or less');
  const found = await findOwnedCredential(deps.db, user.id, passkeyId);
  const ip = clientIp(c, deps.config);
  const updated = await transaction(deps.db, async (client) => {
    const { rows } = await client.query<CredentialRow>(
      'update auth.webauthn_credentials set friendly_name = $2, updated_at = now() where id = $1 returning *',
      [found.id, friendlyName],
    );
    await audit(client, 'passkey_updated', user, ip, { passkey_id: found.id }, 'user');
    // Deleted in the meantime: GoTrue's update of a vanished row changes nothing and still answers.
    return rows[0] ?? { ...found, friendly_name: friendlyName };
  });
  return c.json(passkeyJson(updated));
}

/** DELETE /passkeys/{id}: deletes one of the caller's passkeys (`aal2` when they have a second factor). */
async function deleteOwn(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { user, sessionId } = await authenticate(deps, bearerToken(c));
  await requireManagementAal(ctx, user, sessionId);
  const found = await findOwnedCredential(deps.db, user.id, c.req.param('passkeyId') ?? '');
  const ip = clientIp(c, deps.config);
  await transaction(deps.db, async (client) => {
    await client.query('delete from auth.webauthn_credentials where id = $1', [found.id]);
    await audit(client, 'passkey_deleted', user, ip, { passkey_id: found.id }, 'user');
  });
  return c.body(null, 204);
}

/** DELETE /admin/users/{id}/passkeys/{passkeyId}. */
async function adminDelete(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const user = await loadUser(deps.db, c.req.param('id') ?? '');
  const found = await findOwnedCredential(deps.db, user.id, c.req.param('passkeyId') ?? '');
  const ip = clientIp(c, deps.config);
  await transaction(deps.db, async (client) => {
    await client.query('delete from auth.webauthn_credentials where id = $1', [found.id]);
    // GoTrue's actor is the admin (a service key has no user behind it), the target in the traits.
    await audit(client, 'passkey_deleted', null, ip, { user_id: user.id, passkey_id: found.id }, 'user');
  });
  return c.body(null, 204);
}
