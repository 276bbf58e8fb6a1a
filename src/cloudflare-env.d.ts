/**
 * Ties the worker's types to `cloudflare:workers`: `env` is our {@link Bindings} and
 * `exports` is this worker's main module (so tests get a typed `exports.default.fetch`).
 */
import type { Bindings } from './env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
    interface GlobalProps {
      mainModule: typeof import('./index.ts');
      durableNamespaces: 'LoginLockout';
    }
  }
}
