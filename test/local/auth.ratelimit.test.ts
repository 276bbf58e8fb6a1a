/**
 * `[auth.rate_limit]` with a dedicated low setting (an extra server): requests count per
 * client IP (the first X-Forwarded-For entry), 429 over_request_rate_limit past the
 * limit; the hourly email budget answers 429 over_email_send_rate_limit.
 */
import { describe, expect, it } from 'vitest';
import { TEST_STACK } from '../setup/stack-config.ts';
import { createClient } from '@supabase/supabase-js';
import { anonClient, PASSWORD, startAuthServer, uniqueEmail } from './helpers/auth.ts';

const clientFrom = (url: string, ip: string) =>
  createClient(url, TEST_STACK.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { 'X-Forwarded-For': `${ip}, 10.0.0.1` } },
  });

describe('rate limits', () => {
  it('limits sign-ins and sign-ups per client IP', async () => {
    const server = await startAuthServer({ rateLimit: { signInSignUps: 3, tokenRefresh: 2, tokenVerifications: 100, emailSent: 100 } });
    const a = clientFrom(server.url, '203.0.113.7');
    for (let i = 0; i < 3; i++) {
      expect((await a.auth.signInWithPassword({ email: uniqueEmail(), password: PASSWORD })).error).toMatchObject({ code: 'invalid_credentials' });
    }
    const over = await a.auth.signUp({ email: uniqueEmail(), password: PASSWORD });
    expect(over.error).toMatchObject({ status: 429, code: 'over_request_rate_limit', message: 'Request rate limit reached' });
    const b = clientFrom(server.url, '203.0.113.8');
    const other = await b.auth.signUp({ email: uniqueEmail('rl'), password: PASSWORD });
    expect(other.error).toBeNull();

    const refresh = other.data.session!.refresh_token;
    const c = clientFrom(server.url, '203.0.113.9');
    const first = await c.auth.refreshSession({ refresh_token: refresh });
    expect(first.error).toBeNull();
    expect((await c.auth.refreshSession({ refresh_token: first.data.session!.refresh_token })).error).toBeNull();
    expect((await c.auth.refreshSession({ refresh_token: refresh })).error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
  });

  it('counts the emails sent per hour while confirmations are on', async () => {
    const server = await startAuthServer({ email: { enableConfirmations: true }, rateLimit: { signInSignUps: 100, tokenRefresh: 100, tokenVerifications: 100, emailSent: 1 } });
    expect((await anonClient(server.url).auth.signUp({ email: uniqueEmail('mail1'), password: PASSWORD })).error).toBeNull();
    const second = await anonClient(server.url).auth.signUp({ email: uniqueEmail('mail2'), password: PASSWORD });
    expect(second.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit', message: 'email rate limit exceeded' });
  });
});
