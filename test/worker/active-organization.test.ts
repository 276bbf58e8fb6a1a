/**
 * The active organization in the access token (spec/organizations.md): the custom access
 * token hook puts `organization: { id, name, slug, role, plan }` into every token, so
 * /login and /refresh answer from the session alone — one upstream round trip each,
 * counted at the worker's door — and a switch shows in the next refreshed token.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getConfig } from '../../src/env.ts';
import { contextOf } from '../../src/routes/auth/session-data.ts';
import { api, envWith, PASSWORD, registerUser, signWithProjectKey } from './support/e2e.ts';
import { recordUpstream } from './support/harness.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

function claims(token: string): Record<string, any> {
  const segment = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(segment), (ch) => ch.charCodeAt(0))));
}

/** An app in this isolate, so the spy sees its upstream calls. */
const worker = envWith({});

describe('the organization claim', () => {
  it('login: one upstream call, the claim and the answer name the active organization', async () => {
    const { email } = await registerUser({ first_name: 'Tia', organization_name: 'Claimed Co' });
    const upstream = recordUpstream();
    const login = await api('/api/v1/auth/login', { body: { email, password: PASSWORD }, env: worker });
    expect(login.status).toBe(200);
    expect(upstream.map((c) => c.url)).toEqual([`${env.SUPABASE_URL}/auth/v1/token?grant_type=password`]);
    const org = claims(login.body.data.access_token).organization;
    expect(org).toMatchObject({ name: 'Claimed Co', role: 'owner', plan: expect.any(String), id: expect.any(String) });
    expect(login.body.data.user).toMatchObject({
      email,
      first_name: 'Tia',
      role: 'owner',
      organization: { id: org.id, name: 'Claimed Co' },
      email_verified: true,
    });
    // The same as what the database says.
    const me = await api('/api/v1/auth/me', { token: login.body.data.access_token });
    expect(me.body.data).toMatchObject({ first_name: 'Tia', role: 'owner', organization: { id: org.id, name: 'Claimed Co' } });
  });

  it('refresh: one upstream call; after PUT /me/organization the refreshed token carries the new one', async () => {
    const { email } = await registerUser({ organization_name: 'First Co' });
    const login = await api('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    const token = login.body.data.access_token as string;
    const created = await api('/api/v1/auth/organizations', { token, body: { name: 'Second Co' } });
    const switched = await api('/api/v1/auth/me/organization', { method: 'PUT', token, body: { organization_id: created.body.data.id } });
    expect(switched.body.data.organization.id).toBe(created.body.data.id);
    expect(claims(token).organization.name).toBe('First Co'); // the old token keeps its claim until it is refreshed

    const upstream = recordUpstream();
    const refreshed = await api('/api/v1/auth/refresh', { body: { refresh_token: login.body.data.refresh_token }, env: worker });
    expect(refreshed.status).toBe(200);
    expect(upstream.map((c) => c.url)).toEqual([`${env.SUPABASE_URL}/auth/v1/token?grant_type=refresh_token`]);
    expect(claims(refreshed.body.data.access_token).organization).toMatchObject({
      id: created.body.data.id,
      name: 'Second Co',
      role: 'owner',
    });
    expect(refreshed.body.data.user.organization).toEqual({ id: created.body.data.id, name: 'Second Co' });
  });

  it('a user with only a personal organization: the claim names it', async () => {
    const { email } = await registerUser();
    const login = await api('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(claims(login.body.data.access_token).organization).toMatchObject({ name: 'Personal Account', role: 'owner' });
    expect(login.body.data.user.organization.name).toBe('Personal Account');
  });
});

describe('without the hook (a project that has not turned it on)', () => {
  it('a token without the organization claim costs one more call: the context is read from the database', async () => {
    const { email } = await registerUser({ first_name: 'Noa', organization_name: 'Hookless Ltd' });
    const login = await api('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    const { organization: _dropped, ...rest } = claims(login.body.data.access_token);
    const token = await signWithProjectKey(rest);
    const session = { access_token: token, user: { id: rest.sub } } as unknown as Parameters<typeof contextOf>[1];
    const scope = { var: { config: getConfig(env) }, req: { header: () => undefined } };
    const upstream = recordUpstream();
    const context = await contextOf(scope, session);
    expect(upstream.map((c) => c.url)).toEqual([`${env.SUPABASE_URL}/rest/v1/rpc/get_my_context`]);
    expect(context).toMatchObject({ email, first_name: 'Noa', role: 'owner', organization: { name: 'Hookless Ltd' } });
  });
});
