/**
 * Token factory for the verification tests: an ES256 key pair generated per run, its
 * JWKS, and helpers to mint valid tokens and forge broken ones.
 */
import { exportJWK, exportSPKI, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

/** Base64url of a string or bytes. */
export function b64url(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A signing key with its public JWK and PEM. */
export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

/** Generates an ES256 key pair with `kid`. */
export async function makeKey(kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { kid, privateKey, publicJwk, publicPem: await exportSPKI(publicKey) };
}

/**
 * Claims of a normal user token for `issuer`, valid for 15 minutes, as Supabase Auth issues
 * them with this project's access token hook (`mfa_enabled`: no second factor).
 */
export function userClaims(issuer: string, overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuer,
    sub: '0b6c1b4e-9a3f-4b8e-8f57-2f1f6f0c7a11',
    aud: 'authenticated',
    exp: now + 900,
    iat: now,
    email: 'ada@example.com',
    role: 'authenticated',
    session_id: '5c2a1d3e-1111-4222-8333-944455556666',
    aal: 'aal1',
    mfa_enabled: false,
    ...overrides,
  };
}

/** Signs `claims` with an ES256 key (header overridable). */
export async function signEs256(key: TestKey, claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT', ...header }).sign(key.privateKey);
}

/** Signs `claims` with HS256 and raw `secret` bytes (header overridable). */
export async function signHs256(secret: string | Uint8Array, claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header }).sign(bytes);
}

/** An unsigned compact token with the given header, payload and signature segment. */
export function rawToken(header: object, payload: object, signature = ''): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${signature}`;
}

/** Flips one bit of the signature. */
export function flipSignatureBit(token: string): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const chars = [...s];
  const i = Math.floor(chars.length / 2);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const index = alphabet.indexOf(chars[i]!);
  chars[i] = alphabet[index ^ 1]!;
  return `${h}.${p}.${chars.join('')}`;
}
