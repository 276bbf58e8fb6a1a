/**
 * Every route group's contracts, by group name (the OpenAPI tag). Pure data: imported by
 * the OpenAPI generator at build time and by tests; the worker imports routes/index.ts.
 */
import { adminContracts } from './admin/contract.ts';
import { authContracts } from './auth/contract.ts';
import { metaContracts } from './meta/contract.ts';
import { organizationsContracts } from './organizations/contract.ts';
import type { ContractGroup } from './registry.ts';

/** All contracts, grouped. Add a new group here and in routes/index.ts. */
export const contractGroups: Record<string, ContractGroup> = {
  auth: authContracts,
  organizations: organizationsContracts,
  admin: adminContracts,
  meta: metaContracts,
};
