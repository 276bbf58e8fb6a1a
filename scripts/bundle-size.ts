/**
 * Prints the worker's deployable size (`npm run size`): runs
 * `wrangler deploy --dry-run --minify` into a temporary folder and reports the raw and
 * gzipped size of the bundle. Exits 1 when the gzipped size exceeds the budget
 * (100 KiB, the Workers free-plan limit is 3 MiB but cold starts grow with size).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped budget in bytes. */
const BUDGET_GZIP_BYTES = 100 * 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const outdir = mkdtempSync(join(tmpdir(), 'edge-auth-size-'));
try {
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--minify', '--outdir', outdir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const bundles = filesUnder(outdir).filter((file) => /\.(m?js|wasm)$/.test(file));
  let raw = 0;
  let gzip = 0;
  for (const file of bundles) {
    const bytes = readFileSync(file);
    raw += bytes.byteLength;
    gzip += gzipSync(bytes, { level: 9 }).byteLength;
  }
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`bundle: ${bundles.length} file(s), raw ${kib(raw)}, gzipped ${kib(gzip)} (budget ${kib(BUDGET_GZIP_BYTES)})`);
  if (gzip > BUDGET_GZIP_BYTES) {
    console.error('Over budget.');
    process.exitCode = 1;
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
