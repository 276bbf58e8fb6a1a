/**
 * What a gated success costs and why that is safe (src/auth/gate.ts, src/auth/lockout.ts):
 * on a key without failures the response waits for one Durable Object call (reserve), and
 * the success is settled after it (`waitUntil`). The lockout binding is wrapped so that
 * the test sees every call and holds each settle until it lets it go; the objects behind it
 * are the real ones. The rules still hold: until the late settle lands the ticket counts as
 * an attempt in flight, it clears no failure counted after its reservation, a settle that
 * never lands counts as a failure only once the ticket's deadline has passed, and a burst
 * of right and wrong passwords never gets more than LOCKOUT_MAX_ATTEMPTS wrong ones checked.
 * A route of this file's own runs the gate with a one-time value, as TOTP codes do.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { createApp } from '../../src/app.ts';
import { throughGate } from '../../src/auth/gate.ts';
import { type LockoutPolicy, type LoginLockout, lockoutFor, type OneTimeValue } from '../../src/auth/lockout.ts';
import { ApiError } from '../../src/http/errors.ts';
import { defineGroup, implementGroup, type RouteHandler } from '../../src/routes/registry.ts';
import { api, envWith, PASSWORD, registerUser, uniqueEmail } from './support/e2e.ts';
import { stillPending } from './support/faults.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const POLICY: LockoutPolicy = { maxAttempts: 5, windowSeconds: 900, durationSeconds: 900 };
/** A policy under which one attempt in flight (or one failure) already fills the window. */
const ONE: LockoutPolicy = { ...POLICY, maxAttempts: 1 };

/** LOGIN_LOCKOUT with every call recorded, and every settle held until {@link release}. */
function heldLockouts(overrides: Record<string, string> = {}) {
  const real = env.LOGIN_LOCKOUT;
  const calls: string[] = [];
  let settled = 0;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let asked = () => {};
  const settleAsked = new Promise<void>((resolve) => {
    asked = resolve;
  });
  const namespace = {
    idFromName: (name: string) => real.idFromName(name),
    get: (id: DurableObjectId) => {
      const stub = real.get(id);
      return {
        reserve: (policy: LockoutPolicy, ttlMs: number, once?: OneTimeValue) => {
          calls.push('reserve');
          return stub.reserve(policy, ttlMs, once);
        },
        settle: async (ticket: string, outcome: 'failure' | 'success' | 'neutral', policy: LockoutPolicy) => {
          calls.push(`settle ${outcome}`);
          asked();
          await released;
          const status = await stub.settle(ticket, outcome, policy);
          settled += 1;
          return status;
        },
      };
    },
  } as unknown as DurableObjectNamespace<LoginLockout>;
  return {
    env: envWith({ ...overrides, LOGIN_LOCKOUT: namespace }),
    calls,
    /** Resolves once a settle has been sent (and is being held). */
    settleAsked,
    release: () => release(),
    get settled() {
      return settled;
    },
  };
}

/** An execution context whose `waitUntil` work the test can await. */
function executionContext() {
  const after: Promise<unknown>[] = [];
  const ctx = { waitUntil: (work: Promise<unknown>) => void after.push(work), passThroughOnException() {}, props: {} };
  return { ctx: ctx as unknown as ExecutionContext, after };
}

/** POST /login on an app with `testEnv`, with an execution context when given. */
async function login(email: string, password: string, testEnv: Cloudflare.Env, ctx?: ExecutionContext): Promise<Response> {
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) };
  return createApp().request('http://worker.test/api/v1/auth/login', init, testEnv, ctx);
}

describe('a success on a key without failures is settled after the response', () => {
  it('login: the response waits for reserve only; until the settle lands the ticket is still in flight', async () => {
    const { email } = await registerUser();
    const held = heldLockouts();
    const { ctx, after } = executionContext();
    const res = await login(email, PASSWORD, held.env, ctx);
    expect(res.status).toBe(200);
    // The settle was sent before the response but had not landed when it was answered.
    expect(held.calls).toEqual(['reserve', 'settle success']);
    expect(held.settled).toBe(0);
    expect(after).toHaveLength(1);
    const stub = lockoutFor(env.LOGIN_LOCKOUT, email);
    expect((await stub.reserve(ONE, 10_000)).allowed).toBe(false);
    held.release();
    await Promise.all(after);
    expect(held.settled).toBe(1);
    expect(await stub.check()).toEqual({ locked: false, retryAfter: 0, failures: 0, locks: 0 });
    expect((await stub.reserve(ONE, 10_000)).allowed).toBe(true);
  });

  it('login with failures counted: the success is settled before the response, so they are cleared for the next request', async () => {
    const { email } = await registerUser();
    for (let i = 0; i < 2; i++) expect((await api('/api/v1/auth/login', { body: { email, password: `wrong-${i}` } })).status).toBe(401);
    const held = heldLockouts();
    const pending = login(email, PASSWORD, held.env);
    await held.settleAsked;
    expect(await stillPending(pending)).toBe(true);
    expect(held.calls).toEqual(['reserve', 'settle success']);
    held.release();
    expect((await pending).status).toBe(200);
    expect((await lockoutFor(env.LOGIN_LOCKOUT, email).check()).failures).toBe(0);
  });

  it('a late settle clears no failure counted after its reservation, and then releases the ticket', async () => {
    const { email } = await registerUser();
    const held = heldLockouts();
    const { ctx, after } = executionContext();
    expect((await login(email, PASSWORD, held.env, ctx)).status).toBe(200);
    // Two wrong passwords while the success is still unsettled: both are checked and count.
    for (let i = 0; i < 2; i++) expect((await api('/api/v1/auth/login', { body: { email, password: `wrong-${i}` } })).status).toBe(401);
    const stub = lockoutFor(env.LOGIN_LOCKOUT, email);
    const three = { ...POLICY, maxAttempts: 3 };
    expect((await stub.reserve(three, 10_000)).allowed).toBe(false); // 2 failures + the success in flight
    held.release();
    await Promise.all(after);
    expect((await stub.check()).failures).toBe(2);
    expect((await stub.reserve(three, 10_000)).allowed).toBe(true); // the ticket is gone, the failures stay
  });

  it('a settle that never lands counts as a failure, and only once the ticket deadline has passed', async () => {
    const { email } = await registerUser();
    // Never released: the work after the response was lost. The login's ticket lives
    // UPSTREAM_TIMEOUT_MS × 2 + LOGIN_FAILURE_FLOOR_MS + 5 s (gate.ts): 7 s here.
    const held = heldLockouts({ UPSTREAM_TIMEOUT_MS: '1000', LOGIN_FAILURE_FLOOR_MS: '0' });
    const ttl = 7000;
    const { ctx } = executionContext();
    const reservedAt = Date.now();
    expect((await login(email, PASSWORD, held.env, ctx)).status).toBe(200);
    const stub = lockoutFor(env.LOGIN_LOCKOUT, email);
    expect((await stub.check()).failures).toBe(0);
    // The object's clock moved on instead of waiting: just before the deadline, nothing counts.
    vi.spyOn(Date, 'now').mockImplementation(() => reservedAt + ttl - 1000);
    expect((await stub.reserve(POLICY, 60_000)).allowed).toBe(true);
    expect((await stub.check()).failures).toBe(0);
    // Just after it, the lost success is one failure.
    vi.spyOn(Date, 'now').mockImplementation(() => reservedAt + ttl + 1000);
    expect((await stub.reserve(POLICY, 60_000)).allowed).toBe(true);
    expect((await stub.check()).failures).toBe(1);
  });

  it('a burst of right and wrong passwords on a clean account gets at most LOCKOUT_MAX_ATTEMPTS wrong ones checked', async () => {
    const { email } = await registerUser();
    // A floor of 2 s keeps every failure of the burst from being counted before all of its
    // attempts have been reserved, so each right password is reserved on a clean account.
    const slow = envWith({ LOGIN_FAILURE_FLOOR_MS: '2000' });
    const burst = await Promise.all([
      ...Array.from({ length: 4 }, () => api('/api/v1/auth/login', { body: { email, password: PASSWORD }, env: slow })),
      ...Array.from({ length: 16 }, (_, i) => api('/api/v1/auth/login', { body: { email, password: `guess-${i}` }, env: slow })),
    ]);
    let checkedWrong = burst.slice(4).filter((r) => r.status === 401).length;
    expect(checkedWrong).toBeLessThanOrEqual(POLICY.maxAttempts);
    const stub = lockoutFor(env.LOGIN_LOCKOUT, email);
    // More wrong guesses, one at a time, until the account is locked (429s meanwhile are
    // attempts still in flight, e.g. successes whose settle has not landed yet).
    for (let i = 0; i < 200 && !(await stub.check()).locked; i++) {
      const res = await api('/api/v1/auth/login', { body: { email, password: `more-${i}` } });
      if (res.status === 401) checkedWrong += 1;
      else if (res.status === 429) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(checkedWrong).toBe(POLICY.maxAttempts);
    expect(await stub.check()).toMatchObject({ locked: true, failures: POLICY.maxAttempts });
  });
});

describe('the gate with a one-time value (as TOTP codes use it)', () => {
  const contracts = defineGroup(
    { tag: 'test', basePath: '/t' },
    {
      // A gated attempt that succeeds for the codes starting with "right"
      gated: {
        method: 'post',
        path: '/gated',
        auth: 'none',
        body: z.object({ key: z.string(), code: z.string() }),
        success: { status: 200, description: 'gated', data: z.unknown() },
        errors: [],
      },
    },
  );
  const gated: RouteHandler<(typeof contracts)['gated']> = async (c) => {
    const { key, code } = c.req.valid('json');
    const { value, succeeded } = await throughGate(
      c,
      {
        key,
        once: { fingerprint: code, ttlMs: 60_000, replayed: () => new ApiError('MFA_CODE_INVALID') },
        judge: (error) => ({ outcome: 'failure', error: error instanceof ApiError ? error : new ApiError('MFA_CODE_INVALID') }),
      },
      async () => {
        if (!code.startsWith('right')) throw new ApiError('MFA_CODE_INVALID');
        return { ok: true };
      },
    );
    await succeeded();
    return value;
  };
  const routes = implementGroup(contracts, { gated });
  const attempt = async (key: string, code: string, testEnv: Cloudflare.Env, ctx?: ExecutionContext) =>
    createApp({ routes }).request(
      'http://worker.test/t/gated',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key, code }) },
      testEnv,
      ctx,
    );

  it('one awaited call on a clean key; the code stays used; after a failure the success is awaited again', async () => {
    const key = `mfa:${uniqueEmail('gate')}`;
    const held = heldLockouts();
    const { ctx, after } = executionContext();
    expect((await attempt(key, 'right', held.env, ctx)).status).toBe(200);
    expect(held.calls).toEqual(['reserve', 'settle success']);
    expect(held.settled).toBe(0);
    held.release();
    await Promise.all(after);
    // The same code again: remembered at reservation, refused without the attempt.
    const replay = await attempt(key, 'right', envWith({}));
    expect(replay.status).toBe(401);
    expect((await lockoutFor(env.LOGIN_LOCKOUT, key).check()).failures).toBe(1);
    // With a failure counted, a success waits for its settle (which clears it).
    const again = heldLockouts();
    const pending = attempt(key, 'right-2', again.env);
    await again.settleAsked;
    expect(await stillPending(pending)).toBe(true);
    again.release();
    expect((await pending).status).toBe(200);
    expect((await lockoutFor(env.LOGIN_LOCKOUT, key).check()).failures).toBe(0);
  });
});
