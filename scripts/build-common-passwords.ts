/**
 * Writes assets/api/v1/common-passwords.txt (`npm run passwords`; see scripts/common-passwords.ts):
 * a static asset of the worker, read once per isolate by the routes that set a password,
 * so the list costs the bundle nothing. test/build/docs-assets.test.ts fails when it is stale.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generatedAsset } from './common-passwords.ts';

const target = fileURLToPath(new URL('../assets/api/v1/common-passwords.txt', import.meta.url).href);
await writeFile(target, generatedAsset());
console.log(`Wrote ${target}`);
