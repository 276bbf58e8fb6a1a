/**
 * Route docs of the authentication routes: for each route of ./contract.ts its OpenAPI
 * `summary` and `description` (tsc refuses a missing or an extra route). Build-time only:
 * the OpenAPI generator reads them through routes/docs.ts; the worker never imports this
 * file.
 */
import { CONFIG_DEFAULTS } from '../../env.ts';
import type { RouteDocs } from '../registry.ts';
import type { authContracts } from './contract.ts';

const { LOCKOUT_MAX_ATTEMPTS, LOCKOUT_WINDOW_SECONDS, LOCKOUT_DURATION_SECONDS, LOGIN_FAILURE_FLOOR_MS } = CONFIG_DEFAULTS;
/** The lockout as configured by default (LOCKOUT_* settings). */
const lockoutText =
  `By default, ${LOCKOUT_MAX_ATTEMPTS} failed attempts within ${LOCKOUT_WINDOW_SECONDS / 60} minutes lock the account ` +
  `for ${LOCKOUT_DURATION_SECONDS / 60} minutes (429 ACCOUNT_LOCKED with Retry-After), and at most that many passwords are ever ` +
  `checked per window, however many requests arrive at once. Unknown email, wrong password, banned account and a password ` +
  `over 72 bytes all answer 401 INVALID_CREDENTIALS, no sooner than ${LOGIN_FAILURE_FLOOR_MS} ms after the request.`;

/** The auth route docs. */
export const authDocs: RouteDocs<typeof authContracts> = {
  login: {
    summary: 'Sign in with email and password',
    description:
      'Returns a session and the user with their default organization and role. Unknown email and wrong password ' +
      `answer the same. ${lockoutText}`,
  },
  signup: {
    summary: 'Create an account (document 000)',
    description: 'Creates the user (profile and personal organization in the same transaction). No tokens: call /login next.',
  },
  register: {
    summary: 'Register with profile and organization (document 003)',
    description:
      'Creates the user, profile, personal organization and — with organization_name — a team organization owned by ' +
      'the user, in one database transaction. With email confirmation on, answers email_verification_required and no tokens.',
  },
  refresh: {
    summary: 'Exchange a refresh token for a new session',
    description:
      'Refresh tokens rotate: the old one stops working after a short reuse window, and presenting a revoked one ' +
      'revokes the whole session. In cookie mode (`X-Edge-Auth-Session: cookie` from an allowed origin) the token comes ' +
      'from the __Host-edge-auth-refresh cookie, the body may be empty, and the cookie is rotated.',
  },
  logout: {
    summary: 'End the session (or all, or all others)',
    description:
      'The session’s refresh token dies and its access token is refused by every protected route at once. ' +
      'Logging out a session that is already gone is still 200. In cookie mode the refresh cookie is cleared.',
  },
  me: {
    summary: 'The signed-in user with their default organization',
  },
  forgotPassword: {
    summary: 'Send a password reset email',
    description:
      'Answers the same, at once, for every well-formed email, registered or not (Supabase is asked after the answer). ' +
      'The email links to the reset page with the token.',
  },
  resetPassword: {
    summary: 'Set a new password with the token from the reset email',
    description: 'The token is single use and valid for one hour. Every existing session of the user is revoked.',
  },
};
