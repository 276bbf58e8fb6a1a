/**
 * Signing and verifying keys of the local stand-in, as a current Supabase project has
 * them: the API keys (`sb_publishable_…` / `sb_secret_…`, which the gateway maps to the
 * anon and service_role JWTs, see gateway.ts); user access tokens signed with an
 * asymmetric key (ES256 or RS256, with a `kid`) published at
 * `/auth/v1/.well-known/jwks.json`; HS256 tokens without a `kid` checked against the
 * legacy JWT secret, so the demo anon and service_role keys keep working. The signing
 * keys come from `[auth] signing_keys_path` (the JWK array that `supabase gen
 * signing-key` writes) or are generated once into the data folder.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as jose from 'jose';
import { DEMO_ANON_KEY, DEMO_JWT_SECRET, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, DEMO_SERVICE_ROLE_KEY } from './demo-keys.ts';

type AsymmetricAlg = 'ES256' | 'RS256';

interface LoadedKey {
  kid: string;
  alg: AsymmetricAlg;
  privateKey: CryptoKey | jose.KeyObject | Uint8Array;
  publicJwk: jose.JWK;
  publicKey: CryptoKey | jose.KeyObject | Uint8Array;
}

/** The key material of one running stand-in. */
export interface KeySet {
  jwtSecret: string;
  /** The publishable API key (`sb_publishable_…`): the anon role at the gateway. */
  publishableKey: string;
  /** The secret API key (`sb_secret_…`): the service_role at the gateway. */
  secretKey: string;
  /** The legacy anon key (HS256 JWT). */
  anonKey: string;
  /** The legacy service_role key (HS256 JWT). */
  serviceRoleKey: string;
  /** The JWKS document served at /auth/v1/.well-known/jwks.json. */
  jwks: { keys: jose.JWK[] };
  /** Signs a user access token with the current signing key (ES256/RS256, with kid). */
  sign(payload: jose.JWTPayload): Promise<string>;
  /**
   * Verifies a token: asymmetric ones by `kid` against the signing keys, HS256 ones
   * without `kid` against the JWT secret. Throws jose errors on anything wrong.
   */
  verify(token: string): Promise<jose.JWTPayload>;
}

function algOf(jwk: jose.JWK): AsymmetricAlg {
  if (jwk.alg === 'ES256' || (jwk.kty === 'EC' && jwk.crv === 'P-256')) return 'ES256';
  if (jwk.alg === 'RS256' || jwk.kty === 'RSA') return 'RS256';
  throw new Error(`signing key ${jwk.kid ?? '(no kid)'}: only ES256 and RS256 keys are supported`);
}

async function loadJwk(jwk: jose.JWK): Promise<LoadedKey> {
  if (!jwk.d) throw new Error(`signing key ${jwk.kid ?? '(no kid)'} has no private part`);
  const alg = algOf(jwk);
  const kid = jwk.kid ?? crypto.randomUUID();
  const { key_ops: _ops, ext: _ext, use: _use, ...privateJwk } = jwk;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = privateJwk;
  const publicJwk: jose.JWK = { ...pub, kid, alg, use: 'sig', key_ops: ['verify'] };
  return {
    kid,
    alg,
    privateKey: await jose.importJWK({ ...privateJwk, alg }, alg),
    publicKey: await jose.importJWK({ ...pub, alg }, alg),
    publicJwk,
  };
}

/** Reads a JWK-array file as `supabase gen signing-key` writes it. */
function readSigningKeysFile(file: string): jose.JWK[] {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${file}: expected a non-empty JSON array of JWKs`);
  return keys as jose.JWK[];
}

/** Generates an ES256 private JWK with a kid (what `supabase gen signing-key` makes). */
export async function generateSigningJwk(alg: AsymmetricAlg = 'ES256'): Promise<jose.JWK> {
  const { privateKey } = await jose.generateKeyPair(alg, { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  return { ...jwk, kid: crypto.randomUUID(), alg, use: 'sig', key_ops: ['sign', 'verify'], ext: true };
}

/**
 * Builds the key set: `signingKeysPath` when given (its first key signs), else a key
 * kept in `<dataDir>/signing-keys.json`, generated on first use.
 */
export async function loadKeySet(opts: { signingKeysPath: string | null; dataDir: string }): Promise<KeySet> {
  let jwks: jose.JWK[];
  if (opts.signingKeysPath) {
    jwks = readSigningKeysFile(opts.signingKeysPath);
  } else {
    const file = path.join(opts.dataDir, 'signing-keys.json');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(opts.dataDir, { recursive: true });
      fs.writeFileSync(file, JSON.stringify([await generateSigningJwk()], null, 2), { mode: 0o600 });
    }
    jwks = readSigningKeysFile(file);
  }
  const keys = await Promise.all(jwks.map(loadJwk));
  const current = keys[0]!;
  const secret = new TextEncoder().encode(DEMO_JWT_SECRET);

  return {
    jwtSecret: DEMO_JWT_SECRET,
    publishableKey: DEMO_PUBLISHABLE_KEY,
    secretKey: DEMO_SECRET_KEY,
    anonKey: DEMO_ANON_KEY,
    serviceRoleKey: DEMO_SERVICE_ROLE_KEY,
    jwks: { keys: keys.map((k) => k.publicJwk) },
    sign: (payload) =>
      new jose.SignJWT(payload).setProtectedHeader({ alg: current.alg, kid: current.kid, typ: 'JWT' }).sign(current.privateKey),
    async verify(token) {
      const header = jose.decodeProtectedHeader(token);
      if (header.kid) {
        const key = keys.find((k) => k.kid === header.kid);
        if (!key) throw new jose.errors.JWKSNoMatchingKey();
        return (await jose.jwtVerify(token, key.publicKey, { algorithms: [key.alg] })).payload;
      }
      return (await jose.jwtVerify(token, secret, { algorithms: ['HS256'] })).payload;
    },
  };
}
