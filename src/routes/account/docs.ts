/**
 * Route docs of the account routes: for each route of ./contract.ts its OpenAPI `summary`
 * and `description` (tsc refuses a missing or an extra route). Build-time only: the
 * OpenAPI generator reads them through routes/docs.ts; the worker never imports this file.
 */
import type { RouteDocs } from '../registry.ts';
import type { accountContracts } from './contract.ts';

/** The account route docs. */
export const accountDocs: RouteDocs<typeof accountContracts> = {
  resendEmail: {
    summary: 'Resend the sign-up confirmation email',
    description:
      'Answers the same, at once, for every well-formed email, registered, confirmed or not (Supabase is asked after the ' +
      'answer). The email links to the web app’s /verify-email page with the token hash.',
  },
  verifyEmail: {
    summary: 'Confirm an email address with the link’s token hash (signs the user in)',
  },
  deleteMe: {
    summary: 'Delete one’s own account',
    description:
      'Proof that it is really the user, one of: `password` (checked through the login lockout: a wrong one counts), ' +
      '`code` (a fresh sign-in code from POST /otp, for users without a password), or an aal2 token. Every session ' +
      'ends; organizations are handled as when an admin deletes the user (the personal one goes; a team organization ' +
      'whose last owner leaves passes to its longest-standing admin, else member, or is deleted when empty). A user ' +
      'with a verified second factor needs an aal2 token.',
  },
  updateMe: {
    summary: 'Change the signed-in user’s names',
    description: 'Only the names given change; an empty string clears one. Answers the /me data.',
  },
  setActiveOrganization: {
    summary: 'Choose the active organization',
    description:
      'The organization /me, /login and /refresh report, and that access tokens carry in their `organization` claim: the ' +
      'next /refresh issues a token with it. Not a member: 404.',
  },
  changePassword: {
    summary: 'Change the password (the current one required)',
    description:
      'The current password is checked like a login: a wrong one answers 401 INVALID_CREDENTIALS and counts toward the ' +
      'account’s lockout. Every other session of the user ends; this one stays signed in.',
  },
  listSessions: {
    summary: 'The signed-in user’s sessions',
    description: 'Live sessions, newest first; `current` marks the one this request was made with.',
  },
  endSession: {
    summary: 'End one of the signed-in user’s sessions',
    description: 'Its refresh token dies and its access token is refused at once. Another user’s session, or an unknown one: 404.',
  },
};
