/**
 * The control of the CPU phase (`npm run bench`, bench/workerd-cpu.ts): a worker with none
 * of our code — no Hono, no supabase-js, no validation — that makes the same calls to the
 * runtime as our worker's routes, in the same local workerd under wrangler. What a request
 * to it costs is what the runtime charges for the call itself (receiving a request,
 * logging one line, sending one fetch and reading its answer, a Durable Object RPC call, a
 * rate-limiting binding call); subtracting it from our route's figure leaves what our own
 * code costs. Routes:
 *   GET  /404             a JSON 404 and one log line (the baseline, as our 404 is ours);
 *   ANY  /forward/<path>  the same request, method, body and `apikey`/`Authorization`/
 *                         `Content-Type` headers, sent to `SUPABASE_URL/<path>`; its answer
 *                         read as text and returned;
 *   POST /do              two RPC calls to a Durable Object of the address in the body
 *                         (`idFromName`), the second in `waitUntil`, as a clean login makes;
 *   POST /limit           one call to the rate-limiting binding, as our unauthenticated
 *                         POST routes make.
 * Started by bench/run.ts with a config of its own (bench/control-wrangler.toml).
 */
import { DurableObject } from 'cloudflare:workers';
import { LoginLockout, lockoutFor } from '../src/auth/lockout.ts';

export { LoginLockout };

// The marker header is CONTROL_MARKER of bench/workers.ts (not imported: this file is bundled
// for workerd on its own).

interface Env {
  SUPABASE_URL: string;
  CONTROL_DO: DurableObjectNamespace<ControlObject>;
  CONTROL_LIMIT: RateLimit;
  LOCKOUT: DurableObjectNamespace<LoginLockout>;
}

/** The lockout policy of wrangler.toml's defaults (what the worker passes on each call). */
const POLICY = { maxAttempts: 5, windowSeconds: 900, durationSeconds: 900 };

/** A Durable Object that keeps a little state in memory, as our lockout does on a clean login. */
export class ControlObject extends DurableObject {
  private seen = 0;

  async touch(ticket: string): Promise<{ ticket: string; seen: number }> {
    this.seen += 1;
    return { ticket, seen: this.seen };
  }
}

const FORWARDED = ['apikey', 'authorization', 'content-type'];

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function route(request: Request, env: Env, ctx: ExecutionContext, url: URL): Promise<Response> {
  if (url.pathname.startsWith('/forward/')) {
    const headers = new Headers();
    for (const name of FORWARDED) {
      const value = request.headers.get(name);
      if (value) headers.set(name, value);
    }
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    const upstream = await fetch(`${env.SUPABASE_URL}/${url.pathname.slice('/forward/'.length)}${url.search}`, {
      method: request.method,
      headers,
      body,
    });
    return new Response(await upstream.text(), { status: upstream.status, headers: { 'Content-Type': 'application/json' } });
  }
  if (url.pathname === '/do' && request.method === 'POST') {
    const { email } = (await request.json()) as { email: string };
    const stub = env.CONTROL_DO.get(env.CONTROL_DO.idFromName(email));
    const first = await stub.touch(crypto.randomUUID());
    ctx.waitUntil(stub.touch(first.ticket));
    return json(200, { seen: first.seen });
  }
  if (url.pathname === '/lockout' && request.method === 'POST') {
    const { email } = (await request.json()) as { email: string };
    const lockout = lockoutFor(env.LOCKOUT, email);
    const reservation = await lockout.reserve(POLICY, 21_000);
    if (!reservation.allowed) return json(429, { reservation });
    ctx.waitUntil(lockout.settle(reservation.ticket, 'success', POLICY));
    return json(200, { clean: reservation.clean === true });
  }
  if (url.pathname === '/limit' && request.method === 'POST') {
    const { success } = await env.CONTROL_LIMIT.limit({ key: request.headers.get('CF-Connecting-IP') ?? 'local' });
    return json(success ? 200 : 429, { success });
  }
  return json(404, { success: false, error: { code: 'NOT_FOUND' } });
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const started = Date.now();
    const url = new URL(request.url);
    const response = await route(request, env, ctx, url);
    console.log(
      JSON.stringify({
        level: 'info',
        msg: 'request',
        method: request.method,
        path: url.pathname,
        status: response.status,
        duration_ms: Date.now() - started,
        request_id: crypto.randomUUID(),
      }),
    );
    response.headers.set('X-Bench-Control', '1');
    return response;
  },
} satisfies ExportedHandler<Env>;
