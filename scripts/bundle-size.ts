/**
 * Prints the worker's deployable size (`npm run size`): the `wrangler deploy --dry-run
 * --minify` bundle, raw and gzipped. Exits 1 when the gzipped size exceeds the budget.
 */
import { BUDGET_GZIP_BYTES, kib, measureBundle } from './bundle.ts';

const { files, rawBytes, gzipBytes } = measureBundle();
console.log(`bundle: ${files} file(s), raw ${kib(rawBytes)}, gzipped ${kib(gzipBytes)} (budget ${kib(BUDGET_GZIP_BYTES)})`);
if (gzipBytes > BUDGET_GZIP_BYTES) {
  console.error('Over budget.');
  process.exitCode = 1;
}
