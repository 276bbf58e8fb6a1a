/**
 * Work that finishes after the response has been sent (`executionCtx.waitUntil`): the
 * Supabase calls of the routes that must answer at once whatever happens upstream
 * (/password/forgot, /email/resend), and clean-ups a response need not wait for.
 */
import { ApiError } from './errors.ts';

/**
 * Runs `work` after the response; its failure is only logged, as `what` (with its error
 * code and the request id, never its details).
 *
 * @example
 * inBackground(c, 'password recovery', () => sendRecovery(email));
 */
export function inBackground(
  c: { var: { requestId: string }; executionCtx: { waitUntil(p: Promise<unknown>): void } },
  what: string,
  work: () => Promise<void>,
): void {
  const done = work().catch((error: unknown) => {
    const code = error instanceof ApiError ? error.code : 'INTERNAL_ERROR';
    console.warn(JSON.stringify({ level: 'warn', msg: `${what} failed`, code, request_id: c.var.requestId }));
  });
  try {
    c.executionCtx.waitUntil(done);
  } catch {
    // No execution context (app.request in tests): the promise runs on its own.
  }
}
