/**
 * MFA recovery codes against the auth stand-in, driven by supabase-js's own experimental
 * `auth.mfa.recoveryCodes.*` (`auth: { experimental: { recoveryCodes: true } }`): generate
 * needs another verified factor and `aal2`; 10 distinct codes in canonical form, shown
 * once, a `recovery_code` factor in the user object; verify from an `aal1` session gives
 * `aal2` with amr `mfa/recovery_code`; a code works once, also when requests race for it;
 * wrong codes are refused; case, whitespace and dashes do not matter; regenerate kills the
 * old codes; getStatus counts what is left; unenroll, and the set going with the user's
 * last TOTP factor; the on/off switch; only hashes in the database, and the table and
 * factor type added to a database whose mfa section predates them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { Secret, TOTP } from 'otpauth';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { upgradeAuthSchema } from '../../local/auth/schema.ts';
import { loadProjectConfig } from '../../local/config.ts';
import { TEST_STACK } from '../setup/stack-config.ts';
import { authFetch, PASSWORD, sql, startAuthServer, uniqueEmail } from './helpers/auth.ts';

interface Claims {
  aal: string;
  amr: { method: string; timestamp: number }[];
  session_id: string;
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Claims;

/** A supabase-js client with the recovery codes API switched on (session kept in memory). */
function client(url: string = TEST_STACK.apiUrl): SupabaseClient {
  return createClient(url, TEST_STACK.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, experimental: { recoveryCodes: true } },
  });
}

/** A signed-up user and its signed-in client (`aal1`). */
async function newUser(): Promise<{ email: string; client: SupabaseClient; userId: string }> {
  const email = uniqueEmail('mfarc');
  const c = client();
  const { data, error } = await c.auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  return { email, client: c, userId: data.user!.id };
}

/** Another signed-in client of the same user (a second device, `aal1`). */
async function signIn(email: string, url?: string): Promise<SupabaseClient> {
  const c = client(url);
  const { error } = await c.auth.signInWithPassword({ email, password: PASSWORD });
  if (error) throw error;
  return c;
}

/** Enrolls and verifies a TOTP factor: the client's session is then `aal2`. */
async function enrollTotp(c: SupabaseClient): Promise<{ id: string }> {
  const { data, error } = await c.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'phone app' });
  if (error) throw error;
  const code = new TOTP({ secret: Secret.fromBase32(data.totp.secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
  const verified = await c.auth.mfa.challengeAndVerify({ factorId: data.id, code });
  if (verified.error) throw verified.error;
  return { id: data.id };
}

/** A user with a verified TOTP factor and a set of recovery codes; `client` is `aal2`. */
async function userWithCodes(friendlyName?: string) {
  const user = await newUser();
  const totp = await enrollTotp(user.client);
  const { data, error } = await user.client.auth.mfa.recoveryCodes.generate(friendlyName ? { friendlyName } : undefined);
  if (error) throw error;
  return { ...user, totp, set: data };
}

const accessToken = async (c: SupabaseClient) => (await c.auth.getSession()).data.session!.access_token;

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** Raw verify call (for what supabase-js serializes: parallel requests on one session). */
const rawVerify = (token: string, code: string) =>
  authFetch('/factors/recovery-codes/verify', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-supabase-api-version': '2024-01-01' },
    body: JSON.stringify({ code }),
  });

describe('generate', () => {
  it('needs another verified factor (422 mfa_recovery_codes_sole_factor), then an aal2 session (403 insufficient_aal)', async () => {
    const { email, client: c } = await newUser();
    expect((await c.auth.mfa.recoveryCodes.generate()).error).toMatchObject({ status: 422, code: 'mfa_recovery_codes_sole_factor' });
    // An unverified TOTP factor does not count.
    await c.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'pending' });
    expect((await c.auth.mfa.recoveryCodes.generate()).error).toMatchObject({ status: 422, code: 'mfa_recovery_codes_sole_factor' });

    await enrollTotp(c);
    const aal1 = await signIn(email);
    expect(claimsOf(await accessToken(aal1)).aal).toBe('aal1');
    expect((await aal1.auth.mfa.recoveryCodes.generate()).error).toMatchObject({
      status: 403,
      code: 'insufficient_aal',
      message: 'AAL2 required to enroll a new factor',
    });
    expect(
      await sql(
        `select id from auth.mfa_factors where factor_type = 'recovery_code' and user_id = (select id from auth.users where email = $1)`,
        [email],
      ),
    ).toEqual([]);

    const { data, error } = await c.auth.mfa.recoveryCodes.generate();
    expect(error).toBeNull();
    expect(data!.codes).toHaveLength(10);
  });

  it('answers 10 distinct codes in canonical form once, as a verified recovery_code factor of the user', async () => {
    const { client: c, userId, set } = await userWithCodes();
    expect(set).toEqual({
      id: expect.any(String),
      type: 'recovery_code',
      friendly_name: 'Recovery codes',
      total: 10,
      codes: expect.any(Array),
    });
    expect(new Set(set.codes).size).toBe(10);
    for (const code of set.codes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{16}$/);

    const user = (await c.auth.getUser()).data.user!;
    expect(user.factors?.find((f) => f.id === set.id)).toEqual({
      id: set.id,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      status: 'verified',
      friendly_name: 'Recovery codes',
      factor_type: 'recovery_code',
      phone: '',
      last_challenged_at: null,
    });
    const listed = (await c.auth.mfa.listFactors()).data!;
    expect(listed.recovery_code.map((f) => f.id)).toEqual([set.id]);
    expect(listed.totp).toHaveLength(1);
    expect(await sql('select user_id, factor_type, status, secret from auth.mfa_factors where id = $1', [set.id])).toEqual([
      { user_id: userId, factor_type: 'recovery_code', status: 'verified', secret: null },
    ]);

    // One set per user: a second generate is refused; regenerate is the way.
    expect((await c.auth.mfa.recoveryCodes.generate()).error).toMatchObject({ status: 422, code: 'mfa_verified_factor_exists' });
    expect(await sql('select count(*)::int as n from auth.mfa_recovery_codes where factor_id = $1', [set.id])).toEqual([{ n: 10 }]);
  });

  it('takes the friendly name from the request; a name another factor has is 422 mfa_factor_name_conflict', async () => {
    const { set } = await userWithCodes('Backup codes');
    expect(set.friendly_name).toBe('Backup codes');
    const other = await newUser();
    await enrollTotp(other.client);
    expect((await other.client.auth.mfa.recoveryCodes.generate({ friendlyName: 'phone app' })).error).toMatchObject({
      status: 422,
      code: 'mfa_factor_name_conflict',
    });
  });

  it('stores no code in clear: only the SHA-256 of each', async () => {
    const { set } = await userWithCodes();
    const rows = await sql<{ code_hash: string; used_at: Date | null }>(
      'select code_hash, used_at from auth.mfa_recovery_codes where factor_id = $1',
      [set.id],
    );
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.code_hash).sort()).toEqual(set.codes.map(sha256).sort());
    expect(rows.every((r) => r.used_at === null)).toBe(true);
    // No column of the set's rows, nor of its factor, holds a code.
    const everything = JSON.stringify([
      await sql('select * from auth.mfa_recovery_codes where factor_id = $1', [set.id]),
      await sql('select * from auth.mfa_factors where id = $1', [set.id]),
    ]);
    for (const code of set.codes) expect(everything).not.toContain(code);
  });
});

describe('verify', () => {
  it('raises an aal1 session to aal2 with amr mfa/recovery_code; other aal1 sessions end', async () => {
    const { email, userId, set } = await userWithCodes();
    const device = await signIn(email);
    const bystander = await signIn(email);
    const bystanderToken = await accessToken(bystander);
    const before = claimsOf(await accessToken(device));
    expect(before.aal).toBe('aal1');
    expect((await device.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });

    const { data, error } = await device.auth.mfa.recoveryCodes.verify({ code: set.codes[0]! });
    expect(error).toBeNull();
    expect(data).toMatchObject({ token_type: 'bearer', refresh_token: expect.any(String), user: { id: userId } });
    const claims = claimsOf(data!.access_token);
    expect(claims.aal).toBe('aal2');
    expect(claims.session_id).toBe(before.session_id);
    expect(claims.amr.map((a) => a.method)).toEqual(['mfa/recovery_code', 'password']);
    expect(data!.user.factors?.map((f) => f.factor_type).sort()).toEqual(['recovery_code', 'totp']);

    // supabase-js keeps the new session and reads its level from it.
    const level = (await device.auth.mfa.getAuthenticatorAssuranceLevel()).data!;
    expect(level).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    expect((level.currentAuthenticationMethods as { method: string }[]).map((a) => a.method)).toContain('mfa/recovery_code');
    expect(await sql('select aal::text, factor_id from auth.sessions where id = $1', [claims.session_id])).toEqual([
      { aal: 'aal2', factor_id: set.id },
    ]);
    const refreshed = await device.auth.refreshSession();
    expect(claimsOf(refreshed.data.session!.access_token).aal).toBe('aal2');

    const gone = await authFetch('/user', { headers: { authorization: `Bearer ${bystanderToken}` } });
    expect(gone.status).toBe(403);
    expect(await gone.json()).toMatchObject({ error_code: 'session_not_found' });
  });

  it('uses a code once; getStatus counts what is left', async () => {
    const { email, client: c, set } = await userWithCodes();
    expect((await c.auth.mfa.recoveryCodes.getStatus()).data).toEqual({ id: set.id, type: 'recovery_code', total: 10, remaining: 10 });
    const first = await signIn(email);
    expect((await first.auth.mfa.recoveryCodes.verify({ code: set.codes[3]! })).error).toBeNull();
    const second = await signIn(email);
    // getStatus works at aal1.
    expect((await second.auth.mfa.recoveryCodes.getStatus()).data).toMatchObject({ total: 10, remaining: 9 });
    expect((await second.auth.mfa.recoveryCodes.verify({ code: set.codes[3]! })).error).toMatchObject({
      status: 422,
      code: 'mfa_verification_failed',
      message: 'Invalid recovery code entered',
    });
    expect(claimsOf(await accessToken(second)).aal).toBe('aal1');
    expect((await second.auth.mfa.recoveryCodes.verify({ code: set.codes[4]! })).error).toBeNull();
    expect((await second.auth.mfa.recoveryCodes.getStatus()).data).toMatchObject({ total: 10, remaining: 8 });
    const used = await sql<{ code_hash: string }>(
      'select code_hash from auth.mfa_recovery_codes where factor_id = $1 and used_at is not null order by used_at',
      [set.id],
    );
    expect(used.map((r) => r.code_hash)).toEqual([sha256(set.codes[3]!), sha256(set.codes[4]!)]);
  });

  it('lets exactly one of many parallel uses of one code succeed', async () => {
    const { email, set } = await userWithCodes();
    const token = await accessToken(await signIn(email));
    // Hold the code's row so that every request is certainly in flight, inside its
    // transaction, before any of them may go on; then let them all race.
    const holder = new pg.Client({ connectionString: TEST_STACK.databaseUrl });
    await holder.connect();
    let pending: Promise<Response>[] = [];
    try {
      await holder.query('begin');
      await holder.query('select id from auth.mfa_recovery_codes where factor_id = $1 and code_hash = $2 for update', [
        set.id,
        sha256(set.codes[7]!),
      ]);
      const holderPid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      pending = Array.from({ length: 6 }, () => rawVerify(token, set.codes[7]!));
      // Every backend waiting behind the holder, directly or behind another waiter (row lock queues).
      const waiting = async () =>
        (
          await sql<{ n: number }>(
            `with recursive behind (pid) as (
               select $1::int
               union
               select a.pid from pg_stat_activity a join behind b on b.pid = any (pg_blocking_pids(a.pid)))
             select count(*)::int - 1 as n from behind`,
            [holderPid],
          )
        )[0]!.n;
      for (let i = 0; i < 200 && (await waiting()) < 6; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await waiting()).toBe(6);
    } finally {
      await holder.query('commit').catch(() => {});
      await holder.end();
    }
    const responses = await Promise.all(pending);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { code?: string; access_token?: string }[];
    expect(responses.map((r) => r.status).sort()).toEqual([200, 422, 422, 422, 422, 422]);
    for (const body of bodies.filter((_, i) => responses[i]!.status === 422)) expect(body.code).toBe('mfa_verification_failed');
    const winner = bodies[responses.findIndex((r) => r.status === 200)]!;
    expect(claimsOf(winner.access_token!).aal).toBe('aal2');
    expect(
      await sql('select count(*)::int as n from auth.mfa_recovery_codes where factor_id = $1 and used_at is not null', [set.id]),
    ).toEqual([{ n: 1 }]);
  });

  it('refuses wrong codes, an empty one and another user’s with 422 mfa_verification_failed', async () => {
    const { email, set } = await userWithCodes();
    const other = await userWithCodes();
    const c = await signIn(email);
    const wrong = set.codes[0]!.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a'));
    for (const code of [wrong, set.codes[0]!.slice(1), '', ' - ', other.set.codes[0]!]) {
      expect((await c.auth.mfa.recoveryCodes.verify({ code })).error).toMatchObject({ status: 422, code: 'mfa_verification_failed' });
    }
    expect(claimsOf(await accessToken(c)).aal).toBe('aal1');
    expect((await c.auth.mfa.recoveryCodes.getStatus()).data).toMatchObject({ remaining: 10 });
  });

  it('ignores letter case, whitespace and dashes', async () => {
    const { email, set } = await userWithCodes();
    const [a, b, c] = [set.codes[0]!, set.codes[1]!, set.codes[2]!];
    const variants = [
      a.toUpperCase().match(/.{4}/g)!.join('-'),
      ` ${b.slice(0, 8)}\t${b.slice(8).toUpperCase()} \n`,
      `${c.slice(0, 3)}--${c.slice(3, 9)} - ${c.slice(9)}`,
    ];
    for (const code of variants) {
      const device = await signIn(email);
      const { data, error } = await device.auth.mfa.recoveryCodes.verify({ code });
      expect(error).toBeNull();
      expect(claimsOf(data!.access_token).aal).toBe('aal2');
    }
    expect(
      await sql('select count(*)::int as n from auth.mfa_recovery_codes where factor_id = $1 and used_at is not null', [set.id]),
    ).toEqual([{ n: 3 }]);
  });

  it('answers 404 mfa_factor_not_found to a user without recovery codes; a challenge of the factor is 400', async () => {
    const { client: c } = await newUser();
    await enrollTotp(c);
    expect((await c.auth.mfa.recoveryCodes.verify({ code: 'abcd' })).error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
    expect((await c.auth.mfa.recoveryCodes.getStatus()).error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
    expect((await c.auth.mfa.recoveryCodes.regenerate()).error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
    expect((await c.auth.mfa.recoveryCodes.unenroll()).error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });

    const { set, client: owner } = await userWithCodes();
    expect((await owner.auth.mfa.challenge({ factorId: set.id })).error).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

describe('regenerate', () => {
  it('replaces every code (the old ones die), keeps the factor’s id and name, needs aal2', async () => {
    const { email, client: c, set } = await userWithCodes('Paper codes');
    const aal1 = await signIn(email);
    expect((await aal1.auth.mfa.recoveryCodes.verify({ code: set.codes[0]! })).error).toBeNull();
    const stillAal1 = await signIn(email);
    expect((await stillAal1.auth.mfa.recoveryCodes.regenerate()).error).toMatchObject({ status: 403, code: 'insufficient_aal' });

    const { data, error } = await c.auth.mfa.recoveryCodes.regenerate();
    expect(error).toBeNull();
    expect(data).toEqual({ id: set.id, type: 'recovery_code', friendly_name: 'Paper codes', total: 10, codes: expect.any(Array) });
    expect(data!.codes.filter((code) => set.codes.includes(code))).toEqual([]);
    expect((await c.auth.mfa.recoveryCodes.getStatus()).data).toEqual({ id: set.id, type: 'recovery_code', total: 10, remaining: 10 });

    const device = await signIn(email);
    expect((await device.auth.mfa.recoveryCodes.verify({ code: set.codes[1]! })).error).toMatchObject({
      status: 422,
      code: 'mfa_verification_failed',
    });
    expect((await device.auth.mfa.recoveryCodes.verify({ code: data!.codes[1]! })).error).toBeNull();
    const hashes = await sql<{ code_hash: string }>('select code_hash from auth.mfa_recovery_codes where factor_id = $1', [set.id]);
    expect(hashes.map((r) => r.code_hash).sort()).toEqual(data!.codes.map(sha256).sort());
  });
});

describe('removing the codes', () => {
  it('unenroll needs aal2 (422 insufficient_aal); sessions the codes raised drop to aal1', async () => {
    const { email, client: c, set } = await userWithCodes();
    const device = await signIn(email);
    expect((await device.auth.mfa.recoveryCodes.unenroll()).error).toMatchObject({ status: 422, code: 'insufficient_aal' });
    expect((await device.auth.mfa.recoveryCodes.verify({ code: set.codes[0]! })).error).toBeNull();
    const raisedSession = claimsOf(await accessToken(device)).session_id;

    const { data, error } = await c.auth.mfa.recoveryCodes.unenroll();
    expect(error).toBeNull();
    expect(data).toEqual({ id: set.id });
    expect(await sql('select id from auth.mfa_recovery_codes where factor_id = $1', [set.id])).toEqual([]);
    expect(await sql('select aal::text, factor_id from auth.sessions where id = $1', [raisedSession])).toEqual([
      { aal: 'aal1', factor_id: null },
    ]);
    const refreshed = await device.auth.refreshSession();
    expect(claimsOf(refreshed.data.session!.access_token)).toMatchObject({
      aal: 'aal1',
      amr: [expect.objectContaining({ method: 'password' })],
    });
    expect((await c.auth.mfa.recoveryCodes.getStatus()).error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
  });

  it('go with the user’s last verified TOTP factor: recovery codes are never the only factor', async () => {
    const { email, client: c, totp, set } = await userWithCodes();
    const { error } = await c.auth.mfa.unenroll({ factorId: totp.id });
    expect(error).toBeNull();
    expect(await sql('select id from auth.mfa_factors where id = $1', [set.id])).toEqual([]);
    expect(await sql('select id from auth.mfa_recovery_codes where factor_id = $1', [set.id])).toEqual([]);
    const device = await signIn(email);
    expect((await device.auth.mfa.recoveryCodes.verify({ code: set.codes[0]! })).error).toMatchObject({
      status: 404,
      code: 'mfa_factor_not_found',
    });
    expect((await device.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal1' });
  });

  it('stay while another verified TOTP factor is left', async () => {
    const { client: c, set } = await userWithCodes();
    const { data: second } = await c.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'tablet' });
    const code = new TOTP({ secret: Secret.fromBase32(second!.totp.secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
    expect((await c.auth.mfa.challengeAndVerify({ factorId: second!.id, code })).error).toBeNull();
    expect((await c.auth.mfa.unenroll({ factorId: second!.id })).error).toBeNull();
    expect((await c.auth.mfa.recoveryCodes.getStatus()).data).toMatchObject({ id: set.id, remaining: 10 });
  });
});

describe('[auth.mfa.recovery_codes] in config.toml', () => {
  const load = (toml: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-rc-config-'));
    try {
      fs.mkdirSync(path.join(dir, 'supabase'));
      fs.writeFileSync(path.join(dir, 'supabase', 'config.toml'), toml);
      return loadProjectConfig(dir).auth.mfa.recoveryCodes;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reads enabled (off when left out); the project turns it on', () => {
    expect(load('')).toEqual({ enabled: false });
    expect(load('[auth.mfa.recovery_codes]\nenabled = true\n')).toEqual({ enabled: true });
    expect(loadProjectConfig(process.cwd()).auth.mfa.recoveryCodes).toEqual({ enabled: true });
  });

  it('off: 422 mfa_recovery_codes_enroll_not_enabled, and mfa_recovery_codes_verify_not_enabled for verify', async () => {
    const { email, set } = await userWithCodes();
    const base = loadProjectConfig(process.cwd()).auth.mfa;
    const off = await startAuthServer({ mfa: { ...base, recoveryCodes: { enabled: false } } });
    const there = await signIn(email, off.url);
    const enroll = { status: 422, code: 'mfa_recovery_codes_enroll_not_enabled' };
    expect((await there.auth.mfa.recoveryCodes.generate()).error).toMatchObject(enroll);
    expect((await there.auth.mfa.recoveryCodes.regenerate()).error).toMatchObject(enroll);
    expect((await there.auth.mfa.recoveryCodes.getStatus()).error).toMatchObject(enroll);
    expect((await there.auth.mfa.recoveryCodes.unenroll()).error).toMatchObject(enroll);
    expect((await there.auth.mfa.recoveryCodes.verify({ code: set.codes[0]! })).error).toMatchObject({
      status: 422,
      code: 'mfa_recovery_codes_verify_not_enabled',
    });
    expect(await sql('select count(*)::int as n from auth.mfa_recovery_codes where factor_id = $1 and used_at is null', [set.id])).toEqual([
      { n: 10 },
    ]);
  });
});

describe('schema', () => {
  it('owns the codes table as the auth server’s role, granted to postgres and service_role; factor_type has recovery_code', async () => {
    expect(await sql(`select tableowner as owner from pg_tables where schemaname = 'auth' and tablename = 'mfa_recovery_codes'`)).toEqual([
      { owner: 'supabase_auth_admin' },
    ]);
    expect(
      await sql(
        `select has_table_privilege('postgres', 'auth.mfa_recovery_codes', 'select') as postgres,
                has_table_privilege('service_role', 'auth.mfa_recovery_codes', 'select') as service_role,
                has_table_privilege('authenticated', 'auth.mfa_recovery_codes', 'select') as authenticated`,
      ),
    ).toEqual([{ postgres: true, service_role: true, authenticated: false }]);
    const labels = await sql<{ label: string }>(
      `select e.enumlabel as label from pg_enum e join pg_type t on t.oid = e.enumtypid join pg_namespace n on n.oid = t.typnamespace
        where n.nspname = 'auth' and t.typname = 'factor_type' order by e.enumsortorder`,
    );
    expect(labels.map((l) => l.label)).toEqual(['totp', 'webauthn', 'phone', 'recovery_code']);
  });

  it('is added to a database whose mfa section predates recovery codes, when the auth server starts (idempotently)', async () => {
    const name = `mfa_rc_upgrade_${crypto.randomUUID().slice(0, 8)}`;
    const url = (user: string) => {
      const u = new URL(TEST_STACK.databaseUrl);
      u.username = user;
      u.password = 'postgres';
      u.pathname = `/${name}`;
      return u.toString();
    };
    await sql(`create database ${name} template template0`);
    try {
      const bootstrap = fs.readFileSync(path.join(process.cwd(), 'local', 'sql', 'bootstrap.sql'), 'utf8');
      // The bootstrap as it was before recovery codes: the mfa section without its last part.
      const older = bootstrap.replace(/\n-- MFA recovery codes[\s\S]*?(?=-- end: mfa\n)/, '\n');
      expect(older).not.toContain('recovery_code');
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`begin; ${older}; commit;`);
        const enumLabels = `select array_agg(e.enumlabel::text order by e.enumsortorder) as labels
            from pg_enum e join pg_type t on t.oid = e.enumtypid join pg_namespace n on n.oid = t.typnamespace
           where n.nspname = 'auth' and t.typname = 'factor_type'`;
        expect((await admin.query(enumLabels)).rows).toEqual([{ labels: ['totp', 'webauthn', 'phone'] }]);
        const pool = new pg.Pool({ connectionString: url('supabase_auth_admin'), max: 2 });
        try {
          await Promise.all([upgradeAuthSchema(pool), upgradeAuthSchema(pool)]);
          await upgradeAuthSchema(pool);
          // The new label is usable once the upgrade committed.
          const user = crypto.randomUUID();
          await pool.query(`insert into auth.users (id, email, created_at, updated_at) values ($1, 'u@example.com', now(), now())`, [user]);
          await pool.query(
            `insert into auth.mfa_factors (id, user_id, factor_type, status, created_at, updated_at)
             values ($1, $2, 'recovery_code', 'verified', now(), now())`,
            [crypto.randomUUID(), user],
          );
        } finally {
          await pool.end();
        }
        expect((await admin.query(enumLabels)).rows).toEqual([{ labels: ['totp', 'webauthn', 'phone', 'recovery_code'] }]);
        const { rows } = await admin.query(
          `select pg_get_userbyid(c.relowner) as owner, has_table_privilege('service_role', c.oid, 'select') as service_role
             from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'auth' and c.relname = 'mfa_recovery_codes'`,
        );
        expect(rows).toEqual([{ owner: 'supabase_auth_admin', service_role: true }]);
      } finally {
        await admin.end();
      }
    } finally {
      // Let the closed connections leave before the drop (a forced drop would kill them mid-close).
      for (let i = 0; i < 100; i++) {
        const [open] = await sql<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (open!.n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await sql(`drop database if exists ${name} with (force)`);
    }
  });
});
