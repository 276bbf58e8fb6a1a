/**
 * Whether a new password is one of the 10,000 most common passwords (case-insensitive).
 * The list ships inside the worker, front-coded (src/generated/common-passwords.ts, built
 * by scripts/common-passwords.ts from its public source); it is decoded into a Set on first
 * use, once per isolate. Exact: no false positives.
 */
import { COMMON_PASSWORDS_FRONT_CODED } from '../generated/common-passwords.ts';

let decoded: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (!decoded) {
    decoded = new Set();
    let previous = '';
    for (const line of COMMON_PASSWORDS_FRONT_CODED.split('\n')) {
      previous = previous.slice(0, Number(line[0])) + line.slice(1);
      decoded.add(previous);
    }
  }
  return decoded;
}

/**
 * @example
 * isCommonPassword('Password123') // true
 * isCommonPassword('correct horse battery staple') // false
 */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}
