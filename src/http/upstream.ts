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
 */

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
    const outer = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    let response: Response;
    try {
      response = await fetch(input, { ...init, headers: outgoingHeaders(input, init), signal: timeoutSignal(timeoutMs, outer) });
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
      throw new UpstreamUnavailableError(timedOut ? `Upstream did not answer within ${timeoutMs} ms` : 'Upstream unreachable', { cause });
    }
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (method === 'HEAD' || BODYLESS_STATUSES.has(response.status)) return response;
    const text = await readText(response, timeoutMs);
    if (text !== '' && !isJson(text)) return unusableAnswer(response.status);
    const headers = new Headers(response.headers);
    headers.delete('Content-Length');
    headers.delete('Content-Encoding');
    return new Response(text, { status: response.status, statusText: response.statusText, headers });
  };
}
