/**
 * Test accounts shared by every suite (the stand-in's, the database's and the worker's):
 * addresses no other test uses, and one password that meets every password rule.
 */

/** A fresh, unique, lower-case address. */
export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${crypto.randomUUID().slice(0, 12)}@example.test`;
}

/** Meets the password policy: 8+ characters, at most 72 bytes, not a common password. */
export const PASSWORD = 'correct-horse-battery';
