/**
 * Local verification of Supabase access tokens with WebCrypto, without calling Supabase
 * Auth (except to fetch the project's JWKS: src/auth/jwks.ts, cached at module scope per
 * URL). Asymmetric tokens (ES256, RS256) must name their key with `kid` and are checked
 * against `${SUPABASE_URL}/auth/v1/.well-known/jwks.json`; HS256 tokens are accepted only
 * when SUPABASE_JWT_SECRET is configured. The algorithm comes from the header but only
 * picks among keys of its own kind (an HS256 header never makes a public key a secret).
 * Headers that let a token choose its own key (`jku`, `jwk`, `x5u`, `x5c`) and `crit` are
 * refused. The signature is checked before any claim is read; then the claims: `exp`
 * required (30 s tolerance), `nbf`/`iat` not in the future, `aud` `authenticated`, `iss`
 * the project's, `role` authenticated, `sub` and `session_id` UUIDs. Expired (and
 * otherwise valid) → TOKEN_EXPIRED; anything else wrong → TOKEN_INVALID; JWKS unreachable
 * → SERVICE_UNAVAILABLE; JWKS unusable → UPSTREAM_ERROR.
 */
import type { Config } from '../env.ts';
import type { AccessTokenClaims } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { UUID_PATTERN } from '../http/schemas.ts';
import { UpstreamBadResponseError, UpstreamUnavailableError } from '../http/upstream.ts';
import { INVALID_TOKEN_CHALLENGE } from './bearer.ts';
import { ALGORITHMS, type AsymmetricAlg, jwksKey, NoMatchingKeyError } from './jwks.ts';

/** Allowed clock skew for `exp`/`nbf`/`iat`, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 30;
/** Audience of user access tokens issued by Supabase Auth. */
const ACCESS_TOKEN_AUDIENCE = 'authenticated';
/** The only `role` a user access token may carry. */
export const USER_ROLE = 'authenticated';

const REFUSED_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'crit'];
const MAX_TOKEN_LENGTH = 8 * 1024;
const MAX_HEADER_SEGMENT = 1024;
const MAX_KID_LENGTH = 256;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
/** HS256 keys by secret (one in practice), imported once per isolate. */
const hmacKeys = new Map<string, Promise<CryptoKey>>();

/** The JWKS URL of a project. */
function jwksUrl(supabaseUrl: string): string {
  return `${supabaseUrl}/auth/v1/.well-known/jwks.json`;
}

/** The issuer Supabase Auth writes into its tokens. */
function expectedIssuer(supabaseUrl: string): string {
  return `${supabaseUrl}/auth/v1`;
}

function invalid(reason: string, cause?: unknown): ApiError {
  return new ApiError('TOKEN_INVALID', {
    cause: cause ?? new Error(reason),
    headers: { 'WWW-Authenticate': INVALID_TOKEN_CHALLENGE },
  });
}

function expired(): ApiError {
  return new ApiError('TOKEN_EXPIRED', {
    cause: new Error('exp is in the past'),
    headers: { 'WWW-Authenticate': `${INVALID_TOKEN_CHALLENGE}, error_description="The access token expired"` },
  });
}

/** Bytes of a base64url segment (already checked to hold only base64url characters). */
function base64url(segment: string): Uint8Array<ArrayBuffer> {
  if (segment.length % 4 === 1) throw invalid('bad base64url length');
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A segment holding a JSON object (header or payload). */
function jsonSegment(segment: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(base64url(segment)));
  } catch (cause) {
    throw invalid(`${what} is not JSON`, cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${what} is not an object`);
  return value as Record<string, unknown>;
}

/** The key that must have signed a token with this header; refuses headers that choose their own key. */
async function chooseKey(
  header: Record<string, unknown>,
  config: Config,
): Promise<{ key: CryptoKey; params: SubtleCryptoSignAlgorithm | string }> {
  for (const name of REFUSED_HEADERS) {
    if (name in header) throw invalid(`refused header ${name}`);
  }
  const alg = header.alg;
  if (alg === 'ES256' || alg === 'RS256') {
    const kid = header.kid;
    if (typeof kid !== 'string' || kid === '' || kid.length > MAX_KID_LENGTH) throw invalid('kid required');
    const key = await jwksKey(jwksUrl(config.supabaseUrl), alg satisfies AsymmetricAlg, kid, config.upstreamTimeoutMs);
    return { key, params: ALGORITHMS[alg].verify };
  }
  if (alg === 'HS256' && config.jwtSecret) {
    let key = hmacKeys.get(config.jwtSecret);
    if (!key) {
      key = crypto.subtle.importKey('raw', encoder.encode(config.jwtSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      hmacKeys.set(config.jwtSecret, key);
    }
    return { key: await key, params: 'HMAC' };
  }
  throw invalid(`alg ${typeof alg === 'string' ? alg : '(none)'} not allowed`);
}

/** RFC 7519 time and audience claims, then ours; `exp` decides expiry only once the signature is good. */
function checkClaims(payload: Record<string, unknown>, config: Config): AccessTokenClaims {
  const now = Math.floor(Date.now() / 1000);
  const { exp, nbf, iat, aud } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw invalid('exp missing or not a number');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + CLOCK_TOLERANCE_SECONDS))
    throw invalid('nbf not a number or in the future');
  if (iat !== undefined && (typeof iat !== 'number' || iat > now + CLOCK_TOLERANCE_SECONDS))
    throw invalid('iat not a number or in the future');
  if (!(aud === ACCESS_TOKEN_AUDIENCE || (Array.isArray(aud) && aud.includes(ACCESS_TOKEN_AUDIENCE))))
    throw invalid('wrong or missing aud');
  if (typeof payload.sub !== 'string' || !UUID_PATTERN.test(payload.sub)) throw invalid('sub is not a UUID');
  if (payload.iss !== expectedIssuer(config.supabaseUrl)) throw invalid('wrong or missing iss');
  if (payload.role !== USER_ROLE) throw invalid('role is not authenticated');
  if (typeof payload.session_id !== 'string' || !UUID_PATTERN.test(payload.session_id)) throw invalid('session_id is not a UUID');
  if (payload.email !== undefined && typeof payload.email !== 'string') throw invalid('email not a string');
  if (exp <= now - CLOCK_TOLERANCE_SECONDS) throw expired();
  return payload as AccessTokenClaims;
}

function translate(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof UpstreamUnavailableError) return new ApiError('SERVICE_UNAVAILABLE', { cause: error });
  if (error instanceof UpstreamBadResponseError) return new ApiError('UPSTREAM_ERROR', { cause: error });
  if (error instanceof NoMatchingKeyError) return invalid(error.message, error);
  return error; // a bug, not a bad token: onError answers 500
}

/**
 * Verifies a Supabase access token locally and returns its claims.
 *
 * @throws ApiError TOKEN_EXPIRED, TOKEN_INVALID, SERVICE_UNAVAILABLE (JWKS unreachable) or
 *   UPSTREAM_ERROR (JWKS unusable).
 * @example
 * const claims = await verifyAccessToken(token, c.var.config);
 * claims.sub // the user's id
 */
export async function verifyAccessToken(token: string, config: Config): Promise<AccessTokenClaims> {
  try {
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw invalid('not a compact JWS');
    const [headerSegment, payloadSegment, signatureSegment] = token.split('.') as [string, string, string];
    if (headerSegment.length > MAX_HEADER_SEGMENT) throw invalid('header too large');
    const { key, params } = await chooseKey(jsonSegment(headerSegment, 'header'), config);
    const signed = encoder.encode(`${headerSegment}.${payloadSegment}`);
    const signature = base64url(signatureSegment);
    const verified = await crypto.subtle.verify(params, key, signature, signed).catch(() => false);
    if (!verified) throw invalid('signature does not verify');
    return checkClaims(jsonSegment(payloadSegment, 'payload'), config);
  } catch (error) {
    throw translate(error);
  }
}
