/**
 * Route docs of the passkey routes: for each route of ./contract.ts its OpenAPI `summary`
 * and `description` (tsc refuses a missing or an extra route). Build-time only: the
 * OpenAPI generator reads them through routes/docs.ts; the worker never imports this file.
 */
import type { RouteDocs } from '../registry.ts';
import type { passkeysContracts } from './contract.ts';

/** The passkey route docs. */
export const passkeysDocs: RouteDocs<typeof passkeysContracts> = {
  registrationOptions: {
    summary: 'Start adding a passkey',
    description: 'Single use, expires after 5 minutes. Needs an aal2 token when the user has a verified second factor.',
  },
  registrationVerify: {
    summary: 'Finish adding a passkey',
  },
  authenticationOptions: {
    summary: 'Start signing in with a passkey',
    description: 'Discoverable credentials (the browser offers the passkeys it has for this site). Single use, 5 minutes.',
  },
  authenticationVerify: {
    summary: 'Sign in with a passkey',
    description:
      'Answers the session data of /login (aal1: a passkey is a first factor; a user with a second factor must still ' +
      'verify it). A replayed assertion, a wrong origin, an unknown credential or a bad signature: 401 TOKEN_INVALID.',
  },
  listPasskeys: {
    summary: "The caller's passkeys",
  },
  renamePasskey: {
    summary: 'Rename a passkey',
  },
  deletePasskey: {
    summary: 'Remove a passkey: it can no longer sign in',
  },
};
