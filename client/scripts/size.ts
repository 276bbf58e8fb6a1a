/**
 * What a browser loads for the client: client/src/index.ts bundled with its one
 * dependency (openapi-fetch) by esbuild, minified, as an ES module; printed raw and
 * gzipped. test/client/build/size.test.ts keeps it within {@link CLIENT_BUDGET_GZIP}.
 *
 *   npx tsx client/scripts/size.ts
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Budget for the minified, gzipped client in bytes. */
export const CLIENT_BUDGET_GZIP = 8 * 1024;

/** Raw and gzipped bytes of the minified client bundle. */
export async function measureClient(): Promise<{ raw: number; gzip: number }> {
  const result = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { raw, gzip } = await measureClient();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`@edge-auth/client, minified: ${kib(raw)} raw, ${kib(gzip)} gzipped (budget ${kib(CLIENT_BUDGET_GZIP)})`);
}
