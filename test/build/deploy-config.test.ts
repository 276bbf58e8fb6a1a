/**
 * The deploy configuration: wrangler.toml's `[env.production]` (what `npm run deploy`
 * ships) repeats what Wrangler does not inherit — vars, Durable Object bindings, rate
 * limits — so it must stay in step with the top level; and scripts/check-config.ts refuses
 * what the worker would refuse, naming the variable.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY } from '../../local/demo-keys.ts';

interface Ratelimit {
  name: string;
  namespace_id: string;
  simple: { limit: number; period: number };
}
interface WorkerConfig {
  vars: Record<string, string>;
  durable_objects: { bindings: { name: string; class_name: string }[] };
  ratelimits: Ratelimit[];
}
const toml = parse(fs.readFileSync('wrangler.toml', 'utf8')) as unknown as WorkerConfig & {
  name: string;
  env: { production: WorkerConfig & { name: string } };
};
const production = toml.env.production;

describe('wrangler.toml', () => {
  it('[env.production] has the same vars, Durable Objects and rate limits as the top level, under the same worker name', () => {
    expect(production.name).toBe(toml.name);
    expect(Object.keys(production.vars).sort()).toEqual(Object.keys(toml.vars).sort());
    expect(production.durable_objects.bindings).toEqual(toml.durable_objects.bindings);
    expect(production.ratelimits.map((r) => [r.name, r.namespace_id, r.simple.period])).toEqual(
      toml.ratelimits.map((r) => [r.name, r.namespace_id, r.simple.period]),
    );
  });

  it('production limits clients per IP far below the local value, with the 60 s period the worker announces', () => {
    const [local] = toml.ratelimits;
    const [prod] = production.ratelimits;
    expect(prod!.simple.limit).toBeLessThanOrEqual(100);
    expect(local!.simple.limit).toBeGreaterThanOrEqual(10_000);
    expect(prod!.simple.period).toBe(60);
  });

  it('holds no secret', () => {
    const text = fs.readFileSync('wrangler.toml', 'utf8');
    expect(text).not.toMatch(/sb_secret_[A-Za-z0-9]|sb_publishable_[A-Za-z0-9]|eyJ[A-Za-z0-9_-]{10,}/);
  });
});

describe('scripts/check-config.ts', () => {
  const run = promisify(execFile);
  /** Runs the check with `vars` as its env file: its exit status (null when killed by a signal) and what it printed. */
  const check = async (vars: Record<string, string>, args: string[] = []) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'check-config-')), '.dev.vars');
    fs.writeFileSync(
      file,
      Object.entries(vars)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    );
    try {
      const { stdout, stderr } = await run('node_modules/.bin/tsx', ['scripts/check-config.ts', '--env-file', file, ...args]);
      return { status: 0 as number | null, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number | string; signal?: string | null; stdout?: string; stderr?: string };
      // A failure to start the command at all (code 'ENOENT', …) is not an exit status.
      if (typeof e.code !== 'number' && !e.signal) throw error;
      return { status: typeof e.code === 'number' ? e.code : null, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  };
  const URL = 'https://abcd.supabase.co';

  /** Accepted: exit status 0, and the summary on stdout naming the kind of keys. */
  const expectAccepted = (result: Awaited<ReturnType<typeof check>>, keys: string) => {
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Configuration valid (${keys},`);
  };
  /** Refused: exit status 1, the reason on stderr, no summary. */
  const expectRefused = (result: Awaited<ReturnType<typeof check>>, reason: string) => {
    expect(result.status, result.stdout).toBe(1);
    expect(result.stderr).toContain(reason);
    expect(result.stdout).not.toContain('Configuration valid');
  };

  it('accepts the new keys, the secret key alone, and legacy keys', async () => {
    expectAccepted(
      await check({ SUPABASE_URL: URL, SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x1', SUPABASE_SECRET_KEY: 'sb_secret_x1' }, [
        '--env',
        'production',
      ]),
      'sb_secret_ key and a publishable key',
    );
    expectAccepted(await check({ SUPABASE_URL: URL, SUPABASE_SECRET_KEY: 'sb_secret_x1' }), 'sb_secret_ key alone');
    expectAccepted(
      await check({ SUPABASE_URL: URL, SUPABASE_ANON_KEY: DEMO_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY: DEMO_SERVICE_ROLE_KEY }),
      'legacy service_role key and a publishable key',
    );
  }, 30_000);

  it('refuses a JWT in the new variable, an sb_ key in the old one, and no key at all, naming the variable', async () => {
    expectRefused(await check({ SUPABASE_URL: URL, SUPABASE_SECRET_KEY: DEMO_SERVICE_ROLE_KEY }), 'SUPABASE_SECRET_KEY holds a JWT');
    expectRefused(
      await check({ SUPABASE_URL: URL, SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_x1' }),
      'SUPABASE_SERVICE_ROLE_KEY holds an sb_ API key',
    );
    expectRefused(await check({ SUPABASE_URL: URL, SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x1' }), 'SUPABASE_SECRET_KEY is required');
  }, 30_000);
});
