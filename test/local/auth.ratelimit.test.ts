/**
 * `[auth.rate_limit]` with dedicated low settings (extra servers): GoTrue's token buckets
 * per limiter and client IP (a burst of 30, then the configured count per period), 429
 * over_request_rate_limit when a bucket is empty. The client IP is `Sb-Forwarded-For`
 * only on requests made with the secret key to a server with IP forwarding on, else the
 * socket address (a client's X-Forwarded-For counts only where `rateLimitHeader` names
 * it). The hourly email budget answers 429 over_email_send_rate_limit.
 */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../local/auth/ratelimit.ts';
import { TEST_STACK } from '../setup/stack-config.ts';
import { anonClient, keyClient, PASSWORD, startAuthServer, uniqueEmail } from './helpers/auth.ts';

const BURST = 30;
/** Counts that refill at most a few tokens during a test (per 5 minutes). */
const LOW = { signInSignUps: 30, tokenRefresh: 30, tokenVerifications: 30, emailSent: 100 };

/**
 * One cheap request to the token endpoint (a refresh token that does not exist: no
 * bcrypt, no row), made with `key` and `headers`; returns the status.
 */
async function refresh(url: string, key: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${url}/auth/v1/token?grant_type=refresh_token`, {
    method: 'POST',
    headers: { apikey: key, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ refresh_token: 'no-such-token' }),
  });
  await res.body?.cancel();
  return res.status;
}

/** Makes `n` refresh requests one after another; returns their statuses. */
async function refreshes(n: number, request: (i: number) => Promise<number>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push(await request(i));
  return statuses;
}

describe('the token bucket', () => {
  it('holds 30 requests whatever the count, and earns the count back per period', () => {
    const limiter = new RateLimiter({ signInSignUps: 600, tokenRefresh: 3, tokenVerifications: 30, emailSent: 1, period: 300 });
    const take = (at: number) => {
      try {
        limiter.hit('signups', '192.0.2.1', at);
        return true;
      } catch {
        return false;
      }
    };
    // A burst of 30 even though 600 per 5 minutes are allowed; then 2 per second.
    expect(Array.from({ length: 31 }, () => take(0))).toEqual([...Array(30).fill(true), false]);
    expect([take(499), take(510), take(511)]).toEqual([false, true, false]);
    // A long pause refills to 30, never beyond.
    expect(Array.from({ length: 31 }, () => take(3_600_000)).filter(Boolean)).toHaveLength(30);
    // Limiters and IPs have buckets of their own.
    expect(() => limiter.hit('recover', '192.0.2.1', 3_600_000)).not.toThrow();
    expect(() => limiter.hit('signups', '192.0.2.2', 3_600_000)).not.toThrow();
  });
});

describe('per-IP token buckets', () => {
  it('gives each Sb-Forwarded-For its own bucket with the secret key and forwarding on', async () => {
    const server = await startAuthServer({ ipForwarding: true, rateLimit: LOW });
    const from = (ip: string) => ({ 'Sb-Forwarded-For': ip });
    const first = await refreshes(BURST, () => refresh(server.url, TEST_STACK.secretKey, from('203.0.113.7')));
    expect(first.every((s) => s === 400)).toBe(true);
    expect(await refresh(server.url, TEST_STACK.secretKey, from('203.0.113.7'))).toBe(429);
    // Another end user behind the same server is not affected, nor is the IP's sign-up bucket.
    expect(await refresh(server.url, TEST_STACK.secretKey, from('203.0.113.8, 10.0.0.1'))).toBe(400);
    const secret = keyClient(TEST_STACK.secretKey, server.url, from('203.0.113.7'));
    expect((await secret.auth.signUp({ email: uniqueEmail('rl'), password: PASSWORD })).error).toBeNull();

    const over = await keyClient(TEST_STACK.secretKey, server.url, from('203.0.113.7')).auth.refreshSession({
      refresh_token: 'no-such-token',
    });
    expect(over.error).toMatchObject({ status: 429, code: 'over_request_rate_limit', message: 'Request rate limit reached' });
  });

  it('counts the socket address for the publishable key and for an invalid Sb-Forwarded-For', async () => {
    const server = await startAuthServer({ ipForwarding: true, rateLimit: LOW });
    const statuses = await refreshes(BURST, (i) =>
      i % 2 === 0
        ? refresh(server.url, TEST_STACK.publishableKey, { 'Sb-Forwarded-For': `198.51.100.${i}` })
        : refresh(server.url, TEST_STACK.secretKey, { 'Sb-Forwarded-For': 'not-an-ip' }),
    );
    expect(statuses.every((s) => s === 400)).toBe(true);
    expect(await refresh(server.url, TEST_STACK.anonKey, { 'Sb-Forwarded-For': '198.51.100.200' })).toBe(429);
  });

  it('ignores Sb-Forwarded-For and X-Forwarded-For when forwarding is off, as a new hosted project does', async () => {
    const server = await startAuthServer({ rateLimit: LOW });
    const statuses = await refreshes(BURST, (i) =>
      refresh(server.url, TEST_STACK.secretKey, { 'Sb-Forwarded-For': `192.0.2.${i}`, 'X-Forwarded-For': `192.0.2.${i}` }),
    );
    expect(statuses.every((s) => s === 400)).toBe(true);
    expect(await refresh(server.url, TEST_STACK.secretKey, { 'Sb-Forwarded-For': '192.0.2.250' })).toBe(429);
  });

  it('takes the client IP from rateLimitHeader when set, as self-hosted GoTrue does', async () => {
    const server = await startAuthServer({ rateLimitHeader: 'X-Forwarded-For', rateLimit: LOW });
    await refreshes(BURST, () => refresh(server.url, TEST_STACK.anonKey, { 'X-Forwarded-For': '203.0.113.50, 10.0.0.1' }));
    expect(await refresh(server.url, TEST_STACK.anonKey, { 'X-Forwarded-For': '203.0.113.50' })).toBe(429);
    expect(await refresh(server.url, TEST_STACK.anonKey, { 'X-Forwarded-For': '203.0.113.51' })).toBe(400);
  });

  it('as `supabase start` (rateLimitBySocket off): no per-IP limit unless an address was given', async () => {
    const server = await startAuthServer({ rateLimit: LOW, rateLimitBySocket: false, ipForwarding: true });
    // Twice the burst from one socket: nothing counts them.
    const statuses = await refreshes(2 * BURST, () => refresh(server.url, TEST_STACK.anonKey));
    expect(statuses.every((s) => s === 400)).toBe(true);
    // An address given by forwarding still has its bucket (control: the limiter is on).
    await refreshes(BURST, () => refresh(server.url, TEST_STACK.secretKey, { 'Sb-Forwarded-For': '198.51.100.77' }));
    expect(await refresh(server.url, TEST_STACK.secretKey, { 'Sb-Forwarded-For': '198.51.100.77' })).toBe(429);
  });

  it('refills a bucket at the configured count per period', async () => {
    // 30 per 2 seconds: one request back every ~67 ms.
    const server = await startAuthServer({ rateLimitPeriod: 2, rateLimit: LOW });
    let served = 0;
    while ((await refresh(server.url, TEST_STACK.anonKey)) !== 429) {
      served += 1;
      if (served > 3 * BURST) throw new Error('the bucket never ran empty');
    }
    expect(served).toBeGreaterThanOrEqual(BURST);
    await new Promise((r) => setTimeout(r, 300));
    expect(await refresh(server.url, TEST_STACK.anonKey)).toBe(400);
  });
});

describe('the email budget', () => {
  it('counts the emails sent per hour while confirmations are on', async () => {
    const server = await startAuthServer({ email: { enableConfirmations: true }, rateLimit: { ...LOW, emailSent: 1 } });
    expect((await anonClient(server.url).auth.signUp({ email: uniqueEmail('mail1'), password: PASSWORD })).error).toBeNull();
    const second = await anonClient(server.url).auth.signUp({ email: uniqueEmail('mail2'), password: PASSWORD });
    expect(second.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit', message: 'email rate limit exceeded' });
  });
});
