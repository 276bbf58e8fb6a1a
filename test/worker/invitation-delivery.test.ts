/**
 * Delivery of invitation emails through the configured provider. Locally the worker sends
 * them to the stand-in's mailbox (organizations.manage.test.ts reads them there); the
 * production provider, Resend, cannot be reached from here, so its one HTTP call is the
 * only stubbed request (every other request goes to the real stand-in): its shape, a
 * refusal and an outage, each answered `delivered: false` with the invitation still made.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/env.ts';
import { api, envWith, loginUser, registerUser, uniqueEmail } from './support/e2e.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const resend = envWith({
  EMAIL_PROVIDER: 'resend',
  RESEND_API_KEY: 're_test_key',
  EMAIL_FROM: 'invites@example.com',
  APP_URL: 'https://app.example.com',
});

/** Answers Resend's endpoint with `answer`; passes everything else through. */
function stubResend(answer: () => Response | Promise<Response>) {
  const real = globalThis.fetch.bind(globalThis);
  const sent: Request[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.url.startsWith('https://api.resend.com/')) {
      sent.push(request);
      return answer();
    }
    return real(input, init);
  });
  return sent;
}

async function ownerWithOrg() {
  const { email } = await registerUser();
  const { access_token } = await loginUser(email);
  const org = await api('/api/v1/auth/organizations', { token: access_token, body: { name: 'Mail <b>Co</b>' } });
  return { token: access_token, orgId: org.body.data.id as string };
}

describe('invitation emails through Resend', () => {
  it('POSTs the email with the API key, the link to the web app, and answers delivered: true', async () => {
    const { token, orgId } = await ownerWithOrg();
    const sent = stubResend(() => new Response(JSON.stringify({ id: 'email_1' }), { status: 200 }));
    const invitee = uniqueEmail('resend');
    const res = await api(`/api/v1/auth/organizations/${orgId}/invitations`, {
      token,
      body: { email: invitee, role: 'MEMBER' },
      env: resend,
    });
    expect(res.status).toBe(201);
    expect(res.body.data.delivered).toBe(true);
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request!.method).toBe('POST');
    expect(request!.headers.get('Authorization')).toBe('Bearer re_test_key');
    const body = (await request!.json()) as { from: string; to: string[]; subject: string; html: string; text: string };
    expect(body.from).toBe('invites@example.com');
    expect(body.to).toEqual([invitee]);
    expect(body.subject).toBe('You are invited to join Mail <b>Co</b>');
    expect(body.text).toContain(`https://app.example.com/invitations/${res.body.data.id}`);
    // The organization's name is the owner's input: escaped in the HTML.
    expect(body.html).toContain('Mail &#60;b&#62;Co&#60;/b&#62;');
    expect(body.html).not.toContain('<b>Co</b>');
  });

  it.each([
    ['refuses', () => new Response('{"message":"invalid key"}', { status: 401 })],
    ['is down', () => Promise.reject(new TypeError('connection refused'))],
  ])('answers delivered: false when Resend %s, and the invitation exists', async (_what, answer) => {
    const { token, orgId } = await ownerWithOrg();
    stubResend(answer);
    const res = await api(`/api/v1/auth/organizations/${orgId}/invitations`, { token, body: { email: uniqueEmail('down') }, env: resend });
    expect(res.status).toBe(201);
    expect(res.body.data.delivered).toBe(false);
    const pending = await api(`/api/v1/auth/organizations/${orgId}/invitations`, { token });
    expect(pending.body.data.map((i: { id: string }) => i.id)).toContain(res.body.data.id);
  });

  it('without a provider nothing is sent and the answer says delivered: false', async () => {
    const { token, orgId } = await ownerWithOrg();
    const sent = stubResend(() => new Response('{}'));
    const res = await api(`/api/v1/auth/organizations/${orgId}/invitations`, {
      token,
      body: { email: uniqueEmail('none') },
      env: envWith({ EMAIL_PROVIDER: 'none' }),
    });
    expect(res.body.data.delivered).toBe(false);
    expect(sent).toEqual([]);
  });
});

describe('email configuration', () => {
  const base = { SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SECRET_KEY: 'sb_secret_x1' };
  it.each([
    [{ EMAIL_PROVIDER: 'smtp' }, 'EMAIL_PROVIDER'],
    [{ EMAIL_PROVIDER: 'resend', EMAIL_FROM: 'a@b.co', RESEND_API_KEY: 'k' }, 'APP_URL'],
    [{ EMAIL_PROVIDER: 'resend', APP_URL: 'https://app.example.com', RESEND_API_KEY: 'k' }, 'EMAIL_FROM'],
    [{ EMAIL_PROVIDER: 'resend', APP_URL: 'https://app.example.com', EMAIL_FROM: 'a@b.co' }, 'RESEND_API_KEY'],
    [{ EMAIL_PROVIDER: 'mailpit', APP_URL: 'https://app.example.com', EMAIL_FROM: 'a@b.co' }, 'MAILPIT_URL'],
    [{ APP_URL: 'not a url' }, 'APP_URL'],
  ])('refuses %o naming %s', (vars, setting) => {
    expect(() => parseConfig({ ...base, ...vars })).toThrow(setting);
  });

  it('the test worker sends to the test mailbox', () => {
    expect(parseConfig(env as unknown as Record<string, unknown>).mail).toEqual({
      provider: 'mailpit',
      url: env.TEST_MAILBOX_URL,
      from: 'no-reply@edge-auth.local',
    });
  });
});
