/**
 * Per-user IP forwarding, against a stand-in auth server that behaves like a hosted project
 * with "IP address forwarding" on and hosted-like limits (the token endpoint: a bucket of 30
 * per client IP, earning 0.5 a second back; test/setup/stack-process.ts): with the secret
 * key, the worker tells Supabase each end user's IP in `Sb-Forwarded-For`, so users behind
 * the worker get a bucket each — and no client can choose its own bucket by sending
 * forwarding headers.
 *
 * Nothing here depends on how fast the machine is:
 * - a fresh bucket serves its 30 whatever the time (refilling only adds), so "all 30 pass"
 *   is exact;
 * - a spent bucket is found by logging in until the first 429, at most 90 times: only tries
 *   slower than 2 s each (far beyond the test timeout) could keep a bucket that earns 0.5 a
 *   second from emptying, so meeting no 429 in 90 tries means the requests were not
 *   counted in one bucket;
 * - which bucket the stand-in charged is read from the session it opened: `auth.sessions.ip`
 *   is the client IP it counted (local/auth/request.ts `clientIp`).
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Answer, api, PASSWORD, registerUser, sql } from './support/e2e.ts';

const forwarding = { ...env, SUPABASE_URL: env.TEST_FORWARDING_SUPABASE_URL! } as Cloudflare.Env;
// The login lockout lets at most 5 attempts per account be in flight at once, so parallel
// logins are spread over enough accounts to stay below that.
const ACCOUNTS = 15;
const BURST = 30;
/** Tries before giving up on meeting a 429 (see the file comment). */
const MAX_TRIES = 90;
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

/** Sends `attempt(i)` one after another until the first 429 (at most MAX_TRIES times). */
async function untilLimited<T extends { status: number }>(attempt: (i: number) => Promise<T>) {
  const served: T[] = [];
  for (let i = 0; i < MAX_TRIES; i++) {
    const answer = await attempt(i);
    if (answer.status === 429) return { served, limited: answer };
    served.push(answer);
  }
  return { served, limited: undefined };
}

/** The IP the stand-in counted for each session, by the access tokens that opened them. */
async function sessionIps(accessTokens: string[]): Promise<string[]> {
  const ids = accessTokens.map(
    (t) => (JSON.parse(atob(t.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { session_id: string }).session_id,
  );
  const rows = await sql<{ id: string; ip: string | null }>('select id, host(ip) as ip from auth.sessions where id = any($1::uuid[])', [
    ids,
  ]);
  const byId = new Map(rows.map((r) => [r.id, r.ip]));
  return ids.map((id) => byId.get(id) ?? 'no session');
}

const tokensOf = (answers: Answer[]) => answers.map((a) => a.body.data.access_token as string);

beforeAll(async () => {
  // The forwarding server shares the database: users made through the main one log in there.
  emails = (await Promise.all(Array.from({ length: ACCOUNTS }, () => registerUser()))).map((u) => u.email);
});

describe('IP forwarding with the secret key', () => {
  it('60 logins from 60 client IPs all succeed, each counted for its own IP', async () => {
    const addresses = ips(60);
    const results = await Promise.all(addresses.map((ip) => login(ip)));
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(200));
    expect(await sessionIps(tokensOf(results))).toEqual(addresses);
  });

  it('one client IP is served its whole burst of 30, then meets 429 RATE_LIMITED', async () => {
    const [ip, other] = ips(2);
    const burst = await Promise.all(Array.from({ length: BURST }, () => login(ip!)));
    expect(burst.map((r) => r.status)).toEqual(Array(BURST).fill(200));
    const { served, limited } = await untilLimited(() => login(ip!));
    expect(served.every((r) => r.status === 200)).toBe(true);
    expect(limited?.status).toBe(429);
    expect(limited?.body.error.code).toBe('RATE_LIMITED');
    expect(limited?.headers.get('Retry-After')).toMatch(/^\d+$/);
    // Control: the 429 was that IP's, not everyone's.
    expect((await login(other!)).status).toBe(200);
  });

  it('a client that sends Sb-Forwarded-For or X-Forwarded-For stays in its own bucket', async () => {
    const [ip] = ips(1);
    let spoofed = ips(250);
    const spoof = (i: number): Record<string, string> => {
      const [a, b] = [spoofed[(2 * i) % 250]!, spoofed[(2 * i + 1) % 250]!];
      return [{ 'Sb-Forwarded-For': a }, { 'X-Forwarded-For': a }, { 'Sb-Forwarded-For': a, 'X-Forwarded-For': b }][i % 3]!;
    };
    // Each kind of spoof, from a fresh IP: the session is counted for the client IP.
    const first = await Promise.all([0, 1, 2].map((i) => login(ip!, spoof(i))));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await sessionIps(tokensOf(first))).toEqual([ip, ip, ip]);
    // Spoofing a new address on every try still empties the client's one bucket.
    spoofed = ips(250);
    const { served, limited } = await untilLimited((i) => login(ip!, spoof(i)));
    expect(limited?.status).toBe(429);
    expect(limited?.body.error.code).toBe('RATE_LIMITED');
    expect(served.every((r) => r.status === 200)).toBe(true);
    expect(new Set(await sessionIps(tokensOf(served)))).toEqual(new Set([ip]));
    // ...while an address it named is untouched: its whole burst is still there.
    const named = spoofed[0]!;
    const theirs = await Promise.all(Array.from({ length: BURST }, () => login(named)));
    expect(theirs.map((r) => r.status)).toEqual(Array(BURST).fill(200));
  });

  it('control: the session IP tells the buckets apart — the stand-in counts Sb-Forwarded-For sent with the secret key', async () => {
    const [forwarded] = ips(1);
    const res = await fetch(`${env.TEST_FORWARDING_SUPABASE_URL}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: env.SUPABASE_SECRET_KEY!, 'Content-Type': 'application/json', 'Sb-Forwarded-For': forwarded! },
      body: JSON.stringify({ email: emails[0], password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    // Had the worker passed a client's Sb-Forwarded-For on, the sessions above would show it.
    expect(await sessionIps([access_token])).toEqual([forwarded]);
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
    const addresses = [...ips(250), ...ips(250)];
    const { served, limited } = await untilLimited((i) => token(env.SUPABASE_PUBLISHABLE_KEY!, addresses[i]!));
    // A new address on every try, yet one bucket emptied.
    expect(limited?.status).toBe(429);
    expect(served.every((r) => r.status === 400)).toBe(true);
  });

  it('control: with the secret key, the same tries, each from a new address, never meet a 429', async () => {
    const answers = await Promise.all(ips(BURST + 10).map((ip) => token(env.SUPABASE_SECRET_KEY!, ip)));
    expect(answers.map((r) => r.status)).toEqual(Array(BURST + 10).fill(400));
  });
});
