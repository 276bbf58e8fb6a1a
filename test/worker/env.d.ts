/// <reference types="@cloudflare/vitest-plugin/types" />
/** Test-only bindings the vitest worker project adds on top of the worker's own. */
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MAILBOX_URL?: string;
      TEST_SQL_URL?: string;
      TEST_CONFIRMING_SUPABASE_URL?: string;
      TEST_FORWARDING_SUPABASE_URL?: string;
      TEST_LEGACY_ANON_KEY?: string;
      TEST_LEGACY_SERVICE_ROLE_KEY?: string;
      TEST_LOW_RATE_LIMIT?: RateLimit;
    }
  }
}

export {};
