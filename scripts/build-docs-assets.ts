/**
 * Completes the worker's static assets (wrangler.toml `[assets]`, the folder `assets/`) with
 * the one file that is not committed: the browser bundle of Scalar's API reference, copied
 * from the exact-pinned dev dependency `@scalar/api-reference` (`dist/browser/standalone.js`,
 * one self-contained file: no CDN, no fonts, no further request) to the git-ignored
 * `assets/api/v1/docs/vendor/scalar.js`. The rest of the folder is ours and committed:
 * `_headers` and the page's `setup.js`. GET /api/v1/docs (src/routes/meta/docs-page.ts) loads
 * both scripts from the same origin and points the reference at /api/v1/openapi.json.
 *
 * Cloudflare answers a request for a static asset before the worker runs, and
 * `wrangler deploy` uploads the folder beside the script, so none of it counts towards the
 * worker bundle. The bundle must be there for `wrangler dev`, the vitest pool and
 * `wrangler deploy` alike: `npm install` runs this script (`prepare`), and
 * test/build/docs-assets.test.ts fails when it is missing or stale, or when the folder holds
 * anything else. `--check` only compares and exits 1 on a difference.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The assets folder, as wrangler.toml's `[assets] directory` names it. */
export const ASSETS_DIR = fileURLToPath(new URL('../assets', import.meta.url).href);

/** The committed files of the folder, relative to it (an asset's path is its URL path). */
export const COMMITTED_ASSETS = ['_headers', 'api/v1/docs/setup.js', 'api/v1/openapi.json', 'api/v1/common-passwords.txt'];

/** The copied bundle, relative to the folder (its folder is git-ignored). */
export const SCALAR_BUNDLE_ASSET = 'api/v1/docs/vendor/scalar.js';

/** The installed `@scalar/api-reference`: its version and its browser bundle. */
function scalarBundle(): { version: string; bytes: Buffer } {
  // The package exports neither package.json nor dist/browser: resolve its entry and walk over.
  const entry = import.meta.resolve('@scalar/api-reference');
  const { version } = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', entry).href), 'utf8')) as { version: string };
  return { version, bytes: readFileSync(fileURLToPath(new URL('./browser/standalone.js', entry).href)) };
}

/** The files under `dir`, relative to it with `/` separators, sorted; empty when it does not exist. */
function filesIn(dir: string): string[] {
  const walk = (at: string): string[] =>
    readdirSync(at).flatMap((name) => (statSync(join(at, name)).isDirectory() ? walk(join(at, name)) : [join(at, name)]));
  try {
    return walk(dir)
      .map((file) => relative(dir, file).split(sep).join('/'))
      .sort();
  } catch {
    return [];
  }
}

/** What is wrong with `dir`: a missing or stale bundle, a missing committed file, any other file. */
export function assetProblems(dir = ASSETS_DIR): string[] {
  const present = filesIn(dir);
  const problems = COMMITTED_ASSETS.filter((file) => !present.includes(file)).map((file) => `missing ${file}`);
  if (!present.includes(SCALAR_BUNDLE_ASSET)) problems.push(`missing ${SCALAR_BUNDLE_ASSET}`);
  else if (!readFileSync(join(dir, SCALAR_BUNDLE_ASSET)).equals(scalarBundle().bytes)) problems.push(`stale ${SCALAR_BUNDLE_ASSET}`);
  const known = new Set([...COMMITTED_ASSETS, SCALAR_BUNDLE_ASSET]);
  return [...problems, ...present.filter((file) => !known.has(file)).map((file) => `unexpected ${file}`)];
}

/** Writes the bundle into `dir`, replacing its vendor folder. */
export function writeScalarBundle(dir = ASSETS_DIR): void {
  const target = join(dir, SCALAR_BUNDLE_ASSET);
  rmSync(dirname(target), { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, scalarBundle().bytes);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const problems = assetProblems();
    if (problems.length) {
      console.error(`assets/: ${problems.join(', ')} (run \`npm run docs-assets\`).`);
      process.exit(1);
    }
    console.log('assets/ is up to date.');
  } else {
    writeScalarBundle();
    const { version, bytes } = scalarBundle();
    console.log(`Wrote assets/${SCALAR_BUNDLE_ASSET} (@scalar/api-reference ${version}, ${Math.round(bytes.length / 1024)} KiB)`);
  }
}
