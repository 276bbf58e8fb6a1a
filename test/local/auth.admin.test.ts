/**
 * The admin API of the auth stand-in through supabase-js's `auth.admin` with the
 * service_role key: create / get / update (metadata, ban and unban) / delete users, the
 * paged list (nextPage, lastPage, total from GoTrue's Link and X-Total-Count headers),
 * generate_link, invite (a user they create gets only the request's data as
 * user_metadata); the anon key is refused with 403 not_admin. Also /settings and /health.
 */
import { describe, expect, it } from 'vitest';
import { TEST_STACK } from '../setup/stack-config.ts';
import { adminClient, anonClient, authFetch, latestMail, PASSWORD, sql, tokenHashFrom, uniqueEmail } from './helpers/auth.ts';

const admin = () => adminClient().auth.admin;

describe('admin users', () => {
  it('refuses the anon key with 403 not_admin', async () => {
    const asAnon = anonClient().auth.admin;
    const list = await asAnon.listUsers();
    expect(list.error).toMatchObject({ status: 403, code: 'not_admin', message: 'User not allowed' });
    const create = await asAnon.createUser({ email: uniqueEmail(), password: PASSWORD });
    expect(create.error).toMatchObject({ status: 403, code: 'not_admin' });
    const asUser = (await anonClient().auth.signUp({ email: uniqueEmail('notadmin'), password: PASSWORD })).data.session!.access_token;
    const res = await authFetch('/admin/users', { headers: { authorization: `Bearer ${asUser}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: 403, error_code: 'not_admin', msg: 'User not allowed' });
  });

  it('creates, reads, updates and deletes a user', async () => {
    const email = uniqueEmail('admin');
    const created = await admin().createUser({
      email,
      password: PASSWORD,
      email_confirm: true,
      user_metadata: { first_name: 'Alan' },
      app_metadata: { plan: 'team' },
    });
    expect(created.error).toBeNull();
    const user = created.data.user!;
    expect(user).toMatchObject({
      email,
      aud: 'authenticated',
      role: 'authenticated',
      app_metadata: { provider: 'email', providers: ['email'], plan: 'team' },
    });
    expect(user.user_metadata).toMatchObject({ first_name: 'Alan', email_verified: true });
    expect(user.email_confirmed_at).toBeTruthy();
    expect(user.identities).toHaveLength(1);

    const dup = await admin().createUser({ email, password: PASSWORD });
    expect(dup.error).toMatchObject({
      status: 422,
      code: 'email_exists',
      message: 'A user with this email address has already been registered',
    });

    expect((await admin().getUserById(user.id)).data.user).toMatchObject({ id: user.id, email });
    const missing = await admin().getUserById('00000000-0000-4000-8000-000000000000');
    expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User not found' });

    const updated = await admin().updateUserById(user.id, { user_metadata: { last_name: 'Turing' }, app_metadata: { plan: null } });
    expect(updated.error).toBeNull();
    expect(updated.data.user!.user_metadata).toMatchObject({ first_name: 'Alan', last_name: 'Turing' });
    expect(updated.data.user!.app_metadata).toEqual({ provider: 'email', providers: ['email'] });

    const session = (await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).data.session!;
    expect((await admin().deleteUser(user.id)).error).toBeNull();
    expect((await admin().getUserById(user.id)).error).toMatchObject({ status: 404, code: 'user_not_found' });
    expect(await sql('select id from auth.sessions where user_id = $1', [user.id])).toEqual([]);
    expect((await anonClient().auth.refreshSession({ refresh_token: session.refresh_token })).error).toMatchObject({
      code: 'refresh_token_not_found',
    });
  });

  it('soft-deletes a user: kept with deleted_at, address freed, sessions gone', async () => {
    const email = uniqueEmail('soft');
    const { data } = await admin().createUser({ email, password: PASSWORD, email_confirm: true });
    await anonClient().auth.signInWithPassword({ email, password: PASSWORD });
    expect((await admin().deleteUser(data.user!.id, true)).error).toBeNull();
    const kept = await admin().getUserById(data.user!.id);
    expect(kept.data.user!.deleted_at).toBeTruthy();
    expect(kept.data.user!.email).not.toBe(email);
    expect(await sql('select id from auth.sessions where user_id = $1', [data.user!.id])).toEqual([]);
    expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error).toMatchObject({
      code: 'invalid_credentials',
    });
    expect((await anonClient().auth.signUp({ email, password: PASSWORD })).error).toBeNull();
  });

  it('bans (user_banned at sign-in, refresh and /user) and unbans', async () => {
    const email = uniqueEmail('ban');
    const { data } = await admin().createUser({ email, password: PASSWORD, email_confirm: true });
    const session = (await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).data.session!;
    const banned = await admin().updateUserById(data.user!.id, { ban_duration: '24h' });
    expect(banned.error).toBeNull();
    expect(new Date(banned.data.user!.banned_until!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error).toMatchObject({
      status: 400,
      code: 'user_banned',
      message: 'User is banned',
    });
    expect((await anonClient().auth.refreshSession({ refresh_token: session.refresh_token })).error).toMatchObject({
      status: 400,
      code: 'user_banned',
    });
    expect((await anonClient().auth.getUser(session.access_token)).error).toMatchObject({ status: 403, code: 'user_banned' });
    const bad = await admin().updateUserById(data.user!.id, { ban_duration: '1 day' });
    expect(bad.error).toMatchObject({ status: 400, code: 'validation_failed' });

    const unbanned = await admin().updateUserById(data.user!.id, { ban_duration: 'none' });
    expect(unbanned.data.user!.banned_until).toBeUndefined();
    expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
  });

  it('changes a password for the user and signs out all their sessions', async () => {
    const email = uniqueEmail('adminpw');
    const { data } = await admin().createUser({ email, password: PASSWORD, email_confirm: true });
    const session = (await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).data.session!;
    expect((await admin().updateUserById(data.user!.id, { password: 'set-by-admin-1' })).error).toBeNull();
    expect((await anonClient().auth.getUser(session.access_token)).error).toMatchObject({ name: 'AuthSessionMissingError' });
    expect((await anonClient().auth.signInWithPassword({ email, password: 'set-by-admin-1' })).error).toBeNull();
  });

  it('lists users newest first with GoTrue paging (nextPage, lastPage, total)', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.push((await admin().createUser({ email: uniqueEmail('page'), password: PASSWORD })).data.user!.id);

    const perPage = 1000;
    const list = async (page: number, size: number) => {
      const res = await admin().listUsers({ page, perPage: size });
      if (res.error) throw res.error;
      return res;
    };
    const all = await list(1, perPage);
    expect(all.data.aud).toBe('authenticated');
    expect(all.data.total).toBeGreaterThanOrEqual(3);
    expect(all.data.lastPage).toBe(1);
    expect(all.data.nextPage).toBeNull();
    const ids = all.data.users.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining(mine));
    // Newest first: my three in reverse creation order.
    expect(ids.filter((id) => mine.includes(id))).toEqual([...mine].reverse());

    // Small pages: a per_page that keeps the page count under 10 (supabase-js reads one digit).
    const small = Math.max(2, Math.ceil(all.data.total / 8));
    const first = await list(1, small);
    expect(first.data.users).toHaveLength(small);
    expect(first.data.nextPage).toBe(2);
    expect(first.data.lastPage).toBe(Math.ceil(first.data.total / small));

    const raw = await authFetch(`/admin/users?page=2&per_page=${small}`, {
      headers: { authorization: `Bearer ${TEST_STACK.serviceRoleKey}` },
      key: TEST_STACK.serviceRoleKey,
    });
    const total = Number(raw.headers.get('x-total-count'));
    const last = Math.ceil(total / small);
    const expected = last > 2 ? `</admin/users?page=3&per_page=${small}>; rel="next", ` : '';
    expect(raw.headers.get('link')).toBe(`${expected}</admin/users?page=${last}&per_page=${small}>; rel="last"`);

    const bad = await authFetch('/admin/users?page=0', { headers: { authorization: `Bearer ${TEST_STACK.serviceRoleKey}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error_code: string }).error_code).toBe('validation_failed');
  });
});

describe('generate_link and invite', () => {
  it('generates a recovery link whose hashed_token verifies once, without sending email', async () => {
    const email = uniqueEmail('genlink');
    await admin().createUser({ email, password: PASSWORD, email_confirm: true });
    const { data, error } = await admin().generateLink({
      type: 'recovery',
      email,
      options: { redirectTo: 'http://127.0.0.1:3000/reset-password' },
    });
    expect(error).toBeNull();
    expect(data.user!.email).toBe(email);
    expect(data.properties).toMatchObject({ verification_type: 'recovery', redirect_to: 'http://127.0.0.1:3000/reset-password' });
    expect(data.properties!.action_link).toBe(
      `${TEST_STACK.apiUrl}/auth/v1/verify?token=${data.properties!.hashed_token}&type=recovery&redirect_to=${encodeURIComponent('http://127.0.0.1:3000/reset-password')}`,
    );
    const verified = await anonClient().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'recovery' });
    expect(verified.error).toBeNull();
    expect((await anonClient().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'recovery' })).error).toMatchObject({
      code: 'otp_expired',
    });
    const mails = (await (await fetch(`${TEST_STACK.mailboxUrl}/api/v1/search?query=to:${email}`)).json()) as { messages: unknown[] };
    expect(mails.messages).toEqual([]);
  });

  it('generates a signup link that creates the user and confirms it; recovery for an unknown address is 404', async () => {
    const email = uniqueEmail('gensignup');
    const { data, error } = await admin().generateLink({ type: 'signup', email, password: PASSWORD });
    expect(error).toBeNull();
    expect(data.user!.email_confirmed_at).toBeUndefined();
    const verified = await anonClient().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'signup' });
    expect(verified.error).toBeNull();
    expect(verified.data.user!.email_confirmed_at).toBeTruthy();
    const unknown = await admin().generateLink({ type: 'recovery', email: uniqueEmail('nobody') });
    expect(unknown.error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User with this email not found' });
  });

  it('gives a user it creates only the request data as user_metadata; the claims stay in identity_data', async () => {
    const email = uniqueEmail('genmeta');
    const { data, error } = await admin().generateLink({
      type: 'signup',
      email,
      password: PASSWORD,
      options: { data: { first_name: 'Gen' } },
    });
    expect(error).toBeNull();
    expect(data.user!.user_metadata).toEqual({ first_name: 'Gen' });
    expect(data.user!.identities![0]!.identity_data).toMatchObject({ sub: data.user!.id, email });
    const magic = await admin().generateLink({ type: 'magiclink', email: uniqueEmail('genmagic') });
    expect(magic.error).toBeNull();
    expect(magic.data.user!.user_metadata).toEqual({});
  });

  it('invites a user by email; the invite link signs them in', async () => {
    const email = uniqueEmail('invite');
    const { data, error } = await admin().inviteUserByEmail(email, { data: { first_name: 'Ida' } });
    expect(error).toBeNull();
    expect(data.user!.invited_at).toBeTruthy();
    expect(data.user!.user_metadata).toEqual({ first_name: 'Ida' });
    expect(data.user!.identities![0]!.identity_data).toMatchObject({ sub: data.user!.id, email });
    const mail = await latestMail(email);
    const verified = await anonClient().auth.verifyOtp({ token_hash: tokenHashFrom(mail.HTML), type: 'invite' });
    expect(verified.error).toBeNull();
    expect(verified.data.user!.email_confirmed_at).toBeTruthy();
  });
});

describe('settings and health', () => {
  it('serves /settings and /health like GoTrue', async () => {
    const settings = (await (await authFetch('/settings')).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({
      disable_signup: false,
      mailer_autoconfirm: true,
      phone_autoconfirm: false,
      external: { email: true, phone: false, google: false },
    });
    const health = (await (await authFetch('/health')).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' });
  });
});
