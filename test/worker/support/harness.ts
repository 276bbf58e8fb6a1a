/**
 * Test harness for the worker project: apps with custom configuration, envelope readers,
 * a `fetch` stub that records every upstream call (the one allowed network stub), and
 * console capture for log assertions.
 */
import { env } from 'cloudflare:workers';
import { type MockInstance, vi } from 'vitest';
import { createApp } from '../../../src/app.ts';
import type { RouteDefinition } from '../../../src/routes/registry.ts';

/** A fake project URL for tests that stub the network (never resolves to anything real). */
export const FAKE_SUPABASE_URL = 'https://stub-project.supabase.test';

/**
 * The worker's env with `overrides` applied (thresholds, another Supabase URL, a setting
 * unset with `undefined`): a fresh object, so configuration validation runs anew.
 */
export function envWith(overrides: Record<string, unknown> = {}): Cloudflare.Env {
  return { ...env, ...overrides } as Cloudflare.Env;
}

/** An env pointed at the stubbed fake project. */
export function fakeProjectEnv(overrides: Record<string, string | undefined> = {}): Cloudflare.Env {
  return envWith({ SUPABASE_URL: FAKE_SUPABASE_URL, ...overrides });
}

/** Sends a request to an app built with `routes` (default: the real ones) and `testEnv`. */
export async function call(
  path: string,
  init: RequestInit = {},
  options: { env?: Cloudflare.Env; routes?: readonly RouteDefinition[] } = {},
): Promise<Response> {
  const app = createApp(options.routes ? { routes: options.routes } : {});
  return app.request(`http://worker.test${path}`, init, options.env ?? envWith());
}

/** The parsed JSON body of a response. */
export async function body<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** One recorded upstream call. */
export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
}

/** A handler deciding what the stubbed network answers. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Replaces `globalThis.fetch` with `handler` and records every call. Restore with
 * `vi.restoreAllMocks()` (done in afterEach by the tests).
 */
export function stubFetch(handler: FetchHandler): { calls: RecordedCall[]; spy: MockInstance } {
  const calls: RecordedCall[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push({ url: request.url, method: request.method, headers: request.headers });
    return handler(request);
  });
  return { calls, spy };
}

/**
 * Records every request the worker sends to Supabase (`SUPABASE_URL`) while the spy is on,
 * and passes each one on unchanged to the real stand-in: for counting what reached
 * Supabase. Restore with `vi.restoreAllMocks()`.
 */
export function recordUpstream(): RecordedCall[] {
  const real = globalThis.fetch.bind(globalThis);
  const calls: RecordedCall[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation((input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.url.startsWith(env.SUPABASE_URL)) calls.push({ url: request.url, method: request.method, headers: request.headers });
    return real(input, init);
  });
  return calls;
}

/** A fetch answer that never comes, but honours the caller's abort signal. */
export function hangingResponse(request: Request): Promise<Response> {
  return new Promise((_resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason));
  });
}

/** A JSON response. */
export function jsonResponse(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** Captures console.log / console.error lines while `fn` runs. */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const push = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  };
  const log = vi.spyOn(console, 'log').mockImplementation(push);
  const error = vi.spyOn(console, 'error').mockImplementation(push);
  try {
    return { result: await fn(), lines };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/**
 * Rate-limit bindings count in windows aligned to the wall clock (miniflare's windows are
 * `floor(now / period)`), so a test that fills a bucket and expects the next request refused
 * must not straddle the end of a window, where the count starts again from zero. When less
 * than `marginMs` of the current window is left, wait for the next one to begin.
 */
export async function awaitFreshWindow(periodSeconds = 60, marginMs = 5_000): Promise<void> {
  const period = periodSeconds * 1000;
  const left = period - (Date.now() % period);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}
