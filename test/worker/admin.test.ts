/**
 * The admin routes through the worker against the local stack: who may call them (only
 * the service-role key), each route's success, 404 and 400 answers, and the effects that
 * matter — a ban stops logins and refuses live tokens, deleting a user keeps their team
 * organizations valid, revoking sessions kills access and refresh tokens at once, clearing
 * a lockout lets the user in again — plus the one audit line per action.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, envWith, loginUser, PASSWORD, registerUser, sql, uniqueEmail } from './support/e2e.ts';
import { captureLogs } from './support/harness.ts';

const SERVICE = env.SUPABASE_SECRET_KEY!;
const ADMIN = '/api/v1/auth/admin';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Creates a user through the admin route; returns the answer's data. */
async function adminCreate(fields: Record<string, unknown> = {}) {
  const email = (fields.email as string | undefined) ?? uniqueEmail('admin-made');
  const res = await api(`${ADMIN}/users`, { token: SERVICE, body: { email, password: PASSWORD, ...fields } });
  if (res.status !== 201) throw new Error(`admin create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { email, user: res.body.data as Record<string, any> };
}

async function orgsOf(token: string) {
  return (await api<{ id: string; name: string; role: string; is_personal_account: boolean }[]>('/api/v1/auth/organizations', { token }))
    .body.data;
}

describe('who may call the admin routes', () => {
  const someone = crypto.randomUUID();
  const routes: [string, string, unknown?][] = [
    ['GET', `${ADMIN}/users`],
    ['POST', `${ADMIN}/users`, { email: 'x@example.test', password: PASSWORD }],
    ['GET', `${ADMIN}/users/${someone}`],
    ['PATCH', `${ADMIN}/users/${someone}`, { first_name: 'X' }],
    ['DELETE', `${ADMIN}/users/${someone}`],
    ['DELETE', `${ADMIN}/users/${someone}/sessions`],
    ['POST', `${ADMIN}/lockouts/clear`, { email: 'x@example.test' }],
  ];
  let userToken: string;

  beforeAll(async () => {
    const { email } = await registerUser();
    userToken = (await loginUser(email)).access_token;
  });

  it.each(routes)('%s %s: 401 without credentials, 403 with a user token or the anon key', async (method, path, body) => {
    const none = await api(path, { method, body });
    expect(none.status).toBe(401);
    expect(none.body.error?.code).toBe('AUTH_REQUIRED');
    for (const token of [userToken, env.SUPABASE_PUBLISHABLE_KEY!, env.TEST_LEGACY_ANON_KEY!, `${SERVICE}x`]) {
      const res = await api(path, { method, body, token });
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe('FORBIDDEN');
    }
  });

  it('every admin route is in the OpenAPI document with the service-key security scheme', async () => {
    const doc = (await api('/api/v1/openapi.json')).body as unknown as { paths: Record<string, Record<string, { security: unknown }>> };
    for (const [method, path] of routes) {
      const op = doc.paths[path.replace(someone, '{userId}')]?.[method.toLowerCase()];
      expect(op?.security, `${method} ${path}`).toEqual([{ serviceKey: [] }]);
    }
  });
});

describe('GET /admin/users', () => {
  it('pages with defaults (page 1, 50 per page) and reports the total', async () => {
    await adminCreate();
    const res = await api(`${ADMIN}/users`, { token: SERVICE });
    expect(res.status).toBe(200);
    const { users, page, per_page, total } = res.body.data;
    expect(page).toBe(1);
    expect(per_page).toBe(50);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(users.length).toBe(Math.min(50, total));
    expect(res.body.count).toBe(users.length);
    expect(res.body.message).toBe(`Retrieved ${users.length} users`);
    expect(Object.keys(users[0]).sort()).toEqual(
      ['banned', 'banned_until', 'created_at', 'email', 'email_verified', 'first_name', 'id', 'last_name', 'last_sign_in_at'].sort(),
    );
  });

  it('shows names from the profile and the verification state', async () => {
    const { user } = await adminCreate({ first_name: ' Ada ', last_name: 'Lovelace', email_confirmed: false });
    const res = await api(`${ADMIN}/users?per_page=1000`, { token: SERVICE });
    const listed = (res.body.data.users as any[]).find((u) => u.id === user.id);
    expect(listed).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', email_verified: false, banned: false, banned_until: null });
  });

  it('a page past the end is empty', async () => {
    const res = await api(`${ADMIN}/users?page=999999&per_page=1000`, { token: SERVICE });
    expect(res.status).toBe(200);
    expect(res.body.data.users).toEqual([]);
    expect(res.body.count).toBe(0);
  });

  it.each([
    ['page=0', 'page', 'must be at least 1'],
    ['per_page=0', 'per_page', 'must be at least 1'],
    ['per_page=1001', 'per_page', 'must be at most 1000'],
    ['per_page=abc', 'per_page', 'must be a whole number'],
    ['page=-1', 'page', 'must be a whole number'],
    ['page=1.5', 'page', 'must be a whole number'],
  ])('400 VALIDATION_ERROR for %s', async (query, path, message) => {
    const res = await api(`${ADMIN}/users?${query}`, { token: SERVICE });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_ERROR');
    expect(res.body.error?.details).toEqual([{ path, message }]);
  });
});

describe('POST /admin/users', () => {
  it('creates a confirmed user who can log in, with profile names and personal organization', async () => {
    const email = uniqueEmail('created');
    const res = await api(`${ADMIN}/users`, {
      token: SERVICE,
      body: { email: ` ${email.toUpperCase()} `, password: PASSWORD, first_name: 'Grace', last_name: 'Hopper' },
    });
    expect(res.status).toBe(201);
    expect(res.body.message).toBe('User created');
    expect(res.body.data).toEqual({
      id: expect.any(String),
      email,
      email_verified: true,
      created_at: expect.any(String),
      last_sign_in_at: null,
      banned_until: null,
      banned: false,
      first_name: 'Grace',
      last_name: 'Hopper',
      organizations: [{ id: expect.any(String), name: 'Personal Account', is_personal_account: true, role: 'owner' }],
    });
    const session = await loginUser(email);
    expect(session.user).toMatchObject({ id: res.body.data.id, first_name: 'Grace', last_name: 'Hopper', role: 'owner' });
  });

  it('joins an existing team organization with the given role, made the default organization', async () => {
    const teamName = `Acme ${crypto.randomUUID().slice(0, 8)}`;
    const owner = await registerUser({ organization_name: teamName });
    const team = (await orgsOf(owner.data.access_token)).find((o) => o.name === teamName)!;
    const { email, user } = await adminCreate({ organization_id: team.id.toUpperCase(), role: 'admin' });
    expect(user.organizations).toEqual([
      { id: team.id, name: teamName, is_personal_account: false, role: 'admin' },
      { id: expect.any(String), name: 'Personal Account', is_personal_account: true, role: 'owner' },
    ]);
    const session = await loginUser(email);
    expect(session.user.organization).toEqual({ id: team.id, name: teamName });
    expect(session.user.role).toBe('admin');
    // Without a role: member.
    const second = await adminCreate({ organization_id: team.id });
    expect(second.user.organizations.find((o: any) => o.id === team.id).role).toBe('member');
  });

  it('email_confirmed: false creates an unverified user (login → 401 EMAIL_NOT_VERIFIED)', async () => {
    const { email, user } = await adminCreate({ email_confirmed: false });
    expect(user.email_verified).toBe(false);
    const login = await api('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(401);
    expect(login.body.error?.code).toBe('EMAIL_NOT_VERIFIED');
  });

  it('404 NOT_FOUND for an unknown organization, and the user is not created', async () => {
    const email = uniqueEmail('no-org');
    const res = await api(`${ADMIN}/users`, { token: SERVICE, body: { email, password: PASSWORD, organization_id: crypto.randomUUID() } });
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: 'Organization not found' });
    expect(await sql('select 1 from auth.users where email = $1', [email])).toEqual([]);
  });

  it('400 VALIDATION_ERROR for a personal organization, and the user is not created', async () => {
    const { data } = await registerUser();
    const personal = (await orgsOf(data.access_token)).find((o) => o.is_personal_account)!;
    const email = uniqueEmail('personal');
    const res = await api(`${ADMIN}/users`, { token: SERVICE, body: { email, password: PASSWORD, organization_id: personal.id } });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_ERROR');
    expect(res.body.error?.details).toEqual([
      { path: 'organization_id', message: 'is a personal organization, which cannot take members' },
    ]);
    expect(await sql('select 1 from auth.users where email = $1', [email])).toEqual([]);
  });

  it('409 EMAIL_TAKEN for an address already registered', async () => {
    const { email } = await adminCreate();
    const res = await api(`${ADMIN}/users`, { token: SERVICE, body: { email, password: PASSWORD } });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('EMAIL_TAKEN');
  });

  it.each([
    [{ email: 'not-an-email', password: PASSWORD }, 'VALIDATION_ERROR', 'email'],
    [{ email: 'ok@example.test' }, 'VALIDATION_ERROR', 'password'],
    [{ email: 'ok@example.test', password: 'short' }, 'WEAK_PASSWORD', 'password'],
    [{ email: 'ok@example.test', password: PASSWORD, role: 'admin' }, 'VALIDATION_ERROR', 'role'],
    [{ email: 'ok@example.test', password: PASSWORD, organization_id: crypto.randomUUID(), role: 'boss' }, 'VALIDATION_ERROR', 'role'],
    [{ email: 'ok@example.test', password: PASSWORD, organization_id: 'nope' }, 'VALIDATION_ERROR', 'organization_id'],
    [{ email: 'ok@example.test', password: PASSWORD, email_confirmed: 'yes' }, 'VALIDATION_ERROR', 'email_confirmed'],
  ])('400 for bad input %j', async (body, code, path) => {
    const res = await api(`${ADMIN}/users`, { token: SERVICE, body });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe(code);
    expect(res.body.error?.details?.map((d) => d.path)).toEqual([path]);
  });
});

describe('GET /admin/users/:userId', () => {
  it('the user with their memberships', async () => {
    const { email, user } = await adminCreate({ first_name: 'Linus' });
    await loginUser(email);
    const res = await api(`${ADMIN}/users/${user.id}`, { token: SERVICE });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('User retrieved');
    expect(res.body.data).toMatchObject({ id: user.id, email, first_name: 'Linus', last_name: null, organizations: user.organizations });
    expect(res.body.data.last_sign_in_at).toEqual(expect.any(String));
  });

  it('404 NOT_FOUND for an unknown user; 400 for a bad id', async () => {
    const unknown = await api(`${ADMIN}/users/${crypto.randomUUID()}`, { token: SERVICE });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: 'User not found' });
    const bad = await api(`${ADMIN}/users/123`, { token: SERVICE });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.details).toEqual([{ path: 'userId', message: 'must be a UUID' }]);
  });
});

describe('PATCH /admin/users/:userId', () => {
  it('changes names (copied to the profile: /me shows them) and clears one with ""', async () => {
    const { email, user } = await adminCreate({ first_name: 'Old', last_name: 'Name' });
    const res = await api(`${ADMIN}/users/${user.id}`, { method: 'PATCH', token: SERVICE, body: { first_name: 'New', last_name: '' } });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('User updated');
    expect(res.body.data).toMatchObject({ id: user.id, first_name: 'New', last_name: null });
    const { access_token } = await loginUser(email);
    const me = await api('/api/v1/auth/me', { token: access_token });
    expect(me.body.data).toMatchObject({ first_name: 'New', last_name: null });
  });

  it('changes email and password: the new ones log in, the old ones do not', async () => {
    const { email, user } = await adminCreate();
    const newEmail = uniqueEmail('renamed');
    const newPassword = 'another-long-password';
    const res = await api(`${ADMIN}/users/${user.id}`, {
      method: 'PATCH',
      token: SERVICE,
      body: { email: newEmail, password: newPassword },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.email).toBe(newEmail);
    expect((await api('/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(401);
    expect((await api('/api/v1/auth/login', { body: { email: newEmail, password: newPassword } })).status).toBe(200);
  });

  it('email_confirmed: true confirms an unverified user', async () => {
    const { email, user } = await adminCreate({ email_confirmed: false });
    const res = await api(`${ADMIN}/users/${user.id}`, { method: 'PATCH', token: SERVICE, body: { email_confirmed: true } });
    expect(res.body.data.email_verified).toBe(true);
    await loginUser(email);
  });

  it('409 EMAIL_TAKEN when the new email belongs to someone else', async () => {
    const { email: taken } = await adminCreate();
    const { user } = await adminCreate();
    const res = await api(`${ADMIN}/users/${user.id}`, { method: 'PATCH', token: SERVICE, body: { email: taken } });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('EMAIL_TAKEN');
  });

  it('ban: login answers 401 INVALID_CREDENTIALS (the ban is not revealed), the live access token is refused; unban restores login', async () => {
    const { email, user } = await adminCreate();
    const { access_token } = await loginUser(email);
    expect((await api('/api/v1/auth/me', { token: access_token })).status).toBe(200);

    const ban = await api(`${ADMIN}/users/${user.id}`, { method: 'PATCH', token: SERVICE, body: { ban_duration: '24h' } });
    expect(ban.status).toBe(200);
    expect(ban.body.data.banned).toBe(true);
    const until = Date.parse(ban.body.data.banned_until);
    expect(until).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const login = await api('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(401);
    expect(login.body.error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' });
    const me = await api('/api/v1/auth/me', { token: access_token });
    expect(me.status).toBe(401);
    expect(me.body.error?.code).toBe('TOKEN_INVALID');

    const unban = await api(`${ADMIN}/users/${user.id}`, { method: 'PATCH', token: SERVICE, body: { ban_duration: 'none' } });
    expect(unban.body.data).toMatchObject({ banned: false, banned_until: null });
    const again = await loginUser(email);
    expect((await api('/api/v1/auth/me', { token: again.access_token })).status).toBe(200);
  });

  it.each([
    [{}, 'body'],
    [{ ban_duration: 'forever' }, 'ban_duration'],
    [{ ban_duration: '-5m' }, 'ban_duration'],
    [{ ban_duration: '24' }, 'ban_duration'],
    [{ email_confirmed: false }, 'email_confirmed'],
    [{ email: 'nope' }, 'email'],
    [{ first_name: 'x'.repeat(101) }, 'first_name'],
  ])('400 VALIDATION_ERROR for %j', async (body, path) => {
    const { user } = await adminCreate();
    const res = await api(`${ADMIN}/users/${user.id}`, { method: 'PATCH', token: SERVICE, body });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_ERROR');
    expect(res.body.error?.details?.map((d) => d.path)).toEqual([path]);
  });

  it('400 WEAK_PASSWORD for a short password; 404 NOT_FOUND for an unknown user', async () => {
    const { user } = await adminCreate();
    const weak = await api(`${ADMIN}/users/${user.id}`, { method: 'PATCH', token: SERVICE, body: { password: 'short' } });
    expect(weak.body.error?.code).toBe('WEAK_PASSWORD');
    const unknown = await api(`${ADMIN}/users/${crypto.randomUUID()}`, { method: 'PATCH', token: SERVICE, body: { first_name: 'X' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: 'User not found' });
  });
});

describe('DELETE /admin/users/:userId', () => {
  it('removes the user, their memberships and personal organization; their team organization passes to another member', async () => {
    const teamName = `Handover ${crypto.randomUUID().slice(0, 8)}`;
    const owner = await registerUser({ organization_name: teamName });
    const ownerId = owner.data.user.id as string;
    const team = (await orgsOf(owner.data.access_token)).find((o) => o.name === teamName)!;
    const personal = (await orgsOf(owner.data.access_token)).find((o) => o.is_personal_account)!;
    const { email: memberEmail, user: member } = await adminCreate({ organization_id: team.id, role: 'member' });

    const res = await api(`${ADMIN}/users/${ownerId}`, { method: 'DELETE', token: SERVICE });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'User deleted', data: { id: ownerId } });

    expect(await sql('select 1 from public.memberships where user_id = $1', [ownerId])).toEqual([]);
    expect(await sql('select 1 from public.organizations where id = $1', [personal.id])).toEqual([]);
    expect(await sql('select 1 from public.profiles where id = $1', [ownerId])).toEqual([]);
    const { access_token } = await loginUser(memberEmail);
    const memberOrgs = await orgsOf(access_token);
    expect(memberOrgs.find((o) => o.id === team.id)).toEqual({
      id: team.id,
      name: teamName,
      is_personal_account: false,
      role: 'OWNER',
      mfa_required: false,
    });

    // The deleted user's token is refused, and they are gone for the admin API too.
    expect((await api('/api/v1/auth/me', { token: owner.data.access_token })).status).toBe(401);
    expect((await api(`${ADMIN}/users/${ownerId}`, { token: SERVICE })).status).toBe(404);
    expect((await api(`/api/v1/auth/users/${member.id}/organizations`, { token: SERVICE })).body.count).toBe(2);
  });

  it('404 NOT_FOUND for an unknown user; 400 for a bad id', async () => {
    const unknown = await api(`${ADMIN}/users/${crypto.randomUUID()}`, { method: 'DELETE', token: SERVICE });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: 'User not found' });
    expect((await api(`${ADMIN}/users/x`, { method: 'DELETE', token: SERVICE })).status).toBe(400);
  });
});

describe('DELETE /admin/users/:userId/sessions', () => {
  it('ends every session at once: access tokens refused, refresh tokens dead; the user can sign in again', async () => {
    const { email, user } = await adminCreate();
    const first = await loginUser(email);
    const second = await loginUser(email);
    for (const s of [first, second]) expect((await api('/api/v1/auth/me', { token: s.access_token })).status).toBe(200);

    const res = await api(`${ADMIN}/users/${user.id}/sessions`, { method: 'DELETE', token: SERVICE });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'Sessions revoked', data: { user_id: user.id, sessions_revoked: 2 } });

    for (const s of [first, second]) {
      const me = await api('/api/v1/auth/me', { token: s.access_token });
      expect(me.status).toBe(401);
      expect(me.body.error?.code).toBe('TOKEN_INVALID');
      const refresh = await api('/api/v1/auth/refresh', { body: { refresh_token: s.refresh_token } });
      expect(refresh.status).toBe(401);
      expect(refresh.body.error?.code).toBe('TOKEN_INVALID');
    }
    const again = await loginUser(email);
    expect((await api('/api/v1/auth/me', { token: again.access_token })).status).toBe(200);

    const none = await api(`${ADMIN}/users/${user.id}/sessions`, { method: 'DELETE', token: SERVICE });
    expect(none.body.data.sessions_revoked).toBe(1);
  });

  it('404 NOT_FOUND for an unknown user; 400 for a bad id', async () => {
    const unknown = await api(`${ADMIN}/users/${crypto.randomUUID()}/sessions`, { method: 'DELETE', token: SERVICE });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: 'User not found' });
    expect((await api(`${ADMIN}/users/nope/sessions`, { method: 'DELETE', token: SERVICE })).status).toBe(400);
  });
});

describe('POST /admin/lockouts/clear', () => {
  it('a locked account can log in again once cleared', async () => {
    const quick = envWith({ LOCKOUT_MAX_ATTEMPTS: '2' });
    const { email } = await adminCreate();
    for (let i = 0; i < 2; i++) {
      const wrong = await api('/api/v1/auth/login', { env: quick, body: { email, password: 'wrong-password' } });
      expect(wrong.status).toBe(401);
    }
    const locked = await api('/api/v1/auth/login', { env: quick, body: { email, password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.error?.code).toBe('ACCOUNT_LOCKED');

    const res = await api(`${ADMIN}/lockouts/clear`, { token: SERVICE, body: { email: `  ${email.toUpperCase()}` } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'Login lockout cleared', data: { email, was_locked: true, failed_attempts: 2 } });
    expect((await api('/api/v1/auth/login', { env: quick, body: { email, password: PASSWORD } })).status).toBe(200);

    const again = await api(`${ADMIN}/lockouts/clear`, { token: SERVICE, body: { email } });
    expect(again.body.data).toEqual({ email, was_locked: false, failed_attempts: 0 });
  });

  it('400 VALIDATION_ERROR without a valid email', async () => {
    for (const body of [{}, { email: 'nope' }]) {
      const res = await api(`${ADMIN}/lockouts/clear`, { token: SERVICE, body });
      expect(res.status).toBe(400);
      expect(res.body.error?.details?.[0]?.path).toBe('email');
    }
  });
});

describe('audit log', () => {
  const auditLines = (lines: string[]) =>
    lines.flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        return parsed.msg === 'admin_audit' ? [parsed] : [];
      } catch {
        return [];
      }
    });

  it('one line per action, with actor, action, target, request id and outcome — never the password', async () => {
    const email = uniqueEmail('audited');
    const password = 'audit-secret-password';
    const { result, lines } = await captureLogs(() =>
      api(`${ADMIN}/users`, { token: SERVICE, body: { email, password }, headers: { 'X-Request-Id': 'audit-test-1' } }),
    );
    expect(result.status).toBe(201);
    expect(auditLines(lines)).toEqual([
      {
        level: 'info',
        msg: 'admin_audit',
        actor: 'service_role',
        action: 'users.create',
        target_user_id: result.body.data.id,
        target_email: email,
        request_id: 'audit-test-1',
        outcome: 'success',
      },
    ]);
    const all = lines.join('\n');
    expect(all).not.toContain(password);
    expect(all).not.toContain(SERVICE);
  });

  it('a failed action is logged as a failure with its error code; an update names the fields, not their values', async () => {
    const unknown = crypto.randomUUID();
    const failed = await captureLogs(() => api(`${ADMIN}/users/${unknown}`, { method: 'DELETE', token: SERVICE }));
    expect(auditLines(failed.lines)).toEqual([
      expect.objectContaining({ action: 'users.delete', target_user_id: unknown, outcome: 'failure', error_code: 'NOT_FOUND' }),
    ]);

    const { user } = await adminCreate();
    const updated = await captureLogs(() =>
      api(`${ADMIN}/users/${user.id}`, { method: 'PATCH', token: SERVICE, body: { password: 'a-new-secret-value', ban_duration: '1h' } }),
    );
    expect(auditLines(updated.lines)).toEqual([
      expect.objectContaining({
        action: 'users.update',
        target_user_id: user.id,
        fields: ['password', 'ban_duration'],
        outcome: 'success',
      }),
    ]);
    expect(updated.lines.join('\n')).not.toContain('a-new-secret-value');
  });
});
