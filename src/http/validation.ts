/**
 * Request validation with `@hono/zod-validator` and zod/mini schemas. {@link validate}
 * wraps `zValidator` with a hook that turns a failed parse into 400 VALIDATION_ERROR (or
 * WEAK_PASSWORD when only the password policy failed) with one `{ path, message }` detail
 * per problem. The route registry applies it from a route's
 * `body`/`query`/`params` schemas; handlers then read `c.req.valid('json' | 'query' | 'param')`.
 */
import { zValidator } from '@hono/zod-validator';
import type { $ZodIssue, $ZodType } from 'zod/v4/core';
import { ApiError, type ErrorDetail } from './errors.ts';
import { WEAK_PASSWORD_PARAMS } from './schemas.ts';

/** Where the validated input comes from. */
export type ValidationTarget = 'json' | 'query' | 'param';

const ROOT_NAMES: Record<ValidationTarget, string> = { json: 'body', query: 'query', param: 'params' };

/** Turns zod issues into `error.details` entries (`path` dotted, `body` for the root). */
function issuesToDetails(issues: readonly $ZodIssue[], target: ValidationTarget): ErrorDetail[] {
  return issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : ROOT_NAMES[target],
    message: issue.message,
  }));
}

function isWeakPassword(issue: $ZodIssue): boolean {
  return issue.code === 'custom' && issue.params?.code === WEAK_PASSWORD_PARAMS.code;
}

/**
 * Builds the error for a failed parse: 400 WEAK_PASSWORD when every problem is a new
 * password breaking the password policy, else 400 VALIDATION_ERROR; both with details.
 */
function validationError(issues: readonly $ZodIssue[], target: ValidationTarget): ApiError {
  const details = issuesToDetails(issues, target);
  const first = details[0];
  const message = first ? `Invalid ${first.path}: ${first.message}` : 'The request is invalid';
  const code = issues.length > 0 && issues.every(isWeakPassword) ? 'WEAK_PASSWORD' : 'VALIDATION_ERROR';
  return new ApiError(code, { message, details });
}

/**
 * A validator middleware for `target` that answers 400 VALIDATION_ERROR on failure.
 *
 * @example
 * app.post('/x', validate('json', z.object({ email: emailSchema })), (c) => c.json(c.req.valid('json')));
 */
export function validate<T extends $ZodType>(target: ValidationTarget, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error.issues, target);
  });
}
