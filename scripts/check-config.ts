/**
 * Build-time configuration check (`npx tsx scripts/check-config.ts [--env production]
 * [--env-file .dev.vars]`): validates wrangler.toml `[vars]` (or `[env.<name>.vars]`), plus
 * the secrets (the API keys, new or legacy, checked as the worker checks them: the right
 * kind of key in each variable) from an env file or the process
 * environment, with the same parser the worker uses at start-up (src/env.ts), so a typo
 * in a setting fails before deploying instead of on the first request. Secrets that are
 * absent are replaced by placeholders and reported, since they usually live in the
 * Cloudflare dashboard (`wrangler secret put`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { readDevVars } from '../local/dev-vars.ts';
import { ConfigError, parseConfig } from '../src/env.ts';

const SECRETS = [
  'SUPABASE_URL',
  'SUPABASE_PUBLISHABLE_KEY',
  'SUPABASE_SECRET_KEY',
  'SUPABASE_ANON_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'SUPABASE_JWT_SECRET',
] as const;
/** Placeholders for what is not provided (the key ones in the new format). */
const PLACEHOLDERS: Partial<Record<(typeof SECRETS)[number], string>> = {
  SUPABASE_URL: 'https://placeholder.supabase.co',
  SUPABASE_SECRET_KEY: 'sb_secret_placeholder',
};

const toml = parse(readFileSync(fileURLToPath(new URL('../wrangler.toml', import.meta.url).href), 'utf8')) as {
  vars?: Record<string, unknown>;
  env?: Record<string, { vars?: Record<string, unknown> }>;
};
const envIndex = process.argv.indexOf('--env');
const environment = envIndex > 0 ? process.argv[envIndex + 1] : undefined;
const vars = environment ? toml.env?.[environment]?.vars : toml.vars;
if (!vars) {
  console.error(`wrangler.toml has no [${environment ? `env.${environment}.` : ''}vars]`);
  process.exit(1);
}
const fileIndex = process.argv.indexOf('--env-file');
const envFile = fileIndex > 0 ? process.argv[fileIndex + 1] : undefined;
const fromFile = envFile ? readDevVars(envFile) : {};
const raw: Record<string, unknown> = { ...vars };
const provided = SECRETS.filter((name) => (fromFile[name] ?? process.env[name]) !== undefined);
for (const name of provided) raw[name] = fromFile[name] ?? process.env[name];
const anyKey = provided.some((name) => name.endsWith('_KEY'));
const placeholders: string[] = [];
for (const [name, value] of Object.entries(PLACEHOLDERS)) {
  if (raw[name] !== undefined || (name !== 'SUPABASE_URL' && anyKey)) continue;
  raw[name] = value;
  placeholders.push(name);
}

try {
  const config = parseConfig(raw);
  const keys = `${config.keys.format === 'api-keys' ? 'sb_secret_ key' : 'legacy service_role key'}${config.keys.publishable ? ' and a publishable key' : ' alone'}`;
  console.log(`Configuration valid (${keys}, timeout ${config.upstreamTimeoutMs} ms, ${config.corsOrigins.length} CORS origin(s)).`);
  if (placeholders.length > 0) console.log(`Not checked (not provided): ${placeholders.join(', ')}.`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
