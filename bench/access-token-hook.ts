/**
 * What the custom access token hook costs (a figure, never asserted in tests): the hook
 * called as the auth server calls it (role supabase_auth_admin, one statement per token),
 * against a trivial baseline measured in the same process, on the same connection,
 * interleaved call by call: `select $1::jsonb`, the same event sent and returned unchanged.
 * Also the cost inside Postgres alone: 1000 calls in one statement against 1000 casts.
 *
 *   npx tsx bench/access-token-hook.ts          (HOOK_BENCH_ROUNDS=2000 by default)
 *
 * Starts its own stand-in (bench/stand-in.ts: Postgres with the migrations, no seed) on free
 * ports in a temporary folder, and stops it at the end. Exits non-zero when it measured
 * nothing, when the hook's answer is not the user's organization, or when something it
 * started is left behind.
 */
import pg from 'pg';
import { createUsers, leftovers, out, startRun, startStandIn } from './setup.ts';

const ROUNDS = Number(process.env.HOOK_BENCH_ROUNDS ?? 2000);
const SERIES = 1000;
const DEADLINE_MS = 180_000;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function timed(c: pg.Client, sql: string, params: unknown[]): Promise<number> {
  const started = performance.now();
  await c.query(sql, params);
  return performance.now() - started;
}

async function main(): Promise<boolean> {
  const run = startRun('access-token-hook', DEADLINE_MS, console.error);
  const hook: number[] = [];
  const base: number[] = [];
  let series = { hook: Number.NaN, base: Number.NaN };
  try {
    out('Starting the stand-in (child process)...');
    const standIn = await startStandIn(run);
    const email = `hook-bench-${Date.now()}@example.com`;
    const userId = (await createUsers(standIn, [email], 'hook-bench-password', 1)).get(email)!;
    const db = new pg.Client({ connectionString: standIn.info.databaseUrl });
    await db.connect();
    run.defer(() => db.end());
    const { rows } = await db.query<{ id: string }>('select id from public.organizations where personal_user_id = $1', [userId]);
    const now = Math.floor(Date.now() / 1000);
    const event = JSON.stringify({
      user_id: userId,
      claims: { aud: 'authenticated', exp: now + 900, iat: now, sub: userId, email, role: 'authenticated', aal: 'aal1' },
      authentication_method: 'password',
    });

    await db.query('begin');
    await db.query('set local role supabase_auth_admin');
    const HOOK = 'select public.custom_access_token_hook($1::jsonb) as out';
    const BASE = 'select $1::jsonb as out';
    // The figure is only worth something if the hook does its work: the user's organization.
    const answer = (await db.query<{ out: { claims: { organization?: { id?: string } } } }>(HOOK, [event])).rows[0]?.out;
    if (!rows[0] || answer?.claims.organization?.id !== rows[0].id) {
      console.error(`the hook did not answer with the user's organization: ${JSON.stringify(answer)}`);
      return false;
    }
    for (let i = 0; i < 100; i++) {
      // Warm-up: plans cached, the hook's function compiled.
      await db.query(HOOK, [event]);
      await db.query(BASE, [event]);
    }
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate which goes first, so that drift hits both alike.
      if (i % 2) {
        hook.push(await timed(db, HOOK, [event]));
        base.push(await timed(db, BASE, [event]));
      } else {
        base.push(await timed(db, BASE, [event]));
        hook.push(await timed(db, HOOK, [event]));
      }
    }
    const inServer = async (expr: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push(await timed(db, `select count(${expr}) from generate_series(1, ${SERIES})`, [event]));
      return median(times) / SERIES;
    };
    series = { base: await inServer('$1::jsonb'), hook: await inServer('public.custom_access_token_hook($1::jsonb)') };
    await db.query('rollback');
  } finally {
    run.done();
    await run.cleanup();
  }
  const left = await leftovers(run);

  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  const [h, b] = [median(hook), median(base)];
  out(`custom_access_token_hook, ${hook.length} calls interleaved with ${base.length} baseline calls (medians):`);
  out(`  one call per statement: hook ${us(h)}, baseline (select $1::jsonb) ${us(b)}: ${(h / b).toFixed(2)}x the baseline`);
  out(
    `  inside Postgres (${SERIES} per statement): hook ${us(series.hook)} per call, baseline ${us(series.base)}: ${(series.hook / series.base).toFixed(1)}x`,
  );
  const measured = hook.length > 0 && base.length > 0 && [h, b, series.hook, series.base].every((x) => Number.isFinite(x) && x > 0);
  if (!measured) console.error('nothing was measured');
  if (left.length > 0) console.error(`left behind: ${left.join('; ')}`);
  return measured && left.length === 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err: unknown) => {
    console.error(`access-token-hook failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
