/**
 * The gateway with each kind of key, through supabase-js as an application uses it: the
 * CLI's fixed publishable key (sign up, sign in; no admin), its secret key (the admin
 * API), the legacy anon and service_role JWTs (still accepted), and what the CLI's Kong
 * does with `Authorization: Bearer sb_…` (dropped: the apikey decides, unless a user's
 * token is sent). An unknown `sb_…` key is refused like any wrong apikey.
 */
import { describe, expect, it } from 'vitest';
import { TEST_STACK } from '../setup/stack-config.ts';
import { authFetch, keyClient, PASSWORD, uniqueEmail } from './helpers/auth.ts';

describe('the publishable key', () => {
  it('signs up and signs in, and is refused by the admin API', async () => {
    const client = keyClient(TEST_STACK.publishableKey);
    const email = uniqueEmail('pub');
    const signUp = await client.auth.signUp({ email, password: PASSWORD });
    expect(signUp.error).toBeNull();
    expect(signUp.data.user).toMatchObject({ email, role: 'authenticated' });
    const signIn = await client.auth.signInWithPassword({ email, password: PASSWORD });
    expect(signIn.error).toBeNull();
    const me = await client.auth.getUser(signIn.data.session!.access_token);
    expect(me.data.user).toMatchObject({ id: signUp.data.user!.id, email });
    const list = await client.auth.admin.listUsers();
    expect(list.error).toMatchObject({ status: 403, code: 'not_admin' });
  });
});

describe('the secret key', () => {
  it('lists and creates users through the admin API', async () => {
    const admin = keyClient(TEST_STACK.secretKey).auth.admin;
    const email = uniqueEmail('sec');
    const created = await admin.createUser({ email, password: PASSWORD, email_confirm: true });
    expect(created.error).toBeNull();
    expect(created.data.user).toMatchObject({ email });
    const list = await admin.listUsers({ perPage: 1 });
    expect(list.error).toBeNull();
    expect(list.data.users).toHaveLength(1);
    expect((await admin.getUserById(created.data.user!.id)).data.user).toMatchObject({ email });
  });

  it("lets a user's access token decide the role, as the CLI's gateway does", async () => {
    const email = uniqueEmail('secuser');
    const session = (await keyClient(TEST_STACK.publishableKey).auth.signUp({ email, password: PASSWORD })).data.session!;
    const asUser = { key: TEST_STACK.secretKey, headers: { authorization: `Bearer ${session.access_token}` } };
    const me = await authFetch('/user', asUser);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email });
    expect((await authFetch('/admin/users', asUser)).status).toBe(403);
  });
});

describe('Authorization: Bearer sb_…', () => {
  it('is dropped: the apikey decides the role', async () => {
    const bearerSecret = { authorization: `Bearer ${TEST_STACK.secretKey}` };
    // What supabase-js sends when built from the secret key: the key in both headers.
    const both = await authFetch('/admin/users?per_page=1', { key: TEST_STACK.secretKey, headers: bearerSecret });
    expect(both.status).toBe(200);
    // The publishable key in apikey with the secret key as bearer: still only anon.
    const mixed = await authFetch('/admin/users', { key: TEST_STACK.publishableKey, headers: bearerSecret });
    expect(mixed.status).toBe(403);
    expect(await mixed.json()).toMatchObject({ error_code: 'not_admin' });
  });

  it('is no API key on its own: 401 at the gateway, as on hosted Supabase', async () => {
    const res = await fetch(`${TEST_STACK.apiUrl}/auth/v1/admin/users`, { headers: { authorization: `Bearer ${TEST_STACK.secretKey}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'No API key found in request' });
  });
});

describe('legacy JWT keys and wrong keys', () => {
  it('still accepts the anon and service_role JWTs', async () => {
    const email = uniqueEmail('legacy');
    const signUp = await keyClient(TEST_STACK.anonKey).auth.signUp({ email, password: PASSWORD });
    expect(signUp.error).toBeNull();
    const found = await keyClient(TEST_STACK.serviceRoleKey).auth.admin.getUserById(signUp.data.user!.id);
    expect(found.data.user).toMatchObject({ email });
  });

  it('refuses an unknown sb_ key like a wrong apikey', async () => {
    for (const key of ['sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvX', 'sb_publishable_nope', 'not-a-key']) {
      const res = await authFetch('/settings', { key });
      expect(res.status, key).toBe(401);
      expect(await res.json()).toEqual({ message: 'Invalid authentication credentials' });
    }
    const { error } = await keyClient('sb_secret_wrong').auth.signInWithPassword({ email: uniqueEmail(), password: PASSWORD });
    expect(error).toMatchObject({ status: 401 });
  });
});
