/** Test-only bindings the vitest worker project adds on top of the worker's own. */
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MAILBOX_URL?: string;
    }
  }
}
export {};
