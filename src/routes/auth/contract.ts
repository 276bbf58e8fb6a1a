/**
 * Contracts of the authentication routes (login, signup, register, refresh, logout, me, password/forgot, password/reset), under `/api/v1/auth`. Empty until that issue lands: add
 * `name: defineRoute({...})` entries here following routes/meta/contract.ts and the
 * example in routes/registry.ts, then run `npm run openapi`.
 */
import type { ContractGroup } from '../registry.ts';

/** The auth route contracts. */
export const authContracts = {} satisfies ContractGroup;
