/** The organizations route group: contracts paired with handlers (see routes/registry.ts). */
import { implementGroup } from '../registry.ts';
import { organizationsContracts } from './contract.ts';
import { listMyOrganizations, listUserOrganizations } from './handlers.ts';

/** Mountable organizations routes. */
export const organizationsRoutes = implementGroup(organizationsContracts, { listMyOrganizations, listUserOrganizations });
