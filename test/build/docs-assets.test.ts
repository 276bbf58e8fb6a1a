/**
 * The static assets of the API reference (scripts/build-docs-assets.ts): the folder wrangler.toml
 * names holds our committed files and the browser bundle of the installed
 * `@scalar/api-reference`, byte for byte, and nothing else; `npm install` writes it; the
 * deployment gets the same folder as local development; and every script the page loads is
 * one of these files.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { ASSETS_DIR, assetProblems, COMMITTED_ASSETS, SCALAR_BUNDLE_ASSET, writeScalarBundle } from '../../scripts/build-docs-assets.ts';
import { generatedAsset, refusedEntries } from '../../scripts/common-passwords.ts';
import { renderDocsPage } from '../../src/routes/meta/docs-page.ts';

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch assets folder with the committed files only. */
function committedOnly(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docs-assets-'));
  scratch.push(dir);
  for (const file of COMMITTED_ASSETS) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(ASSETS_DIR, file), join(dir, file));
  }
  return dir;
}

describe('docs assets', () => {
  it('assets/ holds our files and the installed Scalar bundle, nothing else (run `npm run docs-assets` when this fails)', () => {
    expect(assetProblems()).toEqual([]);
  });

  it('the check notices a missing, a stale and an unexpected file', () => {
    const dir = committedOnly();
    expect(assetProblems(dir)).toEqual([`missing ${SCALAR_BUNDLE_ASSET}`]);
    mkdirSync(dirname(join(dir, SCALAR_BUNDLE_ASSET)), { recursive: true });
    writeFileSync(join(dir, SCALAR_BUNDLE_ASSET), 'console.log("an older bundle")');
    writeFileSync(join(dir, 'api/v1/docs/leftover.js'), '');
    rmSync(join(dir, '_headers'));
    expect(assetProblems(dir)).toEqual(['missing _headers', `stale ${SCALAR_BUNDLE_ASSET}`, 'unexpected api/v1/docs/leftover.js']);
  });

  it('the build writes exactly what the check expects', () => {
    const dir = committedOnly();
    writeScalarBundle(dir);
    expect(assetProblems(dir)).toEqual([]);
  });

  it('`npm install` builds them (prepare), and `npm run docs-assets` rebuilds them', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts['docs-assets']).toBe('tsx scripts/build-docs-assets.ts');
    expect(scripts.prepare).toContain('npm run docs-assets');
  });
});

describe('wrangler.toml [assets]', () => {
  it('names the folder, and the deployment inherits it unchanged', () => {
    const local = unstable_readConfig({ config: 'wrangler.toml' });
    const production = unstable_readConfig({ config: 'wrangler.toml', env: 'production' });
    expect(resolve(local.assets?.directory ?? '')).toBe(ASSETS_DIR);
    expect(production.assets).toEqual(local.assets);
    // The worker reads the OpenAPI document through ASSETS; it is never asked first.
    expect(local.assets?.binding).toBe('ASSETS');
    expect(local.assets).not.toHaveProperty('run_worker_first');
  });
});

describe('the API reference page', () => {
  it('loads only scripts that are files of the assets folder', () => {
    const sources = [...renderDocsPage().matchAll(/<script[^>]*\ssrc="([^"]*)"/g)].map((m) => m[1]);
    expect(sources).toEqual(['/api/v1/docs/setup.js', `/${SCALAR_BUNDLE_ASSET}`]);
    expect(sources.map((src) => src?.slice(1))).toEqual([COMMITTED_ASSETS[1], SCALAR_BUNDLE_ASSET]);
  });
});

describe('the common-password list', () => {
  it('is the asset `npm run passwords` writes (run it when this fails)', () => {
    expect(readFileSync(join(ASSETS_DIR, 'api/v1/common-passwords.txt'), 'utf8')).toBe(generatedAsset());
  });

  it('holds every refused entry exactly, front-coded', () => {
    const lines = readFileSync(join(ASSETS_DIR, 'api/v1/common-passwords.txt'), 'utf8').trim().split('\n');
    let previous = '';
    const decoded = lines.map((line) => (previous = previous.slice(0, Number(line[0])) + line.slice(1)));
    expect(decoded).toEqual(refusedEntries());
    expect(decoded).toContain('password123');
  });
});
