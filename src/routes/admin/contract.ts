/**
 * Contracts of the admin routes for service integrations (auth: "service"), under `/api/v1/auth/admin`. Empty until that issue lands: add
 * `name: defineRoute({...})` entries here following routes/meta/contract.ts and the
 * example in routes/registry.ts, then run `npm run openapi`.
 */
import type { ContractGroup } from '../registry.ts';

/** The admin route contracts. */
export const adminContracts = {} satisfies ContractGroup;
