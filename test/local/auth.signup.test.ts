/**
 * Sign-up and password sign-in against the auth stand-in, driven by supabase-js as an
 * app would, asserting GoTrue's answers: the session and its access token (claims, ES256
 * with a kid from the JWKS), duplicates, password and email validation, parallel
 * sign-ups, a failing trigger leaving nothing behind, and the 400s for bodies that
 * supabase-js cannot send.
 */
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { TEST_STACK } from '../setup/stack-config.ts';
import { anonClient, authFetch, PASSWORD, sql, startAuthServer, uniqueEmail } from './helpers/auth.ts';

describe('sign-up with confirmations off (local default)', () => {
  it('returns a session whose access token carries GoTrue claims, signed ES256 with a published kid', async () => {
    const email = uniqueEmail('signup');
    const { data, error } = await anonClient().auth.signUp({
      email: email.toUpperCase(),
      password: PASSWORD,
      options: { data: { first_name: 'Ada', last_name: 'Lovelace' } },
    });
    expect(error).toBeNull();
    const session = data.session!;
    expect(session.token_type).toBe('bearer');
    expect(session.expires_in).toBe(900);
    expect(session.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(session.refresh_token).toMatch(/^[A-Za-z0-9]{12}$/);
    const user = data.user!;
    expect(user.email).toBe(email);
    expect(user.aud).toBe('authenticated');
    expect(user.role).toBe('authenticated');
    expect(user.email_confirmed_at).toBeTruthy();
    expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    expect(user.user_metadata).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', email, email_verified: true, sub: user.id });
    expect(user.identities).toHaveLength(1);
    expect(user.identities![0]).toMatchObject({ provider: 'email', id: user.id, user_id: user.id, identity_data: { sub: user.id, email } });
    expect(user.is_anonymous).toBe(false);

    const header = jose.decodeProtectedHeader(session.access_token);
    expect(header.alg).toBe('ES256');
    const jwks = (await (await authFetch('/.well-known/jwks.json')).json()) as { keys: jose.JWK[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    const { payload } = await jose.jwtVerify(session.access_token, jose.createLocalJWKSet(jwks), {
      issuer: `${TEST_STACK.apiUrl}/auth/v1`,
      audience: 'authenticated',
    });
    expect(payload).toMatchObject({
      sub: user.id,
      email,
      phone: '',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
    });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(payload.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
    const [row] = await sql<{ n: string }>('select count(*) as n from auth.sessions where id = $1 and user_id = $2', [
      payload.session_id,
      user.id,
    ]);
    expect(row!.n).toBe('1');
  });

  it('answers 422 user_already_exists for a registered address', async () => {
    const email = uniqueEmail('dup');
    expect((await anonClient().auth.signUp({ email, password: PASSWORD })).error).toBeNull();
    const { data, error } = await anonClient().auth.signUp({ email, password: 'another-password' });
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists', message: 'User already registered' });
    expect(data.user).toBeNull();
  });

  it('rejects weak, too long and missing passwords and bad addresses as GoTrue does', async () => {
    const client = anonClient();
    const weak = await client.auth.signUp({ email: uniqueEmail(), password: 'short' });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password', message: 'Password should be at least 8 characters.' });
    expect((weak.error as unknown as { reasons: string[] }).reasons).toEqual(['length']);
    const long = await client.auth.signUp({ email: uniqueEmail(), password: 'x'.repeat(73) });
    expect(long.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Password cannot be longer than 72 characters' });
    const none = await client.auth.signUp({ email: uniqueEmail(), password: '' });
    expect(none.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Signup requires a valid password' });
    const bad = await client.auth.signUp({ email: 'not-an-email', password: PASSWORD });
    expect(bad.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Unable to validate email address: invalid format',
    });
  });

  it('makes exactly one user out of 10 parallel sign-ups of one address', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(Array.from({ length: 10 }, () => anonClient().auth.signUp({ email, password: PASSWORD })));
    expect(results.filter((r) => r.error === null)).toHaveLength(1);
    for (const r of results.filter((r) => r.error)) expect(r.error).toMatchObject({ status: 422, code: 'user_already_exists' });
    const [row] = await sql<{ n: string }>('select count(*) as n from auth.users where email = $1', [email]);
    expect(row!.n).toBe('1');
  });

  it('signs up 50 distinct addresses in parallel', async () => {
    const emails = Array.from({ length: 50 }, () => uniqueEmail('bulk'));
    const results = await Promise.all(emails.map((email) => anonClient().auth.signUp({ email, password: PASSWORD })));
    expect(results.map((r) => r.error)).toEqual(emails.map(() => null));
    const [row] = await sql<{ n: string }>('select count(*) as n from auth.users where email = any($1)', [emails]);
    expect(row!.n).toBe('50');
  });

  it('fails like GoTrue when a trigger on auth.users rejects the user, leaving nothing behind', async () => {
    const email = uniqueEmail('trigger');
    const { error } = await anonClient().auth.signUp({
      email,
      password: PASSWORD,
      options: { data: { organization_name: 'x'.repeat(201) } },
    });
    // supabase-js (2.119+) reports every 5xx as retryable and drops the body's code.
    expect(error).toMatchObject({ name: 'AuthRetryableFetchError', status: 500, message: 'Database error saving new user' });
    expect(await sql('select id from auth.users where email = $1', [email])).toEqual([]);
    expect(await sql("select id from auth.identities where identity_data->>'email' = $1", [email])).toEqual([]);
  });

  it('refuses sign-ups when they are disabled', async () => {
    const server = await startAuthServer({ enableSignup: false });
    const { error } = await anonClient(server.url).auth.signUp({ email: uniqueEmail(), password: PASSWORD });
    expect(error).toMatchObject({ status: 422, code: 'signup_disabled', message: 'Signups not allowed for this instance' });
  });
});

describe('password sign-in', () => {
  it('signs in, updates last_sign_in_at and creates a session per sign-in', async () => {
    const email = uniqueEmail('signin');
    const signUp = await anonClient().auth.signUp({ email, password: PASSWORD });
    const { data, error } = await anonClient().auth.signInWithPassword({ email, password: PASSWORD });
    expect(error).toBeNull();
    expect(data.session!.access_token).toBeTruthy();
    expect(data.user!.id).toBe(signUp.data.user!.id);
    expect(new Date(data.user!.last_sign_in_at!).getTime()).toBeGreaterThanOrEqual(new Date(signUp.data.user!.last_sign_in_at!).getTime());
    const [row] = await sql<{ n: string }>('select count(*) as n from auth.sessions where user_id = $1', [data.user!.id]);
    expect(row!.n).toBe('2');
  });

  it('gives the same invalid_credentials for a wrong password and an unknown address', async () => {
    const email = uniqueEmail('wrong');
    await anonClient().auth.signUp({ email, password: PASSWORD });
    const wrong = await anonClient().auth.signInWithPassword({ email, password: 'wrong-password' });
    const unknown = await anonClient().auth.signInWithPassword({ email: uniqueEmail(), password: PASSWORD });
    for (const r of [wrong, unknown]) {
      expect(r.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
      expect(r.data.session).toBeNull();
    }
  });
});

describe('bodies supabase-js never sends', () => {
  it('answers 400 bad_json for malformed JSON, never a 500', async () => {
    for (const path of ['/signup', '/token?grant_type=password', '/token?grant_type=refresh_token', '/recover', '/verify', '/resend']) {
      const res = await authFetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": ' });
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({
        code: 400,
        error_code: 'bad_json',
        msg: expect.stringMatching(/^Could not parse request body as JSON: /),
      });
    }
    const wrongType = await authFetch('/signup', { method: 'POST', body: JSON.stringify({ email: 42, password: PASSWORD }) });
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { error_code: string }).error_code).toBe('bad_json');
  });

  it('answers GoTrue validation errors for missing fields', async () => {
    const cases: [string, unknown, number, string, string][] = [
      ['/signup', { email: uniqueEmail() }, 400, 'validation_failed', 'Signup requires a valid password'],
      ['/signup', {}, 422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled'],
      ['/token?grant_type=password', { password: PASSWORD }, 400, 'validation_failed', 'missing email or phone'],
      ['/recover', {}, 400, 'validation_failed', 'Password recovery requires an email'],
      ['/verify', { token_hash: 'abc' }, 400, 'validation_failed', 'Verify requires a verification type'],
      ['/verify', { type: 'recovery' }, 400, 'validation_failed', 'Verify requires either a token or a token hash'],
      ['/resend', { type: 'signup' }, 400, 'validation_failed', 'Type provided requires an email address'],
      [
        '/verify',
        { type: 'sms', phone: 'not-a-phone', token: '123456' },
        400,
        'validation_failed',
        'Invalid phone number format (E.164 required)',
      ],
      [
        '/verify',
        { type: 'sms', phone: '+0123456789', token: '123456' },
        400,
        'validation_failed',
        'Invalid phone number format (E.164 required)',
      ],
      ['/verify', { type: 'sms', phone: '+15555550100', token: '123456' }, 403, 'otp_expired', 'Token has expired or is invalid'],
    ];
    for (const [path, body, status, code, msg] of cases) {
      const res = await authFetch(path, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status, path).toBe(status);
      expect(await res.json(), path).toEqual({ code: status, error_code: code, msg });
    }
    const refresh = await authFetch('/token?grant_type=refresh_token', { method: 'POST', body: '{}' });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toEqual({ error: 'invalid_request', error_description: 'refresh_token required' });
  });

  it('checks a phone number for E.164 before verifying an SMS code (supabase-js verifyOtp)', async () => {
    const { error } = await anonClient().auth.verifyOtp({ phone: '12-ab', token: '123456', type: 'sms' });
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Invalid phone number format (E.164 required)' });
  });

  it('selects the error body with X-Supabase-Api-Version as GoTrue does', async () => {
    const res = await authFetch('/token?grant_type=password', {
      method: 'POST',
      headers: { 'X-Supabase-Api-Version': '2024-01-01' },
      body: JSON.stringify({ email: uniqueEmail(), password: PASSWORD }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(res.headers.get('x-sb-error-code')).toBe('invalid_credentials');
    expect(await res.json()).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
  });

  it('answers 404 for unknown routes and 405 for a known path with another method', async () => {
    expect((await authFetch('/no-such-route')).status).toBe(404);
    expect((await authFetch('/signup', { method: 'GET' })).status).toBe(405);
  });
});
