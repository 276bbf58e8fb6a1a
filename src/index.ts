/**
 * Worker entry: the HTTP app, and the Durable Object classes declared in wrangler.toml.
 */
import { createApp } from './app.ts';

export { LoginLockout } from './auth/lockout.ts';

/** The worker's fetch handler. */
export default createApp();
