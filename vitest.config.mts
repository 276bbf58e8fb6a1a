import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { findFreePortBase } from './test/setup/ports.ts';

// Chosen once per run, before anything reads TEST_STACK; test processes inherit it.
process.env.EDGE_AUTH_TEST_PORT_BASE ??= String(await findFreePortBase());
const { TEST_STACK } = await import('./test/setup/stack-config.ts');
const { DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY } = await import('./local/demo-keys.ts');
const { localDevVarLines } = await import('./local/dev-vars.ts');

/**
 * Two projects share one local stack (Postgres, Supabase API stand-in, mailbox), started
 * once by test/setup/global.ts on free ports of its own (see stack-config.ts) so that
 * `npm test` and `npm run dev` can run side by side:
 * - `node`: the local stand-in and the database (migrations, RLS) driven from Node.
 * - `worker`: the worker inside workerd, talking over real HTTP to the stand-in.
 * With EDGE_AUTH_GATE=1 (scripts/gate.sh, run first by .ci/run) the same two pools run
 * only the deliberately failing tests of test/gate/ instead, to prove that a failure turns
 * the exit status non-zero.
 */
const timeouts = { testTimeout: 30_000, hookTimeout: 60_000 };

/** The worker's one-JSON-line-per-request log is asserted where it matters; elsewhere it is noise. */
const gate = process.env.EDGE_AUTH_GATE === '1';

const quietRequestLogs = (log: string) => (log.startsWith('{"level":') ? false : undefined);

export default defineConfig({
  test: {
    // A stray `.only` fails the run everywhere, not only where CI is set (vitest's default).
    allowOnly: false,
    globalSetup: ['./test/setup/global.ts'],
    onConsoleLog: quietRequestLogs,
    ...timeouts,
    projects: [
      {
        test: {
          name: gate ? 'gate-node' : 'node',
          environment: 'node',
          include: gate
            ? ['test/gate/*.node.gate.ts']
            : ['test/local/**/*.test.ts', 'test/db/**/*.test.ts', 'test/build/**/*.test.ts', 'test/client/build/*.test.ts'],
          ...timeouts,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // The worker as `npm run dev` configures it (the same lines it writes to
              // .dev.vars): the new API keys, and the legacy service_role JWT that the admin
              // routes accept beside the secret key. The legacy anon key is there under a test
              // name, for the tests that configure the worker the legacy way (keys.test.ts).
              bindings: {
                ...localDevVarLines({
                  apiUrl: TEST_STACK.apiUrl,
                  publishableKey: DEMO_PUBLISHABLE_KEY,
                  secretKey: DEMO_SECRET_KEY,
                  serviceRoleKey: TEST_STACK.serviceRoleKey,
                }),
                TEST_LEGACY_ANON_KEY: TEST_STACK.anonKey,
                TEST_LEGACY_SERVICE_ROLE_KEY: TEST_STACK.serviceRoleKey,
                TEST_MAILBOX_URL: TEST_STACK.mailboxUrl,
                // The worker's own emails (invitations) go to the test stack's mailbox.
                MAILPIT_URL: TEST_STACK.mailboxUrl,
                TEST_SQL_URL: TEST_STACK.sqlUrl,
                TEST_CONFIRMING_SUPABASE_URL: TEST_STACK.confirmingApiUrl,
                TEST_FORWARDING_SUPABASE_URL: TEST_STACK.forwardingApiUrl,
              },
              // wrangler.toml's local limit, and a low one for the tests of the limiting.
              ratelimits: {
                PUBLIC_RATE_LIMIT: { namespace_id: '1001', simple: { limit: 100_000, period: 60 } },
                API_KEY_RATE_LIMIT: { namespace_id: '1002', simple: { limit: 100_000, period: 60 } },
                TEST_LOW_RATE_LIMIT: { namespace_id: '9001', simple: { limit: 3, period: 60 } },
              },
            },
          }),
        ],
        test: {
          name: gate ? 'gate-worker' : 'worker',
          include: gate ? ['test/gate/*.worker.gate.ts'] : ['test/worker/**/*.test.ts', 'test/client/*.test.ts'],
          ...timeouts,
        },
      },
    ],
  },
});
