/**
 * Route docs of the second-factor routes: for each route of ./contract.ts its OpenAPI
 * `summary` and `description` (tsc refuses a missing or an extra route). Build-time only:
 * the OpenAPI generator reads them through routes/docs.ts; the worker never imports this
 * file.
 */
import { CONFIG_DEFAULTS } from '../../env.ts';
import type { RouteDocs } from '../registry.ts';
import type { mfaContracts } from './contract.ts';

const { LOCKOUT_MAX_ATTEMPTS, LOCKOUT_WINDOW_SECONDS } = CONFIG_DEFAULTS;
/** The counting of wrong codes as configured by default (LOCKOUT_* settings). */
const codeLockoutText =
  `Wrong codes are counted per user, apart from passwords: by default at most ${LOCKOUT_MAX_ATTEMPTS} per ` +
  `${LOCKOUT_WINDOW_SECONDS / 60} minutes ever reach Supabase, then 429 ACCOUNT_LOCKED with Retry-After.`;

/** The second-factor route docs. */
export const mfaDocs: RouteDocs<typeof mfaContracts> = {
  listFactors: {
    summary: "The caller's second factors",
    description: 'Verified and unverified TOTP factors. Allowed with an aal1 token, so the app can offer the code step.',
  },
  enrollFactor: {
    summary: 'Start enrolling an authenticator app (TOTP)',
    description:
      'Answers the secret (base32), an otpauth:// URI and a QR code (SVG data URL) to show once; the factor stays ' +
      'unverified until a code is verified with POST /mfa/factors/:factorId/verify. A user who already has a verified ' +
      'factor needs an aal2 token.',
  },
  verifyFactor: {
    summary: 'Verify a code: the session becomes aal2',
    description:
      'Answers the session data of /login at aal2. The first success turns an unverified factor on; the user’s other ' +
      `sessions below aal2 end. A code that succeeded once cannot succeed again. ${codeLockoutText}`,
  },
  deleteFactor: {
    summary: 'Remove a factor',
    description: 'A verified factor needs an aal2 token. The caller’s other aal2 sessions drop to aal1 when they next refresh.',
  },
  createRecoveryCodes: {
    summary: 'New recovery codes (shown only in this answer)',
    description:
      'Ten single-use codes; earlier codes die. Needs an aal2 token; without a verified factor 409 CONFLICT. Store ' +
      'them where the authenticator app is not: each one signs in once with POST /mfa/recover.',
  },
  recover: {
    summary: 'Use a recovery code: the session becomes aal2',
    description: `The code is used up. Answers the session data of /login at aal2. ${codeLockoutText}`,
  },
};
