/**
 * The custom access token hook (`[auth.hook.custom_access_token]` with a
 * `pg-functions://postgres/<schema>/<function>` URI), run as GoTrue runs it
 * (`internal/tokens` GenerateAccessToken, `internal/hooks/dispatch`,
 * `internal/hooks/hookpgfunc`, `internal/hooks/hookerrors`): inside the transaction that
 * issues the token, on the auth server's own connection (role `supabase_auth_admin`),
 * under `set local statement_timeout` of 2 s, as `select "<schema>"."<function>"($1)`
 * with the input `{ metadata, user_id, claims, authentication_method }`. The answer is
 * read as GoTrue's Go decoders read it:
 *
 * - `{ "error": { "http_code", "message" } }` with a non-empty message fails the request
 *   with that status (500 when none) and message, and no error code;
 * - else `{ "claims": {...} }` becomes the token's payload verbatim, once it passes
 *   GoTrue's schema of a minimum viable token (see {@link claimsSchemaErrors}): 500
 *   "output claims do not conform to the expected schema: ..." otherwise;
 * - an answer that is no JSON object with a `claims` member is 500 "Error unmarshaling
 *   JSON output.";
 * - a function that fails — raises, does not exist, may not be executed, runs past the
 *   timeout — is 500 `unexpected_failure` "Error running hook URI: <uri>"; the failed
 *   statement aborts the transaction, so nothing the request did is kept (no session, no
 *   rotation).
 */
import crypto from 'node:crypto';
import net from 'node:net';
import type { PgFunctionHook } from '../config.ts';
import type { Db } from './db.ts';
import { type AuthError, internalError, type PostgresErrorBody, uncodedError } from './errors.ts';

/** GoTrue's default hook timeout (`hookpgfunc.defaultTimeout`), milliseconds. */
const HOOK_TIMEOUT_MS = 2000;

type Json = Record<string, unknown>;

/** What the hook is told about the token being issued. */
export interface AccessTokenHookCall {
  userId: string;
  /** The claims GoTrue would sign without the hook. */
  claims: Json;
  /** GoTrue's name of the sign-in method: password, otp, token_refresh, ... */
  method: string;
  /** The client address (left out of the metadata when it is no IP address). */
  ip: string;
}

/**
 * Calls the hook in `client`'s transaction and returns the claims to sign, or throws the
 * AuthError GoTrue answers with.
 *
 * @example
 * const claims = await runAccessTokenHook(hook, client, { userId, claims: base, method: 'password', ip });
 */
export async function runAccessTokenHook(hook: PgFunctionHook, client: Db, call: AccessTokenHookCall): Promise<Json> {
  const input = {
    metadata: {
      uuid: crypto.randomUUID(),
      time: new Date().toISOString(),
      name: 'customize-access-token',
      ...(net.isIP(call.ip) ? { ip_address: call.ip } : {}),
    },
    user_id: call.userId,
    claims: call.claims,
    authentication_method: call.method,
  };
  let output: string | null;
  try {
    // GoTrue relies on Postgres to stop a function that overruns.
    await client.query(`set local statement_timeout to '${HOOK_TIMEOUT_MS}'`);
    // As text: the bytes GoTrue scans, whatever type the function returns.
    const { rows } = await client.query<{ output: string | null }>(`select ${hook.functionName}($1)::text as output`, [
      JSON.stringify(input),
    ]);
    if (rows.length === 0) throw new Error('sql: no rows in result set');
    output = rows[0]!.output;
    await client.query('set local statement_timeout to default');
  } catch (err) {
    const failure = internalError(`Error running hook URI: ${hook.uri}`);
    failure.postgres = postgresError(err);
    throw failure;
  }
  return claimsFrom(output);
}

/** node-postgres's error fields as GoTrue's `PostgresError` carries them. */
function postgresError(err: unknown): PostgresErrorBody | undefined {
  const e = err as { code?: unknown; message?: unknown; hint?: unknown; detail?: unknown };
  if (typeof e?.code !== 'string' || typeof e.message !== 'string') return undefined;
  return {
    code: e.code,
    message: e.message,
    ...(typeof e.hint === 'string' ? { hint: e.hint } : {}),
    ...(typeof e.detail === 'string' ? { detail: e.detail } : {}),
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A member of a JSON object as Go's decoder finds a struct field: the key, else any key
 * equal to it ignoring case (the last one wins, as the decoder overwrites).
 */
function goField(object: Json, name: string): unknown {
  let found: unknown;
  for (const [key, value] of Object.entries(object)) {
    if (key === name || key.toLowerCase() === name) found = value;
  }
  return found;
}

/**
 * `hookerrors.Check`: the hook's `error`, when the answer decodes into `{error: {http_code
 * int, message string}}` and the message is not empty. An answer of another shape (a
 * field of the wrong type included) is no error, as the Go decoder fails and is ignored.
 */
function hookError(answer: unknown): AuthError | null {
  if (!isObject(answer)) return null;
  const error = goField(answer, 'error');
  if (error === undefined || error === null) return null;
  if (!isObject(error)) return null;
  const httpCode = goField(error, 'http_code');
  const message = goField(error, 'message');
  if (httpCode !== undefined && httpCode !== null && !Number.isSafeInteger(httpCode)) return null;
  if (message !== undefined && message !== null && typeof message !== 'string') return null;
  if (!message) return null;
  const status = typeof httpCode === 'number' && httpCode !== 0 ? httpCode : 500;
  // Go's net/http refuses a status outside 100-999 (a panic, which GoTrue answers as 500).
  if (status < 100 || status > 999) return uncodedError(500, 'Internal Server Error');
  return uncodedError(status, message);
}

/** What the hook function returned (SQL NULL: null), as the claims to sign. */
function claimsFrom(output: string | null): Json {
  // SQL NULL: GoTrue decodes nothing, so the claims stay nil and fail the schema.
  if (output === null) return checkedClaims(null);
  let answer: unknown;
  try {
    answer = JSON.parse(output);
  } catch {
    throw unmarshalError();
  }
  const failure = hookError(answer);
  if (failure) throw failure;
  // CustomAccessTokenOutput.UnmarshalJSON: an object with a `claims` member that is an
  // object (or null, which leaves the claims nil).
  if (!isObject(answer) || !Object.hasOwn(answer, 'claims')) throw unmarshalError();
  const claims = answer.claims;
  if (claims !== null && !isObject(claims)) throw unmarshalError();
  return checkedClaims(claims as Json | null);
}

function unmarshalError(): AuthError {
  return internalError('Error unmarshaling JSON output.');
}

/** `validateTokenClaims`: the claims, or GoTrue's 500 listing what the schema found. */
function checkedClaims(claims: Json | null): Json {
  const errors = claimsSchemaErrors(claims);
  if (errors.length === 0 && claims) return claims;
  const list = errors.map((e) => `- ${e}\n`).join('');
  throw uncodedError(500, `output claims do not conform to the expected schema: \n${list}`);
}

type JsonType = 'string' | 'array' | 'integer' | 'number' | 'object' | 'boolean' | 'null';

/** GoTrue's `MinimumViableTokenSchema`: the typed claims, in the schema's order. */
const CLAIM_TYPES: [string, JsonType[]][] = [
  ['aud', ['string', 'array']],
  ['exp', ['integer']],
  ['jti', ['string']],
  ['iat', ['integer']],
  ['iss', ['string']],
  ['nbf', ['integer']],
  ['sub', ['string']],
  ['email', ['string']],
  ['phone', ['string']],
  ['app_metadata', ['object']],
  ['user_metadata', ['object']],
  ['role', ['string']],
  ['aal', ['string']],
  ['amr', ['array']],
  ['session_id', ['string']],
  ['client_id', ['string']],
];

/** The claims the schema requires (`is_anonymous` of any type). */
const REQUIRED_CLAIMS = ['aud', 'exp', 'iat', 'sub', 'email', 'phone', 'role', 'aal', 'session_id', 'is_anonymous'];

/** A value's JSON Schema type, as gojsonschema names it (an integral number is `integer`). */
function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** One gojsonschema type error, `<field>: Invalid type. Expected: <types>, given: <type>`. */
function typeError(field: string, expected: JsonType[], value: unknown): string | null {
  const given = jsonType(value);
  if (expected.includes(given) || (given === 'integer' && expected.includes('number'))) return null;
  const shown = expected.length > 1 ? `[${expected.join(',')}]` : expected[0];
  return `${field}: Invalid type. Expected: ${shown}, given: ${given}`;
}

/**
 * The errors gojsonschema reports for `claims` against GoTrue's schema, each as
 * `ResultError.String()` prints it: the root's type, then the missing required claims,
 * then each typed claim of the wrong type (GoTrue walks these in Go map order, so with
 * several wrong claims its order varies; here it is the schema's), with the items of
 * `amr` (strings or objects) after `amr` itself.
 */
function claimsSchemaErrors(claims: Json | null): string[] {
  if (!isObject(claims)) return [typeError('(root)', ['object'], claims) ?? ''];
  const errors = REQUIRED_CLAIMS.filter((name) => !Object.hasOwn(claims, name)).map((name) => `${name}: ${name} is required`);
  for (const [name, types] of CLAIM_TYPES) {
    if (!Object.hasOwn(claims, name)) continue;
    const wrong = typeError(name, types, claims[name]);
    if (wrong) errors.push(wrong);
    else if (name === 'amr') errors.push(...amrItemErrors(claims[name] as unknown[]));
  }
  return errors;
}

/** `amr` items must be strings or objects (`anyOf`); a miss reports the anyOf and the first branch. */
function amrItemErrors(items: unknown[]): string[] {
  return items.flatMap((item, i) => {
    const wrong = jsonType(item) !== 'string' && jsonType(item) !== 'object';
    return wrong ? [`amr.${i}: Must validate at least one schema (anyOf)`, typeError(`amr.${i}`, ['string'], item) ?? ''] : [];
  });
}
