/**
 * What the auth server's modules are handed: {@link AuthDeps}, the services the rest of
 * the stand-in provides (configuration, keys, database, mailbox), and
 * {@link AppContext}, those plus the state one auth app keeps (its rate limiter). Types
 * only, so that every module can depend on it and it depends on none of them: index.ts
 * builds the context and passes it to the route modules; the route modules never import
 * index.ts.
 */
import type pg from 'pg';
import type { ProjectConfig } from '../config.ts';
import type { KeySet } from '../keys.ts';
import type { OutgoingEmail } from '../mailbox.ts';
import type { RateLimiter } from './ratelimit.ts';

/** What the auth server needs from the rest of the stand-in. */
export interface AuthDeps {
  /** Honours auth.* of supabase/config.toml. */
  config: ProjectConfig;
  /** Signs user access tokens (ES256 with kid); verifies bearer tokens. */
  keys: KeySet;
  /** Connected as `supabase_auth_admin`, like GoTrue. */
  db: pg.Pool;
  /** Delivers into the local mailbox. */
  sendEmail(email: OutgoingEmail): void;
  /** e.g. http://127.0.0.1:54321; tokens are issued by `${externalUrl}/auth/v1`. */
  externalUrl: string;
}

/**
 * Shared by the route modules of one app: the dependencies and the app's rate limiter
 * (one per app, so two apps in one process do not share buckets).
 *
 * ```ts
 * export function registerThing(app: Hono, ctx: AppContext): void {
 *   app.post('/thing', (c) => thing(ctx, c));
 * }
 * ```
 */
export interface AppContext {
  deps: AuthDeps;
  limiter: RateLimiter;
}
