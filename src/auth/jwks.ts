/**
 * The public signing keys of a Supabase project, from its JWKS
 * (`${SUPABASE_URL}/auth/v1/.well-known/jwks.json`), imported as WebCrypto keys and kept at
 * module scope (so per isolate, across requests):
 * - the set is fetched on first use and again when it is older than {@link JWKS_MAX_AGE_MS}
 *   (10 min), so a rotated key is picked up;
 * - a `kid` the set does not list makes one new fetch, at most every
 *   {@link JWKS_COOLDOWN_MS} (30 s): a key added since the last fetch is found at once,
 *   while a flood of tokens naming made-up keys costs one fetch per 30 s, not one each;
 * - fetches are shared by the requests that wait for them (one in flight per project).
 * Only signature keys of the token's algorithm qualify: ES256 wants an EC P-256 key, RS256
 * an RSA key; a key whose `alg` or `use` says otherwise is skipped, as is one WebCrypto
 * cannot import. Two qualifying keys under one `kid` is ambiguous and refused.
 *
 * Failures: the set could not be fetched → {@link UpstreamUnavailableError} (503); fetched
 * but not a JWKS → {@link UpstreamBadResponseError} (502); no usable key for the `kid` →
 * {@link NoMatchingKeyError} (the token is invalid).
 */
import { createUpstreamFetch, UpstreamBadResponseError } from '../http/upstream.ts';

/** A key set older than this is fetched again before use. */
const JWKS_MAX_AGE_MS = 10 * 60_000;
/** An unknown `kid` fetches the set again only when the last fetch is at least this old. */
const JWKS_COOLDOWN_MS = 30_000;

/** Asymmetric algorithms a Supabase project signs access tokens with. */
export type AsymmetricAlg = 'ES256' | 'RS256';

/** WebCrypto parameters of each algorithm, for import and for verify. */
export const ALGORITHMS: Record<AsymmetricAlg, { kty: string; import: SubtleCryptoImportKeyAlgorithm; verify: SubtleCryptoSignAlgorithm }> =
  {
    ES256: { kty: 'EC', import: { name: 'ECDSA', namedCurve: 'P-256' }, verify: { name: 'ECDSA', hash: 'SHA-256' } },
    RS256: { kty: 'RSA', import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verify: { name: 'RSASSA-PKCS1-v1_5' } },
  };

/** The key set lists no usable key for the token's `kid` and algorithm. */
export class NoMatchingKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoMatchingKeyError';
  }
}

/** A JWKS entry as fetched: nothing in it is trusted to have the right type. */
type Jwk = Record<string, unknown>;

interface KeySet {
  keys: Jwk[];
  /** When the listed keys were fetched (0: never). */
  fetchedAt: number;
  /** When the last fetch started, successful or not. */
  attemptedAt: number;
  /** The fetch in flight, shared by whoever needs it. */
  pending?: Promise<void>;
  /** Imported keys by `alg kid`. */
  imported: Map<string, Promise<CryptoKey | undefined>>;
}

const keySets = new Map<string, KeySet>();

async function fetchKeys(url: string, timeoutMs: number): Promise<Jwk[]> {
  const response = await createUpstreamFetch(timeoutMs)(url, { headers: { Accept: 'application/json' } });
  if (response.status !== 200) throw new UpstreamBadResponseError(`JWKS answered ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new UpstreamBadResponseError('JWKS is not JSON');
  }
  const keys = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'object' && key !== null && !Array.isArray(key))) {
    throw new UpstreamBadResponseError('JWKS has no key list');
  }
  return keys as Jwk[];
}

function refresh(set: KeySet, url: string, timeoutMs: number): Promise<void> {
  set.pending ??= (async () => {
    set.attemptedAt = Date.now();
    try {
      set.keys = await fetchKeys(url, timeoutMs);
      set.fetchedAt = Date.now();
      set.imported.clear();
    } finally {
      set.pending = undefined;
    }
  })();
  return set.pending;
}

function candidates(set: KeySet, alg: AsymmetricAlg, kid: string): Jwk[] {
  const { kty } = ALGORITHMS[alg];
  return set.keys.filter(
    (key) =>
      key.kid === kid && key.kty === kty && (key.alg === undefined || key.alg === alg) && (key.use === undefined || key.use === 'sig'),
  );
}

async function importKey(jwk: Jwk, alg: AsymmetricAlg): Promise<CryptoKey | undefined> {
  const { kty, crv, x, y, n, e } = jwk;
  try {
    return await crypto.subtle.importKey('jwk', { kty, crv, x, y, n, e } as JsonWebKey, ALGORITHMS[alg].import, false, ['verify']);
  } catch {
    return undefined;
  }
}

/**
 * The verification key of `kid` for `alg` in the project's JWKS at `url`.
 *
 * @throws NoMatchingKeyError, UpstreamUnavailableError, UpstreamBadResponseError
 * @example
 * const key = await jwksKey('https://ref.supabase.co/auth/v1/.well-known/jwks.json', 'ES256', kid, 8000);
 */
export async function jwksKey(url: string, alg: AsymmetricAlg, kid: string, timeoutMs: number): Promise<CryptoKey> {
  let set = keySets.get(url);
  if (!set) {
    set = { keys: [], fetchedAt: 0, attemptedAt: 0, imported: new Map() };
    keySets.set(url, set);
  }
  if (set.pending || Date.now() - set.fetchedAt >= JWKS_MAX_AGE_MS) await refresh(set, url, timeoutMs);
  let found = candidates(set, alg, kid);
  if (found.length === 0 && Date.now() - set.attemptedAt >= JWKS_COOLDOWN_MS) {
    await refresh(set, url, timeoutMs);
    found = candidates(set, alg, kid);
  }
  const [jwk, ...others] = found;
  if (!jwk) throw new NoMatchingKeyError(`no ${alg} key with this kid`);
  if (others.length > 0) throw new NoMatchingKeyError('more than one key with this kid');
  const id = `${alg} ${kid}`;
  let key = set.imported.get(id);
  if (!key) {
    key = importKey(jwk, alg);
    set.imported.set(id, key);
  }
  const imported = await key;
  if (!imported) throw new NoMatchingKeyError('the key with this kid cannot be imported');
  return imported;
}
