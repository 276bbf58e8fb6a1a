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
  const check = async (vars: Record<string, string>, args: string[] = []) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'check-config-')), '.dev.vars');
    fs.writeFileSync(
      file,
      Object.entries(vars)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    );
    try {
      const { stdout } = await run('node_modules/.bin/tsx', ['scripts/check-config.ts', '--env-file', file, ...args]);
      return { ok: true, output: stdout };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  };
  const URL = 'https://abcd.supabase.co';

  it('accepts the new keys, the secret key alone, and legacy keys', async () => {
    expect(
      await check({ SUPABASE_URL: URL, SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x1', SUPABASE_SECRET_KEY: 'sb_secret_x1' }, [
        '--env',
        'production',
      ]),
    ).toMatchObject({ ok: true });
    expect((await check({ SUPABASE_URL: URL, SUPABASE_SECRET_KEY: 'sb_secret_x1' })).output).toContain('sb_secret_ key alone');
    expect(
      (await check({ SUPABASE_URL: URL, SUPABASE_ANON_KEY: DEMO_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY: DEMO_SERVICE_ROLE_KEY })).output,
    ).toContain('legacy service_role key and a publishable key');
  }, 30_000);

  it('refuses a JWT in the new variable, an sb_ key in the old one, and no key at all, naming the variable', async () => {
    const jwtInNew = await check({ SUPABASE_URL: URL, SUPABASE_SECRET_KEY: DEMO_SERVICE_ROLE_KEY });
    expect(jwtInNew).toMatchObject({ ok: false });
    expect(jwtInNew.output).toContain('SUPABASE_SECRET_KEY holds a JWT');
    const sbInOld = await check({ SUPABASE_URL: URL, SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_x1' });
    expect(sbInOld.output).toContain('SUPABASE_SERVICE_ROLE_KEY holds an sb_ API key');
    const none = await check({ SUPABASE_URL: URL, SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x1' });
    expect(none).toMatchObject({ ok: false });
    expect(none.output).toContain('SUPABASE_SECRET_KEY is required');
  }, 30_000);
});
