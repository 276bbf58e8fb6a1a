/**
 * Where the test run's own local stack listens. The ports differ from `npm run dev`'s
 * (5432x) so that tests and a running dev stack never collide. The base port comes from
 * EDGE_AUTH_TEST_PORT_BASE, which vitest.config.mts sets once per run to a free block
 * (so two test runs on one machine do not collide either); test processes inherit it.
 */
import { DEMO_ANON_KEY, DEMO_JWT_SECRET, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, DEMO_SERVICE_ROLE_KEY } from '../../local/demo-keys.ts';

const base = Number(process.env.EDGE_AUTH_TEST_PORT_BASE ?? 55320);

export const TEST_STACK = {
  apiPort: base + 1,
  dbPort: base + 2,
  mailboxPort: base + 4,
  /** Test-only SQL endpoint (test/setup/sql-server.ts) for tests running in workerd. */
  sqlPort: base + 5,
  sqlUrl: `http://127.0.0.1:${base + 5}`,
  /** The same API with `[auth.email] enable_confirmations = true`. */
  confirmingApiPort: base + 6,
  confirmingApiUrl: `http://127.0.0.1:${base + 6}`,
  /**
   * The same API with IP address forwarding on (`Sb-Forwarded-For` counts on requests
   * made with the secret key) and hosted-like per-IP limits: the token endpoint 150 per
   * 5 minutes, sign-up / recover / resend 30 per 5 minutes, verify 30 per 5 minutes,
   * each with a burst of 30.
   */
  forwardingApiPort: base + 7,
  forwardingApiUrl: `http://127.0.0.1:${base + 7}`,
  apiUrl: `http://127.0.0.1:${base + 1}`,
  mailboxUrl: `http://127.0.0.1:${base + 4}`,
  databaseUrl: `postgresql://postgres:postgres@127.0.0.1:${base + 2}/postgres`,
  publishableKey: DEMO_PUBLISHABLE_KEY,
  secretKey: DEMO_SECRET_KEY,
  anonKey: DEMO_ANON_KEY,
  serviceRoleKey: DEMO_SERVICE_ROLE_KEY,
  jwtSecret: DEMO_JWT_SECRET,
} as const;
