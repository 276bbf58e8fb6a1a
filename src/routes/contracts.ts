/**
 * The one list of route groups: every group's contracts, by group name (the OpenAPI tag).
 * Pure data: imported by the OpenAPI generator at build time and by tests; the worker
 * pairs each group with its handlers in routes/index.ts, where the compiler refuses a
 * group listed here without handlers, and a contract without its handler. Each group's
 * route docs (summary, description) are paired with it in routes/docs.ts, which only the
 * generator imports; the compiler refuses a group or a route without them there too.
 */
import { accountContracts } from './account/contract.ts';
import { adminContracts } from './admin/contract.ts';
import { authContracts } from './auth/contract.ts';
import { integrationsContracts } from './integrations/contract.ts';
import { invitationsContracts } from './invitations/contract.ts';
import { metaContracts } from './meta/contract.ts';
import { mfaContracts } from './mfa/contract.ts';
import { organizationsContracts } from './organizations/contract.ts';
import { passkeysContracts } from './passkeys/contract.ts';
import { passwordlessContracts } from './passwordless/contract.ts';
import type { ContractGroup } from './registry.ts';

/** All contracts, grouped, in mounting order. Add a new group here (its handlers in routes/index.ts, its docs in routes/docs.ts). */
export const contractGroups = {
  auth: authContracts,
  account: accountContracts,
  mfa: mfaContracts,
  passwordless: passwordlessContracts,
  passkeys: passkeysContracts,
  organizations: organizationsContracts,
  invitations: invitationsContracts,
  integrations: integrationsContracts,
  admin: adminContracts,
  meta: metaContracts,
} satisfies Record<string, ContractGroup>;
