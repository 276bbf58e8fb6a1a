/**
 * The auth route group: contracts paired with handlers. Put the handlers in
 * `./handlers.ts` (one `RouteHandler<typeof authContracts.name>` per contract) and list
 * them here; TypeScript rejects a contract without a handler.
 */
import { implementGroup } from '../registry.ts';
import { authContracts } from './contract.ts';

/** Mountable auth routes. */
export const authRoutes = implementGroup(authContracts, {});
