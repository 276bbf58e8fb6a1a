/**
 * Request-body guard, run before authentication, validation or any upstream call:
 * bodies over {@link MAX_BODY_BYTES} → 413 PAYLOAD_TOO_LARGE (from `Content-Length` when
 * given, and by counting the bytes actually streamed, so a chunked body cannot sneak
 * past), and a non-empty body that is not `application/json` (UTF-8) → 415
 * UNSUPPORTED_MEDIA_TYPE. The accepted body is buffered (at most 16 KiB) and put back on
 * the request, so the JSON validator can parse it; malformed JSON becomes 400 there.
 *
 * An over-long body is read to its end (and thrown away) before the 413, up to
 * {@link MAX_DRAIN_BYTES}: a 413 sent while the client is still uploading leaves unread
 * bytes on the connection, and the server then closes it (under `wrangler dev` the next
 * request on it failed), so a client that keeps its connection alive would lose its next
 * request. Past the drain limit the body is cancelled and the connection may close.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

/** Largest accepted request body: 16 KiB. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Most bytes of an over-long body read and discarded before the 413 (see the module comment). */
export const MAX_DRAIN_BYTES = 1024 * 1024;

function tooLarge(): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', { message: `Request body exceeds ${MAX_BODY_BYTES} bytes` });
}

/** True for `application/json` with no charset or a UTF-8 one. */
function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => !param.startsWith('charset=') || /^charset="?utf-8"?$/.test(param));
}

/** Reads and discards the rest of an over-long body, up to the drain limit; then the 413. */
async function drainThenRefuse(reader: ReadableStreamDefaultReader<Uint8Array>, seen: number): Promise<never> {
  let total = seen;
  try {
    while (total <= MAX_DRAIN_BYTES) {
      const { done, value } = await reader.read();
      if (done) throw tooLarge();
      total += value.byteLength;
    }
    await reader.cancel().catch(() => undefined);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // The client went away mid-body: nothing is left to keep usable.
  }
  throw tooLarge();
}

async function readBounded(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) return drainThenRefuse(reader, total);
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body guard middleware (see the module comment). */
export const bodyGuard = createMiddleware<AppEnv>(async (c, next) => {
  const raw = c.req.raw;
  if (raw.body === null) return next();
  const declared = raw.headers.get('Content-Length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) {
    // Refused unread; within the drain limit the body is still read to its end first.
    if (Number(declared) > MAX_DRAIN_BYTES) {
      await raw.body.cancel().catch(() => undefined);
      throw tooLarge();
    }
    return drainThenRefuse(raw.body.getReader(), 0);
  }
  const bytes = await readBounded(raw.body);
  if (bytes.byteLength > 0 && !isJsonContentType(raw.headers.get('Content-Type') ?? undefined)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE');
  }
  if (bytes.byteLength > 0) {
    c.req.raw = new Request(raw, { body: bytes });
  } else {
    // An empty body is no body: drop its Content-Type so the JSON validator sees `{}`
    // (missing fields are then named) instead of failing on "malformed JSON".
    const headers = new Headers(raw.headers);
    headers.delete('Content-Type');
    c.req.raw = new Request(raw, { body: null, headers });
  }
  await next();
});
