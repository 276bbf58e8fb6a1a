/**
 * Build-time configuration check (`npx tsx scripts/check-config.ts [--env-file .dev.vars]`):
 * validates wrangler.toml `[vars]`, plus the secrets from an env file or the process
 * environment, with the same parser the worker uses at start-up (src/env.ts), so a typo
 * in a setting fails before deploying instead of on the first request. Secrets that are
 * absent are replaced by placeholders and reported, since they usually live in the
 * Cloudflare dashboard (`wrangler secret put`).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { ConfigError, parseConfig } from '../src/env.ts';

const SECRETS = ['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_JWT_SECRET'] as const;

function readEnvFile(path: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] && match[2] !== undefined) entries[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
  }
  return entries;
}

const toml = parse(readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8')) as { vars?: Record<string, unknown> };
const fileIndex = process.argv.indexOf('--env-file');
const fromFile = fileIndex > 0 && process.argv[fileIndex + 1] ? readEnvFile(process.argv[fileIndex + 1]!) : {};
const raw: Record<string, unknown> = { ...toml.vars };
const placeholders: string[] = [];
for (const name of SECRETS) {
  const value = fromFile[name] ?? process.env[name];
  if (value !== undefined) raw[name] = value;
  else if (name !== 'SUPABASE_JWT_SECRET') {
    raw[name] = name === 'SUPABASE_URL' ? 'https://placeholder.supabase.co' : 'placeholder';
    placeholders.push(name);
  }
}

try {
  const config = parseConfig(raw);
  console.log(`Configuration valid (timeout ${config.upstreamTimeoutMs} ms, ${config.corsOrigins.length} CORS origin(s)).`);
  if (placeholders.length > 0) console.log(`Not checked (not provided): ${placeholders.join(', ')}.`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
