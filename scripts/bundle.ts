/**
 * Builds the worker exactly as a deploy does — the `wrangler deploy …` of package.json's
 * `deploy` script (e.g. `--env production`) plus `--dry-run --outdir <tmp>`, with
 * wrangler.toml's own settings (`minify`, `upload_source_maps`) and no flag of ours —
 * and measures that artifact: the size of its modules raw and gzipped (computed the way
 * wrangler reports "Total Upload", and checked against what it printed), its source map
 * (which files went in), the modules it imports from the runtime, and its text for checks
 * on what it contains. The same run also writes the upload form (`--outfile`), the very
 * request body a deploy would send, for what needs it (the start-up profile). Used by
 * `npm run size` (scripts/bundle-size.ts) and by the bundle test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped budget in bytes: 85 KiB (issue 23; cold starts grow with size). */
export const BUDGET_GZIP_BYTES = 85 * 1024;

/** What {@link measureBundle} found. */
export interface BundleMeasure {
  /** The `wrangler deploy` flags of the `deploy` script that the build used. */
  deployArgs: string[];
  /** Module files of the artifact (JavaScript and WebAssembly; not source maps). */
  files: number;
  rawBytes: number;
  /** gzip (default level) of the modules concatenated, as wrangler computes it. */
  gzipBytes: number;
  /** What wrangler printed as "Total Upload: X KiB / gzip: Y KiB", in KiB. */
  reported?: { rawKiB: number; gzipKiB: number };
  /** The JavaScript of every module, concatenated. */
  text: string;
  /** Module specifiers the artifact leaves to the runtime (`cloudflare:workers`, `node:…`). */
  imports: string[];
  /** Files that went into the bundle, per its source map, relative to the project folder. */
  sources: string[];
  /** Parts of the upload form, "name content-type" (the source map among them when uploaded). */
  uploadParts: string[];
  /** The module bytes in the upload form equal those in the output folder. */
  formMatchesOutdir: boolean;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The parts of a multipart upload form file (what `wrangler deploy --outfile` writes). */
async function readForm(file: string): Promise<FormData> {
  const bytes = readFileSync(file);
  const boundary = bytes.subarray(2, bytes.indexOf(10)).toString('latin1').trim();
  return new Response(bytes, { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } }).formData();
}

/** Static and dynamic import specifiers left in minified ES module text. */
function importsOf(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"'\s]+)["']/g)) if (m[1]) found.add(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*["']([^"'\s]+)["']\s*\)/g)) if (m[1]) found.add(m[1]);
  return [...found].sort();
}

/** A build of the worker, kept until `dispose()`: the measures, and the upload form's path. */
export interface BundleBuild extends BundleMeasure {
  /** The upload form a deploy would send (multipart), valid until `dispose()`. */
  formFile: string;
  dispose(): void;
}

/** The arguments of `wrangler deploy` in package.json's `deploy` script; throws when it is something else. */
export function deployArgs(cwd = process.cwd()): string[] {
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const m = /^wrangler deploy((?:\s+[\w:=.-]+)*)\s*$/.exec(pkg.scripts?.deploy ?? '');
  if (!m) throw new Error(`package.json "deploy" is not a plain "wrangler deploy [flags]": ${JSON.stringify(pkg.scripts?.deploy)}`);
  return (m[1] ?? '').trim().split(/\s+/).filter(Boolean);
}

/** Runs the dry-run deploy into a temporary folder and measures the output; call `dispose()` after. */
export async function buildBundle(cwd = process.cwd()): Promise<BundleBuild> {
  const tmp = mkdtempSync(join(tmpdir(), 'edge-auth-size-'));
  const dispose = () => rmSync(tmp, { recursive: true, force: true });
  try {
    const outdir = join(tmp, 'out');
    const formFile = join(tmp, 'upload.form');
    const stdout = execFileSync(
      join(cwd, 'node_modules', '.bin', 'wrangler'),
      ['deploy', ...deployArgs(cwd), '--dry-run', '--outdir', outdir, '--outfile', formFile],
      {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' },
      },
    );
    const modules = filesUnder(outdir)
      .filter((file) => /\.(m?js|wasm)$/.test(file))
      .sort();
    const contents = modules.map((file) => readFileSync(file));
    const text = contents.map((b) => b.toString('utf8')).join('\n');
    const reportedMatch = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(stdout);

    const sources = new Set<string>();
    for (const file of modules) {
      const mapFile = `${file}.map`;
      try {
        const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; sourceRoot?: string };
        for (const source of map.sources) sources.add(relative(cwd, join(map.sourceRoot || outdir, source)));
      } catch {
        // no source map for this module
      }
    }

    const form = await readForm(formFile);
    const uploadParts: string[] = [];
    let formMatchesOutdir = true;
    for (const [name, value] of form.entries() as Iterable<[string, string | Blob]>) {
      if (typeof value === 'string') {
        uploadParts.push(`${name} text`);
        continue;
      }
      uploadParts.push(`${name} ${value.type}`);
      const local = modules.find((m) => relative(outdir, m) === name);
      if (local && !Buffer.from(await value.arrayBuffer()).equals(readFileSync(local))) formMatchesOutdir = false;
    }

    return {
      deployArgs: deployArgs(cwd),
      files: modules.length,
      rawBytes: contents.reduce((n, b) => n + b.byteLength, 0),
      gzipBytes: gzipSync(Buffer.concat(contents)).byteLength,
      ...(reportedMatch ? { reported: { rawKiB: Number(reportedMatch[1]), gzipKiB: Number(reportedMatch[2]) } } : {}),
      text,
      imports: importsOf(text),
      sources: [...sources].sort(),
      uploadParts,
      formMatchesOutdir,
      formFile,
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** {@link buildBundle}, measures only (the temporary folder is removed). */
export async function measureBundle(cwd = process.cwd()): Promise<BundleMeasure> {
  const build = await buildBundle(cwd);
  build.dispose();
  const { formFile: _form, dispose: _dispose, ...measure } = build;
  return measure;
}

/** Bytes as KiB with one decimal. */
export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
