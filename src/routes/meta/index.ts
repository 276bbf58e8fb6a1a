/** The service route group: contracts paired with handlers (see routes/registry.ts). */
import { implementGroup } from '../registry.ts';
import { metaContracts } from './contract.ts';
import { docs, health, openapi } from './handlers.ts';

/** Mountable service routes. */
export const metaRoutes = implementGroup(metaContracts, { health, openapi, docs });
