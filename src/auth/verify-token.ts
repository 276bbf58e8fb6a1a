/**
 * Local verification of Supabase access tokens with `jose`, without calling Supabase Auth
 * (except to fetch the project's JWKS, cached at module scope per URL). Asymmetric tokens
 * (ES256, RS256) must name their key with `kid` and are checked against
 * `${SUPABASE_URL}/auth/v1/.well-known/jwks.json`; HS256 tokens are accepted only when
 * SUPABASE_JWT_SECRET is configured. Headers that let a token choose its own key (`jku`,
 * `jwk`, `x5u`, `x5c`) and `crit` are refused. Claims: `exp` (30 s tolerance), `aud`
 * `authenticated`, `iss` when present, `sub` a UUID. Expired → TOKEN_EXPIRED; anything
 * else wrong → TOKEN_INVALID; JWKS unreachable → SERVICE_UNAVAILABLE.
 */
import {
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
  type ProtectedHeaderParameters,
} from 'jose';
import type { Config } from '../env.ts';
import type { AccessTokenClaims } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { UUID_PATTERN } from '../http/schemas.ts';
import { createUpstreamFetch, UpstreamBadResponseError, UpstreamUnavailableError } from '../http/upstream.ts';
import { INVALID_TOKEN_CHALLENGE } from './bearer.ts';

/** Allowed clock skew for `exp`/`nbf`/`iat`, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 30;
/** Audience of user access tokens issued by Supabase Auth. */
const ACCESS_TOKEN_AUDIENCE = 'authenticated';
/** The only `role` a user access token may carry. */
export const USER_ROLE = 'authenticated';

const ASYMMETRIC_ALGS = ['ES256', 'RS256'];
const SYMMETRIC_ALGS = ['HS256'];
const REFUSED_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'crit'];
const MAX_TOKEN_LENGTH = 8 * 1024;
const MAX_HEADER_SEGMENT = 1024;
const MAX_KID_LENGTH = 256;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const keySets = new Map<string, JWTVerifyGetKey>();
const encoder = new TextEncoder();

/** The JWKS URL of a project. */
function jwksUrl(supabaseUrl: string): string {
  return `${supabaseUrl}/auth/v1/.well-known/jwks.json`;
}

/** The issuer Supabase Auth writes into its tokens. */
function expectedIssuer(supabaseUrl: string): string {
  return `${supabaseUrl}/auth/v1`;
}

function jwksFetch(timeoutMs: number): typeof fetch {
  const upstream = createUpstreamFetch(timeoutMs);
  return async (input, init) => {
    const response = await upstream(input, init);
    if (response.status !== 200) throw new UpstreamBadResponseError(`JWKS answered ${response.status}`);
    return response;
  };
}

/**
 * The remote key set of a project, created once per URL and kept at module scope so its
 * cache (10 min, 30 s cooldown on unknown `kid`) survives across requests.
 */
function keySetFor(supabaseUrl: string, timeoutMs: number): JWTVerifyGetKey {
  const url = jwksUrl(supabaseUrl);
  let keySet = keySets.get(url);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(url), {
      timeoutDuration: timeoutMs,
      [customFetch]: jwksFetch(timeoutMs),
    });
    keySets.set(url, keySet);
  }
  return keySet;
}

function invalid(reason: string, cause?: unknown): ApiError {
  return new ApiError('TOKEN_INVALID', {
    cause: cause ?? new Error(reason),
    headers: { 'WWW-Authenticate': INVALID_TOKEN_CHALLENGE },
  });
}

function readHeader(token: string): ProtectedHeaderParameters {
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw invalid('not a compact JWS');
  if (token.indexOf('.') > MAX_HEADER_SEGMENT) throw invalid('header too large');
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch (cause) {
    throw invalid('undecodable header', cause);
  }
  for (const name of REFUSED_HEADERS) {
    if (name in header) throw invalid(`refused header ${name}`);
  }
  return header;
}

function chooseKey(header: ProtectedHeaderParameters, config: Config) {
  const alg = header.alg ?? '';
  if (ASYMMETRIC_ALGS.includes(alg)) {
    const kid = header.kid;
    if (typeof kid !== 'string' || kid === '' || kid.length > MAX_KID_LENGTH) throw invalid('kid required');
    return { key: keySetFor(config.supabaseUrl, config.upstreamTimeoutMs), algorithms: ASYMMETRIC_ALGS };
  }
  if (SYMMETRIC_ALGS.includes(alg) && config.jwtSecret) {
    return { key: encoder.encode(config.jwtSecret), algorithms: SYMMETRIC_ALGS };
  }
  throw invalid(`alg ${alg || '(none)'} not allowed`);
}

function checkClaims(payload: AccessTokenClaims, config: Config): AccessTokenClaims {
  if (typeof payload.sub !== 'string' || !UUID_PATTERN.test(payload.sub)) throw invalid('sub is not a UUID');
  if (payload.iss !== expectedIssuer(config.supabaseUrl)) throw invalid('wrong or missing iss');
  if (payload.role !== USER_ROLE) throw invalid('role is not authenticated');
  if (typeof payload.session_id !== 'string' || !UUID_PATTERN.test(payload.session_id)) throw invalid('session_id is not a UUID');
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_TOLERANCE_SECONDS) throw invalid('iat in the future');
  if (payload.email !== undefined && typeof payload.email !== 'string') throw invalid('email not a string');
  return payload;
}

function translate(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof UpstreamUnavailableError || error instanceof joseErrors.JWKSTimeout) {
    return new ApiError('SERVICE_UNAVAILABLE', { cause: error });
  }
  if (error instanceof UpstreamBadResponseError || error instanceof joseErrors.JWKSInvalid) {
    return new ApiError('UPSTREAM_ERROR', { cause: error });
  }
  if (error instanceof joseErrors.JWTExpired) {
    return new ApiError('TOKEN_EXPIRED', {
      cause: error,
      headers: { 'WWW-Authenticate': `${INVALID_TOKEN_CHALLENGE}, error_description="The access token expired"` },
    });
  }
  if (error instanceof joseErrors.JOSEError) return invalid(error.code, error);
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
    const header = readHeader(token);
    const { key, algorithms } = chooseKey(header, config);
    const options = {
      algorithms,
      audience: ACCESS_TOKEN_AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'sub', 'iss', 'role', 'session_id'],
    };
    // Two identical calls because jwtVerify's overloads take a secret or a key resolver, not their union.
    const { payload } =
      key instanceof Uint8Array
        ? await jwtVerify<AccessTokenClaims>(token, key, options)
        : await jwtVerify<AccessTokenClaims>(token, key, options);
    return checkClaims(payload, config);
  } catch (error) {
    throw translate(error);
  }
}
