/**
 * GET /api/v1/health, against the live local stack (needs test/setup/global.ts to have
 * started it) and with faults injected.
 *
 * Stubbed, and why: the network (`fetch`) only for the faults the stand-in cannot produce on
 * demand — Supabase Auth answering 500, answering HTML, and hanging (a fetch that never
 * answers, with the probe's timer held by the test, support/faults.ts). A healthy Supabase
 * and an unreachable one are real: the stand-in, and a closed port.
 */
import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEALTH_TIMEOUT_MS } from '../../src/routes/meta/handlers.ts';
import { controlTimeouts, hangingUpstream, stillPending } from './support/faults.ts';
import { body, call, envWith, FAKE_SUPABASE_URL, fakeProjectEnv, jsonResponse, recordUpstream, stubFetch } from './support/harness.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const HEALTHY = { success: true, message: 'Service is healthy', data: { status: 'ok', supabase: 'ok' } };
const UNREACHABLE = {
  success: false,
  message: 'Supabase is not reachable',
  error: { code: 'SERVICE_UNAVAILABLE', message: 'Supabase is not reachable' },
};
/** Nothing listens on port 1 of the loopback: a real "connection refused" (workerd logs it on stderr). */
const CLOSED_PORT_URL = 'http://127.0.0.1:1';

describe('health against the local stack', () => {
  it('200 when Supabase Auth answers; probes /auth/v1/health with the publishable key', async () => {
    const calls = recordUpstream();
    const res = await call('/api/v1/health', {}, { env: envWith({}) });
    expect(await body(res)).toEqual(HEALTHY);
    expect(res.status).toBe(200);
    expect(calls.map((c) => c.url)).toEqual([`${env.SUPABASE_URL}/auth/v1/health`]);
    expect(calls[0]!.headers.get('apikey')).toBe(env.SUPABASE_PUBLISHABLE_KEY);
  });

  it('GET /api/v1/health → 200 ok through the real worker entry', async () => {
    const res = await exports.default.fetch('http://worker.test/api/v1/health');
    expect(await body(res)).toEqual(HEALTHY);
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
  });

  it('503 SERVICE_UNAVAILABLE when nothing listens at SUPABASE_URL (the same probe, a closed port)', async () => {
    const res = await call('/api/v1/health', {}, { env: envWith({ SUPABASE_URL: CLOSED_PORT_URL }) });
    expect(res.status).toBe(503);
    expect(await body(res)).toEqual(UNREACHABLE);
  });
});

describe('health with an injected fault', () => {
  it.each([
    ['answering 500', () => jsonResponse({ message: 'down' }, 500)],
    ['answering HTML', () => new Response('<html></html>', { status: 200 })],
  ])('503 SERVICE_UNAVAILABLE when %s', async (_name, handler) => {
    stubFetch(handler);
    const res = await call('/api/v1/health', {}, { env: fakeProjectEnv() });
    expect(res.status).toBe(503);
    expect(await body(res)).toEqual(UNREACHABLE);
  });

  it('control: the same stub answering a health reply gives 200 (the 503s above come from the fault)', async () => {
    stubFetch(() => jsonResponse({ version: 'v2', name: 'GoTrue' }));
    const res = await call('/api/v1/health', {}, { env: fakeProjectEnv() });
    expect(res.status).toBe(200);
  });

  it('503 when Supabase hangs: the probe gives up when its own short timer fires, not the upstream timeout', async () => {
    const timers = controlTimeouts();
    const upstream = hangingUpstream();
    stubFetch(upstream.handler);
    // The default upstream timeout (8 s) is longer than the probe's; the probe uses its own.
    const pending = call('/api/v1/health', {}, { env: fakeProjectEnv() });
    await upstream.arrived;
    expect(timers.map((t) => t.ms)).toEqual([HEALTH_TIMEOUT_MS]);
    // Nothing answers while Supabase hangs and the timer has not fired.
    expect(await stillPending(pending)).toBe(true);
    timers[0]!.fire();
    const res = await pending;
    expect(res.status).toBe(503);
    expect(await body(res)).toEqual(UNREACHABLE);
    // The hanging request was cut off by that very timer; it never answered.
    expect(upstream.received.map((r) => r.url)).toEqual([`${FAKE_SUPABASE_URL}/auth/v1/health`]);
    expect(upstream.aborted).toHaveLength(1);
    expect(upstream.aborted[0]).toBe(timers[0]!.reason);
  });

  it('the probe timer is the upstream timeout when that one is shorter', async () => {
    const timers = controlTimeouts();
    const upstream = hangingUpstream();
    stubFetch(upstream.handler);
    const pending = call('/api/v1/health', {}, { env: fakeProjectEnv({ UPSTREAM_TIMEOUT_MS: '500' }) });
    await upstream.arrived;
    expect(timers.map((t) => t.ms)).toEqual([500]);
    timers[0]!.fire();
    expect((await pending).status).toBe(503);
  });
});
