/**
 * Whether a new password is one of the 10,000 most common passwords (case-insensitive).
 * The list is a static asset of the worker (assets/api/v1/common-passwords.txt, front-coded,
 * built by scripts/common-passwords.ts from its public source), so it costs the bundle
 * nothing: the routes that set a password load it once per isolate before validating
 * (the registry sees newPasswordSchema in their body, src/routes/registry.ts), and it is decoded into a
 * Set. Exact: no false positives. Checking before it is loaded is a programming error.
 */

/** Where the asset is, for the ASSETS binding. */
const ASSET_URL = 'https://assets.invalid/api/v1/common-passwords.txt';

let decoded: Set<string> | undefined;
let loading: Promise<void> | undefined;

function decode(text: string): Set<string> {
  const set = new Set<string>();
  let previous = '';
  for (const line of text.split('\n')) {
    if (line === '') continue;
    previous = previous.slice(0, Number(line[0])) + line.slice(1);
    set.add(previous);
  }
  return set;
}

/** Loads the list from the static assets once per isolate (concurrent callers share the load). */
export async function loadCommonPasswords(assets: Fetcher): Promise<void> {
  if (decoded) return;
  loading ??= (async () => {
    const response = await assets.fetch(ASSET_URL);
    if (!response.ok) throw new Error(`common-passwords asset answered ${response.status}`);
    decoded = decode(await response.text());
  })();
  try {
    await loading;
  } catch (error) {
    loading = undefined; // the next request tries again
    throw error;
  }
}

/**
 * @example
 * isCommonPassword('Password123') // true
 * isCommonPassword('correct horse battery staple') // false
 */
export function isCommonPassword(password: string): boolean {
  if (!decoded) throw new Error('isCommonPassword before loadCommonPasswords (the registry loads it for bodies with newPasswordSchema)');
  return decoded.has(password.toLowerCase());
}
