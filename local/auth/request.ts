/**
 * Reading requests the way GoTrue does: the body is decoded into a typed parameter
 * struct, so malformed JSON, a non-object body or a field of the wrong JSON type is a
 * 400 `bad_json` ("Could not parse request body as JSON: ..."), never a 500; absent and
 * `null` fields are simply empty. Also the client address that rate limits and the audit
 * log use, found as GoTrue finds it (see {@link clientIp}).
 */
import net from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { ProjectConfig } from '../config.ts';
import { badRequest } from './errors.ts';

/** A decoded JSON object body with typed accessors. */
export class Body {
  constructor(
    private readonly data: Record<string, unknown>,
    private readonly struct: string,
  ) {}

  private mismatch(field: string, value: unknown, want: string): never {
    const got = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'object' ? 'object' : typeof value;
    throw badRequest(
      'bad_json',
      `Could not parse request body as JSON: json: cannot unmarshal ${got} into Go struct field ${this.struct}.${field} of type ${want}`,
    );
  }

  /** A string field ('' when absent or null). */
  str(field: string): string {
    const v = this.data[field];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') this.mismatch(field, v, 'string');
    return v;
  }

  /** A string field that may be absent (undefined) — GoTrue's `*string`. */
  optStr(field: string): string | undefined {
    const v = this.data[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.mismatch(field, v, 'string');
    return v;
  }

  /** A boolean field (false when absent). */
  bool(field: string): boolean {
    return this.boolOr(field, false);
  }

  /** A boolean field whose struct default is `fallback` (kept when the field is absent or null, as Go's decoder keeps it). */
  boolOr(field: string, fallback: boolean): boolean {
    const v = this.data[field];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') this.mismatch(field, v, 'bool');
    return v;
  }

  /** A JSON object field (undefined when absent or null). */
  obj(field: string): Record<string, unknown> | undefined {
    const v = this.data[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) this.mismatch(field, v, 'map[string]interface {}');
    return v as Record<string, unknown>;
  }
}

/** Reads the request body as a JSON object (`struct` names GoTrue's params type in errors). */
export async function readBody(c: Context, struct: string): Promise<Body> {
  return parseBody(await c.req.text(), struct);
}

/** Parses a JSON object body already read as text. */
export function parseBody(text: string, struct: string): Body {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = text.trim() === '' ? 'unexpected end of JSON input' : (err as Error).message;
    throw badRequest('bad_json', `Could not parse request body as JSON: ${reason}`);
  }
  if (parsed === null) return new Body({}, struct);
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    const got = Array.isArray(parsed) ? 'array' : typeof parsed;
    throw badRequest('bad_json', `Could not parse request body as JSON: json: cannot unmarshal ${got} into Go value of type api.${struct}`);
  }
  return new Body(parsed as Record<string, unknown>, struct);
}

/** The first comma-separated entry of a header, trimmed ('' when none). */
function firstEntry(value: string | undefined): string {
  return value?.split(',', 1)[0]?.trim() ?? '';
}

/**
 * The client address, in GoTrue's order (`utilities.GetIPAddress`, `sbff`):
 * 1. with `auth.ipForwarding` on, the first entry of `Sb-Forwarded-For` when it is an IP
 *    address (the gateway keeps that header only on requests made with the secret key,
 *    see gateway.ts; an invalid value is ignored, as GoTrue ignores it);
 * 2. with `auth.rateLimitHeader` set, that header's first entry (GoTrue's
 *    `GOTRUE_RATE_LIMIT_HEADER`);
 * 3. else the socket's remote address. A client's own `X-Forwarded-For` counts for
 *    nothing unless `rateLimitHeader` names it, as on hosted Supabase.
 */
export function clientIp(c: Context, config: ProjectConfig): string {
  if (config.auth.ipForwarding) {
    const forwarded = firstEntry(c.req.header('sb-forwarded-for'));
    if (net.isIP(forwarded)) return forwarded.toLowerCase();
  }
  if (config.auth.rateLimitHeader) {
    const fromHeader = firstEntry(c.req.header(config.auth.rateLimitHeader));
    if (fromHeader) return fromHeader;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The address a request counts for in the per-IP rate limits, or null for none. GoTrue
 * limits per IP only by an address it was given — `Sb-Forwarded-For` with forwarding on, or
 * the `GOTRUE_RATE_LIMIT_HEADER` header — and otherwise limits nothing per IP: so behaves
 * `supabase start` (the CLI configures neither). Hosted Supabase's edge always gives one,
 * the client's address, which is what `auth.rateLimitBySocket` stands for (the socket
 * address, when nothing else gave one): on for this project's stack (`npm run dev`, the
 * tests, the benchmarks), off for `start --workdir` of any other project, as the CLI.
 */
export function rateLimitIp(c: Context, config: ProjectConfig): string | null {
  if (config.auth.ipForwarding && net.isIP(firstEntry(c.req.header('sb-forwarded-for')))) return clientIp(c, config);
  if (config.auth.rateLimitHeader && firstEntry(c.req.header(config.auth.rateLimitHeader))) return clientIp(c, config);
  return config.auth.rateLimitBySocket ? clientIp(c, config) : null;
}

/** The bearer token of the Authorization header, or null. */
export function bearerToken(c: Context): string | null {
  const m = /^[Bb]earer (\S+)$/.exec(c.req.header('authorization') ?? '');
  return m ? m[1]! : null;
}
