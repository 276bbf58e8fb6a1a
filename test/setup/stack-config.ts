/**
 * Where the test run's own local stack listens. Ports differ from `npm run dev`'s
 * (5432x) so that tests and a running dev stack never collide.
 */
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY, DEMO_JWT_SECRET } from '../../local/demo-keys.ts';

const API_PORT = 55321;
const DB_PORT = 55322;
const MAILBOX_PORT = 55324;

export const TEST_STACK = {
  apiPort: API_PORT,
  dbPort: DB_PORT,
  mailboxPort: MAILBOX_PORT,
  apiUrl: `http://127.0.0.1:${API_PORT}`,
  mailboxUrl: `http://127.0.0.1:${MAILBOX_PORT}`,
  databaseUrl: `postgresql://postgres:postgres@127.0.0.1:${DB_PORT}/postgres`,
  anonKey: DEMO_ANON_KEY,
  serviceRoleKey: DEMO_SERVICE_ROLE_KEY,
  jwtSecret: DEMO_JWT_SECRET,
} as const;
