/**
 * Route docs of the admin routes: for each route of ./contract.ts its OpenAPI `summary`
 * and `description` (tsc refuses a missing or an extra route). Build-time only: the
 * OpenAPI generator reads them through routes/docs.ts; the worker never imports this file.
 */
import type { RouteDocs } from '../registry.ts';
import { type adminContracts, DEFAULT_PER_PAGE, MAX_PER_PAGE } from './contract.ts';

/** The admin route docs. */
export const adminDocs: RouteDocs<typeof adminContracts> = {
  listUsers: {
    summary: 'List users (paged)',
    description:
      `Users newest first, ${DEFAULT_PER_PAGE} per page by default (at most ${MAX_PER_PAGE}). \`data\` = ` +
      '`{ users, page, per_page, total }`: `total` counts every user, `count` the users on this page. A page past the ' +
      'end is empty. Pages are offsets into a list that grows at the top, so users created while walking the pages ' +
      'shift later pages: de-duplicate by id.',
  },
  createUser: {
    summary: 'Create a user',
    description:
      'Creates the user with a password, confirmed by default. The profile, the personal organization and — with ' +
      '`organization_id` — the membership in that existing team organization (role default `member`, made the ' +
      'default organization) are created in the same database transaction as the user. An unknown organization is ' +
      '404 NOT_FOUND and a personal one 400 VALIDATION_ERROR, both before anything is created.',
  },
  getUser: {
    summary: 'A user with their organizations',
  },
  updateUser: {
    summary: 'Update a user (email, password, names, confirmation, ban)',
    description:
      'Only the fields given change; at least one is required. A new email takes effect at once (no confirmation ' +
      'email). Names go to the profile; an empty string clears one. `ban_duration` bans the user for that long ' +
      "(Go duration: '24h', '1h30m', '90m'): their logins answer 401 INVALID_CREDENTIALS like any failed login (a " +
      "ban is not revealed) and their access tokens are refused at once; 'none' lifts the ban. Changing the password " +
      'ends every session of the user (Supabase Auth signs them out), so their access tokens are refused at once.',
  },
  deleteUser: {
    summary: 'Delete a user for good',
    description:
      'Hard delete. Their profile, memberships, personal organization and sessions go with them (their access ' +
      'tokens are refused at once). A team organization they were the last owner of passes to its longest-standing ' +
      'admin, else member, or is deleted when nobody is left.',
  },
  listUserFactors: {
    summary: "A user's second factors",
    description: 'Verified and unverified TOTP factors (never their secrets), e.g. to help a user who lost their device.',
  },
  deleteUserFactor: {
    summary: "Remove a user's second factor",
    description:
      'For a user who lost their device: the factor is gone, their sessions that it raised drop to aal1 when they ' +
      'next refresh, and they can sign in with their password alone again (or enrol a new factor).',
  },
  revokeSessions: {
    summary: 'End every session of a user',
    description:
      'Every session of the user ends at once: their access tokens are refused by every protected route and their ' +
      'refresh tokens are dead. The user can sign in again (ban them to prevent that). 200 also when there was none.',
  },
  clearLockout: {
    summary: 'Clear the login lockout of an account',
    description:
      'Forgets the failed logins of this email (trimmed, case-insensitive) and lifts its lock, if any. Answers ' +
      'whether it was locked; the same for an email nobody uses.',
  },
};
