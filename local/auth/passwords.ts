/**
 * Passwords as GoTrue handles them: bcrypt with cost 10 (GoTrue's `bcrypt.DefaultCost`),
 * and the strength check every new password goes through (`checkPasswordStrength`):
 * longer than 72 bytes (bcrypt's limit) is a 400 `validation_failed`, shorter than the
 * configured minimum a 422 `weak_password` with reason `length`.
 */
import bcrypt from 'bcryptjs';
import type { ProjectConfig } from '../config.ts';
import { type AuthError, badRequest, weakPassword } from './errors.ts';

/** bcrypt's input limit, in bytes. */
const MAX_PASSWORD_BYTES = 72;

/** Hashes a password with bcrypt cost 10. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}

/** Compares a password with a stored hash (false for a missing hash). */
export async function checkPassword(password: string, hash: string | null): Promise<boolean> {
  if (!hash) return false;
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}

/** The weak-password error for `password`, or null when it passes. */
export function passwordStrengthError(config: ProjectConfig, password: string): AuthError | null {
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    return badRequest('validation_failed', `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
  }
  const min = config.auth.minimumPasswordLength;
  if (Buffer.byteLength(password, 'utf8') < min) {
    return weakPassword(`Password should be at least ${min} characters.`, ['length']);
  }
  return null;
}

/** Throws GoTrue's answer for a password that fails the strength check. */
export function assertPasswordStrength(config: ProjectConfig, password: string): void {
  const err = passwordStrengthError(config, password);
  if (err) throw err;
}
