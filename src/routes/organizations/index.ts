/**
 * The organizations route group: contracts paired with handlers. Put the handlers in
 * `./handlers.ts` (one `RouteHandler<typeof organizationsContracts.name>` per contract) and list
 * them here; TypeScript rejects a contract without a handler.
 */
import { implementGroup } from '../registry.ts';
import { organizationsContracts } from './contract.ts';

/** Mountable organizations routes. */
export const organizationsRoutes = implementGroup(organizationsContracts, {});
