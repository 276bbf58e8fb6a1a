/**
 * Shared input schemas (zod/mini, to keep the worker bundle small) for every route: email,
 * passwords, names, organization name, UUID path parameters. The input rules of the API
 * contract live here and nowhere else; route contracts compose these into their body,
 * query and params schemas, and the OpenAPI document is generated from the same objects.
 * Every schema carries its own English messages (zod/mini ships none).
 */
import * as z from 'zod/mini';
import { isCommonPassword } from './common-passwords.ts';

/** Max email length (RFC 5321 path limit). */
const EMAIL_MAX_LENGTH = 254;
/** Shortest accepted new password, in characters. */
export const PASSWORD_MIN_LENGTH = 8;
/** Longest accepted new password, in UTF-8 bytes: bcrypt reads at most 72, so longer is refused, never truncated. */
export const PASSWORD_MAX_BYTES = 72;
/** Login accepts any non-empty password up to this many characters. */
const LOGIN_PASSWORD_MAX_LENGTH = 1024;
/** Max length of a first or last name, in characters (after trimming). */
const NAME_MAX_LENGTH = 100;
/** Max length of an organization name, in characters (after trimming). */
const ORGANIZATION_NAME_MAX_LENGTH = 200;

/** One `@`, no whitespace, a non-empty local part, a domain with a dot and no empty label. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
/** Any RFC 4122-shaped UUID (8-4-4-4-12 hex), case-insensitive. */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const utf8 = new TextEncoder();

/** C0 and C1 control characters (NUL, tab, line breaks, DEL, U+0080–U+009F). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are refused.
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
/** Unicode line and paragraph separators, refused in names besides the control characters. */
const LINE_SEPARATOR = /[\u2028\u2029]/;

/**
 * A required string field with clear messages for "missing" and "wrong type". Every string
 * field of every route starts here, so none of them accepts a control character: they are
 * refused on the raw value, before any trimming, with 400 VALIDATION_ERROR (and never reach
 * Supabase, where a NUL would make Postgres fail).
 */
export function requiredString() {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .check(z.refine((value) => !CONTROL_CHARACTER.test(value), 'must not contain control characters'));
}

const noLineSeparators = z.refine<string>((value) => !LINE_SEPARATOR.test(value), 'must not contain line breaks');

/**
 * Email: trimmed, lowercased, ≤254 characters, one `@`, a dot in the domain.
 *
 * @example
 * emailSchema.parse('  Ada@Example.COM ') // 'ada@example.com'
 */
export const emailSchema = requiredString().check(
  z.trim(),
  z.toLowerCase(),
  z.minLength(1, 'is required'),
  z.maxLength(EMAIL_MAX_LENGTH, `must be at most ${EMAIL_MAX_LENGTH} characters`),
  z.regex(EMAIL_PATTERN, 'must be a valid email address'),
  z.describe('Email address; trimmed and compared case-insensitively'),
);

/** Issue params that mark a failed password-policy check (→ WEAK_PASSWORD, not VALIDATION_ERROR). */
export const WEAK_PASSWORD_PARAMS = { code: 'WEAK_PASSWORD' } as const;

/**
 * A new password: ≥8 characters, ≤72 bytes of UTF-8 (never silently truncated), and not one
 * of the 10,000 most common passwords (src/http/common-passwords.ts). A value
 * that is a string but breaks these rules fails with {@link WEAK_PASSWORD_PARAMS}, so the
 * validation hook answers 400 WEAK_PASSWORD when that is the only problem.
 */
export const newPasswordSchema = requiredString().check(
  z.refine((value) => value.length >= PASSWORD_MIN_LENGTH, {
    message: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
    params: WEAK_PASSWORD_PARAMS,
  }),
  z.refine((value) => utf8.encode(value).byteLength <= PASSWORD_MAX_BYTES, {
    message: `must be at most ${PASSWORD_MAX_BYTES} bytes`,
    params: WEAK_PASSWORD_PARAMS,
  }),
  z.refine((value) => !isCommonPassword(value), {
    message: 'is one of the 10,000 most common passwords; choose another',
    params: WEAK_PASSWORD_PARAMS,
  }),
  z.describe(
    `New password: at least ${PASSWORD_MIN_LENGTH} characters, at most ${PASSWORD_MAX_BYTES} bytes of UTF-8, ` +
      'not one of the 10,000 most common passwords',
  ),
);

/** The password of a login: any non-empty string up to 1024 characters (not trimmed). */
export const loginPasswordSchema = requiredString().check(
  z.minLength(1, 'is required'),
  z.maxLength(LOGIN_PASSWORD_MAX_LENGTH, `must be at most ${LOGIN_PASSWORD_MAX_LENGTH} characters`),
  z.describe('Password'),
);

/** An optional person name (first or last): trimmed, ≤100 characters. */
export const nameSchema = z.optional(
  requiredString().check(noLineSeparators, z.trim(), z.maxLength(NAME_MAX_LENGTH, `must be at most ${NAME_MAX_LENGTH} characters`)),
);

/** An organization name: 1–200 characters after trimming. */
export const organizationNameSchema = requiredString().check(
  noLineSeparators,
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.maxLength(ORGANIZATION_NAME_MAX_LENGTH, `must be at most ${ORGANIZATION_NAME_MAX_LENGTH} characters`),
);

/** A UUID (user id, organization id), as found in path parameters. */
export const uuidSchema = requiredString().check(z.regex(UUID_PATTERN, 'must be a UUID'), z.toLowerCase());

/** An opaque token string from a request body (refresh token, reset token). */
export const tokenStringSchema = requiredString().check(
  z.minLength(1, 'is required'),
  z.maxLength(4096, 'must be at most 4096 characters'),
);

/** A timestamp in an answer (ISO 8601), as the response schemas describe it. */
export const isoDateSchema = z.string().check(z.describe('ISO 8601 timestamp'));
