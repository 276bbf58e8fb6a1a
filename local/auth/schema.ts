/**
 * Brings the `auth` schema of a database bootstrapped by an older stand-in up to date when
 * the auth server starts. The bootstrap (local/sql/bootstrap.sql) is applied only to a
 * fresh database, and the dev data folder survives restarts, so what was added to the
 * bootstrap later (GoTrue's `auth.mfa_factors` and `auth.mfa_challenges`, then the
 * `recovery_code` factor type and the stand-in's `auth.mfa_recovery_codes`, then GoTrue's
 * `auth.webauthn_credentials` and `auth.webauthn_challenges` for passkeys) would be
 * missing there. Their sections of the bootstrap, between `-- begin: mfa` and `-- end: mfa`
 * and between `-- begin: passkeys` and `-- end: passkeys`, are written to be idempotent,
 * and are run again here as the auth server's role (which owns the schema, as GoTrue's
 * migrations run as it), so there is one definition of the tables. The sections run in
 * one transaction: the mfa section's `alter type … add value` may, from Postgres 12 on, as
 * long as nothing uses the new label before the commit (nothing in the sections does). The role's default privileges in `auth` grant the new tables to `postgres` and
 * `service_role`, as the bootstrap's own grants do on a fresh database.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const BOOTSTRAP_SQL = fileURLToPath(new URL('../sql/bootstrap.sql', import.meta.url).href);

/** The idempotent section of the bootstrap named `name` (`-- begin: name` … `-- end: name`). */
function bootstrapSection(name: string): string {
  const text = fs.readFileSync(BOOTSTRAP_SQL, 'utf8');
  const start = text.indexOf(`-- begin: ${name}\n`);
  const end = text.indexOf(`-- end: ${name}\n`);
  if (start < 0 || end < start) throw new Error(`local/sql/bootstrap.sql has no section "${name}"`);
  return text.slice(start, end);
}

/** The idempotent sections of the bootstrap, run again in this order. */
const SECTIONS = ['mfa', 'passkeys'];

/**
 * Whether the database already has what the newest parts of the sections add: the columns
 * of GoTrue's last mfa migration, the `recovery_code` factor type, the recovery codes
 * table, and GoTrue's passkey tables.
 */
const PROBE = `select (select count(*)::int from information_schema.columns
    where table_schema = 'auth'
      and ((table_name = 'mfa_factors' and column_name = 'last_webauthn_challenge_data')
        or (table_name = 'mfa_challenges' and column_name = 'web_authn_session_data'))) = 2
  and to_regclass('auth.mfa_recovery_codes') is not null
  and exists (select 1 from pg_enum e join pg_type t on t.oid = e.enumtypid join pg_namespace n on n.oid = t.typnamespace
               where n.nspname = 'auth' and t.typname = 'factor_type' and e.enumlabel = 'recovery_code')
  and to_regclass('auth.webauthn_credentials') is not null
  and to_regclass('auth.webauthn_challenges') is not null as ok`;

/**
 * Creates what the bootstrap's idempotent sections define and the database lacks, in one
 * transaction under an advisory lock (several API servers may start on one database).
 */
export async function upgradeAuthSchema(db: pg.Pool): Promise<void> {
  const { rows } = await db.query<{ ok: boolean }>(PROBE);
  if (rows[0]?.ok === true) return;
  const client = await db.connect();
  try {
    await client.query('begin');
    await client.query("select pg_advisory_xact_lock(hashtext('local-auth-schema-upgrade'))");
    for (const section of SECTIONS) await client.query(bootstrapSection(section));
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
