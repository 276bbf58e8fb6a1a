/**
 * The custom access token hook as the stand-in runs it, on its own: a scratch project
 * folder whose config.toml enables `[auth.hook.custom_access_token]` and whose migration
 * holds test-only hook functions, served by a stack on a scratch database of the test
 * run's Postgres, plus one extra API server per hook function. Checked against what
 * GoTrue does (internal/tokens GenerateAccessToken, internal/hooks): the function runs as
 * supabase_auth_admin under a 2 s statement timeout with `{metadata, user_id, claims,
 * authentication_method}` and its claims are signed; `{error}` fails the request with its
 * status and message; claims that break the minimum viable token schema fail with 500 and
 * gojsonschema's list; a function that raises, is missing, may not run or times out fails
 * with 500 "Error running hook URI"; and a failing hook leaves nothing behind. Also how
 * config.toml's hook section is checked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from '../../local/api.ts';
import { loadProjectConfig, type ProjectConfig } from '../../local/config.ts';
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY } from '../../local/demo-keys.ts';
import { type Stack, startStack } from '../../local/stack.ts';
import { TEST_STACK } from '../setup/stack-config.ts';
import { freePort } from '../support/ports.ts';
import { PASSWORD, uniqueEmail } from './helpers/auth.ts';

/** The test-only hook functions (a migration of the scratch project). */
const HOOKS_SQL = `
-- Adds a claim that shows what the auth server passed and how the function ran.
create function public.hook_add_claim(event jsonb) returns jsonb language plpgsql stable as $$
begin
  return jsonb_build_object('claims', (event -> 'claims') || jsonb_build_object('hook', jsonb_build_object(
    'input_keys', (select jsonb_agg(k order by k) from jsonb_object_keys(event) k),
    'user_id', event -> 'user_id',
    'authentication_method', event -> 'authentication_method',
    'metadata_name', event -> 'metadata' -> 'name',
    'metadata_ip', event -> 'metadata' -> 'ip_address',
    'claim_keys', (select jsonb_agg(k order by k) from jsonb_object_keys(event -> 'claims') k),
    'current_user', current_user,
    'statement_timeout', current_setting('statement_timeout'),
    'search_path', current_setting('search_path'))));
end $$;

-- Drops and sets claims as the user's metadata says ({"hook_patch": {"drop": [...], "set": {...}}}).
create function public.hook_patch(event jsonb) returns jsonb language sql stable as $$
  select jsonb_build_object('claims',
    ((event -> 'claims') - coalesce(array(select jsonb_array_elements_text(event -> 'claims' -> 'user_metadata' -> 'hook_patch' -> 'drop')), '{}'::text[]))
      || coalesce(event -> 'claims' -> 'user_metadata' -> 'hook_patch' -> 'set', '{}'::jsonb))
$$;

-- Answers what the user's metadata says (hook_answer; SQL NULL for hook_sql_null, JSON
-- null for hook_json_null), for the
-- method named in hook_answer_on only when that is set; else passes the claims through.
create function public.hook_answer(event jsonb) returns jsonb language plpgsql stable as $$
declare
  meta jsonb := event -> 'claims' -> 'user_metadata';
begin
  if meta ? 'hook_answer_on' and meta ->> 'hook_answer_on' <> event ->> 'authentication_method' then
    return jsonb_build_object('claims', event -> 'claims');
  end if;
  if meta ? 'hook_sql_null' then
    return null;
  end if;
  if meta ? 'hook_json_null' then
    return 'null'::jsonb;
  end if;
  return meta -> 'hook_answer';
end $$;

create function public.hook_raise(event jsonb) returns jsonb language plpgsql stable as $$
begin
  raise exception 'Denied by the hook'
    using errcode = coalesce(event -> 'claims' -> 'user_metadata' ->> 'hook_errcode', 'P0001'), hint = 'Ask an admin';
end $$;

create function public.hook_slow(event jsonb) returns jsonb language plpgsql stable as $$
begin
  perform pg_sleep(20);
  return jsonb_build_object('claims', event -> 'claims');
end $$;

create function public.hook_forbidden(event jsonb) returns jsonb language sql stable as $$
  select jsonb_build_object('claims', event -> 'claims')
$$;
revoke all on function public.hook_forbidden(jsonb) from public;
`;

const dirs: string[] = [];
const servers: ApiServer[] = [];
let stack: Stack;
let admin: pg.Client;
const databaseName = `hooks_${Math.random().toString(36).slice(2, 10)}`;

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A project folder holding only supabase/config.toml (and migrations, when given). */
function project(configToml: string, migrations: Record<string, string> = {}): string {
  const workdir = tempDir('hook-project-');
  fs.mkdirSync(path.join(workdir, 'supabase', 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(workdir, 'supabase', 'config.toml'), configToml);
  for (const [name, text] of Object.entries(migrations)) fs.writeFileSync(path.join(workdir, 'supabase', 'migrations', name), text);
  return workdir;
}

const hookToml = (fn: string) => `[auth.hook.custom_access_token]\nenabled = true\nuri = "pg-functions://postgres/public/${fn}"\n`;
/** Limits no test here meets (every request comes from 127.0.0.1). */
const HIGH_LIMITS = '[auth.rate_limit]\nsign_in_sign_ups = 100000\ntoken_refresh = 100000\ntoken_verifications = 100000\n';

beforeAll(async () => {
  const pgAdmin = new pg.Client({ connectionString: TEST_STACK.databaseUrl });
  await pgAdmin.connect();
  await pgAdmin.query(`create database ${databaseName}`);
  await pgAdmin.end();
  const databaseUrl = TEST_STACK.databaseUrl.replace(/\/postgres$/, `/${databaseName}`);
  const ports = { api: await freePort(), db: await freePort(), mailbox: await freePort() };
  const workdir = project(HIGH_LIMITS + hookToml('hook_add_claim'), { '20260101000000_hooks.sql': HOOKS_SQL });
  stack = await startStack({ workdir, dataDir: tempDir('hook-data-'), ports, databaseUrl, seed: false });
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
}, 60_000);

afterAll(async () => {
  for (const server of servers) await server.close();
  await admin?.end();
  await stack?.stop();
  const pgAdmin = new pg.Client({ connectionString: TEST_STACK.databaseUrl });
  await pgAdmin.connect();
  await pgAdmin.query(`drop database if exists ${databaseName} with (force)`);
  await pgAdmin.end();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Another API server on the scratch database whose hook calls `public.<fn>`. */
async function serverWithHook(fn: string): Promise<string> {
  const config: ProjectConfig = {
    ...stack.config,
    auth: {
      ...stack.config.auth,
      hooks: { customAccessToken: { uri: `pg-functions://postgres/public/${fn}`, functionName: `"public"."${fn}"` } },
    },
  };
  const server = await startApiServer({
    config,
    databaseUrl: stack.databaseUrl,
    dataDir: tempDir('hook-server-'),
    port: 0,
    keys: stack.keys,
  });
  servers.push(server);
  return server.url;
}

const NEW_SHAPE = { 'X-Supabase-Api-Version': '2024-01-01' };

/** Raw HTTP to an auth server, with the anon key unless `key` says otherwise. */
function call(base: string, pathAndQuery: string, body: unknown, opts: { key?: string; headers?: Record<string, string> } = {}) {
  return fetch(`${base}/auth/v1${pathAndQuery}`, {
    method: 'POST',
    headers: { apikey: opts.key ?? DEMO_ANON_KEY, 'content-type': 'application/json', ...opts.headers },
    body: JSON.stringify(body),
  });
}

/** A confirmed user with `metadata`, made through the admin API (no token is issued). */
async function userWith(metadata: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
  const email = uniqueEmail('hook');
  const res = await call(
    stack.apiUrl,
    '/admin/users',
    { email, password: PASSWORD, email_confirm: true, user_metadata: metadata },
    { key: DEMO_SERVICE_ROLE_KEY, headers: { authorization: `Bearer ${DEMO_SERVICE_ROLE_KEY}` } },
  );
  expect(res.status).toBe(200);
  return { id: ((await res.json()) as { id: string }).id, email };
}

const signIn = (base: string, email: string, headers: Record<string, string> = {}) =>
  call(base, '/token?grant_type=password', { email, password: PASSWORD }, { headers });

/** The sessions and last sign-in of a user, to show that a failed hook kept nothing. */
async function traces(userId: string) {
  const { rows } = await admin.query<{ sessions: number; tokens: number; last_sign_in_at: Date | null }>(
    `select (select count(*)::int from auth.sessions where user_id = $1) as sessions,
            (select count(*)::int from auth.refresh_tokens where user_id = $1::text) as tokens,
            (select last_sign_in_at from auth.users where id = $1) as last_sign_in_at`,
    [userId],
  );
  return rows[0]!;
}

type Claims = jose.JWTPayload & { hook: Record<string, unknown> } & Record<string, unknown>;

describe('a hook that adds a claim', () => {
  it('gets GoTrue input as supabase_auth_admin under a 2 s timeout, and its claims are signed', async () => {
    const user = await userWith();
    const res = await signIn(stack.apiUrl, user.email);
    expect(res.status).toBe(200);
    const session = (await res.json()) as { access_token: string; refresh_token: string; expires_at: number };
    const claims = (await stack.keys.verify(session.access_token)) as Claims;
    expect(claims.sub).toBe(user.id);
    expect(claims.exp).toBe(session.expires_at);
    expect(claims.hook).toEqual({
      input_keys: ['authentication_method', 'claims', 'metadata', 'user_id'],
      user_id: user.id,
      authentication_method: 'password',
      metadata_name: 'customize-access-token',
      metadata_ip: '127.0.0.1',
      claim_keys: [
        'aal',
        'amr',
        'app_metadata',
        'aud',
        'email',
        'exp',
        'iat',
        'is_anonymous',
        'iss',
        'phone',
        'role',
        'session_id',
        'sub',
        'user_metadata',
      ],
      current_user: 'supabase_auth_admin',
      statement_timeout: '2s',
      search_path: 'auth',
    });
    // The token with its extra claim is an ordinary user token.
    const me = await fetch(`${stack.apiUrl}/auth/v1/user`, {
      headers: { apikey: DEMO_ANON_KEY, authorization: `Bearer ${session.access_token}` },
    });
    expect(me.status).toBe(200);

    const refreshed = await call(stack.apiUrl, '/token?grant_type=refresh_token', { refresh_token: session.refresh_token });
    expect(refreshed.status).toBe(200);
    const next = (await stack.keys.verify(((await refreshed.json()) as { access_token: string }).access_token)) as Claims;
    expect(next.hook.authentication_method).toBe('token_refresh');
    expect(next.session_id).toBe(claims.session_id);
  });

  it('names the sign-in method as GoTrue does: otp for /verify, password for an autoconfirmed sign-up', async () => {
    const user = await userWith();
    const link = await call(
      stack.apiUrl,
      '/admin/generate_link',
      { type: 'magiclink', email: user.email },
      { key: DEMO_SERVICE_ROLE_KEY, headers: { authorization: `Bearer ${DEMO_SERVICE_ROLE_KEY}` } },
    );
    const { hashed_token } = (await link.json()) as { hashed_token: string };
    const verified = await call(stack.apiUrl, '/verify', { type: 'magiclink', token_hash: hashed_token });
    expect(verified.status).toBe(200);
    const viaLink = jose.decodeJwt(((await verified.json()) as { access_token: string }).access_token) as Claims;
    expect(viaLink.hook.authentication_method).toBe('otp');

    const signup = await call(stack.apiUrl, '/signup', { email: uniqueEmail('hook-signup'), password: PASSWORD });
    expect(signup.status).toBe(200);
    const viaSignup = jose.decodeJwt(((await signup.json()) as { access_token: string }).access_token) as Claims;
    expect(viaSignup.hook.authentication_method).toBe('password');
  });
});

describe('a hook that returns an error', () => {
  let base: string;
  beforeAll(async () => {
    base = await serverWithHook('hook_answer');
  });

  it("fails the request with the hook's status and message, no error code, and keeps no session", async () => {
    const user = await userWith({ hook_answer: { error: { http_code: 403, message: 'Not in this organization' } } });
    const res = await signIn(base, user.email, NEW_SHAPE);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: 'unknown', message: 'Not in this organization' });
    expect(res.headers.get('x-sb-error-code')).toBeNull();
    const old = await signIn(base, user.email);
    expect(old.status).toBe(403);
    expect(await old.json()).toEqual({ code: 403, error_code: 'unknown', msg: 'Not in this organization' });
    expect(await traces(user.id)).toEqual({ sessions: 0, tokens: 0, last_sign_in_at: null });
  });

  it('is a 500 unexpected_failure without http_code; an empty message or a mistyped error is no error', async () => {
    const noCode = await userWith({ hook_answer: { error: { message: 'Hook says no' } } });
    const res = await signIn(base, noCode.email, NEW_SHAPE);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ code: 'unexpected_failure', message: 'Hook says no' });

    // GoTrue counts an error only with a message; the claims then decide.
    const claims = { aud: 'authenticated', exp: 4102444800, iat: 1, sub: noCode.id, email: '', phone: '', role: 'authenticated' };
    const full = { ...claims, aal: 'aal1', session_id: '00000000-0000-4000-8000-000000000000', is_anonymous: false };
    const emptyMessage = await userWith({ hook_answer: { error: { http_code: 403, message: '' }, claims: full } });
    expect((await signIn(base, emptyMessage.email)).status).toBe(200);
    // An http_code that is no integer fails Go's decoding, which GoTrue ignores.
    const mistyped = await userWith({ hook_answer: { error: { http_code: '403', message: 'x' }, claims: full } });
    expect((await signIn(base, mistyped.email)).status).toBe(200);
  });

  it('is 500 "Error unmarshaling JSON output." for an answer without claims, and a schema error for null claims', async () => {
    const expectUnmarshal = async (answer: Record<string, unknown>) => {
      const user = await userWith(answer);
      const res = await signIn(base, user.email, NEW_SHAPE);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ code: 'unexpected_failure', message: 'Error unmarshaling JSON output.' });
      expect(res.headers.get('x-sb-error-code')).toBe('unexpected_failure');
    };
    await expectUnmarshal({ hook_answer: {} });
    await expectUnmarshal({ hook_answer: { claims: 'all of them' } });
    await expectUnmarshal({ hook_answer: [1, 2] });
    await expectUnmarshal({ hook_json_null: true });
    for (const answer of [{ hook_answer: { claims: null } }, { hook_sql_null: true }]) {
      const user = await userWith(answer);
      const res = await signIn(base, user.email, NEW_SHAPE);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        code: 'unexpected_failure',
        message: 'output claims do not conform to the expected schema: \n- (root): Invalid type. Expected: object, given: null\n',
      });
    }
  });

  it('fails a refresh without rotating the refresh token, so the same token still works without the failure', async () => {
    const user = await userWith({ hook_answer_on: 'token_refresh', hook_answer: { error: { http_code: 429, message: 'Slow down' } } });
    const res = await signIn(base, user.email);
    expect(res.status).toBe(200);
    const { refresh_token } = (await res.json()) as { refresh_token: string };
    const failed = await call(base, '/token?grant_type=refresh_token', { refresh_token }, { headers: NEW_SHAPE });
    expect(failed.status).toBe(429);
    expect(await failed.json()).toEqual({ code: 'unknown', message: 'Slow down' });
    const { rows } = await admin.query('select revoked from auth.refresh_tokens where token = $1', [refresh_token]);
    expect(rows).toEqual([{ revoked: false }]);
    expect((await call(stack.apiUrl, '/token?grant_type=refresh_token', { refresh_token })).status).toBe(200);
  });
});

describe('a hook that drops or mistypes a required claim', () => {
  let base: string;
  beforeAll(async () => {
    base = await serverWithHook('hook_patch');
  });

  /** Signs in a user whose hook applies `patch`; returns the answer's status, body and error-code header. */
  async function withPatch(patch: { drop?: string[]; set?: Record<string, unknown> }, headers: Record<string, string> = NEW_SHAPE) {
    const user = await userWith({ hook_patch: patch });
    const res = await signIn(base, user.email, headers);
    return { user, status: res.status, body: (await res.json()) as Record<string, unknown>, header: res.headers.get('x-sb-error-code') };
  }
  const schemaError = (...lines: string[]) => ({
    code: 'unexpected_failure',
    message: `output claims do not conform to the expected schema: \n${lines.map((l) => `- ${l}\n`).join('')}`,
  });

  it("fails with 500 and GoTrue's schema message, no error code, and keeps no session", async () => {
    const dropped = await withPatch({ drop: ['session_id'] });
    expect(dropped.status).toBe(500);
    expect(dropped.body).toEqual(schemaError('session_id: session_id is required'));
    expect(dropped.header).toBeNull();
    expect(await traces(dropped.user.id)).toEqual({ sessions: 0, tokens: 0, last_sign_in_at: null });

    const old = await withPatch({ drop: ['session_id'] }, {});
    expect(old.status).toBe(500);
    expect(old.body).toMatchObject({
      code: 500,
      error_code: 'unexpected_failure',
      msg: 'output claims do not conform to the expected schema: \n- session_id: session_id is required\n',
    });
    expect(old.body.error_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists every missing claim in the schema order, then each claim of the wrong type', async () => {
    expect((await withPatch({ drop: ['is_anonymous', 'aal', 'sub'] })).body).toEqual(
      schemaError('sub: sub is required', 'aal: aal is required', 'is_anonymous: is_anonymous is required'),
    );
    expect((await withPatch({ set: { exp: 'soon' } })).body).toEqual(schemaError('exp: Invalid type. Expected: integer, given: string'));
    expect((await withPatch({ set: { iat: 1.5 } })).body).toEqual(schemaError('iat: Invalid type. Expected: integer, given: number'));
    expect((await withPatch({ set: { aud: 5 } })).body).toEqual(schemaError('aud: Invalid type. Expected: [string,array], given: integer'));
    expect((await withPatch({ set: { email: null } })).body).toEqual(schemaError('email: Invalid type. Expected: string, given: null'));
    expect((await withPatch({ set: { amr: [{ method: 'password' }, 7] } })).body).toEqual(
      schemaError('amr.1: Must validate at least one schema (anyOf)', 'amr.1: Invalid type. Expected: string, given: integer'),
    );
    expect((await withPatch({ drop: ['role'], set: { user_metadata: [] } })).body).toEqual(
      schemaError('role: role is required', 'user_metadata: Invalid type. Expected: object, given: array'),
    );
  });

  it('accepts what the schema allows: no iss, an aud array, amr as strings, any is_anonymous, extra claims', async () => {
    const ok = await withPatch({ drop: ['iss'], set: { aud: ['authenticated'], amr: ['password'], is_anonymous: 'no', extra: { a: 1 } } });
    expect(ok.status).toBe(200);
    const claims = jose.decodeJwt(ok.body.access_token as string);
    expect(claims.iss).toBeUndefined();
    expect(claims).toMatchObject({ aud: ['authenticated'], amr: ['password'], is_anonymous: 'no', extra: { a: 1 } });
  });
});

describe('a hook function that fails', () => {
  it('raises: 500 "Error running hook URI"; in the initial error shape, the Postgres error itself', async () => {
    const base = await serverWithHook('hook_raise');
    const uri = 'pg-functions://postgres/public/hook_raise';
    const user = await userWith();
    const res = await signIn(base, user.email, NEW_SHAPE);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ code: 'unexpected_failure', message: `Error running hook URI: ${uri}` });
    expect(res.headers.get('x-sb-error-code')).toBe('unexpected_failure');
    const old = await signIn(base, user.email);
    expect(old.status).toBe(500);
    expect(await old.json()).toEqual({ code: 'P0001', message: 'Denied by the hook', hint: 'Ask an admin' });
    expect(await traces(user.id)).toEqual({ sessions: 0, tokens: 0, last_sign_in_at: null });

    // A PTxxx code picks the status of the initial shape, as PostgREST's convention does.
    const pt = await userWith({ hook_errcode: 'PT403' });
    const denied = await signIn(base, pt.email);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ code: 'PT403', message: 'Denied by the hook', hint: 'Ask an admin' });
    expect((await signIn(base, pt.email, NEW_SHAPE)).status).toBe(500);
  });

  it('is missing or may not be executed by supabase_auth_admin: 500 "Error running hook URI" in both shapes', async () => {
    for (const fn of ['hook_missing', 'hook_forbidden']) {
      const base = await serverWithHook(fn);
      const user = await userWith();
      const message = `Error running hook URI: pg-functions://postgres/public/${fn}`;
      const res = await signIn(base, user.email, NEW_SHAPE);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ code: 'unexpected_failure', message });
      const old = await signIn(base, user.email);
      expect(old.status).toBe(500);
      expect(await old.json()).toEqual({ code: 500, error_code: 'unexpected_failure', msg: message, error_id: expect.any(String) });
      expect(await traces(user.id)).toEqual({ sessions: 0, tokens: 0, last_sign_in_at: null });
    }
  });

  it('runs past the 2 s statement timeout: 500 "Error running hook URI"', async () => {
    const base = await serverWithHook('hook_slow');
    const user = await userWith();
    const started = Date.now();
    const res = await signIn(base, user.email, NEW_SHAPE);
    const took = Date.now() - started;
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      code: 'unexpected_failure',
      message: 'Error running hook URI: pg-functions://postgres/public/hook_slow',
    });
    // Stopped by the statement timeout (2 s), not by the hook's end: it sleeps far longer.
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(await traces(user.id)).toEqual({ sessions: 0, tokens: 0, last_sign_in_at: null });
  });
});

describe('[auth.hook.custom_access_token] in config.toml', () => {
  it('names the function as GoTrue calls it; a disabled hook is not looked at', () => {
    expect(loadProjectConfig(project(hookToml('My_Hook'))).auth.hooks.customAccessToken).toEqual({
      uri: 'pg-functions://postgres/public/My_Hook',
      functionName: '"public"."My_Hook"',
    });
    const disabled = project('[auth.hook.custom_access_token]\nenabled = false\nuri = "ftp://nowhere"\n');
    expect(loadProjectConfig(disabled).auth.hooks.customAccessToken).toBeNull();
    expect(loadProjectConfig(project('')).auth.hooks.customAccessToken).toBeNull();
  });

  it('refuses, naming the problem, what the CLI or GoTrue would refuse and what the stand-in cannot run', () => {
    const refused: [string, string][] = [
      ['[auth.hook.custom_access_token]\nenabled = true\n', 'Missing required field in config: auth.hook.custom_access_token.uri'],
      [
        '[auth.hook.custom_access_token]\nenabled = true\nuri = "ftp://x/y"\n',
        'auth.hook.custom_access_token.uri should be a HTTP, HTTPS, or pg-functions URI',
      ],
      ['[auth.hook.custom_access_token]\nenabled = true\nuri = "https://example.test/hook"\n', 'runs pg-functions:// hooks only'],
      [
        '[auth.hook.custom_access_token]\nenabled = true\nuri = "pg-functions://postgres/public/f"\nsecrets = "v1,whsec_x"\n',
        'auth.hook.custom_access_token.secrets is unsupported for pg-functions URI',
      ],
      [
        '[auth.hook.custom_access_token]\nenabled = true\nuri = "pg-functions://postgres/public"\n',
        'URI path does not contain enough parts',
      ],
      ['[auth.hook.custom_access_token]\nenabled = true\nuri = "pg-functions://postgres/pub-lic/f"\n', 'invalid schema name: pub-lic'],
      ['[auth.hook.custom_access_token]\nenabled = true\nuri = "pg-functions://postgres/public/1f"\n', 'invalid table name: 1f'],
      ['[auth.hook.send_email]\nenabled = true\nuri = "pg-functions://postgres/public/f"\n', 'runs only the custom access token hook'],
    ];
    for (const [toml, message] of refused) expect(() => loadProjectConfig(project(toml))).toThrow(message);
  });
});
