/**
 * `npm run size`: the size of what a deploy uploads — the artifact of `wrangler deploy
 * --dry-run` with wrangler.toml's settings (minified, source maps uploaded) — raw and
 * gzipped, and its start-up time in local workerd (`wrangler check startup`, see
 * bench/startup.ts). Exits 1 when the gzipped size exceeds the budget. The start-up figure
 * is reported, never judged: timings belong to the benchmark.
 */
import { profileStartup } from '../bench/startup.ts';
import { BUDGET_GZIP_BYTES, buildBundle, kib } from './bundle.ts';

const build = await buildBundle();
try {
  const { files, rawBytes, gzipBytes, reported, uploadParts } = build;
  console.log(
    `bundle (wrangler deploy ${[...build.deployArgs, '--dry-run'].join(' ')}): ${files} module(s), raw ${kib(rawBytes)}, gzipped ${kib(gzipBytes)} (budget ${kib(BUDGET_GZIP_BYTES)})`,
  );
  if (reported) console.log(`  wrangler reported: Total Upload ${reported.rawKiB} KiB / gzip ${reported.gzipKiB} KiB`);
  console.log(`  upload form: ${uploadParts.join(', ')}`);
  try {
    const startup = profileStartup(build.formFile);
    console.log(
      `start-up (wrangler check startup, local workerd CPU profile): ${startup.ms.toFixed(1)} ms median of ${startup.runs.length} runs ` +
        `(${startup.runs.map((ms) => ms.toFixed(1)).join(', ')}; ~1 ms sampling, ${startup.samples} samples in the bundle)`,
    );
  } catch (error) {
    console.log(`start-up: not measured (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (gzipBytes > BUDGET_GZIP_BYTES) {
    console.error('Over budget.');
    process.exitCode = 1;
  }
} finally {
  build.dispose();
}
