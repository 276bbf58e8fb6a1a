/**
 * The one door to the network. Every call to Supabase (supabase-js clients, the JWKS fetch,
 * the health probe) goes through {@link createUpstreamFetch}, which bounds it with a timeout
 * and normalises the two ways an upstream can fail: unreachable or too slow becomes an
 * {@link UpstreamUnavailableError} (supabase-js reports it as status 0 → 503), and an answer
 * whose body is not JSON becomes a synthetic 502 JSON answer (→ 502 UPSTREAM_ERROR), so
 * that src/supabase/errors.ts can tell the two apart from the `{ data, error }` value alone.
 * It is also where keys are kept to the `apikey` header: supabase-js repeats its key as
 * `Authorization: Bearer <key>`, which for an `sb_…` API key Supabase refuses (a key is not
 * a JWT), so that header is dropped; a user's JWT in `Authorization` passes unchanged.
 *
 * An outage costs milliseconds, not the timeout: a circuit breaker per upstream origin
 * (Supabase; the mail API apart), kept at module scope, so per isolate. Calls that never
 * reach this door (a request refused locally, a Durable Object call) are not affected.
 * - closed: every call goes out. A call *fails* when it times out, cannot connect, loses its
 *   body, or is answered 5xx; anything else Supabase answers (2xx, 3xx, and every 4xx:
 *   a wrong password, a bad token, a rate limit) is an answer, so a client's own 4xx can
 *   never open the breaker. {@link BREAKER_FAILURE_THRESHOLD} (5) failures in a row, with
 *   no answer between them and each within {@link BREAKER_FAILURE_WINDOW_MS} (10 s) of the
 *   one before, open it: 5 because one or two 5xx are ordinary noise and 5 calls failing
 *   with nothing answered between them are not; the window so that a sporadic 5xx every few
 *   minutes of a quiet isolate never adds up to an outage, while 8 s timeouts one after
 *   another still do. A call its caller aborted for a reason of its own counts neither way
 *   (a timeout the caller sets itself counts as a timeout).
 * - open: a call is refused before it goes out, with {@link UpstreamCircuitOpenError}
 *   (503 SERVICE_UNAVAILABLE, `Retry-After: 1`): no timer, no socket. Every
 *   {@link BREAKER_PROBE_INTERVAL_MS} (500 ms) one call goes out as a probe (with the usual
 *   timeout), so Supabase's return is seen within half a second even while an earlier probe
 *   still hangs (at most ~16 probes in flight for an 8 s timeout). The health route's probe
 *   is one call like any other.
 * - back to closed on the first answer of any call (a probe, or one sent before the
 *   breaker opened).
 * The refusal keeps its `Retry-After` where the door's error reaches the response as it is
 * (GoTrue calls made with the door directly: src/supabase/own-user.ts; the JWKS fetch).
 * supabase-js turns every thrown error into its own status-0 error, which
 * src/supabase/errors.ts maps to 503 without the header.
 * Tests drive and reset it through {@link upstreamBreakerForTests} (its clock too: no real
 * time passes in them).
 */
import { ApiError } from './errors.ts';

/** Failures in a row (no answer between them) that open the breaker. */
export const BREAKER_FAILURE_THRESHOLD = 5;
/** Failures are in a row only while each comes within this many ms of the one before. */
export const BREAKER_FAILURE_WINDOW_MS = 10_000;
/** While open, one call every this many ms goes out as a probe. */
export const BREAKER_PROBE_INTERVAL_MS = 500;
/** `Retry-After` (seconds) of a refused call: the next probe is at most this far away. */
export const BREAKER_RETRY_AFTER_SECONDS = 1;

/** Supabase could not be reached, or did not answer within the timeout. */
export class UpstreamUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UpstreamUnavailableError';
  }
}

/** Supabase answered, but with something we cannot use. */
export class UpstreamBadResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamBadResponseError';
  }
}

/**
 * The breaker is open: Supabase is known to be down, and this call was not sent. An
 * {@link ApiError} SERVICE_UNAVAILABLE with `Retry-After`, so that wherever it reaches the
 * response as it is (the calls made with the door directly, the JWKS fetch) the client is
 * told when to try again; through supabase-js it becomes the usual status-0 failure (→ 503).
 */
class UpstreamCircuitOpenError extends ApiError {
  constructor(origin: string) {
    super('SERVICE_UNAVAILABLE', {
      headers: { 'Retry-After': String(BREAKER_RETRY_AFTER_SECONDS) },
      cause: new Error(`${origin} is known to be down (circuit open): not called`),
    });
    this.name = 'UpstreamCircuitOpenError';
  }
}

/** `error_code`/`code` of the synthetic answer that replaces a non-JSON upstream body. */
export const UNUSABLE_ANSWER_CODE = 'upstream_unusable_answer';

const BODYLESS_STATUSES = new Set([101, 204, 205, 304]);
const API_KEY_BEARER = /^Bearer\s+sb_/i;

/** The request's headers without an `Authorization: Bearer sb_…`. */
function outgoingHeaders(input: RequestInfo | URL, init: RequestInit | undefined): Headers {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  if (API_KEY_BEARER.test(headers.get('Authorization') ?? '')) headers.delete('Authorization');
  return headers;
}

function timeoutSignal(timeoutMs: number, outer: AbortSignal | null | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return outer ? AbortSignal.any([outer, timeout]) : timeout;
}

function unusableAnswer(status: number): Response {
  const message = `Upstream answered ${status} with a body that is not JSON`;
  return new Response(JSON.stringify({ code: UNUSABLE_ANSWER_CODE, error_code: UNUSABLE_ANSWER_CODE, message, msg: message }), {
    status: 502,
    headers: { 'Content-Type': 'application/json' },
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function readText(response: Response, timeoutMs: number): Promise<string> {
  try {
    return await response.text();
  } catch (cause) {
    throw new UpstreamUnavailableError(`Upstream body not received within ${timeoutMs} ms`, { cause });
  }
}

/** The breaker of one upstream origin (see the module comment). */
interface Breaker {
  /** Failures in a row, with no answer between them. */
  failures: number;
  /** When the last of them came (ms). */
  lastFailureAt: number;
  open: boolean;
  /** While open: when the next probe may go out (ms). */
  nextProbeAt: number;
}

/** Origins with failures or an open breaker (an origin that answers has no entry). */
const breakers = new Map<string, Breaker>();
/** More origins failing at once than this and the oldest entry is dropped (memory stays bounded). */
const MAX_TRACKED_ORIGINS = 32;
const realClock = (): number => Date.now();
let now = realClock;

function breakerOf(origin: string): Breaker {
  let breaker = breakers.get(origin);
  if (!breaker) {
    if (breakers.size >= MAX_TRACKED_ORIGINS) breakers.delete(breakers.keys().next().value as string);
    breaker = { failures: 0, lastFailureAt: 0, open: false, nextProbeAt: 0 };
    breakers.set(origin, breaker);
  }
  return breaker;
}

/** Lets a call out (closed, or the probe of this interval), or refuses it. */
function admit(origin: string): void {
  const breaker = breakers.get(origin);
  if (!breaker?.open) return;
  const at = now();
  if (at < breaker.nextProbeAt) throw new UpstreamCircuitOpenError(origin);
  breaker.nextProbeAt = at + BREAKER_PROBE_INTERVAL_MS;
}

/** Supabase answered (anything but 5xx): the breaker closes. */
function answered(origin: string): void {
  const breaker = breakers.get(origin);
  if (breaker && (breaker.open || breaker.failures > 0)) breakers.delete(origin);
}

/** A call timed out, could not connect, lost its body or was answered 5xx. */
function failed(origin: string): void {
  const breaker = breakerOf(origin);
  if (breaker.open) return;
  const at = now();
  breaker.failures = at - breaker.lastFailureAt > BREAKER_FAILURE_WINDOW_MS ? 1 : breaker.failures + 1;
  breaker.lastFailureAt = at;
  if (breaker.failures >= BREAKER_FAILURE_THRESHOLD) {
    breaker.open = true;
    breaker.nextProbeAt = at + BREAKER_PROBE_INTERVAL_MS;
  }
}

/** The origin a call goes to (the breaker's key). */
function originOf(input: RequestInfo | URL): string {
  if (input instanceof URL) return input.origin;
  return new URL(typeof input === 'string' ? input : input.url).origin;
}

/**
 * For tests only: the breaker's state by origin, a reset, and its clock (tests hold it
 * still and move it on themselves, as support/faults.ts does with timers).
 */
export const upstreamBreakerForTests = {
  /** Every origin closed with no failure counted, and the real clock back. */
  reset(): void {
    breakers.clear();
    now = realClock;
  },
  /** The breaker of `url`'s origin. */
  state(url: string): { open: boolean; failures: number } {
    const breaker = breakers.get(new URL(url).origin);
    return { open: breaker?.open ?? false, failures: breaker?.failures ?? 0 };
  },
  /** Replaces the breaker's clock (ms since the epoch) until the next reset. */
  useClock(clock: () => number): void {
    now = clock;
  },
};

/**
 * Returns a `fetch` bounded by `timeoutMs` (via `AbortSignal.timeout`) that throws
 * {@link UpstreamUnavailableError} when the upstream is unreachable or slow, and replaces a
 * non-JSON body with a 502 JSON answer. Pass it to supabase-js as `global.fetch`.
 *
 * @param timeoutMs covers connecting, the headers and the whole body.
 * @example
 * const fetch = createUpstreamFetch(config.upstreamTimeoutMs);
 * const res = await fetch(`${config.supabaseUrl}/auth/v1/health`);
 */
export function createUpstreamFetch(timeoutMs: number): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const origin = originOf(input);
    admit(origin);
    const outer = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    /** Counts a failure, unless the caller gave up on the call for a reason of its own (a timeout of its own still counts). */
    const fault = () => {
      if (!outer?.aborted || (outer.reason as { name?: unknown } | undefined)?.name === 'TimeoutError') failed(origin);
    };
    let response: Response;
    try {
      response = await fetch(input, { ...init, headers: outgoingHeaders(input, init), signal: timeoutSignal(timeoutMs, outer) });
    } catch (cause) {
      fault();
      const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
      throw new UpstreamUnavailableError(timedOut ? `Upstream did not answer within ${timeoutMs} ms` : 'Upstream unreachable', { cause });
    }
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    let text = '';
    if (method !== 'HEAD' && !BODYLESS_STATUSES.has(response.status)) {
      try {
        text = await readText(response, timeoutMs);
      } catch (error) {
        fault();
        throw error;
      }
    }
    if (response.status >= 500) fault();
    else answered(origin);
    if (method === 'HEAD' || BODYLESS_STATUSES.has(response.status)) return response;
    if (text !== '' && !isJson(text)) return unusableAnswer(response.status);
    const headers = new Headers(response.headers);
    headers.delete('Content-Length');
    headers.delete('Content-Encoding');
    return new Response(text, { status: response.status, statusText: response.statusText, headers });
  };
}
