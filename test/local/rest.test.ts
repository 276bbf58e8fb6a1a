/**
 * The stand-in's PostgREST-compatible RPC, driven with supabase-js: the caller's role and
 * claims reach Postgres (`set local role`, `request.jwt.claims`), so row-level security is
 * enforced by Postgres itself; the service role (service_role JWT or secret key) bypasses
 * it, the publishable key is anon; errors map like PostgREST.
 * The probe table and functions are created here, under unique names, and dropped after.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from '../../local/api.ts';
import { loadProjectConfig } from '../../local/config.ts';
import { statusForSqlState } from '../../local/rest.ts';
import { TEST_STACK } from '../setup/stack-config.ts';

const suffix = crypto.randomBytes(4).toString('hex');
const table = `rpc_probe_${suffix}`;
const alice = crypto.randomUUID();
const bob = crypto.randomUUID();
let api: ApiServer;
let dataDir: string;

async function sql(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: TEST_STACK.databaseUrl });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

/** A supabase-js client whose requests carry `token` (an API key is always sent). */
function clientWith(token: string) {
  return createClient(api.url, api.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
}

function userToken(sub: string, extra: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return api.keys.sign({ sub, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 300, ...extra });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rest-test-'));
  api = await startApiServer({ config: loadProjectConfig(process.cwd()), databaseUrl: TEST_STACK.databaseUrl, dataDir, port: 0 });
  await sql(`
    create table public.${table} (id serial primary key, owner uuid not null, note text not null);
    alter table public.${table} enable row level security;
    create policy own_rows on public.${table} for select to authenticated using (owner = (select auth.uid()));
    create policy own_inserts on public.${table} for insert to authenticated with check (owner = (select auth.uid()));
    insert into public.${table} (owner, note) values ('${alice}', 'alice-1'), ('${alice}', 'alice-2'), ('${bob}', 'bob-1');
    create function public.${table}_list() returns setof public.${table} language sql stable security invoker set search_path = ''
      as $$ select * from public.${table} order by id $$;
    create function public.${table}_whoami() returns jsonb language sql stable set search_path = ''
      as $$ select jsonb_build_object('role', current_user, 'sub', auth.uid(), 'claim', auth.jwt() ->> 'custom') $$;
    create function public.${table}_add(p_note text, p_n integer default 1) returns integer language plpgsql security invoker set search_path = ''
      as $$ begin
        insert into public.${table} (owner, note) select auth.uid(), p_note from generate_series(1, p_n);
        if p_note = 'boom' then raise exception 'no booms please' using hint = 'pick another note'; end if;
        return p_n;
      end $$;
    create function public.${table}_teapot() returns void language plpgsql set search_path = ''
      as $$ begin raise exception 'short and stout' using errcode = 'PT418'; end $$;
    grant all on public.${table} to authenticated, service_role;
    grant usage on sequence public.${table}_id_seq to authenticated;
  `);
});

afterAll(async () => {
  await sql(
    `drop function if exists public.${table}_list(), public.${table}_whoami(), public.${table}_add(text, integer), public.${table}_teapot(); drop table if exists public.${table};`,
  );
  await api?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('RPC under the caller role', () => {
  it('runs as the token role with its claims', async () => {
    const { data, error } = await clientWith(await userToken(alice, { custom: 'x1' })).rpc(`${table}_whoami`);
    expect(error).toBeNull();
    expect(data).toEqual({ role: 'authenticated', sub: alice, claim: 'x1' });
  });

  it('lets row-level security decide which rows a user sees', async () => {
    const asAlice = await clientWith(await userToken(alice)).rpc(`${table}_list`);
    expect(asAlice.error).toBeNull();
    expect((asAlice.data as { note: string }[]).map((r) => r.note)).toEqual(['alice-1', 'alice-2']);
    const asBob = await clientWith(await userToken(bob)).rpc(`${table}_list`);
    expect((asBob.data as { note: string }[]).map((r) => r.note)).toEqual(['bob-1']);
  });

  it('shows the anon role nothing and the service role everything', async () => {
    const anon = await clientWith(api.keys.anonKey).rpc(`${table}_whoami`);
    expect(anon.data).toMatchObject({ role: 'anon', sub: null });
    const anonList = await clientWith(api.keys.anonKey).rpc(`${table}_list`);
    // anon has the table privilege a hosted project grants by default; with no policy for
    // anon, row-level security leaves it nothing.
    expect(anonList).toMatchObject({ error: null, data: [] });
    const service = await clientWith(api.keys.serviceRoleKey).rpc(`${table}_list`);
    expect(service.error).toBeNull();
    expect((service.data as unknown[]).length).toBe(3);
  });

  it('takes the API keys for their roles, and a user token over the secret key', async () => {
    const client = (key: string, bearer?: string) =>
      createClient(api.url, key, {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        ...(bearer ? { global: { headers: { Authorization: `Bearer ${bearer}` } } } : {}),
      });
    expect((await client(api.keys.publishableKey).rpc(`${table}_whoami`)).data).toMatchObject({ role: 'anon', sub: null });
    expect((await client(api.keys.publishableKey).rpc(`${table}_list`)).data).toEqual([]);
    expect((await client(api.keys.secretKey).rpc(`${table}_whoami`)).data).toMatchObject({ role: 'service_role' });
    expect(((await client(api.keys.secretKey).rpc(`${table}_list`)).data as unknown[]).length).toBe(3);
    // The secret key alone on the server, the user's token deciding (the worker's way).
    const asAlice = await client(api.keys.secretKey, await userToken(alice)).rpc(`${table}_list`);
    expect((asAlice.data as { note: string }[]).map((r) => r.note)).toEqual(['alice-1', 'alice-2']);
  });

  it('runs each call in one transaction: a failure rolls back its writes', async () => {
    const token = await userToken(bob);
    const ok = await clientWith(token).rpc(`${table}_add`, { p_note: 'fine', p_n: 2 });
    expect(ok).toMatchObject({ data: 2, error: null, status: 200 });
    const boom = await clientWith(token).rpc(`${table}_add`, { p_note: 'boom' });
    expect(boom.status).toBe(400);
    expect(boom.error).toMatchObject({ code: 'P0001', message: 'no booms please', hint: 'pick another note' });
    const { rows } = await sql(`select note from public.${table} where owner = $1 order by id`, [bob]);
    expect(rows.map((r) => r.note)).toEqual(['bob-1', 'fine', 'fine']);
  });
});

describe('PostgREST errors', () => {
  it('maps PTxxx SQLSTATEs to their status', async () => {
    const res = await clientWith(await userToken(alice)).rpc(`${table}_teapot`);
    expect(res.status).toBe(418);
    expect(res.error).toMatchObject({ code: 'PT418', message: 'short and stout' });
  });

  it('answers PGRST202 for an unknown function or argument', async () => {
    const res = await clientWith(api.keys.anonKey).rpc('no_such_function_anywhere', { a: 1 });
    expect(res.status).toBe(404);
    expect(res.error?.code).toBe('PGRST202');
  });

  it('refuses an expired or forged token with PGRST303 / PGRST301', async () => {
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await api.keys.sign({ sub: alice, role: 'authenticated', exp: past });
    const r1 = await clientWith(expired).rpc(`${table}_whoami`);
    expect(r1.status).toBe(401);
    expect(r1.error?.code).toBe('PGRST303');
    const good = await userToken(alice);
    const forged = good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const r2 = await clientWith(forged).rpc(`${table}_whoami`);
    expect(r2.status).toBe(401);
    expect(r2.error?.code).toBe('PGRST301');
  });

  it('answers malformed JSON with PGRST102 and a missing API key at the gateway', async () => {
    const bad = await fetch(`${api.url}/rest/v1/rpc/${table}_whoami`, {
      method: 'POST',
      headers: { apikey: api.keys.anonKey, 'content-type': 'application/json' },
      body: '{"oops"',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'PGRST102' });
    const noKey = await fetch(`${api.url}/rest/v1/rpc/${table}_whoami`, { method: 'POST', body: '{}' });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toEqual({ message: 'No API key found in request' });
    const wrongKey = await fetch(`${api.url}/rest/v1/rpc/${table}_whoami`, { method: 'POST', headers: { apikey: 'nope' }, body: '{}' });
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toEqual({ message: 'Invalid authentication credentials' });
  });

  it('follows the PostgREST status table', () => {
    expect(statusForSqlState('23505', 'authenticated')).toBe(409);
    expect(statusForSqlState('42501', 'anon')).toBe(401);
    expect(statusForSqlState('42501', 'authenticated')).toBe(403);
    expect(statusForSqlState('PT401', 'authenticated')).toBe(401);
    expect(statusForSqlState('08006', 'anon')).toBe(503);
    expect(statusForSqlState('22P02', 'anon')).toBe(400);
  });
});
