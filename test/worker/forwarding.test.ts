/**
 * Per-user IP forwarding, against a stand-in auth server that behaves like a hosted project
 * with "IP address forwarding" on and hosted-like limits (the token endpoint: bursts of 30
 * per client IP): with the secret key, the worker tells Supabase each end user's IP in
 * `Sb-Forwarded-For`, so users behind the worker get a bucket each — and no client can
 * choose its own bucket by sending forwarding headers.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, PASSWORD, registerUser } from './support/e2e.ts';

const forwarding = { ...env, SUPABASE_URL: env.TEST_FORWARDING_SUPABASE_URL! } as Cloudflare.Env;
// The login lockout lets at most 5 attempts per account be in flight at once, so parallel
// logins are spread over enough accounts to stay below that.
const ACCOUNTS = 15;
let emails: string[] = [];
let block = 0;
let turn = 0;
/** A /24 of addresses no other test of this file uses. */
const ips = (n: number) => {
  block += 1;
  return Array.from({ length: n }, (_, i) => `203.0.${block}.${i + 1}`);
};
const login = (ip: string, headers: Record<string, string> = {}) =>
  api('/api/v1/auth/login', {
    body: { email: emails[turn++ % ACCOUNTS], password: PASSWORD },
    headers: { 'CF-Connecting-IP': ip, ...headers },
    env: forwarding,
  });

beforeAll(async () => {
  // The forwarding server shares the database: users made through the main one log in there.
  emails = (await Promise.all(Array.from({ length: ACCOUNTS }, () => registerUser()))).map((u) => u.email);
});

describe('IP forwarding with the secret key', () => {
  it('60 logins from 60 client IPs all succeed', async () => {
    const results = await Promise.all(ips(60).map((ip) => login(ip)));
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(200));
  });

  it('40 logins from one client IP meet 429 RATE_LIMITED once its burst is spent', async () => {
    const [ip] = ips(1);
    const results = await Promise.all(Array.from({ length: 40 }, () => login(ip!)));
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(31);
    expect(limited.length).toBeGreaterThanOrEqual(9);
    for (const r of limited) {
      expect(r.body.error.code).toBe('RATE_LIMITED');
      expect(r.headers.get('Retry-After')).toMatch(/^\d+$/);
    }
    expect(results.every((r) => r.status === 200 || r.status === 429)).toBe(true);
  });

  it('a client that sends Sb-Forwarded-For or X-Forwarded-For stays in its own bucket', async () => {
    const [ip] = ips(1);
    await Promise.all(Array.from({ length: 30 }, () => login(ip!)));
    // Drain what refilled meanwhile (0.5 a second), until the bucket answers 429.
    let drained = false;
    for (let i = 0; i < 20 && !drained; i++) drained = (await login(ip!)).status === 429;
    expect(drained).toBe(true);
    const fresh = ips(4);
    const spoofs: Record<string, string>[] = [
      { 'Sb-Forwarded-For': fresh[0]! },
      { 'X-Forwarded-For': fresh[1]! },
      { 'Sb-Forwarded-For': fresh[2]!, 'X-Forwarded-For': fresh[3]! },
    ];
    for (const headers of spoofs) {
      const res = await login(ip!, headers);
      expect(res.status).toBe(429);
    }
    // ...while those addresses themselves are untouched.
    expect((await login(fresh[0]!)).status).toBe(200);
  });
});

describe('what the stand-in honours', () => {
  const token = (apikey: string, forwardedFor: string) =>
    fetch(`${env.TEST_FORWARDING_SUPABASE_URL}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey, 'Content-Type': 'application/json', 'Sb-Forwarded-For': forwardedFor },
      body: JSON.stringify({ email: emails[0], password: 'a-wrong-password' }),
    });

  it('Sb-Forwarded-For is ignored with the publishable key: every request shares the socket address', async () => {
    const statuses: number[] = [];
    for (const ip of ips(40)) statuses.push((await token(env.SUPABASE_PUBLISHABLE_KEY!, ip)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(9);
  });
});
