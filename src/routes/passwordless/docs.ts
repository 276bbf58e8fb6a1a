/**
 * Route docs of the sign-in code and magic link routes: for each route of ./contract.ts
 * its OpenAPI `summary` and `description` (tsc refuses a missing or an extra route).
 * Build-time only: the OpenAPI generator reads them through routes/docs.ts; the worker
 * never imports this file.
 */
import { CONFIG_DEFAULTS } from '../../env.ts';
import type { RouteDocs } from '../registry.ts';
import type { passwordlessContracts } from './contract.ts';

const { LOCKOUT_MAX_ATTEMPTS, LOCKOUT_WINDOW_SECONDS } = CONFIG_DEFAULTS;

/** The passwordless route docs. */
export const passwordlessDocs: RouteDocs<typeof passwordlessContracts> = {
  sendCode: {
    summary: 'Email a sign-in code and link',
    description:
      'Answers the same, at once, for every well-formed email (Supabase is asked after the answer): an unknown address ' +
      'gets no account and no mail. The email carries a 6-digit code and a link to the web app’s /sign-in/email page.',
  },
  verifyCode: {
    summary: 'Sign in with the emailed code, or with the link’s token hash',
    description:
      '`{ email, code }` or `{ token_hash, type: "magiclink" }`. Answers the session data of /login (aal1: a user with a ' +
      `second factor must still verify it). Wrong codes are counted per email: at most ${LOCKOUT_MAX_ATTEMPTS} per ` +
      `${LOCKOUT_WINDOW_SECONDS / 60} minutes reach Supabase, then 429 ACCOUNT_LOCKED. Wrong or used: 401 TOKEN_INVALID; ` +
      'expired: 401 TOKEN_EXPIRED.',
  },
};
