/**
 * Every route of the worker: each group of routes/contracts.ts paired with its handlers,
 * in that list's order. A group there without an entry here, or a contract without its
 * handler, does not compile.
 */
import * as account from './account/handlers.ts';
import * as admin from './admin/handlers.ts';
import * as auth from './auth/handlers.ts';
import { contractGroups } from './contracts.ts';
import * as integrations from './integrations/handlers.ts';
import * as invitations from './invitations/handlers.ts';
import * as meta from './meta/handlers.ts';
import * as mfa from './mfa/handlers.ts';
import * as organizations from './organizations/handlers.ts';
import * as passkeys from './passkeys/handlers.ts';
import * as passwordless from './passwordless/handlers.ts';
import { type GroupHandlers, implementGroup, type RouteDefinition } from './registry.ts';

type Groups = typeof contractGroups;

const handlers: { [G in keyof Groups]: GroupHandlers<Groups[G]> } = {
  auth,
  account,
  mfa,
  passwordless,
  passkeys,
  organizations,
  invitations,
  integrations,
  admin,
  meta,
};

/** All mountable routes. */
export const routes: readonly RouteDefinition[] = (Object.keys(contractGroups) as (keyof Groups)[]).flatMap((name) =>
  implementGroup(contractGroups[name], handlers[name] as GroupHandlers<Groups[typeof name]>),
);
