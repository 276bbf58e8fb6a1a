/**
 * The documentation of every route group, by group name as in routes/contracts.ts: each
 * route's OpenAPI `summary` and `description`. Build-time only: the OpenAPI generator
 * (src/openapi/generate.ts) imports it, the worker never does, so none of this text is in
 * its bundle. A group of routes/contracts.ts without its docs here, or a route without its
 * entry in them, does not compile.
 */
import { accountDocs } from './account/docs.ts';
import { adminDocs } from './admin/docs.ts';
import { authDocs } from './auth/docs.ts';
import type { contractGroups } from './contracts.ts';
import { integrationsDocs } from './integrations/docs.ts';
import { invitationsDocs } from './invitations/docs.ts';
import { metaDocs } from './meta/docs.ts';
import { mfaDocs } from './mfa/docs.ts';
import { organizationsDocs } from './organizations/docs.ts';
import { passkeysDocs } from './passkeys/docs.ts';
import { passwordlessDocs } from './passwordless/docs.ts';
import type { RouteDocs } from './registry.ts';

type Groups = typeof contractGroups;

/** The docs of each group of routes/contracts.ts. Add a new group's docs here. */
export const groupDocs: { [G in keyof Groups]: RouteDocs<Groups[G]> } = {
  auth: authDocs,
  account: accountDocs,
  mfa: mfaDocs,
  passwordless: passwordlessDocs,
  passkeys: passkeysDocs,
  organizations: organizationsDocs,
  invitations: invitationsDocs,
  integrations: integrationsDocs,
  admin: adminDocs,
  meta: metaDocs,
};
