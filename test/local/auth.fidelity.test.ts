/**
 * The config.toml keys behind the stand-in's anonymous sign-ins, identity linking,
 * reauthentication and passkeys, read as the Supabase CLI reads them (its defaults for
 * what is left out, its refusals at start), and what they drive that the topic files
 * (auth.anonymous, auth.identities, auth.reauthenticate) do not: the `anonymous_users`
 * bucket (as many sign-ins as configured, earned back per hour), a project's
 * `[auth.email.template.reauthentication]`, and GoTrue's 405 for the new paths.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../local/auth/ratelimit.ts';
import { loadProjectConfig } from '../../local/config.ts';
import { anonClient, authFetch, PASSWORD, startAuthServer, uniqueEmail } from './helpers/auth.ts';

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

/** A project folder whose supabase/config.toml is `toml` (plus `files` beside it); returns its config. */
function configOf(toml: string, files: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fidelity-'));
  folders.push(dir);
  fs.mkdirSync(path.join(dir, 'supabase'));
  fs.writeFileSync(path.join(dir, 'supabase', 'config.toml'), toml);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'supabase', name), text);
  return loadProjectConfig(dir);
}

describe('config.toml', () => {
  it('takes the CLI defaults for what it leaves out', () => {
    const { auth } = configOf('');
    expect(auth.enableAnonymousSignIns).toBe(false);
    expect(auth.enableManualLinking).toBe(false);
    expect(auth.email.securePasswordChange).toBe(false);
    expect(auth.rateLimit.anonymousUsers).toBe(30);
    expect(auth.sms).toEqual({ maxFrequency: 5, testOtp: {} });
    expect(auth.passkey).toEqual({ enabled: false, rpId: '', rpDisplayName: '', rpOrigins: [] });
    expect(auth.email.templates.reauthentication.subject).toBe('Confirm reauthentication');
  });

  it("reads auth-js's settings: anonymous sign-ins, manual linking, test OTPs, passkeys with their relying party", () => {
    const { auth } = configOf(
      `[auth]
enable_anonymous_sign_ins = true
enable_manual_linking = true
[auth.rate_limit]
anonymous_users = 100
[auth.email]
secure_password_change = true
[auth.email.template.reauthentication]
subject = "Your code"
content_path = "./reauth.html"
[auth.sms]
max_frequency = "1s"
[auth.sms.test_otp]
"1234567890" = "123456"
4152127777 = "654321"
[auth.passkey]
enabled = true
[auth.webauthn]
rp_display_name = "auth-js tests"
rp_id = "localhost"
rp_origins = ["http://localhost:5173"]
`,
      { 'reauth.html': '<p>{{ .Token }}</p>' },
    );
    expect(auth.enableAnonymousSignIns).toBe(true);
    expect(auth.enableManualLinking).toBe(true);
    expect(auth.rateLimit.anonymousUsers).toBe(100);
    expect(auth.email.securePasswordChange).toBe(true);
    expect(auth.email.templates.reauthentication).toEqual({ subject: 'Your code', content: '<p>{{ .Token }}</p>' });
    expect(auth.sms).toEqual({ maxFrequency: 1, testOtp: { '1234567890': '123456', '4152127777': '654321' } });
    expect(auth.passkey).toEqual({
      enabled: true,
      rpId: 'localhost',
      rpDisplayName: 'auth-js tests',
      rpOrigins: ['http://localhost:5173'],
    });
  });

  it('refuses what the CLI refuses: a test OTP that is no string, a passkey without its relying party', () => {
    expect(() => configOf('[auth.sms.test_otp]\n"1234567890" = 123456\n')).toThrow(
      'supabase/config.toml: [auth.sms.test_otp] "1234567890" must be a string code',
    );
    expect(() => configOf('[auth.passkey]\nenabled = true\n')).toThrow(
      'Missing required config section: auth.webauthn (required when auth.passkey.enabled is true)',
    );
    expect(() => configOf('[auth.passkey]\nenabled = true\n[auth.webauthn]\nrp_origins = ["http://localhost:5173"]\n')).toThrow(
      'Missing required field in config: auth.webauthn.rp_id',
    );
    expect(() => configOf('[auth.passkey]\nenabled = true\n[auth.webauthn]\nrp_id = "localhost"\n')).toThrow(
      'Missing required field in config: auth.webauthn.rp_origins',
    );
    // A relying party without passkeys is fine (the CLI checks it only for passkeys).
    expect(configOf('[auth.webauthn]\nrp_id = "localhost"\n').auth.passkey).toMatchObject({ enabled: false, rpId: 'localhost' });
  });
});

describe('the anonymous_users bucket', () => {
  it('holds the configured count and earns it back per hour, whatever the 5-minute period', () => {
    const limiter = new RateLimiter({
      signInSignUps: 30,
      tokenRefresh: 30,
      tokenVerifications: 30,
      emailSent: 1,
      anonymousUsers: 3,
      period: 1,
    });
    const take = (at: number) => {
      try {
        limiter.hit('anonymous', '192.0.2.9', at);
        return true;
      } catch {
        return false;
      }
    };
    expect([take(0), take(0), take(0), take(0)]).toEqual([true, true, true, false]);
    // 3 an hour: one back every 20 minutes.
    expect([take(19 * 60_000), take(20 * 60_000 + 1), take(20 * 60_000 + 2)]).toEqual([false, true, false]);
    expect(() => limiter.hit('signups', '192.0.2.9', 0)).not.toThrow();
  });
});

describe('a project reauthentication template', () => {
  it('is what GET /reauthenticate mails', async () => {
    const templates = loadProjectConfig(process.cwd()).auth.email.templates;
    const reauthentication = { subject: 'Code for {{ .Email }}', content: '<p>Your code: {{ .Token }} ({{ .SiteURL }})</p>' };
    const server = await startAuthServer({ email: { templates: { ...templates, reauthentication } } });
    const email = uniqueEmail('template');
    const client = anonClient(server.url);
    expect((await client.auth.signUp({ email, password: PASSWORD })).error).toBeNull();
    expect((await client.auth.reauthenticate()).error).toBeNull();
    const [mail] = server.mailbox.list().filter((m) => m.To.some((a) => a.Address === email));
    expect(mail!.Subject).toBe(`Code for ${email}`);
    expect(mail!.HTML).toMatch(/^<p>Your code: \d{6} \(http:\/\/127\.0\.0\.1:3000\)<\/p>$/);
  });
});

describe('the new paths with another method', () => {
  it('answer 405 as GoTrue’s router does', async () => {
    for (const [method, route] of [
      ['POST', '/reauthenticate'],
      ['POST', '/user/identities/authorize'],
      ['GET', '/user/identities/00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await authFetch(route, { method });
      expect(res.status, `${method} ${route}`).toBe(405);
    }
  });
});
