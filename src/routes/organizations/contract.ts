/**
 * Contracts of the organization routes (GET /organizations, GET /users/:userId/organizations), under `/api/v1/auth`. Empty until that issue lands: add
 * `name: defineRoute({...})` entries here following routes/meta/contract.ts and the
 * example in routes/registry.ts, then run `npm run openapi`.
 */
import type { ContractGroup } from '../registry.ts';

/** The organizations route contracts. */
export const organizationsContracts = {} satisfies ContractGroup;
