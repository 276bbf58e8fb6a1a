/** Writes src/generated/common-passwords.ts (`npm run passwords`); see scripts/common-passwords.ts. */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generatedModule } from './common-passwords.ts';

const target = fileURLToPath(new URL('../src/generated/common-passwords.ts', import.meta.url).href);
await writeFile(target, generatedModule());
console.log(`Wrote ${target}`);
