/**
 * The one `.dev.vars` reader (local/dev-vars.ts), with wrangler's dotenv rules, and the file
 * `npm run dev` writes: parsed by the worker's own configuration reader, it makes both
 * service keys of the status block admin credentials.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, DEMO_SERVICE_ROLE_KEY } from '../../local/demo-keys.ts';
import { ensureLocalDevVars, parseDevVars, readDevVars } from '../../local/dev-vars.ts';
import { parseConfig } from '../../src/env.ts';

describe('parseDevVars', () => {
  it('reads KEY=value lines, skipping comments and blanks, trimming, removing one pair of quotes', () => {
    const text = [
      '# a comment',
      '',
      'SUPABASE_URL=http://127.0.0.1:54321',
      '  SPACED  =  value with spaces  ',
      'DOUBLE="quoted # not a comment"',
      "SINGLE='single'",
      'export EXPORTED=yes',
      'EMPTY=',
      'HALF="unbalanced',
      'not a line',
      'CRLF=x\r',
    ].join('\n');
    expect(parseDevVars(text)).toEqual({
      SUPABASE_URL: 'http://127.0.0.1:54321',
      SPACED: 'value with spaces',
      DOUBLE: 'quoted # not a comment',
      SINGLE: 'single',
      EXPORTED: 'yes',
      EMPTY: '',
      HALF: '"unbalanced',
      CRLF: 'x',
    });
  });
});

describe('the .dev.vars of npm run dev', () => {
  const keys = {
    apiUrl: 'http://127.0.0.1:54321',
    publishableKey: DEMO_PUBLISHABLE_KEY,
    secretKey: DEMO_SECRET_KEY,
    serviceRoleKey: DEMO_SERVICE_ROLE_KEY,
  };
  const scratchFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dev-vars-')), '.dev.vars');

  it('is written when missing, and the worker reads both service keys from it', () => {
    const file = scratchFile();
    expect(ensureLocalDevVars(file, keys)).toBe('written');
    const config = parseConfig(readDevVars(file) as never);
    expect(config.keys.secret).toBe(DEMO_SECRET_KEY);
    expect(config.keys.publishable).toBe(DEMO_PUBLISHABLE_KEY);
    expect([...config.keys.serviceCredentials].sort()).toEqual([DEMO_SECRET_KEY, DEMO_SERVICE_ROLE_KEY].sort());
    expect(ensureLocalDevVars(file, keys)).toBe('unchanged');
  });

  it('an older file it wrote gains the missing legacy key, the rest kept as it was', () => {
    const file = scratchFile();
    const old = `# mine\nSUPABASE_URL=${keys.apiUrl}\nSUPABASE_PUBLISHABLE_KEY=${DEMO_PUBLISHABLE_KEY}\nSUPABASE_SECRET_KEY=${DEMO_SECRET_KEY}`;
    fs.writeFileSync(file, old);
    expect(ensureLocalDevVars(file, keys)).toBe('completed');
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith(`${old}\n`)).toBe(true);
    expect(readDevVars(file).SUPABASE_SERVICE_ROLE_KEY).toBe(DEMO_SERVICE_ROLE_KEY);
  });

  it("a file with other keys is the developer's and is left alone", () => {
    const file = scratchFile();
    const own = 'SUPABASE_URL=http://127.0.0.1:54321\nSUPABASE_SECRET_KEY=sb_secret_someoneelse\n';
    fs.writeFileSync(file, own);
    expect(ensureLocalDevVars(file, keys)).toBe('unchanged');
    expect(fs.readFileSync(file, 'utf8')).toBe(own);
  });
});
