/**
 * The admin route group: contracts paired with handlers. Put the handlers in
 * `./handlers.ts` (one `RouteHandler<typeof adminContracts.name>` per contract) and list
 * them here; TypeScript rejects a contract without a handler.
 */
import { implementGroup } from '../registry.ts';
import { adminContracts } from './contract.ts';

/** Mountable admin routes. */
export const adminRoutes = implementGroup(adminContracts, {});
