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
