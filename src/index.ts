/**
 * Worker entry: the HTTP app, and the Durable Object classes declared in wrangler.toml.
 * `LoginLockout` is a placeholder until the lockout issue fills it in; it exists now so
 * that the binding resolves and `wrangler deploy --dry-run` works.
 */
import { DurableObject } from 'cloudflare:workers';
import { createApp } from './app.ts';
import type { Bindings } from './env.ts';

/** Login lockout state, one object per account (placeholder; see the lockout issue). */
export class LoginLockout extends DurableObject<Bindings> {}

/** The worker's fetch handler. */
export default createApp();
