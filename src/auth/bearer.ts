/**
 * Strict parsing of `Authorization: Bearer <token>` (RFC 6750): the exact scheme `Bearer`,
 * one space, then a b64token. Anything else that is present is "malformed", which callers
 * treat as an invalid credential, never as "no credential".
 */

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;
const MAX_HEADER_LENGTH = 16 * 1024;

/** What an `Authorization` header holds. */
export type BearerCredential = { kind: 'missing' } | { kind: 'malformed' } | { kind: 'token'; token: string };

/**
 * Parses an `Authorization` header value.
 *
 * @example
 * readBearer('Bearer abc.def.ghi') // { kind: 'token', token: 'abc.def.ghi' }
 * readBearer(undefined)            // { kind: 'missing' }
 * readBearer('bearer abc')         // { kind: 'malformed' }
 */
export function readBearer(header: string | undefined | null): BearerCredential {
  if (header === undefined || header === null || header === '') return { kind: 'missing' };
  if (header.length > MAX_HEADER_LENGTH) return { kind: 'malformed' };
  const match = BEARER.exec(header);
  return match?.[1] ? { kind: 'token', token: match[1] } : { kind: 'malformed' };
}

/** RFC 6750 challenge of a 401 on a bearer route when no token was sent. */
export const BEARER_CHALLENGE = 'Bearer realm="api"';
/** RFC 6750 challenge of a 401 on a bearer route whose token was refused. */
export const INVALID_TOKEN_CHALLENGE = `${BEARER_CHALLENGE}, error="invalid_token"`;
