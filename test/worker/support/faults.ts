/**
 * Fault injection without the clock, for the tests of timeouts (upstream.test.ts,
 * meta.test.ts): the worker bounds every upstream call with `AbortSignal.timeout`
 * (src/http/upstream.ts); {@link controlTimeouts} hands those timers to the test, which
 * fires them when it chooses, and {@link hangingUpstream} is an upstream that never
 * answers and records what happened to its request. So a test proves "the worker gave up
 * because its own timer fired, while Supabase still had not answered" by facts, not by how
 * long it waited, which depends on the machine.
 */
import { vi } from 'vitest';
import { type FetchHandler, hangingResponse } from './harness.ts';

/** A timer the worker asked for, held by the test. */
export interface HeldTimeout {
  /** The delay the worker asked for, in milliseconds. */
  ms: number;
  /** The reason the signal aborts with once fired (a `TimeoutError`, as the platform's). */
  reason: DOMException;
  /** Aborts the signal now, as the real timer would have when its delay was up. */
  fire(): void;
}

/**
 * Replaces `AbortSignal.timeout` so that its signals abort only when the test fires them.
 * Restore with `vi.restoreAllMocks()`.
 */
export function controlTimeouts(): HeldTimeout[] {
  const held: HeldTimeout[] = [];
  vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms: number) => {
    const controller = new AbortController();
    const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    held.push({ ms, reason, fire: () => controller.abort(reason) });
    return controller.signal;
  });
  return held;
}

/** An upstream that never answers, with what became of the requests it received. */
export interface HangingUpstream {
  handler: FetchHandler;
  /** Requests received so far. */
  readonly received: Request[];
  /** The abort reason of each request whose signal aborted, in order. */
  readonly aborted: unknown[];
  /** Resolves once the first request has arrived. */
  readonly arrived: Promise<void>;
  /** Resolves once `count` requests have arrived (requests in flight together, e.g.). */
  receivedAll(count: number): Promise<void>;
}

/** An upstream that never answers but rejects a request when its signal aborts (harness.ts `hangingResponse`). */
export function hangingUpstream(): HangingUpstream {
  const received: Request[] = [];
  const aborted: unknown[] = [];
  let arrive = () => {};
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  const waiting: { count: number; resolve: () => void }[] = [];
  const handler: FetchHandler = (request) => {
    received.push(request);
    request.signal.addEventListener('abort', () => {
      aborted.push(request.signal.reason);
    });
    arrive();
    for (const waiter of waiting.filter((w) => w.count <= received.length)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
    return hangingResponse(request);
  };
  const receivedAll = (count: number) =>
    received.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve }));
  return { handler, received, aborted, arrived, receivedAll };
}

/**
 * Whether `promise` is still pending after the event loop has had a few turns (no timer of
 * the worker runs meanwhile: they are held by {@link controlTimeouts}).
 */
export async function stillPending(promise: Promise<unknown>, turns = 5): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let i = 0; i < turns && !settled; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  return !settled;
}
