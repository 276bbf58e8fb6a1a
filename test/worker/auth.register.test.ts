/**
 * POST /signup (document 000) and POST /register (document 003) through the worker,
 * supabase-js, the auth stand-in and Postgres: shapes, error codes, the rows the sign-up
 * trigger builds, and concurrency.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, envWith, loginUser, PASSWORD, registerUser, sql, uniqueEmail } from './support/e2e.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const confirming = () => envWith({ SUPABASE_URL: env.TEST_CONFIRMING_SUPABASE_URL! });

async function organizationsOf(userId: string) {
  return sql<{ name: string; is_personal_account: boolean; role: string }>(
    `select o.name, o.is_personal_account, m.role::text as role
       from public.memberships m join public.organizations o on o.id = m.organization_id
      where m.user_id = $1 order by o.is_personal_account desc, o.name`,
    [userId],
  );
}

describe('POST /api/v1/auth/signup (document 000)', () => {
  it('creates the user with a profile and a personal organization, and returns no tokens', async () => {
    const email = uniqueEmail('signup');
    const res = await api('/api/v1/auth/signup', { body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, first_name: 'Grace' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      message: 'Authentication successful',
      data: { user: { id: expect.stringMatching(UUID), email, created_at: expect.any(String) } },
    });
    expect(Number.isNaN(Date.parse(res.body.data.user.created_at))).toBe(false);
    const id = res.body.data.user.id;
    expect(await organizationsOf(id)).toEqual([{ name: 'Personal Account', is_personal_account: true, role: 'owner' }]);
    expect(await sql('select first_name from public.profiles where id = $1', [id])).toEqual([{ first_name: 'Grace' }]);
    // Then login works with the same credentials (document 000's flow).
    const session = await loginUser(email);
    expect(session.user.id).toBe(id);
  });

  it('answers 401 EMAIL_TAKEN for an address already registered', async () => {
    const { email } = await registerUser();
    const res = await api('/api/v1/auth/signup', { body: { email, password: PASSWORD } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ success: false, error: { code: 'EMAIL_TAKEN' } });
  });

  it('answers 400 WEAK_PASSWORD and 400 VALIDATION_ERROR with details', async () => {
    const weak = await api('/api/v1/auth/signup', { body: { email: uniqueEmail(), password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatchObject({ code: 'WEAK_PASSWORD', details: [{ path: 'password' }] });
    const bad = await api('/api/v1/auth/signup', { body: { email: 'not-an-email', password: PASSWORD } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ path: 'email', message: 'must be a valid email address' }],
    });
    const tooLong = await api('/api/v1/auth/signup', { body: { email: uniqueEmail(), password: 'x'.repeat(73) } });
    expect(tooLong.body.error).toMatchObject({
      code: 'WEAK_PASSWORD',
      details: [{ path: 'password', message: 'must be at most 72 bytes' }],
    });
  });

  it('with confirmations on, does not reveal a registered address', async () => {
    const { email } = await registerUser();
    const again = await api('/api/v1/auth/signup', { body: { email, password: PASSWORD }, env: confirming() });
    expect(again.status).toBe(200);
    expect(again.body.data.user.email).toBe(email);
    expect(await sql('select count(*)::int as n from auth.users where email = $1', [email])).toEqual([{ n: 1 }]);
  });

  it('with confirmations on, login answers EMAIL_NOT_VERIFIED only after a correct password', async () => {
    const email = uniqueEmail('confirm');
    const first = await api('/api/v1/auth/signup', { body: { email, password: PASSWORD }, env: confirming() });
    expect(first.status).toBe(200);
    const right = await api('/api/v1/auth/login', { body: { email, password: PASSWORD }, env: confirming() });
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('EMAIL_NOT_VERIFIED');
    const wrong = await api('/api/v1/auth/login', { body: { email, password: 'wrong-password' }, env: confirming() });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('POST /api/v1/auth/register (document 003)', () => {
  it('creates user, profile, personal and team organization, and returns a session', async () => {
    const email = uniqueEmail('register');
    const res = await api('/api/v1/auth/register', {
      body: { email, password: PASSWORD, first_name: ' John ', last_name: 'Doe', organization_name: '  Example Corp  ', extra: 'ignored' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.body).toEqual({
      success: true,
      message: 'Registration successful',
      data: {
        user: { id: expect.stringMatching(UUID), email, first_name: 'John', last_name: 'Doe' },
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        token_type: 'bearer',
        expires_in: 900,
        expires_at: expect.any(Number),
        mfa: { required: false, factors: [] },
      },
    });
    const id = res.body.data.user.id;
    expect(await organizationsOf(id)).toEqual([
      { name: 'Personal Account', is_personal_account: true, role: 'owner' },
      { name: 'Example Corp', is_personal_account: false, role: 'owner' },
    ]);
    // register → login shows the organization and role owner
    const session = await loginUser(email);
    expect(session.user).toMatchObject({ role: 'owner', organization: { name: 'Example Corp' }, first_name: 'John', last_name: 'Doe' });
  });

  it('answers 409 EMAIL_TAKEN for an address already registered, in any letter case', async () => {
    const { email } = await registerUser();
    const res = await api('/api/v1/auth/register', { body: { email: email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      success: false,
      message: 'Email address is already registered',
      error: { code: 'EMAIL_TAKEN', message: 'Email address is already registered' },
    });
  });

  it('refuses an invalid organization name before anything is created', async () => {
    const email = uniqueEmail('badorg');
    const res = await api('/api/v1/auth/register', { body: { email, password: PASSWORD, organization_name: 'x'.repeat(201) } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'organization_name' }] });
    expect(await sql('select count(*)::int as n from auth.users where email = $1', [email])).toEqual([{ n: 0 }]);
  });

  it('with email confirmation on, answers email_verification_required and no tokens', async () => {
    const email = uniqueEmail('verify');
    const res = await api('/api/v1/auth/register', { body: { email, password: PASSWORD, first_name: 'Ada' }, env: confirming() });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      user: { id: expect.stringMatching(UUID), email, first_name: 'Ada', last_name: null },
      email_verification_required: true,
    });
  });

  it('50 parallel registrations with distinct emails all succeed, each with exactly one personal organization', async () => {
    const emails = Array.from({ length: 50 }, () => uniqueEmail('parallel'));
    const answers = await Promise.all(emails.map((email) => api('/api/v1/auth/register', { body: { email, password: PASSWORD } })));
    expect(answers.map((a) => a.status)).toEqual(emails.map(() => 201));
    const rows = await sql<{ email: string; personal: number; memberships: number }>(
      `select u.email,
              (select count(*)::int from public.organizations o where o.personal_user_id = u.id) as personal,
              (select count(*)::int from public.memberships m where m.user_id = u.id) as memberships
         from auth.users u where u.email = any($1) order by u.email`,
      [emails],
    );
    expect(rows).toEqual([...emails].sort().map((email) => ({ email, personal: 1, memberships: 1 })));
  });

  it('10 parallel registrations of the same email create one user', async () => {
    const email = uniqueEmail('race');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api('/api/v1/auth/register', { body: { email, password: PASSWORD } })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect(await sql('select count(*)::int as n from auth.users where email = $1', [email])).toEqual([{ n: 1 }]);
    expect(
      await sql(`select count(*)::int as n from public.organizations o join auth.users u on u.id = o.personal_user_id where u.email = $1`, [
        email,
      ]),
    ).toEqual([{ n: 1 }]);
  });
});
