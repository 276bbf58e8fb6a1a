/**
 * The common-password list the worker ships, built from its public source: the first
 * 10,000 entries of the password ranking in `@zxcvbn-ts/language-common` (a dev
 * dependency; the ranking of Mark Burnett's and xato.net's "10 million passwords" set,
 * also published in SecLists as `xato-net-10-million-passwords-10000.txt`).
 *
 * Only entries a new password could otherwise be (at least PASSWORD_MIN_LENGTH characters,
 * at most PASSWORD_MAX_BYTES bytes, no control character) matter; they are lowercased,
 * deduplicated, sorted and front-coded — each line is the length of the prefix it shares
 * with the line before (one digit, 0–9) followed by the rest — which gzips to about a
 * third of the plain sorted list. `npm run passwords` writes src/generated/common-passwords.ts;
 * test/build/common-passwords.test.ts fails when that file is stale.
 */
import { createRequire } from 'node:module';
import { CONTROL_CHARACTER, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from '../src/http/schemas.ts';

/** How many of the most common passwords are refused. */
export const COMMON_PASSWORD_COUNT = 10_000;

/** The source ranking, most common first. */
export function sourceRanking(): string[] {
  const require = createRequire(import.meta.url);
  return require('@zxcvbn-ts/language-common/src/passwords.json') as string[];
}

/** The entries that are refused, lowercased, unique, sorted. */
export function refusedEntries(ranking: readonly string[] = sourceRanking()): string[] {
  const utf8 = new TextEncoder();
  const eligible = ranking
    .slice(0, COMMON_PASSWORD_COUNT)
    .map((entry) => entry.toLowerCase())
    .filter((entry) => entry.length >= PASSWORD_MIN_LENGTH && utf8.encode(entry).byteLength <= PASSWORD_MAX_BYTES)
    .filter((entry) => !CONTROL_CHARACTER.test(entry));
  return [...new Set(eligible)].sort();
}

/** Front-codes a sorted list (see the module comment). */
export function frontCode(sorted: readonly string[]): string {
  let previous = '';
  return sorted
    .map((entry) => {
      let shared = 0;
      while (shared < 9 && shared < previous.length && shared < entry.length && previous[shared] === entry[shared]) shared++;
      previous = entry;
      return `${shared}${entry.slice(shared)}`;
    })
    .join('\n');
}

/**
 * The text of assets/api/v1/common-passwords.txt: the entries a new password could otherwise
 * be, lowercased, sorted and front-coded, one a line; decoded by src/http/common-passwords.ts.
 */
export function generatedAsset(): string {
  return `${frontCode(refusedEntries())}\n`;
}
