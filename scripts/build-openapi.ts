/**
 * Writes assets/api/v1/openapi.json from the route contracts (`npm run openapi`). The
 * generator (zod's JSON Schema conversion) is too heavy for the worker bundle, so the
 * worker serves this file; test/worker/openapi.test.ts fails when it is stale.
 * `--check` only compares and exits 1 when the file differs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from '../src/openapi/generate.ts';

const target = fileURLToPath(new URL('../assets/api/v1/openapi.json', import.meta.url).href);
const text = `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    console.error('assets/api/v1/openapi.json is stale: run `npm run openapi`.');
    process.exit(1);
  }
  console.log('assets/api/v1/openapi.json is up to date.');
} else {
  await writeFile(target, text);
  console.log(`Wrote ${target}`);
}
