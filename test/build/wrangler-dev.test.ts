/**
 * The worker as `wrangler dev` serves it (wrangler's `unstable_startWorker`, the same server),
 * spoken to over a raw socket: a request whose body is refused as too long (413) leaves the
 * keep-alive connection usable, so the next request on it is answered by the worker. No
 * Supabase call is involved (the second request is an unknown path), so the worker gets the
 * demo keys and an address nobody listens on.
 */
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_startWorker } from 'wrangler';
import { DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY } from '../../local/demo-keys.ts';
import { MAX_BODY_BYTES } from '../../src/http/body.ts';

let worker: Awaited<ReturnType<typeof unstable_startWorker>>;
let port: number;

beforeAll(async () => {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  const vars = { SUPABASE_URL: 'http://127.0.0.1:9', SUPABASE_PUBLISHABLE_KEY: DEMO_PUBLISHABLE_KEY, SUPABASE_SECRET_KEY: DEMO_SECRET_KEY };
  worker = await unstable_startWorker({
    config: path.resolve('wrangler.toml'),
    bindings: Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: 'plain_text' as const, value }])),
    sendMetrics: false,
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist: false, logLevel: 'none' },
  });
  await worker.ready;
  port = Number((await worker.url).port);
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
});

/** One keep-alive connection: write bytes, read whole HTTP/1.1 answers (Content-Length framed). */
function connection() {
  const socket = net.connect(port, '127.0.0.1');
  let buffered = Buffer.alloc(0);
  let closed = false;
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  socket.on('data', (data) => {
    buffered = Buffer.concat([buffered, data]);
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  socket.on('error', () => undefined);
  /** The next complete answer, or null when the server closed the connection first. */
  async function answer(): Promise<{ status: number; body: string } | null> {
    for (;;) {
      const end = buffered.indexOf('\r\n\r\n');
      if (end !== -1) {
        const head = buffered.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? '0');
        if (buffered.length >= end + 4 + length) {
          const body = buffered.subarray(end + 4, end + 4 + length).toString('utf8');
          buffered = buffered.subarray(end + 4 + length);
          return { status: Number(head.split(' ')[1]), body };
        }
      }
      if (closed) return null;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }
  const write = (text: string) => new Promise<void>((resolve) => socket.write(text, () => resolve()));
  return { write, answer, close: () => socket.destroy() };
}

const chunk = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`;
const NEXT_REQUEST = 'GET /api/v1/no-such-route HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

describe('an over-long body under wrangler dev', () => {
  it('a chunked upload over the limit gets 413, and the next request on the connection is answered', async () => {
    const c = connection();
    await c.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const piece = 'x'.repeat(4096);
    // Past the limit, then a pause in the upload (a slow client): the worker has already seen
    // enough to refuse. Answering now and leaving the rest unread got the connection closed.
    for (let sent = 0; sent <= MAX_BODY_BYTES; sent += piece.length) await c.write(chunk(piece));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let i = 0; i < 4; i++) await c.write(chunk(piece));
    await c.write('0\r\n\r\n');
    const first = await c.answer();
    expect(first?.status).toBe(413);
    expect(JSON.parse(first!.body)).toMatchObject({ success: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    await c.write(NEXT_REQUEST);
    const second = await c.answer();
    expect(second, 'the server closed the connection after the 413').not.toBeNull();
    expect(second!.status).toBe(404);
    expect(JSON.parse(second!.body)).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    c.close();
  });

  it('so does a declared Content-Length over the limit, sent in two parts', async () => {
    const c = connection();
    const body = 'x'.repeat(MAX_BODY_BYTES + 1000);
    await c.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    await c.write(body.slice(0, 1000));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await c.write(body.slice(1000));
    expect((await c.answer())?.status).toBe(413);
    await c.write(NEXT_REQUEST);
    expect((await c.answer())?.status).toBe(404);
    c.close();
  });

  it('a body within the limit is no 413 (control): the same connection serves both answers', async () => {
    const c = connection();
    await c.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    await c.write(chunk('{"email":"nobody"}'));
    await c.write('0\r\n\r\n');
    expect((await c.answer())?.status).toBe(400);
    await c.write(NEXT_REQUEST);
    expect((await c.answer())?.status).toBe(404);
    c.close();
  });
});
