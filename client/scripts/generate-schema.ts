/**
 * Writes client/src/schema.ts, the client's types, from the worker's OpenAPI document
 * (assets/api/v1/openapi.json) with openapi-typescript. `--check` only compares and
 * exits 1 when the file is stale; test/client/build/schema.test.ts does the same.
 *
 * The output is a `.ts` file holding types only (not `.d.ts`), so that `tsc` carries it
 * into the package's dist/ next to index.d.ts, formatted by the project's Biome.
 *
 *   npx tsx client/scripts/generate-schema.ts [--check]
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const SOURCE = fileURLToPath(new URL('../../assets/api/v1/openapi.json', import.meta.url).href);
const TARGET = fileURLToPath(new URL('../src/schema.ts', import.meta.url).href);
const ROOT = fileURLToPath(new URL('../../', import.meta.url).href);

const BANNER = `/**
 * Types of the edge-auth API, generated from assets/api/v1/openapi.json by
 * client/scripts/generate-schema.ts (openapi-typescript). Do not edit: run
 * \`npx tsx client/scripts/generate-schema.ts\`.
 */
`;

/** The text schema.ts should have. */
export async function renderSchema(): Promise<string> {
  const doc = JSON.parse(await readFile(SOURCE, 'utf8'));
  const ast = await openapiTS(doc, { alphabetize: true, silent: true });
  return formatted(`${BANNER}\n${astToString(ast)}`);
}

/** `raw` as the project's Biome configuration formats it, so the generated file passes `biome check`. */
function formatted(raw: string): string {
  return execFileSync(
    process.execPath,
    [`${ROOT}node_modules/@biomejs/biome/bin/biome`, 'format', '--stdin-file-path=client/src/schema.ts'],
    {
      cwd: ROOT,
      input: raw,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

/** The schema file as it is on disk ('' when missing). */
export function currentSchema(): Promise<string> {
  return readFile(TARGET, 'utf8').catch(() => '');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await renderSchema();
  if (process.argv.includes('--check')) {
    if ((await currentSchema()) !== text) {
      console.error('client/src/schema.ts is stale: run `npx tsx client/scripts/generate-schema.ts`.');
      process.exit(1);
    }
    console.log('client/src/schema.ts is up to date.');
  } else {
    await writeFile(TARGET, text);
    console.log(`Wrote ${TARGET}`);
  }
}
