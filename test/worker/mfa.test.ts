/**
 * The second factor through the worker and the stand-in (strong-auth.md): enrolling a TOTP
 * factor, verifying codes (computed here from the secret, as an authenticator app does),
 * the `mfa` block of every session, the assurance rule on every route (MFA_REQUIRED matrix:
 * each protected route × aal1/aal2 × with/without a factor, and the database refusing the
 * same aal1 token on a direct PostgREST call), wrong codes gated like passwords (counted at
 * the upstream door), codes that cannot succeed twice, removal, and the admin routes.
 */
import { env } from 'cloudflare:workers';
import * as OTPAuth from 'otpauth';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { routes } from '../../src/routes/index.ts';
import { api, loginUser, registerUser, sql } from './support/e2e.ts';
import { recordUpstream } from './support/harness.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const SERVICE = env.SUPABASE_SECRET_KEY!;

function claims(token: string): Record<string, any> {
  return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
}

/** The code an authenticator app shows for `secret`, `steps` periods from now. */
function codeFor(secret: string, steps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/** A user with a verified TOTP factor: their secret, factor id and an aal2 and an aal1 session. */
async function userWithFactor() {
  const { email, data } = await registerUser();
  const enrolled = await api('/api/v1/auth/mfa/factors', { token: data.access_token, body: { type: 'totp', friendly_name: 'Phone' } });
  expect(enrolled.status).toBe(201);
  const { id: factorId, totp } = enrolled.body.data;
  const enrolmentCode = codeFor(totp.secret);
  const verified = await api(`/api/v1/auth/mfa/factors/${factorId}/verify`, {
    token: data.access_token,
    body: { code: enrolmentCode },
  });
  expect(verified.status).toBe(200);
  const aal1 = await loginUser(email);
  return {
    email,
    userId: data.user.id as string,
    factorId: factorId as string,
    secret: totp.secret as string,
    /** The code the enrolment verified (used: a replay of it is refused, even after its period has ended). */
    enrolmentCode,
    aal2: verified.body.data,
    aal1,
  };
}

describe('enrolling and verifying a TOTP factor', () => {
  it('answers the secret, an otpauth URI and an SVG QR code; the factor is unverified until a code is verified', async () => {
    const { email, data } = await registerUser();
    const res = await api('/api/v1/auth/mfa/factors', { token: data.access_token, body: { type: 'totp', friendly_name: 'Laptop' } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ type: 'totp', friendly_name: 'Laptop' });
    expect(res.body.data.totp.secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(res.body.data.totp.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(decodeURIComponent(res.body.data.totp.uri)).toContain(email);
    expect(res.body.data.totp.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg/);
    const listed = await api('/api/v1/auth/mfa/factors', { token: data.access_token });
    expect(listed.body.data).toEqual([
      { id: res.body.data.id, type: 'totp', friendly_name: 'Laptop', status: 'unverified', created_at: expect.any(String) },
    ]);
    expect(listed.body.count).toBe(1);
  });

  it('a verified code answers an aal2 session with the mfa block; a new sign-in then needs the code', async () => {
    const { aal2, aal1, factorId } = await userWithFactor();
    expect(claims(aal2.access_token)).toMatchObject({ aal: 'aal2', mfa_enabled: true });
    expect(claims(aal2.access_token).amr.map((m: { method: string }) => m.method)).toContain('totp');
    expect(aal2.mfa).toEqual({ required: false, factors: [{ id: factorId, type: 'totp', friendly_name: 'Phone' }] });
    expect(claims(aal1.access_token)).toMatchObject({ aal: 'aal1', mfa_enabled: true });
    expect((aal1 as any).mfa).toEqual({ required: true, factors: [{ id: factorId, type: 'totp', friendly_name: 'Phone' }] });
    const me = await api('/api/v1/auth/me', { token: aal1.access_token });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ aal: 'aal1', mfa_enabled: true });
  });

  it('verifying from the aal1 sign-in raises that session; /sessions shows each session’s level', async () => {
    const { aal1, factorId, secret } = await userWithFactor();
    const res = await api(`/api/v1/auth/mfa/factors/${factorId}/verify`, { token: aal1.access_token, body: { code: codeFor(secret, 1) } });
    expect(res.status).toBe(200);
    expect(res.body.data.mfa.required).toBe(false);
    const sessions = await api('/api/v1/auth/sessions', { token: res.body.data.access_token });
    expect(sessions.status).toBe(200);
    const current = sessions.body.data.find((s: { current: boolean }) => s.current);
    expect(current.aal).toBe('aal2');
  });

  it('a user without a factor signs in at aal1 with nothing due (control)', async () => {
    const { email } = await registerUser();
    const session = (await loginUser(email)) as any;
    expect(session.mfa).toEqual({ required: false, factors: [] });
    expect(claims(session.access_token)).toMatchObject({ aal: 'aal1', mfa_enabled: false });
  });
});

describe('codes', () => {
  it('a wrong code is 401 MFA_CODE_INVALID; a code that succeeded once is refused the second time', async () => {
    const { aal1, factorId, secret, enrolmentCode } = await userWithFactor();
    const wrong = String((Number(codeFor(secret)) + 1) % 1_000_000).padStart(6, '0');
    const refused = await api(`/api/v1/auth/mfa/factors/${factorId}/verify`, { token: aal1.access_token, body: { code: wrong } });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('MFA_CODE_INVALID');
    // The code the enrolment verified was used already by userWithFactor (the one it verified, not
    // this period's again: a period may have ended since, and a new period's code is not a replay).
    const calls = recordUpstream();
    const replay = await api(`/api/v1/auth/mfa/factors/${factorId}/verify`, { token: aal1.access_token, body: { code: enrolmentCode } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('MFA_CODE_INVALID');
    expect(calls.filter((call) => call.url.includes('/factors/'))).toEqual([]); // never reached Supabase
    // The next period's code works (control), once.
    const next = await api(`/api/v1/auth/mfa/factors/${factorId}/verify`, { token: aal1.access_token, body: { code: codeFor(secret, 1) } });
    expect(next.status).toBe(200);
    const again = await api(`/api/v1/auth/mfa/factors/${factorId}/verify`, {
      token: aal1.access_token,
      body: { code: codeFor(secret, 1) },
    });
    expect(again.body.error.code).toBe('MFA_CODE_INVALID');
  });

  it('20 parallel wrong codes: at most 5 reach Supabase, the rest are 429 ACCOUNT_LOCKED; the password still works', async () => {
    const { email, aal1, factorId, secret } = await userWithFactor();
    const right = Number(codeFor(secret));
    const wrongCodes = Array.from({ length: 20 }, (_, i) => String((right + 1000 + i) % 1_000_000).padStart(6, '0'));
    const calls = recordUpstream();
    const answers = await Promise.all(
      wrongCodes.map((code) => api(`/api/v1/auth/mfa/factors/${factorId}/verify`, { token: aal1.access_token, body: { code } })),
    );
    const verifies = calls.filter((call) => call.method === 'POST' && /\/factors\/[^/]+\/verify$/.test(call.url));
    expect(verifies.length).toBeGreaterThan(0);
    expect(verifies.length).toBeLessThanOrEqual(5);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBe(verifies.length);
    expect(statuses.filter((s) => s === 429).length).toBe(20 - verifies.length);
    expect(answers.find((a) => a.status === 429)!.headers.get('Retry-After')).toMatch(/^\d+$/);
    // Locked now, even for the right code; the password lockout is a separate count.
    const locked = await api(`/api/v1/auth/mfa/factors/${factorId}/verify`, {
      token: aal1.access_token,
      body: { code: codeFor(secret, 1) },
    });
    expect(locked.status).toBe(429);
    await expect(loginUser(email)).resolves.toBeDefined();
  });

  it('refuses malformed codes before anything is counted', async () => {
    const { aal1, factorId } = await userWithFactor();
    for (const code of ['12345', '1234567', 'abcdef', '', 123456]) {
      const res = await api(`/api/v1/auth/mfa/factors/${factorId}/verify`, { token: aal1.access_token, body: { code } });
      expect(res.status, String(code)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    }
  });
});

describe('the assurance rule on every route', () => {
  let withFactor: Awaited<ReturnType<typeof userWithFactor>>;
  let without: { access_token: string };
  beforeAll(async () => {
    withFactor = await userWithFactor();
    without = await loginUser((await registerUser()).email);
  });

  const userRoutes = routes.filter(({ contract }) => ['user', 'userOrService', 'userOrKey'].includes(contract.auth));
  const allowed = userRoutes.filter(({ contract }) => contract.aal1).map(({ contract }) => `${contract.method} ${contract.path}`);
  const pathOf = (path: string) => path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

  it('the routes an aal1 token may call are exactly those of the contract', () => {
    expect(allowed.sort()).toEqual(
      [
        'get /api/v1/auth/me',
        'post /api/v1/auth/logout',
        'get /api/v1/auth/mfa/factors',
        'post /api/v1/auth/mfa/factors/:factorId/verify',
        'post /api/v1/auth/mfa/recover',
      ].sort(),
    );
  });

  it.each(userRoutes.map(({ contract }) => [`${contract.method.toUpperCase()} ${contract.path}`, contract] as const))(
    '%s: aal1 with a factor → MFA_REQUIRED unless allowed; aal2, or no factor → never',
    async (_name, contract) => {
      const request = (token: string) =>
        api(pathOf(contract.path), { method: contract.method.toUpperCase(), token, ...(contract.body ? { body: {} } : {}) });
      // Logging out spends the session it is called with: give it one of its own.
      const aal1Token = contract.path.endsWith('/logout') ? (await loginUser(withFactor.email)).access_token : withFactor.aal1.access_token;
      const aal1 = await request(aal1Token);
      if (contract.aal1) expect(aal1.body?.error?.code).not.toBe('MFA_REQUIRED');
      else expect([aal1.status, aal1.body.error.code]).toEqual([403, 'MFA_REQUIRED']);
      if (contract.method === 'get') {
        // Reads only: changes (logout, deletions) would spend the sessions of the next cases.
        const aal2 = await request(withFactor.aal2.access_token);
        expect(aal2.body?.error?.code).not.toBe('MFA_REQUIRED');
        const noFactor = await request(without.access_token);
        expect(noFactor.body?.error?.code).not.toBe('MFA_REQUIRED');
      }
    },
  );

  it('the database refuses the same aal1 token on a direct PostgREST call, and takes the aal2 one', async () => {
    const rpc = (token: string) =>
      fetch(`${env.SUPABASE_URL}/rest/v1/rpc/list_my_organizations`, {
        method: 'POST',
        headers: { apikey: env.SUPABASE_PUBLISHABLE_KEY!, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
    const refused = await rpc(withFactor.aal1.access_token);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'PT403', details: 'MFA_REQUIRED' });
    const taken = await rpc(withFactor.aal2.access_token);
    expect(taken.status).toBe(200);
  });
});

describe('recovery codes', () => {
  it('ten single-use codes at aal2; one turns an aal1 sign-in into aal2, once; a new set kills the old one', async () => {
    const { email, aal1, aal2 } = await userWithFactor();
    const created = await api('/api/v1/auth/mfa/recovery-codes', { token: aal2.access_token, method: 'POST' });
    expect(created.status).toBe(201);
    const codes: string[] = created.body.data.codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // Below aal2 nobody may see new codes.
    expect((await api('/api/v1/auth/mfa/recovery-codes', { token: aal1.access_token, method: 'POST' })).body.error.code).toBe(
      'MFA_REQUIRED',
    );

    const recovered = await api('/api/v1/auth/mfa/recover', { token: aal1.access_token, body: { code: codes[0]!.toUpperCase() } });
    expect(recovered.status).toBe(200);
    expect(claims(recovered.body.data.access_token).aal).toBe('aal2');
    expect(recovered.body.data.mfa.required).toBe(false);
    const other = await loginUser(email);
    const used = await api('/api/v1/auth/mfa/recover', { token: other.access_token, body: { code: codes[0] } });
    expect([used.status, used.body.error.code]).toEqual([401, 'MFA_CODE_INVALID']);

    const renewed = await api('/api/v1/auth/mfa/recovery-codes', { token: recovered.body.data.access_token, method: 'POST' });
    expect(renewed.status).toBe(201);
    const stale = await api('/api/v1/auth/mfa/recover', { token: other.access_token, body: { code: codes[1] } });
    expect(stale.body.error.code).toBe('MFA_CODE_INVALID');
    const fresh = await api('/api/v1/auth/mfa/recover', { token: other.access_token, body: { code: renewed.body.data.codes[0] } });
    expect(fresh.status).toBe(200);
  });

  it('without a verified factor there is nothing to stand in for: 409 CONFLICT', async () => {
    const { data } = await registerUser();
    const res = await api('/api/v1/auth/mfa/recovery-codes', { token: data.access_token, method: 'POST' });
    expect([res.status, res.body.error.code]).toEqual([409, 'CONFLICT']);
  });
});

describe('removing a factor', () => {
  it('needs aal2 for a verified factor; afterwards a password sign-in is enough again', async () => {
    const { email, aal1, aal2, factorId } = await userWithFactor();
    const refused = await api(`/api/v1/auth/mfa/factors/${factorId}`, { method: 'DELETE', token: aal1.access_token });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'MFA_REQUIRED']);
    const removed = await api(`/api/v1/auth/mfa/factors/${factorId}`, { method: 'DELETE', token: aal2.access_token });
    expect(removed.status).toBe(200);
    const session = (await loginUser(email)) as any;
    expect(session.mfa).toEqual({ required: false, factors: [] });
    expect((await api('/api/v1/auth/organizations', { token: session.access_token })).status).toBe(200);
  });
});

describe('admin factor routes', () => {
  it('list a user’s factors and remove one for a user who lost their device', async () => {
    const { email, userId, factorId } = await userWithFactor();
    const listed = await api(`/api/v1/auth/admin/users/${userId}/factors`, { token: SERVICE });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      { id: factorId, type: 'totp', friendly_name: 'Phone', status: 'verified', created_at: expect.any(String) },
    ]);
    expect(JSON.stringify(listed.body)).not.toMatch(/secret/i);
    const removed = await api(`/api/v1/auth/admin/users/${userId}/factors/${factorId}`, { method: 'DELETE', token: SERVICE });
    expect(removed.status).toBe(200);
    expect(((await loginUser(email)) as any).mfa.required).toBe(false);
    const again = await api(`/api/v1/auth/admin/users/${userId}/factors/${factorId}`, { method: 'DELETE', token: SERVICE });
    expect(again.status).toBe(404);
  });

  it('a user token is no admin credential there', async () => {
    const { userId, aal2 } = await userWithFactor();
    expect((await api(`/api/v1/auth/admin/users/${userId}/factors`, { token: aal2.access_token })).status).toBe(403);
  });
});

describe('organizations that require a second factor', () => {
  it('an owner at aal2 turns it on; members below aal2 get MFA_REQUIRED on its routes; the list still shows it', async () => {
    const owner = await userWithFactor();
    const created = await api('/api/v1/auth/organizations', { token: owner.aal2.access_token, body: { name: 'Vault Inc' } });
    expect(created.status).toBe(201);
    const orgId = created.body.data.id;
    // An admin may rename, not change the requirement; the owner below aal2 may not either.
    const turnOn = (token: string) => api(`/api/v1/auth/organizations/${orgId}`, { method: 'PATCH', token, body: { require_mfa: true } });
    expect((await turnOn(owner.aal1.access_token)).body.error.code).toBe('MFA_REQUIRED');
    const on = await turnOn(owner.aal2.access_token);
    expect(on.status).toBe(200);
    expect(on.body.data.require_mfa).toBe(true);

    const member = await registerUser();
    await sql(`insert into public.memberships (organization_id, user_id, role) values ($1, $2, 'member')`, [orgId, member.data.user.id]);
    const memberToken = member.data.access_token;
    const detail = await api(`/api/v1/auth/organizations/${orgId}`, { token: memberToken });
    expect([detail.status, detail.body.error.code]).toEqual([403, 'MFA_REQUIRED']);
    const list = await api('/api/v1/auth/organizations', { token: memberToken });
    expect(list.body.data.find((o: { id: string }) => o.id === orgId)).toMatchObject({ mfa_required: true });
    // A stranger still gets NOT_FOUND.
    const stranger = await registerUser();
    expect((await api(`/api/v1/auth/organizations/${orgId}`, { token: stranger.data.access_token })).status).toBe(404);
    // The audit log records the change.
    const audit = await api(`/api/v1/auth/organizations/${orgId}/audit`, { token: owner.aal2.access_token });
    expect(audit.body.data.map((row: { details: Record<string, unknown> }) => row.details)).toContainEqual({
      require_mfa: { from: false, to: true },
    });
  });
});
