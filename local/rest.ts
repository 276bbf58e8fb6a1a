/**
 * PostgREST-compatible RPC for the local stand-in: `POST /rest/v1/rpc/<function>` (and
 * `GET` with query parameters) runs a function of an exposed schema the way PostgREST
 * does it — one transaction per call, `set local role` to the bearer token's role,
 * the token's claims in `request.jwt.claims` — so row-level security is enforced by
 * Postgres itself. Errors use PostgREST's body (`code`, `message`, `details`, `hint`) and
 * its SQLSTATE-to-status mapping. Table reads are not served: the worker uses RPC only.
 */
import { type Context, Hono } from 'hono';
import * as jose from 'jose';
import type pg from 'pg';
import type { KeySet } from './keys.ts';

/** What the RPC endpoint needs. */
export interface RestDeps {
  keys: KeySet;
  /** Pool connected as `authenticator` (no rights of its own; switches role per call). */
  db: pg.Pool;
  /** Schemas the API exposes (`[api] schemas`), first is the default. */
  schemas: string[];
}

interface PgrstError {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

class RestError extends Error {
  constructor(
    readonly status: number,
    readonly body: PgrstError,
  ) {
    super(body.message);
  }
}

const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);

/** PostgREST's HTTP status for a SQLSTATE (docs: "Errors → SQLSTATE"). */
export function statusForSqlState(code: string, role: string): number {
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  if (code === '42501') return role === 'anon' ? 401 : 403;
  const exact: Record<string, number> = {
    '23503': 409,
    '23505': 409,
    '25006': 405,
    P0001: 400,
    '42883': 404,
    '42P01': 404,
    '42P17': 500,
  };
  if (exact[code]) return exact[code];
  const byClass: Record<string, number> = {
    '08': 503,
    '09': 500,
    '0L': 403,
    '0P': 403,
    '25': 500,
    '28': 403,
    '2D': 500,
    '38': 500,
    '39': 500,
    '3B': 500,
    '40': 500,
    '53': 503,
    '54': 500,
    '55': 500,
    '57': 500,
    '58': 500,
    F0: 500,
    HV: 500,
    P0: 500,
    XX: 500,
  };
  return byClass[code.slice(0, 2)] ?? 400;
}

function fail(status: number, code: string, message: string, details: string | null = null, hint: string | null = null): never {
  throw new RestError(status, { code, message, details, hint });
}

/** Verifies the bearer token (or the apikey when there is none) and returns its claims. */
async function claimsOf(c: Context, keys: KeySet): Promise<jose.JWTPayload & { role: string }> {
  const auth = c.req.header('authorization');
  const token = auth?.match(/^Bearer (\S+)$/i)?.[1] ?? c.req.header('apikey');
  if (!token) return { role: 'anon' };
  let claims: jose.JWTPayload;
  try {
    claims = await keys.verify(token);
  } catch (err) {
    if (err instanceof jose.errors.JWTExpired) fail(401, 'PGRST303', 'JWT expired');
    fail(401, 'PGRST301', 'No suitable key or wrong key type');
  }
  const role = typeof claims.role === 'string' ? claims.role : 'anon';
  if (!API_ROLES.has(role)) fail(401, 'PGRST301', `role "${role}" does not exist`);
  return { ...claims, role };
}

interface FunctionInfo {
  argNames: string[];
  argTypes: string[];
  returnsSet: boolean;
  returnsVoid: boolean;
  returnsComposite: boolean;
  volatile: boolean;
}

async function findFunction(db: pg.PoolClient, schema: string, name: string, args: string[]): Promise<FunctionInfo> {
  const { rows } = await db.query<{
    arg_names: string[] | null;
    arg_types: string[];
    returns_set: boolean;
    ret: string;
    composite: boolean;
    volatility: string;
    nargs: number;
    ndefaults: number;
  }>(
    `select p.proargnames as arg_names,
            array(select format_type(t, null) from unnest(p.proargtypes) t) as arg_types,
            p.proretset as returns_set, format_type(p.prorettype, null) as ret,
            (select typtype = 'c' from pg_type where oid = p.prorettype) or p.proretset and exists (select 1 from unnest(p.proargmodes) m where m = 't') as composite,
            p.provolatile as volatility, p.pronargs as nargs, p.pronargdefaults as ndefaults
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = $1 and p.proname = $2`,
    [schema, name],
  );
  const wanted = [...args].sort().join(',');
  for (const r of rows) {
    const names = (r.arg_names ?? []).slice(0, r.nargs);
    const required = names.slice(0, r.nargs - r.ndefaults);
    const fits = args.every((a) => names.includes(a)) && required.every((a) => args.includes(a));
    if (fits) {
      return {
        argNames: names,
        argTypes: r.arg_types,
        returnsSet: r.returns_set,
        returnsVoid: r.ret === 'void',
        returnsComposite: r.composite === true,
        volatile: r.volatility === 'v',
      };
    }
  }
  fail(
    404,
    'PGRST202',
    `Could not find the function ${schema}.${name}(${wanted}) in the schema cache`,
    `Searched for the function ${schema}.${name}${args.length ? ` with parameters ${wanted}` : ' without parameters'}, but no matches were found in the schema cache.`,
  );
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function readArgs(c: Context): Promise<Record<string, unknown>> {
  if (c.req.method === 'GET') return { ...c.req.query() };
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    fail(400, 'PGRST102', 'Empty or invalid json', err instanceof Error ? err.message : null);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) fail(400, 'PGRST102', 'Empty or invalid json');
  return body as Record<string, unknown>;
}

function schemaOf(c: Context, schemas: string[]): string {
  const requested = c.req.method === 'GET' ? c.req.header('accept-profile') : c.req.header('content-profile');
  const schema = requested ?? schemas[0] ?? 'public';
  if (!schemas.includes(schema)) {
    fail(406, 'PGRST106', `The schema must be one of the following: ${schemas.join(', ')}`, null, null);
  }
  return schema;
}

/** Runs one RPC call in its own transaction under the caller's role and claims. */
async function callFunction(deps: RestDeps, c: Context): Promise<Response> {
  const claims = await claimsOf(c, deps.keys);
  const schema = schemaOf(c, deps.schemas);
  const name = c.req.param('fn') ?? '';
  const args = await readArgs(c);
  const client = await deps.db.connect().catch((err: unknown) => {
    // PostgREST answers 503 when it cannot reach the database.
    fail(503, 'PGRST000', 'Could not connect with the database', err instanceof Error ? err.message : null);
  });
  try {
    const fn = await findFunction(client, schema, name, Object.keys(args));
    if (c.req.method === 'GET' && fn.volatile) {
      fail(405, 'PGRST101', 'Cannot use the GET method on a volatile function; use POST instead');
    }
    const params: unknown[] = [];
    const named = Object.entries(args).map(([key, value]) => {
      const type = fn.argTypes[fn.argNames.indexOf(key)] ?? 'text';
      // PostgREST turns a JSON array into a Postgres array for an array parameter (node-pg
      // writes a JS array as an array literal); any other object goes as JSON text.
      const asArray = type.endsWith('[]') && Array.isArray(value);
      params.push(value === null || typeof value !== 'object' || asArray ? value : JSON.stringify(value));
      return `${quoteIdent(key)} => $${params.length}::${type}`;
    });
    const call = `${quoteIdent(schema)}.${quoteIdent(name)}(${named.join(', ')})`;
    const sql =
      fn.returnsSet || fn.returnsComposite
        ? `select coalesce(json_agg(_r), '[]'::json) as body from ${call} _r`
        : `select to_json(${call}) as body`;

    await client.query(c.req.method === 'GET' ? 'begin read only' : 'begin');
    try {
      await client.query(`set local role ${quoteIdent(claims.role)}`);
      await client.query(
        `select set_config('request.jwt.claims', $1, true), set_config('request.method', $2, true),
                set_config('request.path', $3, true)`,
        [JSON.stringify(claims), c.req.method, new URL(c.req.url).pathname],
      );
      const { rows } = await client.query<{ body: unknown }>(sql, params);
      let body = rows[0]?.body ?? null;
      const single = (c.req.header('accept') ?? '').includes('application/vnd.pgrst.object+json');
      if (single && Array.isArray(body)) {
        // Like PostgREST, a singular request with another row count rolls the call back.
        if (body.length !== 1) {
          fail(406, 'PGRST116', 'JSON object requested, multiple (or no) rows returned', `The result contains ${body.length} rows`);
        }
        body = body[0];
      } else if (fn.returnsComposite && !fn.returnsSet && Array.isArray(body)) {
        body = body[0] ?? null;
      }
      await client.query('commit');
      if (fn.returnsVoid) return c.body(null, 204);
      return c.json(body as never, 200);
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    }
  } catch (err) {
    if (err instanceof RestError) throw err;
    const e = err as { code?: string; message?: string; detail?: string; hint?: string };
    if (typeof e.code === 'string' && !/^[0-9A-Z]{5}$/.test(e.code)) {
      // Not a SQLSTATE: the connection broke (ECONNRESET and the like).
      fail(503, 'PGRST001', 'Database connection error', e.message ?? null);
    }
    if (typeof e.code === 'string') {
      throw new RestError(statusForSqlState(e.code, claims.role), {
        code: e.code,
        message: e.message ?? 'database error',
        details: e.detail ?? null,
        hint: e.hint ?? null,
      });
    }
    throw err;
  } finally {
    client.release();
  }
}

/** The `/rest/v1` app: RPC only. */
export function createRestApp(deps: RestDeps): Hono {
  const app = new Hono();
  app.on(['GET', 'POST'], '/rpc/:fn', (c) => callFunction(deps, c));
  app.all('*', (c) =>
    c.json(
      {
        code: 'PGRST125',
        message: `Invalid path specified in request URL`,
        details: null,
        hint: 'The local stand-in serves /rest/v1/rpc/<function> only',
      },
      404,
    ),
  );
  app.onError((err, c) => {
    if (err instanceof RestError) return c.json(err.body, err.status as 400);
    console.error('[rest] unexpected error', err);
    return c.json({ code: 'PGRST000', message: 'Internal error in the local stand-in', details: null, hint: null }, 500);
  });
  return app;
}
