/**
 * The one reader of `.dev.vars` files (the stand-in's CLI, scripts/check-config.ts), with
 * the dotenv rules wrangler applies to them: `KEY=value` lines, `#` comment lines and blank
 * lines skipped, an optional `export ` prefix, surrounding whitespace trimmed, and one pair
 * of matching single or double quotes around the value removed.
 */
import fs from 'node:fs';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

/** Parses the text of a `.dev.vars` file. */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const match = LINE.exec(line);
    if (!match?.[1]) continue;
    const raw = match[2] ?? '';
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    vars[match[1]] = quoted ? (quoted[2] ?? '') : raw;
  }
  return vars;
}

/** Reads a `.dev.vars` file; a missing file has no variables. */
export function readDevVars(file: string): Record<string, string> {
  return fs.existsSync(file) ? parseDevVars(fs.readFileSync(file, 'utf8')) : {};
}

/** The stand-in's credentials that `npm run dev` gives the worker. */
export interface LocalCredentials {
  apiUrl: string;
  publishableKey: string;
  secretKey: string;
  serviceRoleKey: string;
}

/**
 * The lines `npm run dev` keeps in `.dev.vars` for the local stand-in: the new API keys the
 * worker uses for its own calls, and the legacy service_role JWT beside them, so that a
 * service integration may call the admin routes with either key the status block prints.
 */
export function localDevVarLines(keys: LocalCredentials): Record<string, string> {
  return {
    SUPABASE_URL: keys.apiUrl,
    SUPABASE_PUBLISHABLE_KEY: keys.publishableKey,
    SUPABASE_SECRET_KEY: keys.secretKey,
    SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
  };
}

/**
 * Brings a local `.dev.vars` up to date: writes the file when it is missing and, when it is
 * the one `npm run dev` wrote (the stand-in's own secret key), adds the lines a newer version
 * writes and it lacks. A file that names other keys is the developer's and is left alone.
 * Returns what it did, for the log.
 */
export function ensureLocalDevVars(file: string, keys: LocalCredentials): 'written' | 'completed' | 'unchanged' {
  const wanted = localDevVarLines(keys);
  if (!fs.existsSync(file)) {
    const lines = Object.entries(wanted).map(([name, value]) => `${name}=${value}`);
    fs.writeFileSync(
      file,
      [
        "# Written by `npm run dev`: the local stand-in's public demo credentials (the CLI's fixed local API keys).",
        '# The worker calls Supabase with the new keys; SUPABASE_SERVICE_ROLE_KEY (the legacy JWT) is here so that',
        '# the admin routes accept it beside the secret key, as they do in a project that has both.',
        ...lines,
        '',
      ].join('\n'),
    );
    return 'written';
  }
  const present = readDevVars(file);
  if (present.SUPABASE_SECRET_KEY !== keys.secretKey) return 'unchanged';
  const missing = Object.entries(wanted).filter(([name]) => !(name in present));
  if (missing.length === 0) return 'unchanged';
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${missing.map(([n, v]) => `${n}=${v}`).join('\n')}\n`);
  return 'completed';
}
