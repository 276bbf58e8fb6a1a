/**
 * TOTP second factors against the auth stand-in, driven by supabase-js's own `auth.mfa.*`
 * and `auth.admin.mfa.*` (GoTrue's `/factors` API): enroll (QR code, secret, otpauth URI;
 * GoTrue's friendly-name, aal and on/off checks), challenge, verify with a code from the
 * TOTP library (an `aal2` token whose amr is totp then password, the factor verified, the
 * user's `aal1` sessions ended), the challenge's single use, IP binding and expiry, wrong
 * codes, unenroll (needs `aal2`; afterwards a refresh gives `aal1`), factors in the user
 * object, the admin factor routes, and the tables GoTrue keeps them in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { Secret, TOTP } from 'otpauth';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { upgradeAuthSchema } from '../../local/auth/schema.ts';
import { loadProjectConfig } from '../../local/config.ts';
import { TEST_STACK } from '../setup/stack-config.ts';
import { adminClient, anonClient, authFetch, PASSWORD, sql, startAuthServer, uniqueEmail } from './helpers/auth.ts';

interface Claims {
  aal: string;
  amr: { method: string; timestamp: number }[];
  session_id: string;
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Claims;

/** The code an authenticator app shows now for `secret`, shifted by `steps` periods. */
function codeFor(secret: string, steps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/** A signed-in supabase-js client (session kept in memory) for a new user. */
async function newUser(url?: string): Promise<{ email: string; client: SupabaseClient; userId: string }> {
  const email = uniqueEmail('mfa');
  const client = anonClient(url);
  const { data, error } = await client.auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  return { email, client, userId: data.user!.id };
}

/** Another signed-in client of the same user (a second device). */
async function signIn(email: string, url?: string): Promise<SupabaseClient> {
  const client = anonClient(url);
  const { error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
  if (error) throw error;
  return client;
}

async function enroll(client: SupabaseClient, friendlyName?: string) {
  const { data, error } = await client.auth.mfa.enroll({ factorType: 'totp', ...(friendlyName ? { friendlyName } : {}) });
  if (error) throw error;
  return data;
}

/** Enrolls and verifies a factor: the client's session is then `aal2`. */
async function enrollVerified(client: SupabaseClient) {
  const factor = await enroll(client, 'phone app');
  const { error } = await client.auth.mfa.challengeAndVerify({ factorId: factor.id, code: codeFor(factor.totp.secret) });
  if (error) throw error;
  return factor;
}

const accessToken = async (client: SupabaseClient) => (await client.auth.getSession()).data.session!.access_token;

describe('enroll', () => {
  it('answers as GoTrue: an unverified factor, a base32 secret, its otpauth URI and an SVG QR code', async () => {
    const { email, client, userId } = await newUser();
    const factor = await enroll(client, 'my phone');
    expect(factor).toMatchObject({ id: expect.any(String), type: 'totp', friendly_name: 'my phone' });
    expect(factor.totp.secret).toMatch(/^[A-Z2-7]{32}$/);
    const issuer = new URL(loadProjectConfig(process.cwd()).auth.siteUrl).host;
    expect(factor.totp.uri).toBe(
      `otpauth://totp/${issuer}:${email}?algorithm=SHA1&digits=6&issuer=${encodeURIComponent(issuer)}&period=30&secret=${factor.totp.secret}`,
    );
    // GoTrue sends the bare SVG; supabase-js turns it into a data URL.
    expect(factor.totp.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg[\s\S]*<\/svg>\s*$/);

    const rows = await sql(
      'select user_id, friendly_name, factor_type, status, secret, last_challenged_at from auth.mfa_factors where id = $1',
      [factor.id],
    );
    expect(rows).toEqual([
      {
        user_id: userId,
        friendly_name: 'my phone',
        factor_type: 'totp',
        status: 'unverified',
        secret: factor.totp.secret,
        last_challenged_at: null,
      },
    ]);
    // In the user object (GoTrue's `factors`), but not yet among the verified ones.
    const user = (await client.auth.getUser()).data.user!;
    expect(user.factors).toEqual([
      {
        id: factor.id,
        created_at: expect.any(String),
        updated_at: expect.any(String),
        status: 'unverified',
        friendly_name: 'my phone',
        factor_type: 'totp',
        phone: '',
        last_challenged_at: null,
      },
    ]);
    const listed = (await client.auth.mfa.listFactors()).data!;
    expect(listed.all.map((f) => f.id)).toEqual([factor.id]);
    expect(listed.totp).toEqual([]);
  });

  it('takes the issuer from the request', async () => {
    const { client } = await newUser();
    const { data } = await client.auth.mfa.enroll({ factorType: 'totp', issuer: 'Edge Auth' });
    expect(data!.totp.uri).toMatch(
      /^otpauth:\/\/totp\/Edge%20Auth:mfa-[^?]+\?algorithm=SHA1&digits=6&issuer=Edge%20Auth&period=30&secret=/,
    );
  });

  it('refuses a repeated friendly name (the empty one too) with 422 mfa_factor_name_conflict', async () => {
    const { client } = await newUser();
    await enroll(client, 'laptop');
    const again = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'laptop' });
    expect(again.error).toMatchObject({
      status: 422,
      code: 'mfa_factor_name_conflict',
      message: 'A factor with the friendly name "laptop" for this user already exists',
    });
    expect((await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'tablet' })).error).toBeNull();
    expect((await client.auth.mfa.enroll({ factorType: 'totp' })).error).toBeNull();
    expect((await client.auth.mfa.enroll({ factorType: 'totp' })).error).toMatchObject({ status: 422, code: 'mfa_factor_name_conflict' });
  });

  it('needs aal2 for a new factor once one is verified (403 insufficient_aal)', async () => {
    const { email, client } = await newUser();
    await enrollVerified(client);
    const aal1 = await signIn(email);
    expect((await aal1.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'second' })).error).toMatchObject({
      status: 403,
      code: 'insufficient_aal',
      message: 'AAL2 required to enroll a new factor',
    });
    expect((await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'second' })).error).toBeNull();
  });

  it('refuses other factor types as GoTrue does when they are off, and an unknown type', async () => {
    const { client } = await newUser();
    const token = await accessToken(client);
    const post = (body: unknown) =>
      authFetch('/factors', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    expect(await (await post({ factor_type: 'phone', phone: '+14155550100' })).json()).toMatchObject({
      code: 422,
      error_code: 'mfa_phone_enroll_not_enabled',
    });
    expect(await (await post({ factor_type: 'webauthn' })).json()).toMatchObject({
      code: 422,
      error_code: 'mfa_webauthn_enroll_not_enabled',
    });
    expect(await (await post({ factor_type: 'sms' })).json()).toEqual({
      code: 400,
      error_code: 'validation_failed',
      msg: 'factor_type needs to be totp, phone, or webauthn',
    });
  });

  it('answers 422 mfa_totp_enroll_not_enabled / mfa_totp_verify_not_enabled when [auth.mfa.totp] is off', async () => {
    const { email, client } = await newUser();
    const factor = await enroll(client);
    const base = loadProjectConfig(process.cwd()).auth.mfa;
    const off = await startAuthServer({ mfa: { ...base, totp: { enrollEnabled: false, verifyEnabled: false } } });
    const there = await signIn(email, off.url);
    expect((await there.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'x' })).error).toMatchObject({
      status: 422,
      code: 'mfa_totp_enroll_not_enabled',
      message: 'MFA enroll is disabled for TOTP',
    });
    expect((await there.auth.mfa.challenge({ factorId: factor.id })).error).toMatchObject({
      status: 422,
      code: 'mfa_totp_verify_not_enabled',
    });
  });

  it('refuses an anonymous token, a factor id that is no UUID or not the caller’s', async () => {
    const { client } = await newUser();
    const other = await newUser();
    const foreign = await enroll(other.client);
    const token = await accessToken(client);
    const res = await authFetch('/factors/not-a-uuid/challenge', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 404, error_code: 'validation_failed', msg: 'factor_id must be an UUID' });
    expect((await client.auth.mfa.challenge({ factorId: foreign.id })).error).toMatchObject({
      status: 404,
      code: 'mfa_factor_not_found',
      message: 'Factor not found',
    });
    const noToken = await authFetch('/factors', { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
  });
});

describe('challenge and verify', () => {
  it('verifies: an aal2 session with amr totp then password; the factor and challenge are verified', async () => {
    const { client, userId } = await newUser();
    const before = claimsOf(await accessToken(client));
    expect(before.aal).toBe('aal1');
    const factor = await enroll(client);
    const started = Math.floor(Date.now() / 1000);
    const challenge = (await client.auth.mfa.challenge({ factorId: factor.id })).data!;
    expect(challenge).toEqual({ id: expect.any(String), type: 'totp', expires_at: expect.any(Number) });
    expect(challenge.expires_at - started).toBeGreaterThanOrEqual(299);
    expect(challenge.expires_at - started).toBeLessThanOrEqual(301);
    const [row] = await sql<{ ip: string; last: Date | null }>(
      `select host(c.ip_address) as ip, f.last_challenged_at as last
         from auth.mfa_challenges c join auth.mfa_factors f on f.id = c.factor_id where c.id = $1`,
      [challenge.id],
    );
    expect(row).toEqual({ ip: '127.0.0.1', last: expect.any(Date) });

    const { data, error } = await client.auth.mfa.verify({
      factorId: factor.id,
      challengeId: challenge.id,
      code: codeFor(factor.totp.secret),
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({ token_type: 'bearer', refresh_token: expect.any(String), user: { id: userId } });
    const claims = claimsOf(data!.access_token);
    expect(claims.aal).toBe('aal2');
    expect(claims.session_id).toBe(before.session_id);
    expect(claims.amr.map((a) => a.method)).toEqual(['totp', 'password']);
    expect(claims.amr[0]!.timestamp).toBeGreaterThanOrEqual(claims.amr[1]!.timestamp);
    // The answer's user already has the factor verified; so does supabase-js's session.
    expect((data!.user.factors ?? []).map((f) => f.status)).toEqual(['verified']);

    expect(await sql('select status from auth.mfa_factors where id = $1', [factor.id])).toEqual([{ status: 'verified' }]);
    expect(await sql('select verified_at is not null as verified from auth.mfa_challenges where id = $1', [challenge.id])).toEqual([
      { verified: true },
    ]);
    expect(await sql('select aal::text, factor_id from auth.sessions where id = $1', [claims.session_id])).toEqual([
      { aal: 'aal2', factor_id: factor.id },
    ]);

    const aal = (await client.auth.mfa.getAuthenticatorAssuranceLevel()).data!;
    expect(aal).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    const listed = (await client.auth.mfa.listFactors()).data!;
    expect(listed.totp.map((f) => f.id)).toEqual([factor.id]);
  });

  it('swaps the refresh token: the one from before the second factor no longer refreshes into aal2', async () => {
    const { client } = await newUser();
    const old = (await client.auth.getSession()).data.session!.refresh_token;
    await enrollVerified(client);
    const fresh = (await client.auth.getSession()).data.session!.refresh_token;
    expect(fresh).not.toBe(old);
    const rows = await sql<{ token: string; revoked: boolean; parent: string | null }>(
      'select token, revoked, parent from auth.refresh_tokens where token = any($1) order by id',
      [[old, fresh]],
    );
    expect(rows).toEqual([
      { token: old, revoked: true, parent: null },
      { token: fresh, revoked: false, parent: old },
    ]);
    const refreshed = await anonClient().auth.refreshSession({ refresh_token: fresh });
    expect(claimsOf(refreshed.data.session!.access_token).aal).toBe('aal2');
  });

  it('keeps aal2 through refreshes', async () => {
    const { client } = await newUser();
    await enrollVerified(client);
    const { data } = await client.auth.refreshSession();
    const claims = claimsOf(data.session!.access_token);
    expect(claims.aal).toBe('aal2');
    expect(claims.amr.map((a) => a.method)).toEqual(['totp', 'password']);
  });

  it("ends the user's other aal1 sessions", async () => {
    const { email, client } = await newUser();
    const other = await signIn(email);
    const otherToken = await accessToken(other);
    const otherRefresh = (await other.auth.getSession()).data.session!.refresh_token;
    expect((await anonClient().auth.getUser(otherToken)).error).toBeNull();
    await enrollVerified(client);
    const gone = await authFetch('/user', { headers: { authorization: `Bearer ${otherToken}` } });
    expect(gone.status).toBe(403);
    expect(await gone.json()).toMatchObject({ error_code: 'session_not_found' });
    expect((await anonClient().auth.refreshSession({ refresh_token: otherRefresh })).error).toMatchObject({
      status: 400,
      code: 'refresh_token_not_found',
    });
    // The verifying session itself lives on.
    expect((await client.auth.getUser()).error).toBeNull();
  });

  it('refuses a wrong code with 422 mfa_verification_failed; the challenge stays usable', async () => {
    const { client } = await newUser();
    const factor = await enroll(client);
    const challenge = (await client.auth.mfa.challenge({ factorId: factor.id })).data!;
    const right = codeFor(factor.totp.secret);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (const code of [wrong, codeFor(factor.totp.secret, 3), 'abcdef']) {
      const res = await client.auth.mfa.verify({ factorId: factor.id, challengeId: challenge.id, code });
      expect(res.error).toMatchObject({ status: 422, code: 'mfa_verification_failed', message: 'Invalid TOTP code entered' });
    }
    const empty = await client.auth.mfa.verify({ factorId: factor.id, challengeId: challenge.id, code: '' });
    expect(empty.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Code needs to be non-empty' });
    expect(claimsOf(await accessToken(client)).aal).toBe('aal1');
    // One period of clock skew is accepted.
    const skewed = await client.auth.mfa.verify({ factorId: factor.id, challengeId: challenge.id, code: codeFor(factor.totp.secret, -1) });
    expect(skewed.error).toBeNull();
  });

  it('uses a challenge once (422 mfa_ip_address_mismatch after); like GoTrue, the same code verifies a new challenge', async () => {
    const { client } = await newUser();
    const factor = await enroll(client);
    const code = codeFor(factor.totp.secret);
    const challenge = (await client.auth.mfa.challenge({ factorId: factor.id })).data!;
    expect((await client.auth.mfa.verify({ factorId: factor.id, challengeId: challenge.id, code })).error).toBeNull();
    const replay = await client.auth.mfa.verify({ factorId: factor.id, challengeId: challenge.id, code });
    expect(replay.error).toMatchObject({
      status: 422,
      code: 'mfa_ip_address_mismatch',
      message: 'Challenge and verify IP addresses mismatch.',
    });
    // GoTrue keeps no record of used codes (strong-auth.md's single use is the worker's own rule).
    const next = (await client.auth.mfa.challenge({ factorId: factor.id })).data!;
    expect((await client.auth.mfa.verify({ factorId: factor.id, challengeId: next.id, code })).error).toBeNull();
  });

  it("refuses another factor's challenge with 422 mfa_factor_not_found", async () => {
    const { client } = await newUser();
    const a = await enroll(client, 'a');
    const b = await enroll(client, 'b');
    const challenge = (await client.auth.mfa.challenge({ factorId: a.id })).data!;
    const res = await client.auth.mfa.verify({ factorId: b.id, challengeId: challenge.id, code: codeFor(b.totp.secret) });
    expect(res.error).toMatchObject({
      status: 422,
      code: 'mfa_factor_not_found',
      message: 'MFA factor with the provided challenge ID not found',
    });
  });

  it('refuses an expired challenge with 422 mfa_challenge_expired and deletes it', async () => {
    const { client } = await newUser();
    const factor = await enroll(client);
    const code = codeFor(factor.totp.secret);
    const young = (await client.auth.mfa.challenge({ factorId: factor.id })).data!;
    const old = (await client.auth.mfa.challenge({ factorId: factor.id })).data!;
    await sql(`update auth.mfa_challenges set created_at = now() - interval '301 seconds' where id = $1`, [old.id]);
    await sql(`update auth.mfa_challenges set created_at = now() - interval '290 seconds' where id = $1`, [young.id]);
    const res = await client.auth.mfa.verify({ factorId: factor.id, challengeId: old.id, code });
    expect(res.error).toMatchObject({
      status: 422,
      code: 'mfa_challenge_expired',
      message: `MFA challenge ${old.id} has expired, verify against another challenge or create a new challenge.`,
    });
    expect(await sql('select id from auth.mfa_challenges where id = $1', [old.id])).toEqual([]);
    expect((await client.auth.mfa.verify({ factorId: factor.id, challengeId: young.id, code })).error).toBeNull();
  });

  it('binds the challenge to the client IP (Sb-Forwarded-For with the secret key, IP forwarding on)', async () => {
    const { client } = await newUser();
    const factor = await enroll(client);
    const token = await accessToken(client);
    const call = (path: string, ip: string, body: unknown) =>
      fetch(`${TEST_STACK.forwardingApiUrl}/auth/v1${path}`, {
        method: 'POST',
        headers: {
          apikey: TEST_STACK.secretKey,
          authorization: `Bearer ${token}`,
          'sb-forwarded-for': ip,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    const challenge = (await (await call(`/factors/${factor.id}/challenge`, '203.0.113.10', {})).json()) as { id: string };
    expect(await sql('select host(ip_address) as ip from auth.mfa_challenges where id = $1', [challenge.id])).toEqual([
      { ip: '203.0.113.10' },
    ]);
    const body = { challenge_id: challenge.id, code: codeFor(factor.totp.secret) };
    const elsewhere = await call(`/factors/${factor.id}/verify`, '203.0.113.11', body);
    expect(elsewhere.status).toBe(422);
    expect(await elsewhere.json()).toMatchObject({ error_code: 'mfa_ip_address_mismatch' });
    const same = await call(`/factors/${factor.id}/verify`, '203.0.113.10', body);
    expect(same.status).toBe(200);
    expect(claimsOf(((await same.json()) as { access_token: string }).access_token).aal).toBe('aal2');
  });
});

describe('unenroll', () => {
  it('needs aal2 for a verified factor (422 insufficient_aal); afterwards a refresh gives aal1', async () => {
    const { email, client } = await newUser();
    const factor = await enrollVerified(client);
    const aal1 = await signIn(email);
    const level = (await aal1.auth.mfa.getAuthenticatorAssuranceLevel()).data!;
    expect(level).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
    expect((await aal1.auth.mfa.unenroll({ factorId: factor.id })).error).toMatchObject({
      status: 422,
      code: 'insufficient_aal',
      message: 'AAL2 required to unenroll verified factor',
    });

    const { data, error } = await client.auth.mfa.unenroll({ factorId: factor.id });
    expect(error).toBeNull();
    expect(data).toEqual({ id: factor.id });
    expect(await sql('select id from auth.mfa_factors where id = $1', [factor.id])).toEqual([]);
    const sessionId = claimsOf(await accessToken(client)).session_id;
    expect(await sql('select aal::text, factor_id from auth.sessions where id = $1', [sessionId])).toEqual([
      { aal: 'aal1', factor_id: null },
    ]);

    const refreshed = await client.auth.refreshSession();
    const claims = claimsOf(refreshed.data.session!.access_token);
    expect(claims.aal).toBe('aal1');
    expect(claims.amr.map((a) => a.method)).toEqual(['password']);
    expect((await client.auth.getUser()).data.user!.factors ?? []).toEqual([]);
  });

  it('lets an aal1 session remove an unverified factor', async () => {
    const { client } = await newUser();
    const factor = await enroll(client);
    expect((await client.auth.mfa.unenroll({ factorId: factor.id })).error).toBeNull();
  });
});

describe('the user object', () => {
  it('has no factors key without factors, as GoTrue leaves it out', async () => {
    const { client } = await newUser();
    const res = await authFetch('/user', { headers: { authorization: `Bearer ${await accessToken(client)}` } });
    expect(Object.keys((await res.json()) as object)).not.toContain('factors');
  });

  it("carries the factors in sign-in answers, so supabase-js's aal check works offline", async () => {
    const { email, client } = await newUser();
    const factor = await enrollVerified(client);
    const again = anonClient();
    const { data } = await again.auth.signInWithPassword({ email, password: PASSWORD });
    expect(data.user!.factors?.map((f) => [f.id, f.status])).toEqual([[factor.id, 'verified']]);
  });
});

describe('admin factor routes', () => {
  it('lists and deletes a user’s factors; the sessions it raised drop to aal1', async () => {
    const { client, userId } = await newUser();
    const factor = await enrollVerified(client);
    const admin = adminClient().auth.admin.mfa;
    const listed = await admin.listFactors({ userId });
    expect(listed.error).toBeNull();
    expect(listed.data!.factors.map((f) => [f.id, f.status, f.factor_type])).toEqual([[factor.id, 'verified', 'totp']]);

    const deleted = await admin.deleteFactor({ userId, id: factor.id });
    expect(deleted.error).toBeNull();
    // GoTrue answers with the deleted factor (supabase-js 2.119 nests the body in `data`).
    expect(JSON.stringify(deleted.data)).toContain(`"id":"${factor.id}"`);
    expect((await admin.listFactors({ userId })).data!.factors).toEqual([]);
    const refreshed = await client.auth.refreshSession();
    expect(claimsOf(refreshed.data.session!.access_token).aal).toBe('aal1');

    expect((await admin.deleteFactor({ userId, id: factor.id })).error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
    expect((await admin.listFactors({ userId: crypto.randomUUID() })).error).toMatchObject({ status: 404, code: 'user_not_found' });
  });

  it('refuses a user token (403 not_admin)', async () => {
    const { client, userId } = await newUser();
    const res = await authFetch(`/admin/users/${userId}/factors`, { headers: { authorization: `Bearer ${await accessToken(client)}` } });
    expect(res.status).toBe(403);
  });

  it('renames a factor (PUT)', async () => {
    const { client, userId } = await newUser();
    const factor = await enroll(client, 'old');
    const res = await authFetch(`/admin/users/${userId}/factors/${factor.id}`, {
      method: 'PUT',
      key: TEST_STACK.serviceRoleKey,
      headers: { authorization: `Bearer ${TEST_STACK.serviceRoleKey}` },
      body: JSON.stringify({ friendly_name: 'new' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: factor.id, friendly_name: 'new', status: 'unverified' });
  });
});

describe('[auth.mfa] in config.toml', () => {
  const load = (toml: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-config-'));
    try {
      fs.mkdirSync(path.join(dir, 'supabase'));
      fs.writeFileSync(path.join(dir, 'supabase', 'config.toml'), toml);
      return loadProjectConfig(dir).auth.mfa;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it("reads max_enrolled_factors and [auth.mfa.totp]; what is left out takes the CLI template's values (TOTP off)", () => {
    expect(load('')).toMatchObject({
      maxEnrolledFactors: 10,
      challengeExpiryDuration: 300,
      totp: { enrollEnabled: false, verifyEnabled: false },
    });
    expect(load('[auth.mfa]\nmax_enrolled_factors = 3\n[auth.mfa.totp]\nenroll_enabled = true\nverify_enabled = true\n')).toMatchObject({
      maxEnrolledFactors: 3,
      totp: { enrollEnabled: true, verifyEnabled: true },
    });
    expect(loadProjectConfig(process.cwd()).auth.mfa.totp).toEqual({ enrollEnabled: true, verifyEnabled: true });
  });

  it("starts with phone and WebAuthn factors enabled (auth-js's test config does), saying they are not implemented", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(() => load('[auth.mfa.phone]\nenroll_enabled = true\n')).not.toThrow();
      expect(() => load('[auth.mfa.web_authn]\nverify_enabled = true\n')).not.toThrow();
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
        expect.stringMatching(/\[auth\.mfa\.phone\] enroll_enabled = true, but the local stand-in implements TOTP factors only/),
        expect.stringMatching(/\[auth\.mfa\.web_authn\] verify_enabled = true/),
      ]);
      warn.mockClear();
      load('[auth.mfa.phone]\nenroll_enabled = false\n');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('honours max_enrolled_factors (422 too_many_enrolled_mfa_factors)', async () => {
    const { email } = await newUser();
    const base = loadProjectConfig(process.cwd()).auth.mfa;
    const two = await startAuthServer({ mfa: { ...base, maxEnrolledFactors: 2 } });
    const client = await signIn(email, two.url);
    await enroll(client, 'one');
    await enroll(client, 'two');
    expect((await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'three' })).error).toMatchObject({
      status: 422,
      code: 'too_many_enrolled_mfa_factors',
      message: 'Maximum number of verified factors reached, unenroll to continue',
    });
  });
});

describe('tables', () => {
  it("are GoTrue's, owned by the auth server's role and granted to postgres and service_role", async () => {
    const owners = await sql<{ table: string; owner: string }>(
      `select tablename as table, tableowner as owner from pg_tables
        where schemaname = 'auth' and tablename in ('mfa_factors', 'mfa_challenges', 'mfa_amr_claims') order by 1`,
    );
    expect(owners).toEqual([
      { table: 'mfa_amr_claims', owner: 'supabase_auth_admin' },
      { table: 'mfa_challenges', owner: 'supabase_auth_admin' },
      { table: 'mfa_factors', owner: 'supabase_auth_admin' },
    ]);
    const grants = await sql<{ ok: boolean }>(
      `select bool_and(has_table_privilege(r, 'auth.' || t, 'select')) as ok
         from unnest(array['postgres', 'service_role']) r, unnest(array['mfa_factors', 'mfa_challenges']) t`,
    );
    expect(grants).toEqual([{ ok: true }]);
    const enums = await sql<{ name: string; labels: string[] }>(
      `select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder)::text[] as labels
         from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
        where n.nspname = 'auth' and t.typname in ('factor_type', 'factor_status') group by 1 order by 1`,
    );
    expect(enums).toEqual([
      { name: 'factor_status', labels: ['unverified', 'verified'] },
      { name: 'factor_type', labels: ['totp', 'webauthn', 'phone', 'recovery_code'] },
    ]);
  });

  it('are added to a database bootstrapped before they existed, when the auth server starts (idempotently)', async () => {
    const name = `mfa_upgrade_${crypto.randomUUID().slice(0, 8)}`;
    const url = (user: string, db: string) => {
      const u = new URL(TEST_STACK.databaseUrl);
      u.username = user;
      u.password = 'postgres';
      u.pathname = `/${db}`;
      return u.toString();
    };
    await sql(`create database ${name} template template0`);
    try {
      const bootstrap = fs.readFileSync(path.join(process.cwd(), 'local', 'sql', 'bootstrap.sql'), 'utf8');
      const older = bootstrap.replace(/-- begin: mfa\n[\s\S]*?-- end: mfa\n/, '');
      expect(older).not.toContain('mfa_factors');
      const admin = new pg.Client({ connectionString: url('postgres', name) });
      await admin.connect();
      try {
        await admin.query(`begin; ${older}; commit;`);
        const missing = await admin.query("select to_regclass('auth.mfa_factors') as t");
        expect(missing.rows).toEqual([{ t: null }]);
        const pool = new pg.Pool({ connectionString: url('supabase_auth_admin', name), max: 2 });
        try {
          await Promise.all([upgradeAuthSchema(pool), upgradeAuthSchema(pool)]);
          await upgradeAuthSchema(pool);
        } finally {
          await pool.end();
        }
        const { rows } = await admin.query(
          `select c.relname as table, pg_get_userbyid(c.relowner) as owner,
                  has_table_privilege('service_role', c.oid, 'select') as service_role,
                  has_table_privilege('postgres', c.oid, 'delete') as postgres
             from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'auth' and c.relname in ('mfa_factors', 'mfa_challenges') order by 1`,
        );
        expect(rows).toEqual([
          { table: 'mfa_challenges', owner: 'supabase_auth_admin', service_role: true, postgres: true },
          { table: 'mfa_factors', owner: 'supabase_auth_admin', service_role: true, postgres: true },
        ]);
      } finally {
        await admin.end();
      }
    } finally {
      await sql(`drop database if exists ${name} with (force)`);
    }
  });
});
