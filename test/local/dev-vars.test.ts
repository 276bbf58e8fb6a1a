/** The one `.dev.vars` reader (local/dev-vars.ts), with wrangler's dotenv rules. */
import { describe, expect, it } from 'vitest';
import { parseDevVars } from '../../local/dev-vars.ts';

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
