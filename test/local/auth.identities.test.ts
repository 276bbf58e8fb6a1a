/**
 * /user/identities as GoTrue serves it, driven by supabase-js's `linkIdentity`,
 * `unlinkIdentity` and `getUserIdentities`: 404 `manual_linking_disabled` while
 * `enable_manual_linking` is off (this project's setting and the CLI's default), and on an
 * extra server with it on: no OAuth provider to link ("provider is not enabled"), and
 * GoTrue's unlink rules — never the last identity, only the user's own, a phone identity
 * takes the phone along, and unlinking the identity that holds the user's email moves the
 * user to the best remaining identity's email (or refuses when another user has it),
 * rebuilding `app_metadata.providers`. Second identities are added with SQL, since the
 * stand-in links no OAuth provider.
 */
import crypto from 'node:crypto';
import type { SupabaseClient, UserIdentity } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../local/api.ts';
import { anonClient, authFetch, PASSWORD, sql, startAuthServer, uniqueEmail } from './helpers/auth.ts';

/** A signed-up (autoconfirmed) user of `url` with their client. */
async function signedUp(url?: string): Promise<{ email: string; id: string; client: SupabaseClient; token: string }> {
  const email = uniqueEmail('ident');
  const client = anonClient(url);
  const { data, error } = await client.auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  return { email, id: data.user!.id, client, token: data.session!.access_token };
}

/** Adds an identity of `provider` to the user, as an OAuth sign-in would have linked it. */
async function addIdentity(userId: string, provider: string, identityData: Record<string, unknown>): Promise<string> {
  const id = crypto.randomUUID();
  await sql(
    `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, now(), now(), now())`,
    [id, String(identityData.sub ?? id), userId, identityData, provider],
  );
  return id;
}

const identitiesOf = async (client: SupabaseClient): Promise<UserIdentity[]> => {
  const { data, error } = await client.auth.getUserIdentities();
  if (error) throw error;
  return data.identities;
};

describe('manual linking off (enable_manual_linking = false)', () => {
  it('answers 404 manual_linking_disabled to linkIdentity and unlinkIdentity', async () => {
    const { client } = await signedUp();
    const link = await client.auth.linkIdentity({ provider: 'google', options: { skipBrowserRedirect: true } });
    expect(link.error).toMatchObject({ status: 404, code: 'manual_linking_disabled', message: 'Manual linking is disabled' });
    const [identity] = await identitiesOf(client);
    const unlink = await client.auth.unlinkIdentity(identity!);
    expect(unlink.error).toMatchObject({ status: 404, code: 'manual_linking_disabled', message: 'Manual linking is disabled' });
  });

  it('asks for a signed-in user first', async () => {
    const res = await authFetch(`/user/identities/${crypto.randomUUID()}`, { method: 'DELETE' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error_code: 'no_authorization' });
  });
});

describe('manual linking on', () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startAuthServer({ enableManualLinking: true });
  });

  it('links no OAuth provider: none is enabled in the stand-in', async () => {
    const { client, token } = await signedUp(server.url);
    const link = await client.auth.linkIdentity({ provider: 'github', options: { skipBrowserRedirect: true } });
    expect(link.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Unsupported provider: provider is not enabled' });
    const unknown = await authFetch(
      '/user/identities/authorize?provider=myspace&skip_http_redirect=true',
      { headers: { authorization: `Bearer ${token}` } },
      server.url,
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ msg: 'Unsupported provider: Provider myspace could not be found' });
  });

  it('never unlinks the last identity, nor one that is not the caller’s', async () => {
    const { client, token } = await signedUp(server.url);
    const [only] = await identitiesOf(client);
    expect((await client.auth.unlinkIdentity(only!)).error).toMatchObject({
      status: 422,
      code: 'single_identity_not_deletable',
      message: 'User must have at least 1 identity after unlinking',
    });
    const other = await signedUp(server.url);
    const [theirs] = await identitiesOf(other.client);
    await addIdentity((await client.auth.getUser()).data.user!.id, 'github', { sub: 'gh-1', email: uniqueEmail('gh') });
    expect((await client.auth.unlinkIdentity(theirs!)).error).toMatchObject({
      status: 422,
      code: 'identity_not_found',
      message: "Identity doesn't exist",
    });
    const notUuid = await authFetch(
      '/user/identities/nope',
      { method: 'DELETE', headers: { authorization: `Bearer ${token}` } },
      server.url,
    );
    expect(notUuid.status).toBe(404);
    expect(await notUuid.json()).toMatchObject({ error_code: 'validation_failed', msg: 'identity_id must be an UUID' });
  });

  it("moves the user to the remaining identity's email when the email identity goes", async () => {
    const { client, id } = await signedUp(server.url);
    const githubEmail = uniqueEmail('gh');
    await addIdentity(id, 'github', { sub: 'gh-2', email: githubEmail, email_verified: true });
    const emailIdentity = (await identitiesOf(client)).find((i) => i.provider === 'email')!;
    const { data, error } = await client.auth.unlinkIdentity(emailIdentity);
    expect(error).toBeNull();
    expect(data).toEqual({});
    const { data: after } = await client.auth.getUser();
    expect(after.user).toMatchObject({ email: githubEmail, app_metadata: { provider: 'github', providers: ['github'] } });
    expect(after.user!.email_confirmed_at).toBeTruthy();
    expect(after.user!.identities!.map((i) => i.provider)).toEqual(['github']);
    const audit = await sql(
      `select 1 from auth.audit_log_entries where payload->>'action' = 'identity_unlinked' and payload->>'actor_id' = $1`,
      [id],
    );
    expect(audit).toHaveLength(1);
  });

  it("refuses when every remaining identity's email belongs to another user", async () => {
    const { client, id } = await signedUp(server.url);
    const other = await signedUp(server.url);
    await addIdentity(id, 'github', { sub: 'gh-3', email: other.email, email_verified: true });
    const emailIdentity = (await identitiesOf(client)).find((i) => i.provider === 'email')!;
    expect((await client.auth.unlinkIdentity(emailIdentity)).error).toMatchObject({
      status: 422,
      code: 'email_conflict_identity_not_deletable',
      message: 'Unable to unlink identity due to email conflict',
    });
    expect(await identitiesOf(client)).toHaveLength(2);
  });

  it('takes the phone along with a phone identity, and keeps the email of the email identity', async () => {
    const { client, id, email } = await signedUp(server.url);
    const phone = `1555${String(crypto.randomInt(0, 10_000_000)).padStart(7, '0')}`;
    await sql('update auth.users set phone = $2, phone_confirmed_at = now() where id = $1', [id, phone]);
    await addIdentity(id, 'phone', { sub: id, phone, phone_verified: true, email_verified: false });
    const phoneIdentity = (await identitiesOf(client)).find((i) => i.provider === 'phone')!;
    expect((await client.auth.unlinkIdentity(phoneIdentity)).error).toBeNull();
    const { data } = await client.auth.getUser();
    expect(data.user).toMatchObject({ email, phone: '', app_metadata: { provider: 'email', providers: ['email'] } });
    expect(data.user!.phone_confirmed_at).toBeUndefined();
  });
});
