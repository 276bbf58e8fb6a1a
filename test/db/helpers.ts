/**
 * Helpers for the database tests: connections to the test run's Postgres (migrations
 * applied, no seed), users created the way the auth server creates them, and running SQL
 * as an API role with JWT claims, the way PostgREST does it.
 *
 * Test files run in parallel against one database: everything here creates uniquely named
 * users and organizations and never depends on global counts.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { withClient } from '../../local/postgres.ts';
import { TEST_STACK } from '../setup/stack-config.ts';

const DB_URL = TEST_STACK.databaseUrl;

/** A connection string for the same server as another role (bootstrap passwords are `postgres`). */
export function urlAs(user: string, database?: string): string {
  const u = new URL(DB_URL);
  u.username = user;
  u.password = 'postgres';
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A database of its own in the test cluster, for tests that must not share the common one
 * (catalog checks, resets). `url` names it (it does not exist until reset); `drop()` removes it.
 */
export function scratchDatabase(prefix: string): { name: string; url: string; drop(): Promise<void> } {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const u = new URL(DB_URL);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    // Pools resolve end() before their sockets have closed: wait (bounded) until the
    // database has no connection left, so that `force` terminates nobody still closing
    // (a terminated client would raise an error nobody listens to any more).
    drop: () =>
      withClient(DB_URL, async (c) => {
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0]!.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`drop database if exists ${name} with (force)`);
      }),
  };
}

export function newPool(url: string = DB_URL): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // A client still closing when its database is dropped (scratch databases, `with (force)`)
  // is told "terminating connection": expected then, and no test's business.
  pool.on('error', () => {});
  return pool;
}

export async function connect(url: string = DB_URL): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

type Queryable = pg.Pool | pg.Client | pg.PoolClient;

export interface TestUser {
  id: string;
  email: string;
  sessionId: string;
}

export interface CreateUserOptions {
  userMeta?: Record<string, unknown>;
  appMeta?: Record<string, unknown>;
  /** Insert an auth.sessions row (default true). */
  session?: boolean;
}

/**
 * Runs `fn` in a transaction on one client of the pool: committed when `fn` resolves (or
 * rolled back, with `end: 'rollback'`), always rolled back when it throws.
 */
export async function inTransaction<T>(
  db: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  end: 'commit' | 'rollback' = 'commit',
): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('begin');
    const out = await fn(client);
    await client.query(end);
    return out;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Creates a user as GoTrue does (role supabase_auth_admin: auth.users + auth.identities),
 * plus a live session row whose id goes into the test JWT claims.
 */
export async function createUser(db: pg.Pool, opts: CreateUserOptions = {}): Promise<TestUser> {
  const id = randomUUID();
  const email = `u-${id}@test.example`;
  const sessionId = randomUUID();
  await inTransaction(db, async (client) => {
    await client.query('set local role supabase_auth_admin');
    await insertAuthUser(client, { id, email, userMeta: opts.userMeta, appMeta: opts.appMeta });
    if (opts.session !== false) {
      await client.query(`insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`, [
        sessionId,
        id,
      ]);
    }
  });
  return { id, email, sessionId };
}

/** The auth.users + auth.identities inserts of a GoTrue sign-up (caller manages the transaction). */
export async function insertAuthUser(
  client: Queryable,
  u: { id: string; email: string; userMeta?: Record<string, unknown> | undefined; appMeta?: Record<string, unknown> | undefined },
): Promise<void> {
  await client.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, 'x', now(),
       $3::jsonb, $4::jsonb, now(), now())`,
    [u.id, u.email, JSON.stringify({ provider: 'email', providers: ['email'], ...(u.appMeta ?? {}) }), JSON.stringify(u.userMeta ?? {})],
  );
  await client.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
     values ($1::text, $1::uuid, jsonb_build_object('sub', $1::text, 'email', $2::text, 'email_verified', true), 'email', now(), now())`,
    [u.id, u.email],
  );
}

/** Claims of a user's access token (as GoTrue issues them). */
export function userClaims(u: TestUser, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub: u.id, role: 'authenticated', aud: 'authenticated', email: u.email, session_id: u.sessionId, ...extra };
}

export const SERVICE_CLAIMS = { role: 'service_role', iss: 'supabase-demo' };
export const ANON_CLAIMS = { role: 'anon', iss: 'supabase-demo' };

/**
 * Runs `fn` in a transaction as `role` with `claims`, as PostgREST does, then rolls back
 * (or commits when `commit` is true).
 */
export async function asRole<T>(
  db: pg.Pool,
  role: 'anon' | 'authenticated' | 'service_role',
  claims: Record<string, unknown> | null,
  fn: (c: pg.PoolClient) => Promise<T>,
  commit = false,
): Promise<T> {
  return inTransaction(
    db,
    async (c) => {
      await c.query(`set local role ${role}`);
      if (claims) await c.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
      return fn(c);
    },
    commit ? 'commit' : 'rollback',
  );
}

/** Runs one query as a role and returns its rows. */
export async function queryAs<R extends pg.QueryResultRow = Record<string, unknown>>(
  db: pg.Pool,
  role: 'anon' | 'authenticated' | 'service_role',
  claims: Record<string, unknown> | null,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  return asRole(db, role, claims, async (c) => (await c.query<R>(sql, params)).rows);
}

/** The error a promise rejects with (fails if it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<{ code?: string; message: string; hint?: string; detail?: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected the query to fail, but it succeeded');
}

/** Creates a team organization (as superuser) with the given members; the first is owner unless roles say otherwise. */
export async function createOrganization(
  db: pg.Pool,
  members: { user: TestUser; role: 'owner' | 'admin' | 'member'; joinedAt?: string }[],
  opts: { name?: string; plan?: 'free' | 'pro' | 'enterprise' } = {},
): Promise<{ id: string; name: string }> {
  const id = randomUUID();
  const name = opts.name ?? `Org ${id.slice(0, 8)}`;
  await inTransaction(db, async (c) => {
    await c.query(`insert into public.organizations (id, name, plan) values ($1, $2, $3)`, [id, name, opts.plan ?? 'free']);
    for (const m of members) {
      await c.query(
        `insert into public.memberships (organization_id, user_id, role, joined_at) values ($1, $2, $3, coalesce($4::timestamptz, now()))`,
        [id, m.user.id, m.role, m.joinedAt ?? null],
      );
    }
  });
  return { id, name };
}

export async function personalOrgId(db: Queryable, userId: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('select id from public.organizations where personal_user_id = $1', [userId]);
  if (!rows[0]) throw new Error(`no personal organization for ${userId}`);
  return rows[0].id;
}

/** Runs one query as the user (role authenticated, the user's token claims) and commits it. */
export async function commitAs<R extends pg.QueryResultRow = Record<string, unknown>>(
  db: pg.Pool,
  user: TestUser,
  sql: string,
  params: unknown[] = [],
  extraClaims: Record<string, unknown> = {},
): Promise<R[]> {
  return asRole(db, 'authenticated', userClaims(user, extraClaims), async (c) => (await c.query<R>(sql, params)).rows, true);
}

/**
 * A connection of its own with a transaction open as the user (role authenticated, the
 * user's claims), as PostgREST runs one request: for tests of concurrent requests. The
 * caller commits or rolls back and ends it.
 */
export async function beginAs(user: TestUser): Promise<pg.Client> {
  const c = await connect();
  try {
    await c.query('begin');
    await c.query('set local role authenticated');
    await c.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(userClaims(user))]);
  } catch (err) {
    await c.end();
    throw err;
  }
  return c;
}

/** Waits until the backend of `c` waits for a lock (up to ~5 s). */
export async function waitUntilBlocked(db: pg.Pool, c: pg.Client): Promise<void> {
  const pid = (c as unknown as { processID: number }).processID;
  for (let i = 0; i < 250; i++) {
    const { rows } = await db.query(`select wait_event_type from pg_stat_activity where pid = $1`, [pid]);
    if (rows[0]?.wait_event_type === 'Lock') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the session never blocked');
}

/** The organization functions: public.<name> (the API) and private.<name> (its implementation), both executable by authenticated. */
export const ORGANIZATION_FUNCTIONS = [
  'accept_invitation',
  'change_member_role',
  'create_invitation',
  'create_organization',
  'decline_invitation',
  'delete_organization',
  'get_organization',
  'leave_organization',
  'list_my_invitations',
  'list_organization_audit',
  'list_organization_invitations',
  'list_organization_members',
  'remove_member',
  'revoke_invitation',
  'set_active_organization',
  'transfer_ownership',
  'update_organization',
];

/** The process id of a client's backend. */
export const backendPid = (c: pg.Client): number => (c as unknown as { processID: number }).processID;

/**
 * Polls `probe` (every 20 ms, up to ~10 s: every test file runs in parallel, so a backend may
 * be slow to get there) until it returns something other than undefined; throws `why` otherwise.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, why: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(why);
}

/** Waits until the backend of `c` waits for a lock that the backend of `holder` holds. */
export async function waitUntilBlockedBy(db: pg.Pool, c: pg.Client, holder: pg.Client): Promise<void> {
  await pollUntil(
    async () => {
      const { rows } = await db.query<{ by: number[] }>('select pg_blocking_pids($1) as by', [backendPid(c)]);
      return rows[0]?.by.includes(backendPid(holder)) ? true : undefined;
    },
    `session ${backendPid(c)} never blocked on session ${backendPid(holder)}`,
  );
}

/**
 * A barrier for concurrent transactions, so that they overlap for certain instead of by
 * timing: the test holds an advisory lock (two random keys) exclusively in a transaction of
 * its own; each transaction under test calls `pass(c)`, which takes the same lock shared for
 * the rest of its transaction and so waits there. `waiting(db, clients)` resolves once every
 * one of them waits on the barrier (and fails if they never all do); `release()` ends the
 * holder's transaction and lets them all through at once. `close()` (for `finally`) releases
 * and disconnects the holder if that has not happened yet.
 */
export interface Barrier {
  pass(c: pg.Client): Promise<void>;
  /** The backends among `pids` waiting on this barrier right now. */
  waitingPids(db: pg.Pool, pids: number[]): Promise<number[]>;
  waiting(db: pg.Pool, clients: pg.Client[]): Promise<void>;
  release(): Promise<void>;
  close(): Promise<void>;
}

export async function holdBarrier(): Promise<Barrier> {
  const keys = [1 + Math.floor(Math.random() * 0x7ffffffe), 1 + Math.floor(Math.random() * 0x7ffffffe)];
  const holder = await connect();
  let open = true;
  try {
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock($1::int, $2::int)', keys);
  } catch (err) {
    await holder.end();
    throw err;
  }
  const release = async () => {
    if (!open) return;
    open = false;
    try {
      await holder.query('commit');
    } finally {
      await holder.end();
    }
  };
  const waitingPids = async (db: pg.Pool, pids: number[]) => {
    // Two int4 keys: classid and objid hold them, objsubid is 2.
    const { rows } = await db.query<{ pid: number }>(
      `select pid from pg_locks
       where locktype = 'advisory' and classid = $1::int::oid and objid = $2::int::oid and objsubid = 2
         and not granted and pid = any($3::int[])`,
      [...keys, pids],
    );
    return rows.map((r) => r.pid);
  };
  return {
    pass: async (c) => void (await c.query('select pg_advisory_xact_lock_shared($1::int, $2::int)', keys)),
    waitingPids,
    waiting: async (db, clients) => {
      const pids = clients.map(backendPid);
      await pollUntil(
        async () => ((await waitingPids(db, pids)).length === pids.length ? true : undefined),
        `not all of sessions ${pids.join(', ')} reached the barrier`,
      );
    },
    release,
    close: release,
  };
}

/**
 * The functions of organization API keys and webhooks that users call (owner/admin):
 * public.<name> and private.<name>, both executable by authenticated only.
 */
export const INTEGRATION_FUNCTIONS = [
  'create_api_key',
  'create_webhook',
  'delete_webhook',
  'list_api_keys',
  'list_webhook_deliveries',
  'list_webhooks',
  'revoke_api_key',
];

/**
 * The functions the worker calls with the secret key for API keys (with the presented key's
 * hash) and webhook deliveries: public.<name> and private.<name>, executable by service_role only.
 */
export const SERVICE_INTEGRATION_FUNCTIONS = [
  'api_key_authenticate',
  'key_change_member_role',
  'key_create_invitation',
  'key_get_organization',
  'key_list_audit',
  'key_list_invitations',
  'key_list_members',
  'key_remove_member',
  'key_revoke_invitation',
  'webhook_event_targets',
  'webhook_pending_events',
  'webhook_record_delivery',
  'webhook_targets_alive',
];

/** Runs one query as service_role (the secret key) and commits it. */
export async function commitAsService<R extends pg.QueryResultRow = Record<string, unknown>>(
  db: pg.Pool,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  return asRole(db, 'service_role', SERVICE_CLAIMS, async (c) => (await c.query<R>(sql, params)).rows, true);
}

/**
 * A connection of its own with a transaction open as service_role, as PostgREST runs a
 * request made with the secret key: for tests of concurrent requests. The caller commits or
 * rolls back and ends it.
 */
export async function beginAsService(): Promise<pg.Client> {
  const c = await connect();
  try {
    await c.query('begin');
    await c.query('set local role service_role');
    await c.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(SERVICE_CLAIMS)]);
  } catch (err) {
    await c.end();
    throw err;
  }
  return c;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A new organization API key as the worker makes one: `eak_` + 40 base62 characters, its hex SHA-256 and its prefix. */
export function newApiKey(): { key: string; hash: string; prefix: string } {
  const key = `eak_${Array.from(randomBytes(40), (b) => BASE62[b % 62]).join('')}`;
  return { key, hash: createHash('sha256').update(key).digest('hex'), prefix: key.slice(0, 12) };
}

/** A new webhook signing secret as the worker makes one: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}
