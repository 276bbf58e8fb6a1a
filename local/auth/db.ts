/**
 * Database plumbing for the auth server: transactions on the pool that is connected as
 * `supabase_auth_admin` (so the project's triggers on `auth.users` run in the same
 * transaction as the insert, as with GoTrue), the "commit and still fail" case GoTrue
 * uses for refresh-token reuse detection.
 */
import type pg from 'pg';
import { AuthError } from './errors.ts';

/** A query runner: the pool or a client inside a transaction. */
export type Db = pg.Pool | pg.PoolClient;

/**
 * Runs `fn` in one transaction. An AuthError marked with `commit` commits what was done
 * and is then rethrown; any other error rolls back.
 */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    let result: T;
    try {
      result = await fn(client);
    } catch (err) {
      if (err instanceof AuthError && err.commit) await client.query('commit');
      else await client.query('rollback').catch(() => {});
      throw err;
    }
    await client.query('commit');
    return result;
  } finally {
    client.release();
  }
}

/** True for a unique violation on the named constraint/index (any when omitted). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}
