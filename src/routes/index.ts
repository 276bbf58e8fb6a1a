/** Every route of the worker, in mounting order. Add a new group here and in routes/contracts.ts. */
import { adminRoutes } from './admin/index.ts';
import { authRoutes } from './auth/index.ts';
import { metaRoutes } from './meta/index.ts';
import { organizationsRoutes } from './organizations/index.ts';
import type { RouteDefinition } from './registry.ts';

/** All mountable routes. */
export const routes: readonly RouteDefinition[] = [...authRoutes, ...organizationsRoutes, ...adminRoutes, ...metaRoutes];
