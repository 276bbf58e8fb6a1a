/**
 * Lifecycle of the local stand-in: start, stop, restart keeps data; reset wipes it; a
 * taken port is named; no process is left behind. And the headless CLI (`start
 * --workdir`) for another project's supabase/ folder with RS256 and ES256 signing keys,
 * printing (and accepting) the CLI's fixed API keys.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ANON_KEY, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY } from '../../local/demo-keys.ts';
import { generateSigningJwk } from '../../local/keys.ts';
import { resetDatabase } from '../../local/postgres.ts';
import { PortInUseError, startStack } from '../../local/stack.ts';
import { freePort } from '../support/ports.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function query(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

/** Postgres server processes whose data folder lies under `dir`. */
function postgresProcessesFor(dir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(dir) && /postgres/.test(l));
}

/**
 * Where the cluster of a project folder lives: inside it, or — when running as root in a
 * folder the postgres user cannot reach (as mkdtemp makes them) — where the stand-in noted.
 */
function clusterHomeOf(workdir: string): string {
  const location = path.join(workdir, '.supabase-local', 'pgdata-location.txt');
  return fs.existsSync(location) ? fs.readFileSync(location, 'utf8').trim() : workdir;
}

async function freePorts() {
  return { api: await freePort(), db: await freePort(), mailbox: await freePort() };
}

describe('stack lifecycle', () => {
  it('keeps data across a restart, wipes it on reset, and leaves no process behind', async () => {
    const dataDir = tempDir('stack-life-');
    const ports = await freePorts();
    const opts = { workdir: process.cwd(), dataDir, ports, seed: false };

    let stack = await startStack(opts);
    await query(stack.databaseUrl, "create table public.lifecycle_probe (note text); insert into public.lifecycle_probe values ('kept')");
    const health = await fetch(`${stack.apiUrl}/auth/v1/health`, { headers: { apikey: DEMO_ANON_KEY } });
    expect(health.status).toBe(200);
    await stack.stop();
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    await expect(fetch(`${stack.apiUrl}/auth/v1/health`)).rejects.toThrow();

    stack = await startStack(opts);
    expect(await query(stack.databaseUrl, 'select note from public.lifecycle_probe')).toEqual([{ note: 'kept' }]);
    await resetDatabase(stack.databaseUrl, process.cwd(), { seed: false });
    expect(await query(stack.databaseUrl, "select to_regclass('public.lifecycle_probe') as t")).toEqual([{ t: null }]);
    expect(await query(stack.databaseUrl, "select to_regclass('auth.users') is not null as ok")).toEqual([{ ok: true }]);
    await stack.stop();
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, 60_000);

  it('names the port that is taken and starts nothing', async () => {
    const blocker = net.createServer();
    const ports = await freePorts();
    await new Promise<void>((r) => blocker.listen(ports.mailbox, '127.0.0.1', () => r()));
    const dataDir = tempDir('stack-port-');
    try {
      const err = await startStack({ workdir: process.cwd(), dataDir, ports }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortInUseError);
      expect((err as Error).message).toContain(String(ports.mailbox));
      expect(postgresProcessesFor(dataDir)).toEqual([]);
    } finally {
      blocker.close();
    }
  });
});

describe('an existing Postgres server (DATABASE_URL)', () => {
  it('is used instead of starting one, and left running on stop', async () => {
    const { TEST_STACK } = await import('../setup/stack-config.ts');
    const name = `borrowed_${Math.random().toString(36).slice(2, 10)}`;
    await query(TEST_STACK.databaseUrl, `create database ${name}`);
    const databaseUrl = TEST_STACK.databaseUrl.replace(/\/postgres$/, `/${name}`);
    const dataDir = tempDir('stack-borrowed-');
    try {
      const stack = await startStack({ workdir: process.cwd(), dataDir, ports: await freePorts(), databaseUrl, seed: false });
      expect(stack.databaseUrl).toBe(databaseUrl);
      expect(fs.existsSync(path.join(dataDir, 'pgdata'))).toBe(false);
      expect(await query(databaseUrl, 'select count(*)::int as n from supabase_migrations.schema_migrations')).toEqual([
        { n: fs.readdirSync('supabase/migrations').filter((f) => f.endsWith('.sql')).length },
      ]);
      const health = await fetch(`${stack.apiUrl}/auth/v1/health`, { headers: { apikey: DEMO_ANON_KEY } });
      expect(health.status).toBe(200);
      await stack.stop();
      expect(await query(databaseUrl, 'select 1 as ok')).toEqual([{ ok: 1 }]);
    } finally {
      await query(TEST_STACK.databaseUrl, `drop database if exists ${name} with (force)`);
    }
  });
});

describe('headless CLI for any project folder', () => {
  it('serves a foreign supabase/ folder with its RS256/ES256 signing keys and stops on SIGTERM', async () => {
    const workdir = tempDir('stack-cli-');
    const ports = await freePorts();
    const rsa = await generateSigningJwk('RS256');
    const ec = await generateSigningJwk('ES256');
    fs.mkdirSync(path.join(workdir, 'supabase', 'migrations'), { recursive: true });
    fs.writeFileSync(path.join(workdir, 'supabase', 'signing_keys.json'), JSON.stringify([rsa, ec]));
    fs.writeFileSync(
      path.join(workdir, 'supabase', 'config.toml'),
      `[api]\nport = ${ports.api}\n[db]\nport = ${ports.db}\n[inbucket]\nport = ${ports.mailbox}\n[auth]\nsigning_keys_path = "./signing_keys.json"\n`,
    );
    fs.writeFileSync(
      path.join(workdir, 'supabase', 'migrations', '20260101000000_hello.sql'),
      "create function public.hello() returns text language sql stable set search_path = '' as $$ select 'hello ' || coalesce(auth.role(), 'nobody') $$;",
    );
    const cli = spawn(path.join(process.cwd(), 'node_modules/.bin/tsx'), ['local/cli.ts', 'start', '--workdir', workdir], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    cli.stdout.on('data', (d) => (output += d));
    cli.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => cli.once('exit', (code) => r(code)));
    try {
      await expect.poll(() => output, { timeout: 30_000, interval: 200 }).toContain('service_role key:');
      const api = `http://127.0.0.1:${ports.api}`;
      const jwks = (await (await fetch(`${api}/auth/v1/.well-known/jwks.json`)).json()) as { keys: jose.JWK[] };
      expect(jwks.keys.map((k) => [k.kid, k.alg])).toEqual([
        [rsa.kid, 'RS256'],
        [ec.kid, 'ES256'],
      ]);
      expect(jwks.keys.some((k) => 'd' in k)).toBe(false);

      // An anon key signed with the project's (first) signing key is accepted, as is the HS256 demo key.
      const rsaKey = await jose.importJWK({ ...rsa, key_ops: undefined }, 'RS256');
      const signedAnon = await new jose.SignJWT({ role: 'anon', iss: 'supabase-demo' })
        .setProtectedHeader({ alg: 'RS256', kid: rsa.kid!, typ: 'JWT' })
        .setExpirationTime('1h')
        .sign(rsaKey);
      // So are the CLI's fixed API keys, which the status block prints.
      const roles: [string, string][] = [
        [signedAnon, 'anon'],
        [DEMO_ANON_KEY, 'anon'],
        [DEMO_PUBLISHABLE_KEY, 'anon'],
        [DEMO_SECRET_KEY, 'service_role'],
      ];
      for (const [key, role] of roles) {
        const res = await fetch(`${api}/rest/v1/rpc/hello`, {
          method: 'POST',
          headers: { apikey: key, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: '{}',
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toBe(`hello ${role}`);
      }
      expect(output).toMatch(new RegExp(`Publishable key: ${DEMO_PUBLISHABLE_KEY}\n`));
      expect(output).toMatch(new RegExp(`Secret key: ${DEMO_SECRET_KEY}\n`));
      expect(output).toContain(`postgresql://postgres:postgres@127.0.0.1:${ports.db}/postgres`);
      expect(postgresProcessesFor(clusterHomeOf(workdir)).length).toBeGreaterThan(0);
    } finally {
      cli.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const clusterHome = clusterHomeOf(workdir);
    dirs.push(clusterHome);
    expect(postgresProcessesFor(clusterHome)).toEqual([]);
  }, 60_000);
});

describe('a stand-in that cannot start', () => {
  it('exits non-zero, names the cause, and leaves no server behind', async () => {
    const workdir = tempDir('stack-broken-');
    const ports = await freePorts();
    fs.mkdirSync(path.join(workdir, 'supabase', 'migrations'), { recursive: true });
    fs.writeFileSync(
      path.join(workdir, 'supabase', 'config.toml'),
      `[api]\nport = ${ports.api}\n[db]\nport = ${ports.db}\n[inbucket]\nport = ${ports.mailbox}\n`,
    );
    fs.writeFileSync(path.join(workdir, 'supabase', 'migrations', '20260101000000_broken.sql'), 'create table public.broken (;');
    const cli = spawn(path.join(process.cwd(), 'node_modules/.bin/tsx'), ['local/cli.ts', 'start', '--workdir', workdir], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    cli.stdout.on('data', (d) => (output += d));
    cli.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((r) => cli.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(output).toContain('Migration 20260101000000_broken.sql failed');
    const clusterHome = clusterHomeOf(workdir);
    dirs.push(clusterHome);
    expect(postgresProcessesFor(clusterHome)).toEqual([]);
  }, 60_000);
});
