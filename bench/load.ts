/**
 * `npm run load` — the load test of issue 15. Starts its own stand-in (bench/stand-in.ts,
 * per-IP rate limits lifted for this run: every request comes from 127.0.0.1) and the
 * worker in workerd (wrangler's unstable_startWorker; requests go straight to the worker's
 * own workerd process, not through wrangler's proxy), then drives, for a fixed time each,
 * seven profiles against the worker and the same calls made directly against the stand-in
 * (the first five with autocannon, the last two with a small loop of keep-alive node:http
 * calls, as their requests differ per operation):
 *   me       GET /me with one of the chains' access tokens, 50 connections
 *            (direct: rpc get_my_context with the token);
 *   login    POST /login of 200 distinct accounts in turn, correct passwords, 50 connections
 *            (direct: the password grant alone, without the context call the worker adds);
 *   refresh  20 refresh chains in parallel, each one connection following its own rotating
 *            refresh token (direct: the refresh grant alone);
 *   mixed    50 connections, each with an account of its own, looping over
 *            login, 8 × me, refresh, 8 × me, refresh, me;
 *   api key  20 connections with one organization API key (members:read, invitations:write),
 *            looping over 3 × members, invite, members, revoke (direct: the key functions
 *            with the service key and the key's hash, as the worker calls them);
 *   mfa verify
 *            POST /mfa/factors/:id/verify with the current TOTP code, 20 connections, each
 *            request with an account of its own (a pool of LOAD_MFA_POOL accounts per target,
 *            prepared before: a verified TOTP factor written into auth.mfa_factors, its
 *            secret, an aal1 session); the phase ends when the time is over or the pool is
 *            used up (direct: challenge + verify on the stand-in's /factors/:id, timed as
 *            one operation, on a pool of its own);
 *   passkey sign-in
 *            POST /passkeys/authentication/options, then /verify with the assertion of a
 *            software authenticator (test/local/helpers/authenticator.ts), 20 connections,
 *            each with an account and passkey of its own, registered before through the
 *            stand-in (the same 20 for both targets); options + verify are one operation
 *            (direct: the stand-in's /passkeys/authentication/options and /verify).
 * Expected answers: 2xx in the first five (an invitation is 201), 200 for every call of the
 * last two. It reports requests/s (operations/s for the last two), latency p50/p99, answers by status and the CPU per request of the
 * serving process (workerd, or the stand-in for direct) for each, and the ratio
 * worker/direct. Between phases it waits until the stand-in and workerd are idle again.
 * Afterwards it checks that nothing was lost or left behind:
 *   - every refresh chain is still valid: its last token refreshes once more;
 *   - no duplicate session: each account has between as many sessions as logins that
 *     answered 200 and as many as logins sent (auth.sessions, through the database URL);
 *   - lockout counters are consistent: 8 concurrent wrong-password logins for each of 3
 *     accounts give 401s and intended 429s, as many 401s as failures counted, never more
 *     than LOCKOUT_MAX_ATTEMPTS, locked exactly when the limit was reached; the accounts
 *     under load (correct passwords) have no lock and no failure beyond their logins whose
 *     answer was cut off at the end of a phase;
 *   - every webhook event the run wrote for the key's organization (an invitation made or
 *     revoked) reached a healthy receiver of this process exactly once (by `webhook-id`),
 *     through the worker's queue;
 *   - Postgres connections are back to idle (pg_stat_activity);
 *   - every MFA verify that answered 200 (worker and direct) gave an access token with aal
 *     `aal2` (its JWT claims decoded), and each account of the pools was used at most once:
 *     no account taken twice, and auth.mfa_challenges holds as many verified challenges as
 *     verifies answered 200, each on a factor of its own;
 *   - every passkey sign-in that answered 200 gave an `aal1` token with amr `passkey`;
 *   - after stopping, no process of the run and no port it used is left.
 * Exits 1 when a check fails or when any answer was not the expected one (the lockout
 * probe's 429s are intended). A hard deadline of 300 s stops everything; a run takes about
 * 3 to 3½ minutes on 2 cores (preparing the pools: 15 to 25 s). Results go to bench/results/load-<timestamp>.{json,svg}.
 *
 * Environment: LOAD_SECONDS (per phase and target, default 10), LOAD_MFA_POOL (accounts per
 * target for mfa verify, default 1000).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request, type Result } from 'autocannon';
import { Secret, TOTP } from 'otpauth';
import pg from 'pg';
import { loadProjectConfig } from '../local/config.ts';
import { SoftwareAuthenticator } from '../test/local/helpers/authenticator.ts';
import { renderChart } from './chart.ts';
import {
  boundedFetch,
  createUsers,
  leftovers,
  out,
  ROOT,
  readVersion,
  type StandIn,
  silenceConsole,
  startRun,
  startStandIn,
} from './setup.ts';
import { processCpuUs, startWranglerWorker } from './workers.ts';

const intEnv = (name: string, fallback: number) => Math.max(1, Number.parseInt(process.env[name] ?? '', 10) || fallback);
const SECONDS = intEnv('LOAD_SECONDS', 10);
const CONNECTIONS = 50;
const CHAINS = 20;
const ACCOUNTS = 200;
const PROBE_ACCOUNTS = 3;
const PROBE_ATTEMPTS = 8;
const MAX_ATTEMPTS = 5; // wrangler.toml LOCKOUT_MAX_ATTEMPTS
const PASSWORD = 'load-password-1';
const DEADLINE_MS = 300_000;
const SETTLE_MAX_MS = 20_000;
/** Accounts with a verified TOTP factor per target: each makes one MFA verify. */
const MFA_POOL = intEnv('LOAD_MFA_POOL', 1000);
/** Connections of the mfa verify and passkey sign-in phases; one passkey account each. */
const LOOP_CONNECTIONS = 20;
/** The pools' accounts only need a first session: a cheap bcrypt cost makes their logins cheap. */
const POOL_PASSWORD = 'pool-password-1';
const POOL_BCRYPT_COST = 4;

const stderr = silenceConsole();
const http = boundedFetch(30_000);

interface Tokens {
  access: string;
  refresh: string;
}

// ---- where requests go --------------------------------------------------------------

/** The worker, or the stand-in called directly: the requests of each operation and how to read tokens. */
interface Target {
  name: 'worker' | 'direct';
  url: string;
  me(access: string): Request;
  login(email: string): Request;
  refresh(refresh: string): Request;
  tokens(body: string): Tokens | undefined;
  /** An organization API key's calls (integrations.md): read the members, invite, revoke. */
  keyRead(key: KeyCredential): Request;
  keyInvite(key: KeyCredential, email: string): Request;
  keyRevoke(key: KeyCredential, invitationId: string): Request;
  invitationId(body: string): string | undefined;
  /** One MFA verify of an account of the pool (direct: challenge, then verify). */
  mfaVerify(account: MfaAccount): Operation;
  /** One passkey sign-in: options, then verify with the authenticator's assertion. */
  passkeySignIn(authenticator: SoftwareAuthenticator): Operation;
}

/** An organization API key: the key for the worker, its hash for the direct calls (as the worker passes it). */
interface KeyCredential {
  key: string;
  hash: string;
  organizationId: string;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

function workerTarget(url: string): Target {
  return {
    name: 'worker',
    url,
    me: (access) => ({ method: 'GET', path: '/api/v1/auth/me', headers: { Authorization: `Bearer ${access}` } }),
    login: (email) => ({
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: JSON_HEADERS,
      body: JSON.stringify({ email, password: PASSWORD }),
    }),
    refresh: (refresh_token) => ({
      method: 'POST',
      path: '/api/v1/auth/refresh',
      headers: JSON_HEADERS,
      body: JSON.stringify({ refresh_token }),
    }),
    tokens: (body) => {
      const data = (JSON.parse(body) as { data?: { access_token?: string; refresh_token?: string } }).data;
      return data?.access_token && data.refresh_token ? { access: data.access_token, refresh: data.refresh_token } : undefined;
    },
    keyRead: (k) => ({
      method: 'GET',
      path: `/api/v1/auth/organizations/${k.organizationId}/members`,
      headers: { Authorization: `Bearer ${k.key}` },
    }),
    keyInvite: (k, email) => ({
      method: 'POST',
      path: `/api/v1/auth/organizations/${k.organizationId}/invitations`,
      headers: { ...JSON_HEADERS, Authorization: `Bearer ${k.key}` },
      body: JSON.stringify({ email }),
    }),
    keyRevoke: (k, id) => ({
      method: 'DELETE',
      path: `/api/v1/auth/organizations/${k.organizationId}/invitations/${id}`,
      headers: { Authorization: `Bearer ${k.key}` },
    }),
    invitationId: (body) => (JSON.parse(body) as { data?: { id?: string } }).data?.id,
    mfaVerify: (a) => async () => {
      const res = await post(
        `${url}/api/v1/auth/mfa/factors/${a.factorId}/verify`,
        { Authorization: `Bearer ${a.access}` },
        {
          code: totpNow(a.secret),
        },
      );
      return { status: res.status, token: (res.json as { data?: { access_token?: string } }).data?.access_token };
    },
    passkeySignIn: (authenticator) => async () => {
      const started = await post(`${url}/api/v1/auth/passkeys/authentication/options`, {}, {});
      const challenge = (started.json as { data?: PasskeyChallenge }).data;
      if (started.status !== 200 || !challenge) return { status: started.status };
      const res = await post(
        `${url}/api/v1/auth/passkeys/authentication/verify`,
        {},
        {
          challenge_id: challenge.challenge_id,
          credential: authenticator.get(challenge.options),
        },
      );
      return { status: res.status, token: (res.json as { data?: { access_token?: string } }).data?.access_token };
    },
  };
}

function directTarget(standIn: StandIn): Target {
  const { apiUrl, anonKey, serviceRoleKey } = standIn.info;
  const api = { ...JSON_HEADERS, apikey: anonKey };
  const service = { ...JSON_HEADERS, apikey: serviceRoleKey, Authorization: `Bearer ${serviceRoleKey}` };
  return {
    name: 'direct',
    url: apiUrl,
    me: (access) => ({
      method: 'POST',
      path: '/rest/v1/rpc/get_my_context',
      headers: { ...api, Authorization: `Bearer ${access}` },
      body: '{}',
    }),
    login: (email) => ({
      method: 'POST',
      path: '/auth/v1/token?grant_type=password',
      headers: api,
      body: JSON.stringify({ email, password: PASSWORD }),
    }),
    refresh: (refresh_token) => ({
      method: 'POST',
      path: '/auth/v1/token?grant_type=refresh_token',
      headers: api,
      body: JSON.stringify({ refresh_token }),
    }),
    tokens: (body) => {
      const json = JSON.parse(body) as { access_token?: string; refresh_token?: string };
      return json.access_token && json.refresh_token ? { access: json.access_token, refresh: json.refresh_token } : undefined;
    },
    // What the worker does for a key: the key functions with the service key and the hash.
    keyRead: (k) => ({
      method: 'POST',
      path: '/rest/v1/rpc/key_list_members',
      headers: service,
      body: JSON.stringify({ p_key_hash: k.hash, p_org_id: k.organizationId }),
    }),
    keyInvite: (k, email) => ({
      method: 'POST',
      path: '/rest/v1/rpc/key_create_invitation',
      headers: service,
      body: JSON.stringify({ p_key_hash: k.hash, p_org_id: k.organizationId, p_email: email }),
    }),
    keyRevoke: (k, id) => ({
      method: 'POST',
      path: '/rest/v1/rpc/key_revoke_invitation',
      headers: service,
      body: JSON.stringify({ p_key_hash: k.hash, p_org_id: k.organizationId, p_invitation_id: id }),
    }),
    invitationId: (body) => (JSON.parse(body) as { id?: string }).id,
    // What the worker does for a verify: a challenge, then the verify, with the user's token.
    mfaVerify: (a) => async () => {
      const headers = { apikey: anonKey, Authorization: `Bearer ${a.access}` };
      const challenge = await post(`${apiUrl}/auth/v1/factors/${a.factorId}/challenge`, headers, {});
      const id = (challenge.json as { id?: string }).id;
      if (challenge.status !== 200 || !id) return { status: challenge.status };
      const res = await post(`${apiUrl}/auth/v1/factors/${a.factorId}/verify`, headers, { challenge_id: id, code: totpNow(a.secret) });
      return { status: res.status, token: (res.json as { access_token?: string }).access_token };
    },
    passkeySignIn: (authenticator) => async () => {
      const headers = { apikey: anonKey };
      const started = await post(`${apiUrl}/auth/v1/passkeys/authentication/options`, headers, {});
      const challenge = started.json as Partial<PasskeyChallenge>;
      if (started.status !== 200 || !challenge.challenge_id || !challenge.options) return { status: started.status };
      const res = await post(`${apiUrl}/auth/v1/passkeys/authentication/verify`, headers, {
        challenge_id: challenge.challenge_id,
        credential: authenticator.get(challenge.options),
      });
      return { status: res.status, token: (res.json as { access_token?: string }).access_token };
    },
  };
}

// ---- bookkeeping of logins (for the session and lockout checks) ---------------------

/** Logins per email: sent, answered 200, and through the worker sent / answered at all. */
const logins = new Map<string, { sent: number; ok: number; workerSent: number; workerAnswered: number }>();
const loginEntry = (email: string) => {
  let e = logins.get(email);
  if (!e) {
    e = { sent: 0, ok: 0, workerSent: 0, workerAnswered: 0 };
    logins.set(email, e);
  }
  return e;
};
function loginSent(target: Target, email: string): void {
  const e = loginEntry(email);
  e.sent += 1;
  if (target.name === 'worker') e.workerSent += 1;
}
function loginAnswered(target: Target, email: string, status: number): void {
  const e = loginEntry(email);
  if (status === 200) e.ok += 1;
  if (target.name === 'worker') e.workerAnswered += 1;
}

/** One login outside autocannon (setting up chains), counted like the others. */
async function loginOnce(target: Target, email: string): Promise<Tokens> {
  const req = target.login(email);
  loginSent(target, email);
  const res = await http(`${target.url}${req.path}`, { method: req.method!, headers: req.headers!, body: req.body! });
  const body = await res.text();
  loginAnswered(target, email, res.status);
  const tokens = res.status === 200 ? target.tokens(body) : undefined;
  if (!tokens) throw new Error(`${target.name} login ${email}: ${res.status} ${body.slice(0, 200)}`);
  return tokens;
}

// ---- profiles -------------------------------------------------------------------------

/** A load profile: the request sequence of connection number `n` against `target`. */
interface Profile {
  name: string;
  connections: number;
  requests(target: Target, n: number): Request[];
}

/** A chain: one session followed through its rotating refresh tokens. */
interface Chain {
  email: string;
  tokens: Tokens;
  refreshed: number;
}

function profiles(emails: string[], chains: Record<Target['name'], Chain[]>, key: KeyCredential): Profile[] {
  const meTokens = chains.worker.map((c) => c.tokens.access);
  let nextLogin = 0;
  let nextInvite = 0;
  return [
    {
      name: 'me',
      connections: CONNECTIONS,
      requests: (target, n) => [target.me(meTokens[n % meTokens.length]!)],
    },
    {
      name: 'login',
      connections: CONNECTIONS,
      requests: (target) => {
        let email = '';
        return [
          {
            ...target.login(''),
            setupRequest: (req) => {
              email = emails[nextLogin++ % emails.length]!;
              loginSent(target, email);
              return { ...req, body: JSON.stringify({ email, password: PASSWORD }) };
            },
            onResponse: (status) => loginAnswered(target, email, status),
          },
        ];
      },
    },
    {
      name: 'refresh',
      connections: CHAINS,
      requests: (target, n) => {
        const chain = chains[target.name][n]!;
        return [
          {
            ...target.refresh(''),
            setupRequest: (req) => ({ ...req, body: target.refresh(chain.tokens.refresh).body! }),
            onResponse: (status, body) => {
              const tokens = status === 200 ? target.tokens(body) : undefined;
              if (tokens) {
                chain.tokens = tokens;
                chain.refreshed += 1;
              }
            },
          },
        ];
      },
    },
    {
      name: 'mixed',
      connections: CONNECTIONS,
      requests: (target, n) => {
        // Accounts of their own: 0-49 for the worker's connections, 50-99 for direct ones.
        const email = emails[(target.name === 'worker' ? 0 : CONNECTIONS) + n]!;
        const state: Tokens = { access: '', refresh: '' };
        const take = (status: number, body: string) => {
          const tokens = status === 200 ? target.tokens(body) : undefined;
          if (tokens) Object.assign(state, tokens);
        };
        const login: Request = {
          ...target.login(email),
          setupRequest: (req) => {
            loginSent(target, email);
            return req;
          },
          onResponse: (status, body) => {
            loginAnswered(target, email, status);
            take(status, body);
          },
        };
        const me: Request = { ...target.me(''), setupRequest: (req) => ({ ...req, headers: target.me(state.access).headers! }) };
        const refresh: Request = {
          ...target.refresh(''),
          setupRequest: (req) => ({ ...req, body: target.refresh(state.refresh).body! }),
          onResponse: take,
        };
        return [login, ...Array(8).fill(me), refresh, ...Array(8).fill(me), refresh, me];
      },
    },
    {
      // An organization API key (members:read, invitations:write): reads, and invitations
      // made and revoked (each writes a webhook event; revoking keeps under the pending limit).
      name: 'api key',
      connections: CHAINS,
      requests: (target) => {
        let invited: string | undefined;
        const read = target.keyRead(key);
        const invite: Request = {
          ...target.keyInvite(key, ''),
          setupRequest: (req) => ({ ...req, body: target.keyInvite(key, `load-invite-${nextInvite++}@example.com`).body! }),
          onResponse: (status, body) => {
            invited = status < 300 ? target.invitationId(body) : undefined;
          },
        };
        const revoke: Request = {
          ...read,
          // Merged into autocannon's request, which carries the host and port: a request
          // made from scratch goes out with `Host: undefined:undefined`.
          setupRequest: (req) => ({ ...req, ...(invited ? target.keyRevoke(key, invited) : read) }),
          onResponse: () => {
            invited = undefined;
          },
        };
        return [read, read, read, invite, read, revoke];
      },
    },
  ];
}

// ---- profiles of single-use accounts: mfa verify, passkey sign-in ---------------------
//
// Their requests differ per operation (a factor id in the path, a fresh TOTP code, an
// assertion signed over the challenge just received), and the MFA phase ends when its pool
// of accounts is used up: a small loop of its own instead of autocannon. Each connection
// makes one operation at a time; an operation is one request through the worker's MFA
// verify, and otherwise the calls made for it in turn (direct MFA: challenge + verify;
// passkeys: options + verify), timed together. Calls go out through node:http with
// keep-alive sockets (lighter on this process than fetch).

/** An account of the MFA pool: a verified TOTP factor, its secret, an aal1 access token. */
interface MfaAccount {
  email: string;
  factorId: string;
  secret: Secret;
  access: string;
}

/** The start of a passkey sign-in, as the stand-in answers it (the worker: in `data`). */
interface PasskeyChallenge {
  challenge_id: string;
  options: { challenge: string };
}

/** One operation: the status that judges it (the first that was not 200, else the last) and the access token it got. */
type Operation = () => Promise<{ status: number; token?: string | undefined }>;

const loopAgent = new Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs `body` as JSON; resolves with the status and the parsed answer ({} when not JSON). */
function post(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; json: unknown }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: loopAgent,
        timeout: 30_000,
        headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          let json: unknown = {};
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8')) ?? {};
          } catch {
            // not JSON: judged by its status
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    req.end(text);
  });
}

/** The TOTP code of `secret` now (RFC 6238 as Supabase Auth checks it: SHA-1, 6 digits, 30 s). */
const totpNow = (secret: Secret) => TOTP.generate({ secret, algorithm: 'SHA1', digits: 6, period: 30 });

/** The claims of a JWT, unverified (the run only reads what it was given). */
function jwtClaims(token: string | undefined): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Runs `fn` over `items`, `concurrency` at a time; the results in the items' order. */
async function inParallel<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** A call to the stand-in's auth API (setting up pools); throws unless 2xx. */
async function authCall<T>(standIn: StandIn, pathname: string, body: unknown, token?: string): Promise<T> {
  const { apiUrl, anonKey } = standIn.info;
  const res = await http(`${apiUrl}/auth/v1${pathname}`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, apikey: anonKey, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${pathname}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/**
 * `size` accounts `<prefix>-<i>@example.com`, each with a verified TOTP factor and an aal1
 * session. The factors are written straight into `auth.mfa_factors`, verified, as enrolling
 * and verifying would leave them (that would cost three more calls and a QR code per
 * account); the sessions come from the password grant (cheap: see POOL_BCRYPT_COST).
 */
async function mfaPool(standIn: StandIn, db: pg.Client, prefix: string, size: number): Promise<MfaAccount[]> {
  const emails = Array.from({ length: size }, (_, i) => `${prefix}-${i}@example.com`);
  const ids = await createUsers(standIn, emails, POOL_PASSWORD, 8, POOL_BCRYPT_COST);
  const accounts = emails.map((email) => ({ email, userId: ids.get(email)!, factorId: randomUUID(), secret: new Secret({ size: 20 }) }));
  await db.query(
    `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
     select f.id, f.user_id, 'load', 'totp', 'verified', now(), now(), f.secret
       from unnest($1::uuid[], $2::uuid[], $3::text[]) as f(id, user_id, secret)`,
    [accounts.map((a) => a.factorId), accounts.map((a) => a.userId), accounts.map((a) => a.secret.base32)],
  );
  const sessions = await inParallel(accounts, 8, ({ email }) =>
    authCall<{ access_token: string }>(standIn, '/token?grant_type=password', { email, password: POOL_PASSWORD }),
  );
  return accounts.map((a, i) => ({ email: a.email, factorId: a.factorId, secret: a.secret, access: sessions[i]!.access_token }));
}

/** `size` accounts `passkey-<i>@example.com`, each with a passkey registered through the stand-in's API; their authenticators. */
async function passkeyPool(standIn: StandIn, size: number): Promise<SoftwareAuthenticator[]> {
  const emails = Array.from({ length: size }, (_, i) => `passkey-${i}@example.com`);
  await createUsers(standIn, emails, POOL_PASSWORD, 8, POOL_BCRYPT_COST);
  const { rpId, rpOrigins } = loadProjectConfig(ROOT).auth.passkey;
  return inParallel(emails, 8, async (email) => {
    const { access_token } = await authCall<{ access_token: string }>(standIn, '/token?grant_type=password', {
      email,
      password: POOL_PASSWORD,
    });
    const started = await authCall<{ challenge_id: string; options: { challenge: string; user: { id: string } } }>(
      standIn,
      '/passkeys/registration/options',
      {},
      access_token,
    );
    const authenticator = new SoftwareAuthenticator({ rpId, origin: rpOrigins[0]! });
    const credential = authenticator.create(started.options);
    await authCall(standIn, '/passkeys/registration/verify', { challenge_id: started.challenge_id, credential }, access_token);
    return authenticator;
  });
}

/** What the checks learn from the answers of the loop phases. */
interface LoopAnswers {
  /** 200s, and those whose token had the expected claims (mfa: aal2; passkeys: aal1, amr passkey). */
  ok: number;
  asExpected: number;
  /** A few tokens that did not (their claims). */
  samples: string[];
}

/** A profile run by {@link runLoop}. */
interface LoopProfile {
  name: string;
  connections: number;
  /** Accounts the phase may use up against `target` (none: no pool). */
  pool?(target: Target): number;
  /** The next operation of connection `n` against `target`; undefined when the pool is used up. */
  next(target: Target, n: number): Operation | undefined;
  /** Whether a 200's token has the claims it should have. */
  expected(claims: Record<string, unknown> | undefined): boolean;
  answers: LoopAnswers;
}

function loopProfiles(mfa: Record<Target['name'], MfaAccount[]>, authenticators: SoftwareAuthenticator[], mfaUses: Map<string, number>) {
  const taken: Record<Target['name'], number> = { worker: 0, direct: 0 };
  const profiles: LoopProfile[] = [
    {
      name: 'mfa verify',
      connections: LOOP_CONNECTIONS,
      pool: (target) => mfa[target.name].length,
      next: (target) => {
        const account = mfa[target.name][taken[target.name]];
        if (!account) return undefined;
        taken[target.name] += 1;
        mfaUses.set(account.email, (mfaUses.get(account.email) ?? 0) + 1);
        return target.mfaVerify(account);
      },
      expected: (claims) => claims?.aal === 'aal2',
      answers: { ok: 0, asExpected: 0, samples: [] },
    },
    {
      name: 'passkey sign-in',
      connections: authenticators.length,
      next: (target, n) => target.passkeySignIn(authenticators[n]!),
      expected: (claims) =>
        claims?.aal === 'aal1' && Array.isArray(claims.amr) && claims.amr.some((m: { method?: string }) => m.method === 'passkey'),
      answers: { ok: 0, asExpected: 0, samples: [] },
    },
  ];
  return profiles;
}

/** Percentile `p` (0-1) of sorted values, nearest rank. */
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]! : 0);

/** Runs a {@link LoopProfile} against `target` for SECONDS or until its pool is used up; figures as {@link runPhase} gives them. */
async function runLoop(
  profile: LoopProfile,
  target: Target,
  settle: () => Promise<number>,
  servingPid: number | undefined,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let usedUp = false;
  const cpuBefore = servingPid === undefined ? undefined : processCpuUs(servingPid);
  const started = performance.now();
  const end = started + SECONDS * 1000;
  const connection = async (n: number) => {
    while (performance.now() < end) {
      const operation = profile.next(target, n);
      if (!operation) {
        usedUp = true;
        return;
      }
      const t0 = performance.now();
      try {
        const { status, token } = await operation();
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== 200) continue;
        profile.answers.ok += 1;
        const claims = jwtClaims(token);
        if (profile.expected(claims)) profile.answers.asExpected += 1;
        else if (profile.answers.samples.length < 3)
          profile.answers.samples.push(`${target.name}: ${JSON.stringify(claims ?? 'no token')}`);
      } catch (err) {
        if ((err as { code?: string }).code === 'TIMEOUT') timeouts += 1;
        else errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: profile.connections }, (_, n) => connection(n)));
  const seconds = (performance.now() - started) / 1000;
  const cpuUs = cpuBefore === undefined || servingPid === undefined ? undefined : processCpuUs(servingPid) - cpuBefore;
  const settleMs = await settle();
  const requests = latencies.length;
  latencies.sort((a, b) => a - b);
  return {
    profile: profile.name,
    target: target.name,
    connections: profile.connections,
    seconds,
    requests,
    rps: requests / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    statuses,
    connectionErrors: errors,
    timeouts,
    inFlightAtEnd: 0,
    unexpected: Object.entries(statuses).reduce((sum, [code, count]) => sum + (code === '200' ? 0 : count), 0) + errors + timeouts,
    cpuMsPerRequest: cpuUs === undefined || requests === 0 ? undefined : cpuUs / 1000 / requests,
    settleMs,
    ...(profile.pool ? { pool: { size: profile.pool(target), used: requests + errors + timeouts, usedUp } } : {}),
  };
}

// ---- running a phase ------------------------------------------------------------------

/** The figures of one profile against one target. */
interface PhaseResult {
  profile: string;
  target: Target['name'];
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  connectionErrors: number;
  timeouts: number;
  /** Requests sent whose answer the end of the phase cut off. */
  inFlightAtEnd: number;
  /** Statuses other than 200, and connection errors. */
  unexpected: number;
  /**
   * CPU time of the process serving the target (workerd for the worker, the stand-in's
   * Node process for direct; Postgres not included) per answered request, in ms.
   */
  cpuMsPerRequest: number | undefined;
  settleMs: number;
  /** A phase that uses up accounts: the pool's size, the accounts used, whether it ran out before the time was over. */
  pool?: { size: number; used: number; usedUp: boolean };
}

async function runPhase(
  profile: Profile,
  target: Target,
  settle: () => Promise<number>,
  servingPid: number | undefined,
): Promise<PhaseResult> {
  let n = 0;
  const cpuBefore = servingPid === undefined ? undefined : processCpuUs(servingPid);
  const result: Result = await autocannon({
    url: target.url,
    connections: profile.connections,
    duration: SECONDS,
    timeout: 30,
    // Replaced per connection in setupClient; never sent.
    requests: [{ method: 'GET', path: '/' }],
    setupClient: (client) => client.setRequests(profile.requests(target, n++)),
  });
  // CPU of the serving process during the phase (autocannon has returned: nothing is
  // sent any more, work of answers cut off at the end is counted too).
  const cpuUs = cpuBefore === undefined || servingPid === undefined ? undefined : processCpuUs(servingPid) - cpuBefore;
  const settleMs = await settle();
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
  const requests = result.requests.total;
  const unexpected = Object.entries(statuses).reduce((sum, [code, count]) => sum + (code.startsWith('2') ? 0 : count), 0) + result.errors;
  return {
    profile: profile.name,
    target: target.name,
    connections: profile.connections,
    seconds: result.duration,
    requests,
    rps: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    connectionErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    inFlightAtEnd: Math.max(0, result.requests.sent - requests - result.errors),
    unexpected,
    cpuMsPerRequest: cpuUs === undefined || requests === 0 ? undefined : cpuUs / 1000 / requests,
    settleMs,
  };
}

/** Waits until the given processes are nearly idle (< 5% of a core over 300 ms) and Postgres has no active query. */
function settler(pids: number[], db: pg.Client): () => Promise<number> {
  const cpu = () => pids.reduce((sum, pid) => sum + processCpuUs(pid), 0);
  return async () => {
    const started = Date.now();
    while (Date.now() - started < SETTLE_MAX_MS) {
      const before = cpu();
      await new Promise((r) => setTimeout(r, 300));
      const busyUs = cpu() - before;
      const { rows } = await db.query<{ n: string }>(
        "select count(*) as n from pg_stat_activity where backend_type = 'client backend' and state = 'active' and pid <> pg_backend_pid()",
      );
      if (busyUs < 15_000 && Number(rows[0]!.n) === 0) break;
    }
    return Date.now() - started;
  };
}

// ---- report -------------------------------------------------------------------------

function formatPhases(results: PhaseResult[]): string {
  const header = [
    'profile',
    'target',
    'conns',
    'requests',
    'req/s',
    'p50 ms',
    'p99 ms',
    'answers',
    'conn err',
    'timeouts',
    'cut off',
    'cpu ms/req',
    'x req/s',
    'x p50',
    'x p99',
  ];
  const body = results.map((r) => {
    const direct = results.find((d) => d.profile === r.profile && d.target === 'direct');
    const ratio = (a: number, b: number | undefined) => (r.target === 'worker' && b ? (a / b).toFixed(2) : '');
    return [
      r.profile,
      r.target,
      String(r.connections),
      String(r.requests),
      r.rps.toFixed(1),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      Object.entries(r.statuses)
        .map(([code, count]) => `${code}:${count}`)
        .join(' ') || '-',
      String(r.connectionErrors),
      String(r.timeouts),
      String(r.inFlightAtEnd),
      r.cpuMsPerRequest === undefined ? '-' : r.cpuMsPerRequest.toFixed(2),
      ratio(r.rps, direct?.rps),
      ratio(r.p50, direct?.p50),
      ratio(r.p99, direct?.p99),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 || i === 7 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

// ---- the run ------------------------------------------------------------------------

// ---- the API-key profile's organization, and its webhook -------------------------------

/** What the API-key profile and its delivery check need. */
interface Integration {
  key: KeyCredential;
  ownerToken: string;
  /** Deliveries received, by `webhook-id`. */
  received: Map<string, number>;
}

/** An organization of `ownerEmail` with an API key, and a webhook to a receiver in this process. */
async function setUpIntegration(run: ReturnType<typeof startRun>, workerUrl: string, ownerEmail: string): Promise<Integration> {
  const received = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const id = String(req.headers['webhook-id'] ?? '');
    received.set(id, (received.get(id) ?? 0) + 1);
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  run.defer(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  const port = (receiver.address() as { port: number }).port;
  run.ports.push(port);

  const call = async (method: string, pathname: string, token: string, body?: unknown) => {
    const res = await http(`${workerUrl}${pathname}`, {
      method,
      headers: { ...JSON_HEADERS, Authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as { data?: Record<string, any> };
    if (res.status >= 300 || !json.data) throw new Error(`${method} ${pathname}: ${res.status} ${JSON.stringify(json)}`);
    return json.data;
  };
  const ownerToken = (await loginOnce(workerTarget(workerUrl), ownerEmail)).access;
  const org = await call('POST', '/api/v1/auth/organizations', ownerToken, { name: 'Load Keys' });
  const created = await call('POST', `/api/v1/auth/organizations/${org.id}/api-keys`, ownerToken, {
    name: 'load',
    scopes: ['members:read', 'invitations:write'],
  });
  await call('POST', `/api/v1/auth/organizations/${org.id}/webhooks`, ownerToken, {
    url: `http://127.0.0.1:${port}/hook`,
    events: ['invitation.created', 'invitation.revoked'],
  });
  const hash = createHash('sha256').update(created.key).digest('hex');
  return { key: { key: created.key, hash, organizationId: org.id }, ownerToken, received };
}

/**
 * After the load: every event the run wrote for the organization reached the healthy
 * receiver exactly once (by `webhook-id`). A last change through the worker hands the
 * organization's remaining events (the direct phase's too) to the queue.
 */
async function everyEventOnce(db: pg.Client, workerUrl: string, integration: Integration): Promise<Check> {
  const { key, ownerToken, received } = integration;
  const org = key.organizationId;
  const headers = { ...JSON_HEADERS, Authorization: `Bearer ${ownerToken}` };
  const invited = await http(`${workerUrl}/api/v1/auth/organizations/${org}/invitations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email: 'load-last@example.com' }),
  });
  const id = ((await invited.json()) as { data?: { id?: string } }).data?.id;
  if (id)
    await (await http(`${workerUrl}/api/v1/auth/organizations/${org}/invitations/${id}`, { method: 'DELETE', headers })).arrayBuffer();
  const { rows } = await db.query<{ id: string }>(
    `select id from private.webhook_events where organization_id = $1 and type in ('invitation.created', 'invitation.revoked')`,
    [org],
  );
  const expected = new Set(rows.map((r) => r.id));
  const until = Date.now() + 60_000;
  while ([...expected].some((e) => !received.has(e)) && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  const missing = [...expected].filter((e) => !received.has(e)).length;
  const twice = [...received.values()].filter((n) => n > 1).length;
  const foreign = [...received.keys()].filter((e) => !expected.has(e)).length;
  return {
    name: 'every webhook event delivered exactly once',
    pass: expected.size > 0 && missing === 0 && twice === 0 && foreign === 0,
    detail: `${expected.size} events written, ${received.size} delivered; ${missing} missing, ${twice} more than once, ${foreign} unknown`,
  };
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const run = startRun('load', DEADLINE_MS, stderr);
  const checks: Check[] = [];
  const results: PhaseResult[] = [];
  try {
    out('Starting the stand-in (child process, per-IP rate limits lifted)...');
    const standIn = await startStandIn(run, { raiseRateLimits: true });
    const db = new pg.Client({ connectionString: standIn.info.databaseUrl });
    await db.connect();
    run.defer(() => db.end());

    const emails = Array.from({ length: ACCOUNTS }, (_, i) => `load-${i}@example.com`);
    const probeEmails = Array.from({ length: PROBE_ACCOUNTS }, (_, i) => `lock-${i}@example.com`);
    out(`Creating ${ACCOUNTS + PROBE_ACCOUNTS} confirmed users...`);
    await createUsers(standIn, [...emails, ...probeEmails], PASSWORD);
    out(`Preparing ${MFA_POOL} accounts with a verified TOTP factor per target and ${LOOP_CONNECTIONS} with a passkey...`);
    const poolsStarted = performance.now();
    const mfaAccounts: Record<Target['name'], MfaAccount[]> = {
      worker: await mfaPool(standIn, db, 'mfa-w', MFA_POOL),
      direct: await mfaPool(standIn, db, 'mfa-d', MFA_POOL),
    };
    const authenticators = await passkeyPool(standIn, LOOP_CONNECTIONS);
    run.defer(async () => loopAgent.destroy());
    out(`  ready in ${((performance.now() - poolsStarted) / 1000).toFixed(1)} s`);

    out('Starting the worker under wrangler (workerd)...');
    const wrangler = await startWranglerWorker(standIn.vars);
    run.defer(wrangler.stop);
    run.ports.push(Number(new URL(wrangler.url).port));
    if (wrangler.workerd) run.ports.push(Number(new URL(wrangler.workerd.directUrl).port));
    const worker = workerTarget(wrangler.workerd?.directUrl ?? wrangler.url);
    const direct = directTarget(standIn);
    const settle = settler([standIn.pid, ...(wrangler.workerd ? [wrangler.workerd.workerPid] : [])], db);

    // Chains: worker chains on accounts 100-119, direct ones on 120-139 (the login and
    // mixed profiles also log these accounts in; sessions are counted per account).
    out(`Logging in ${CHAINS} refresh chains through the worker and ${CHAINS} directly...`);
    const chains: Record<Target['name'], Chain[]> = { worker: [], direct: [] };
    for (const [target, offset] of [
      [worker, 100],
      [direct, 120],
    ] as const) {
      for (let i = 0; i < CHAINS; i++) {
        const email = emails[offset + i]!;
        chains[target.name].push({ email, tokens: await loginOnce(target, email), refreshed: 0 });
      }
    }

    out('Setting up an organization, its API key and a webhook to a receiver of this run...');
    const integration = await setUpIntegration(run, worker.url, emails[ACCOUNTS - 1]!);

    for (const profile of profiles(emails, chains, integration.key)) {
      for (const target of [worker, direct]) {
        out(`Load: ${profile.name} -> ${target.name}, ${profile.connections} connections, ${SECONDS} s...`);
        const servingPid = target === worker ? wrangler.workerd?.workerPid : standIn.pid;
        results.push(await runPhase(profile, target, settle, servingPid));
      }
    }
    const mfaUses = new Map<string, number>();
    const loops = loopProfiles(mfaAccounts, authenticators, mfaUses);
    for (const profile of loops) {
      for (const target of [worker, direct]) {
        const pool = profile.pool ? `, until ${profile.pool(target)} accounts are used up or` : ',';
        out(`Load: ${profile.name} -> ${target.name}, ${profile.connections} connections${pool} ${SECONDS} s...`);
        const servingPid = target === worker ? wrangler.workerd?.workerPid : standIn.pid;
        results.push(await runLoop(profile, target, settle, servingPid));
      }
    }

    out('Checking what the load left...');
    // Every chain still valid: its last token refreshes once more.
    let validChains = 0;
    const broken: string[] = [];
    for (const target of [worker, direct]) {
      for (const chain of chains[target.name]) {
        const req = target.refresh(chain.tokens.refresh);
        const res = await http(`${target.url}${req.path}`, { method: 'POST', headers: req.headers!, body: req.body! });
        const body = await res.text();
        const tokens = res.status === 200 ? target.tokens(body) : undefined;
        if (tokens) validChains += 1;
        else broken.push(`${target.name} ${chain.email}: ${res.status}`);
      }
    }
    const refreshes = [...chains.worker, ...chains.direct].reduce((n, c) => n + c.refreshed, 0);
    checks.push({
      name: 'refresh chains valid',
      pass: broken.length === 0,
      detail: `${validChains}/${CHAINS * 2} chains refresh once more after ${refreshes} refreshes${broken.length ? `; broken: ${broken.join(', ')}` : ''}`,
    });

    // Lockout probe: concurrent wrong passwords for accounts of their own.
    const probe = new Map<string, Record<string, number>>();
    await Promise.all(
      probeEmails.flatMap((email) =>
        Array.from({ length: PROBE_ATTEMPTS }, async () => {
          const res = await http(`${worker.url}/api/v1/auth/login`, {
            method: 'POST',
            headers: JSON_HEADERS,
            body: JSON.stringify({ email, password: `${PASSWORD}-wrong` }),
          });
          const json = (await res.json()) as { error?: { code: string } };
          const key = `${res.status} ${json.error?.code ?? ''}`.trim();
          const counts = probe.get(email) ?? {};
          counts[key] = (counts[key] ?? 0) + 1;
          probe.set(email, counts);
        }),
      ),
    );

    // Lockout counters, read (and cleared) through the admin API.
    const counters = new Map<string, { was_locked: boolean; failed_attempts: number }>();
    for (const email of [...emails, ...probeEmails]) {
      const res = await http(`${worker.url}/api/v1/auth/admin/lockouts/clear`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, Authorization: `Bearer ${standIn.info.serviceRoleKey}` },
        body: JSON.stringify({ email }),
      });
      const json = (await res.json()) as { data?: { was_locked: boolean; failed_attempts: number } };
      if (res.status !== 200 || !json.data) throw new Error(`lockouts/clear ${email}: ${res.status}`);
      counters.set(email, json.data);
    }
    const probeProblems: string[] = [];
    let intended429 = 0;
    for (const email of probeEmails) {
      const counts = probe.get(email) ?? {};
      const rejected = counts['401 INVALID_CREDENTIALS'] ?? 0;
      const locked = counts['429 ACCOUNT_LOCKED'] ?? 0;
      intended429 += locked;
      const other = Object.entries(counts).filter(([k]) => k !== '401 INVALID_CREDENTIALS' && k !== '429 ACCOUNT_LOCKED');
      const c = counters.get(email)!;
      if (other.length) probeProblems.push(`${email}: unexpected ${other.map(([k, v]) => `${k} x${v}`).join(', ')}`);
      if (rejected > MAX_ATTEMPTS) probeProblems.push(`${email}: ${rejected} passwords checked, limit ${MAX_ATTEMPTS}`);
      if (c.failed_attempts !== rejected) probeProblems.push(`${email}: ${rejected} failed logins answered, ${c.failed_attempts} counted`);
      if (c.was_locked !== rejected >= MAX_ATTEMPTS) probeProblems.push(`${email}: locked ${c.was_locked} after ${rejected} failures`);
    }
    const loadProblems: string[] = [];
    for (const email of emails) {
      const c = counters.get(email)!;
      const e = logins.get(email);
      const cutOff = e ? e.workerSent - e.workerAnswered : 0;
      if (c.was_locked || c.failed_attempts > cutOff)
        loadProblems.push(`${email}: locked ${c.was_locked}, ${c.failed_attempts} failures counted, ${cutOff} logins cut off`);
    }
    const probeSummary = probeEmails.map(
      (email) =>
        `${Object.entries(probe.get(email) ?? {})
          .map(([k, v]) => `${k} x${v}`)
          .join(', ')} -> counted ${counters.get(email)!.failed_attempts}, locked ${counters.get(email)!.was_locked}`,
    );
    checks.push({
      name: 'lockout counters consistent',
      pass: probeProblems.length === 0 && loadProblems.length === 0,
      detail: `probe (${PROBE_ATTEMPTS} concurrent wrong passwords x ${PROBE_ACCOUNTS} accounts): ${probeSummary.join('; ')}. Accounts under load: ${loadProblems.length ? loadProblems.slice(0, 5).join('; ') : `no lock, failures only where a login was cut off (${emails.reduce((n, e) => n + counters.get(e)!.failed_attempts, 0)} in all)`}${probeProblems.length ? `. Problems: ${probeProblems.join('; ')}` : ''}`,
    });

    // Sessions per account: between the logins answered 200 and the logins sent.
    const { rows: sessionRows } = await db.query<{ email: string; n: string }>(
      "select u.email, count(s.id) as n from auth.users u left join auth.sessions s on s.user_id = u.id where u.email like 'load-%' group by u.email",
    );
    const sessionProblems: string[] = [];
    let sessions = 0;
    let answered = 0;
    let sent = 0;
    for (const row of sessionRows) {
      const n = Number(row.n);
      const e = logins.get(row.email) ?? { ok: 0, sent: 0 };
      sessions += n;
      answered += e.ok;
      sent += e.sent;
      if (n < e.ok || n > e.sent) sessionProblems.push(`${row.email}: ${n} sessions, ${e.ok} logins answered, ${e.sent} sent`);
    }
    checks.push({
      name: 'no duplicate or lost session',
      pass: sessionProblems.length === 0 && sessionRows.length === ACCOUNTS,
      detail: `${sessions} sessions of ${sessionRows.length} accounts; logins answered 200: ${answered}, sent: ${sent}${sessionProblems.length ? `; ${sessionProblems.slice(0, 5).join('; ')}` : ''}`,
    });

    // Postgres connections back to idle.
    let activity: { state: string | null; n: string }[] = [];
    const until = Date.now() + 10_000;
    do {
      ({ rows: activity } = await db.query<{ state: string | null; n: string }>(
        "select state, count(*) as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid() group by state order by state",
      ));
      if (activity.every((a) => a.state === 'idle')) break;
      await new Promise((r) => setTimeout(r, 250));
    } while (Date.now() < until);
    checks.push({
      name: 'Postgres connections idle',
      pass: activity.every((a) => a.state === 'idle'),
      detail: activity.map((a) => `${a.state ?? 'unknown'}: ${a.n}`).join(', ') || 'no client connection',
    });

    checks.push(await everyEventOnce(db, worker.url, integration));

    // MFA verify: aal2 tokens, and every account (factor) verified at most once.
    const [mfaProfile, passkeyProfile] = loops as [LoopProfile, LoopProfile];
    const samples = (a: LoopAnswers) => (a.samples.length ? `; e.g. ${a.samples.join(', ')}` : '');
    checks.push({
      name: 'mfa verify answers are aal2',
      pass: mfaProfile.answers.ok > 0 && mfaProfile.answers.asExpected === mfaProfile.answers.ok,
      detail: `${mfaProfile.answers.asExpected}/${mfaProfile.answers.ok} answers 200 (all of them, worker and direct) carry an access token whose aal is aal2${samples(mfaProfile.answers)}`,
    });
    const {
      rows: [verified],
    } = await db.query<{ challenges: string; factors: string }>(
      'select count(*) as challenges, count(distinct factor_id) as factors from auth.mfa_challenges where verified_at is not null',
    );
    const challenges = Number(verified!.challenges);
    const reused = [...mfaUses.values()].filter((n) => n > 1).length;
    checks.push({
      name: 'mfa verify: each account once',
      pass: reused === 0 && challenges === Number(verified!.factors) && challenges === mfaProfile.answers.ok,
      detail: `${mfaUses.size} of ${MFA_POOL * 2} accounts used, ${reused} more than once; auth.mfa_challenges: ${challenges} verified, on ${verified!.factors} factors; ${mfaProfile.answers.ok} verifies answered 200`,
    });
    checks.push({
      name: 'passkey sign-ins are aal1 passkey sessions',
      pass: passkeyProfile.answers.ok > 0 && passkeyProfile.answers.asExpected === passkeyProfile.answers.ok,
      detail: `${passkeyProfile.answers.asExpected}/${passkeyProfile.answers.ok} answers 200 carry an access token with aal aal1 and amr passkey${samples(passkeyProfile.answers)}`,
    });

    const unexpected = results.reduce((n, r) => n + r.unexpected, 0);
    checks.push({
      name: 'no error but intended 429s',
      pass: unexpected === 0,
      detail: `${unexpected} unexpected answers or connection errors under load; ${intended429} intended 429 ACCOUNT_LOCKED in the lockout probe`,
    });
  } finally {
    run.done();
    await run.cleanup();
  }
  const left = await leftovers(run);
  checks.push({ name: 'no process or port left', pass: left.length === 0, detail: left.join('; ') || 'none' });

  out('');
  out(
    `Load, ${SECONDS} s per profile and target (worker = our workerd process directly; direct = the same calls against the stand-in; x = worker/direct):`,
  );
  out(formatPhases(results));
  for (const r of results) {
    if (r.pool) {
      const why = r.pool.usedUp ? 'pool used up' : 'time over';
      out(
        `${r.profile} -> ${r.target}: ${r.requests} verifies in ${r.seconds.toFixed(1)} s, ${r.pool.used}/${r.pool.size} accounts used (${why})`,
      );
    }
  }
  out('');
  for (const c of checks) out(`${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  const runtimeS = (performance.now() - started) / 1000;

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(ROOT, 'bench', 'results', `load-${stamp}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    wrangler: readVersion('wrangler'),
    autocannon: readVersion('autocannon'),
    platform: `${os.platform()} ${os.release()}`,
  };
  fs.writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), runtimeS, environment, seconds: SECONDS, results, checks }, null, 2)}\n`,
  );
  const byProfile = [...new Set(results.map((r) => r.profile))];
  const pair = (profile: string) =>
    [
      results.find((r) => r.profile === profile && r.target === 'worker'),
      results.find((r) => r.profile === profile && r.target === 'direct'),
    ] as const;
  fs.writeFileSync(
    file.replace(/\.json$/, '.svg'),
    renderChart(
      `edge-auth load test, ${SECONDS} s per profile and target`,
      [
        {
          title: 'Requests per second',
          groups: byProfile.map((profile) => ({
            label: profile,
            bars: results.filter((r) => r.profile === profile).map((r) => ({ series: r.target, value: r.rps, label: r.rps.toFixed(0) })),
          })),
        },
        {
          title: 'Worker / direct (requests/s, latency p50, latency p99)',
          groups: byProfile.map((profile) => {
            const [w, d] = pair(profile);
            return {
              label: profile,
              bars:
                w && d
                  ? [
                      { series: 'x req/s', value: w.rps / d.rps },
                      { series: 'x p50', value: w.p50 / d.p50 },
                      { series: 'x p99', value: w.p99 / d.p99 },
                    ]
                  : [],
            };
          }),
          target: { value: 1, label: 'same as direct' },
        },
      ],
      `worker = our workerd process; direct = the same calls against the stand-in; everything on one machine (${environment.cpus} cores).`,
    ),
  );
  const ok = checks.every((c) => c.pass);
  out(
    `\n${checks.filter((c) => c.pass).length}/${checks.length} checks passed. Results: ${path.relative(ROOT, file)} (and .svg). Runtime ${runtimeS.toFixed(1)} s.`,
  );
  return ok;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err: unknown) => {
    stderr(`load failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
