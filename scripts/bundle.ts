/**
 * Builds the worker as `wrangler deploy --dry-run --minify` does and measures it: raw and
 * gzipped size of the bundle, and its text for checks on what it contains. Used by
 * `npm run size` (scripts/bundle-size.ts) and by the bundle test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped budget in bytes: 100 KiB (cold starts grow with size). */
export const BUDGET_GZIP_BYTES = 100 * 1024;

/** What {@link measureBundle} found. */
export interface BundleMeasure {
  files: number;
  rawBytes: number;
  gzipBytes: number;
  /** The JavaScript of every bundle file, concatenated. */
  text: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Runs the dry-run build into a temporary folder and measures the output. */
export function measureBundle(cwd = process.cwd()): BundleMeasure {
  const outdir = mkdtempSync(join(tmpdir(), 'edge-auth-size-'));
  try {
    execFileSync(join(cwd, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--minify', '--outdir', outdir], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
    const bundles = filesUnder(outdir).filter((file) => /\.(m?js|wasm)$/.test(file));
    const contents = bundles.map((file) => readFileSync(file));
    return {
      files: bundles.length,
      rawBytes: contents.reduce((n, b) => n + b.byteLength, 0),
      gzipBytes: contents.reduce((n, b) => n + gzipSync(b, { level: 9 }).byteLength, 0),
      text: contents.map((b) => b.toString('utf8')).join('\n'),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Bytes as KiB with one decimal. */
export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
