/**
 * Types of the edge-auth API, generated from assets/api/v1/openapi.json by
 * client/scripts/generate-schema.ts (openapi-typescript). Do not edit: run
 * `npx tsx client/scripts/generate-schema.ts`.
 */

export interface paths {
  '/api/v1/auth/admin/lockouts/clear': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Clear the login lockout of an account
     * @description Forgets the failed logins of this email (trimmed, case-insensitive) and lifts its lock, if any. Answers whether it was locked; the same for an email nobody uses.
     */
    post: operations['admin.clearLockout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/admin/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List users (paged)
     * @description Users newest first, 50 per page by default (at most 1000). `data` = `{ users, page, per_page, total }`: `total` counts every user, `count` the users on this page. A page past the end is empty. Pages are offsets into a list that grows at the top, so users created while walking the pages shift later pages: de-duplicate by id.
     */
    get: operations['admin.listUsers'];
    put?: never;
    /**
     * Create a user
     * @description Creates the user with a password, confirmed by default. The profile, the personal organization and — with `organization_id` — the membership in that existing team organization (role default `member`, made the default organization) are created in the same database transaction as the user. An unknown organization is 404 NOT_FOUND and a personal one 400 VALIDATION_ERROR, both before anything is created.
     */
    post: operations['admin.createUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/admin/users/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A user with their organizations */
    get: operations['admin.getUser'];
    put?: never;
    post?: never;
    /**
     * Delete a user for good
     * @description Hard delete. Their profile, memberships, personal organization and sessions go with them (their access tokens are refused at once). A team organization they were the last owner of passes to its longest-standing admin, else member, or is deleted when nobody is left.
     */
    delete: operations['admin.deleteUser'];
    options?: never;
    head?: never;
    /**
     * Update a user (email, password, names, confirmation, ban)
     * @description Only the fields given change; at least one is required. A new email takes effect at once (no confirmation email). Names go to the profile; an empty string clears one. `ban_duration` bans the user for that long (Go duration: '24h', '1h30m', '90m'): their logins answer 401 INVALID_CREDENTIALS like any failed login (a ban is not revealed) and their access tokens are refused at once; 'none' lifts the ban. Changing the password ends every session of the user (Supabase Auth signs them out), so their access tokens are refused at once.
     */
    patch: operations['admin.updateUser'];
    trace?: never;
  };
  '/api/v1/auth/admin/users/{userId}/factors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A user's second factors
     * @description Verified and unverified TOTP factors (never their secrets), e.g. to help a user who lost their device.
     */
    get: operations['admin.listUserFactors'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/admin/users/{userId}/factors/{factorId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove a user's second factor
     * @description For a user who lost their device: the factor is gone, their sessions that it raised drop to aal1 when they next refresh, and they can sign in with their password alone again (or enrol a new factor).
     */
    delete: operations['admin.deleteUserFactor'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/admin/users/{userId}/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * End every session of a user
     * @description Every session of the user ends at once: their access tokens are refused by every protected route and their refresh tokens are dead. The user can sign in again (ban them to prevent that). 200 also when there was none.
     */
    delete: operations['admin.revokeSessions'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/email/resend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resend the sign-up confirmation email
     * @description Answers the same, at once, for every well-formed email, registered, confirmed or not (Supabase is asked after the answer). The email links to the web app’s /verify-email page with the token hash.
     */
    post: operations['account.resendEmail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/email/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm an email address with the link’s token hash (signs the user in) */
    post: operations['account.verifyEmail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Pending invitations addressed to the caller
     * @description Only invitations to the caller’s confirmed email address are listed.
     */
    get: operations['invitations.listMyInvitations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/invitations/{invitationId}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Accept an invitation (joins the organization with the invited role)
     * @description Only for the user whose confirmed email equals the invitation’s address (403 FORBIDDEN otherwise). Expired: 410 INVITATION_EXPIRED; already answered or revoked, or already a member: 409 CONFLICT.
     */
    post: operations['invitations.acceptInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/invitations/{invitationId}/decline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decline an invitation */
    post: operations['invitations.declineInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in with email and password
     * @description Returns a session and the user with their default organization and role. Unknown email and wrong password answer the same. By default, 5 failed attempts within 15 minutes lock the account for 15 minutes (429 ACCOUNT_LOCKED with Retry-After), and at most that many passwords are ever checked per window, however many requests arrive at once. Unknown email, wrong password, banned account and a password over 72 bytes all answer 401 INVALID_CREDENTIALS, no sooner than 300 ms after the request.
     */
    post: operations['auth.login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End the session (or all, or all others)
     * @description The session’s refresh token dies and its access token is refused by every protected route at once. Logging out a session that is already gone is still 200. In cookie mode the refresh cookie is cleared.
     */
    post: operations['auth.logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in user with their default organization */
    get: operations['auth.me'];
    put?: never;
    post?: never;
    /**
     * Delete one’s own account
     * @description Proof that it is really the user, one of: `password` (checked through the login lockout: a wrong one counts), `code` (a fresh sign-in code from POST /otp, for users without a password), or an aal2 token. Every session ends; organizations are handled as when an admin deletes the user (the personal one goes; a team organization whose last owner leaves passes to its longest-standing admin, else member, or is deleted when empty). A user with a verified second factor needs an aal2 token.
     */
    delete: operations['account.deleteMe'];
    options?: never;
    head?: never;
    /**
     * Change the signed-in user’s names
     * @description Only the names given change; an empty string clears one. Answers the /me data.
     */
    patch: operations['account.updateMe'];
    trace?: never;
  };
  '/api/v1/auth/me/organization': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Choose the active organization
     * @description The organization /me, /login and /refresh report, and that access tokens carry in their `organization` claim: the next /refresh issues a token with it. Not a member: 404.
     */
    put: operations['account.setActiveOrganization'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/mfa/factors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's second factors
     * @description Verified and unverified TOTP factors. Allowed with an aal1 token, so the app can offer the code step.
     */
    get: operations['mfa.listFactors'];
    put?: never;
    /**
     * Start enrolling an authenticator app (TOTP)
     * @description Answers the secret (base32), an otpauth:// URI and a QR code (SVG data URL) to show once; the factor stays unverified until a code is verified with POST /mfa/factors/:factorId/verify. A user who already has a verified factor needs an aal2 token.
     */
    post: operations['mfa.enrollFactor'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/mfa/factors/{factorId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove a factor
     * @description A verified factor needs an aal2 token. The caller’s other aal2 sessions drop to aal1 when they next refresh.
     */
    delete: operations['mfa.deleteFactor'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/mfa/factors/{factorId}/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Verify a code: the session becomes aal2
     * @description Answers the session data of /login at aal2. The first success turns an unverified factor on; the user’s other sessions below aal2 end. A code that succeeded once cannot succeed again. Wrong codes are counted per user, apart from passwords: by default at most 5 per 15 minutes ever reach Supabase, then 429 ACCOUNT_LOCKED with Retry-After.
     */
    post: operations['mfa.verifyFactor'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/mfa/recover': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Use a recovery code: the session becomes aal2
     * @description The code is used up. Answers the session data of /login at aal2. Wrong codes are counted per user, apart from passwords: by default at most 5 per 15 minutes ever reach Supabase, then 429 ACCOUNT_LOCKED with Retry-After.
     */
    post: operations['mfa.recover'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/mfa/recovery-codes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * New recovery codes (shown only in this answer)
     * @description Ten single-use codes; earlier codes die. Needs an aal2 token; without a verified factor 409 CONFLICT. Store them where the authenticator app is not: each one signs in once with POST /mfa/recover.
     */
    post: operations['mfa.createRecoveryCodes'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's organizations
     * @description Every organization the caller belongs to, with their role (OWNER, ADMIN, MEMBER), ordered by name then id. Always includes the personal organization ("Personal Account", OWNER). Message: `Retrieved N organizations`.
     */
    get: operations['organizations.listMyOrganizations'];
    put?: never;
    /**
     * Create a team organization (the caller becomes its OWNER)
     * @description At most a configured number of organizations per user (409 LIMIT_REACHED); a slug that is taken is 409 CONFLICT.
     */
    post: operations['organizations.createOrganization'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An organization of the caller [key: organization:read]
     * @description An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    get: operations['organizations.getOrganization'];
    put?: never;
    post?: never;
    /**
     * Delete a team organization (OWNER)
     * @description Memberships and invitations go with it; users whose active organization it was fall back to their personal one. Personal organizations cannot be deleted. An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    delete: operations['organizations.deleteOrganization'];
    options?: never;
    head?: never;
    /**
     * Rename an organization, change its slug (OWNER, ADMIN) or its two-factor requirement (OWNER)
     * @description Personal organizations cannot be changed. `require_mfa` may be changed by an OWNER whose own token is aal2 (an owner without a verified factor gets 403 MFA_REQUIRED); the audit log records it. An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    patch: operations['organizations.updateOrganization'];
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization's API keys (OWNER, ADMIN) */
    get: operations['integrations.listApiKeys'];
    put?: never;
    /**
     * Create an organization API key (OWNER, ADMIN)
     * @description `key` (eak_ and 40 random characters) appears only in this answer; only its SHA-256 hash is stored. Use it as `Authorization: Bearer eak_…` on the organization routes of this organization, within its scopes.
     */
    post: operations['integrations.createApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/api-keys/{keyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an API key (OWNER, ADMIN): refused from the next request on */
    delete: operations['integrations.revokeApiKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The organization’s audit log, newest first (OWNER, ADMIN) [key: audit:read]
     * @description `before`: an entry id, to page back. An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    get: operations['organizations.listAudit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Pending invitations of an organization (OWNER, ADMIN) [key: invitations:write]
     * @description An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    get: operations['organizations.listInvitations'];
    put?: never;
    /**
     * Invite someone by email (OWNER: any role; ADMIN: ADMIN or MEMBER) [key: invitations:write]
     * @description The invitee gets an email with a link to the web app’s /invitations/<id> page; `delivered: false` when no email provider is configured (or it failed): deliver the link yourself. 409 CONFLICT when the address is already a member or already has a pending invitation; 409 LIMIT_REACHED past the member limit. An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    post: operations['organizations.createInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/invitations/{invitationId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke a pending invitation (OWNER, ADMIN) [key: invitations:write]
     * @description An invitation already answered is 409 CONFLICT. An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    delete: operations['organizations.revokeInvitation'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/leave': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Leave an organization
     * @description The last OWNER cannot leave (409 LAST_OWNER); nobody leaves their personal organization. An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    post: operations['organizations.leaveOrganization'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The members of an organization [key: members:read]
     * @description Ordered by role (OWNER first), then email. `count` is the number on this page. An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    get: operations['organizations.listMembers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/members/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove a member (the caller’s own id: leave) [key: members:write]
     * @description OWNER: anyone but the last OWNER. ADMIN: MEMBERs only. An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    delete: operations['organizations.removeMember'];
    options?: never;
    head?: never;
    /**
     * Change a member’s role [key: members:write]
     * @description OWNER: any change that leaves an OWNER (else 409 LAST_OWNER). ADMIN: MEMBER ↔ ADMIN only, never touching an OWNER. An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    patch: operations['organizations.changeMemberRole'];
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/transfer-ownership': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Hand the organization to another member (OWNER)
     * @description The member becomes OWNER and the caller ADMIN, at once. An organization the caller is not a member of answers 404, on every route. Also callable with an organization API key (Bearer eak_…) of this organization that has the scope named in the summary; another organization’s key gets 404, a key without the scope 403.
     */
    post: operations['organizations.transferOwnership'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization's webhooks (OWNER, ADMIN) */
    get: operations['integrations.listWebhooks'];
    put?: never;
    /**
     * Subscribe an endpoint to the organization’s events (OWNER, ADMIN)
     * @description `secret` (whsec_ and base64 of 24 random bytes) appears only in this answer: deliveries are signed with it as the Standard Webhooks specification says. `https://` only (locally also http://127.0.0.1 and localhost when WEBHOOK_ALLOW_LOOPBACK is on), no credentials in the URL, no private or link-local address.
     */
    post: operations['integrations.createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/webhooks/{webhookId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a webhook (OWNER, ADMIN): no further deliveries */
    delete: operations['integrations.deleteWebhook'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/organizations/{orgId}/webhooks/{webhookId}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A webhook's last 100 delivery attempts (OWNER, ADMIN) */
    get: operations['integrations.listDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/otp': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Email a sign-in code and link
     * @description Answers the same, at once, for every well-formed email (Supabase is asked after the answer): an unknown address gets no account and no mail. The email carries a 6-digit code and a link to the web app’s /sign-in/email page.
     */
    post: operations['passwordless.sendCode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/otp/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in with the emailed code, or with the link’s token hash
     * @description `{ email, code }` or `{ token_hash, type: "magiclink" }`. Answers the session data of /login (aal1: a user with a second factor must still verify it). Wrong codes are counted per email: at most 5 per 15 minutes reach Supabase, then 429 ACCOUNT_LOCKED. Wrong or used: 401 TOKEN_INVALID; expired: 401 TOKEN_EXPIRED.
     */
    post: operations['passwordless.verifyCode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/passkeys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's passkeys */
    get: operations['passkeys.listPasskeys'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/passkeys/{passkeyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a passkey: it can no longer sign in */
    delete: operations['passkeys.deletePasskey'];
    options?: never;
    head?: never;
    /** Rename a passkey */
    patch: operations['passkeys.renamePasskey'];
    trace?: never;
  };
  '/api/v1/auth/passkeys/authentication/options': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start signing in with a passkey
     * @description Discoverable credentials (the browser offers the passkeys it has for this site). Single use, 5 minutes.
     */
    post: operations['passkeys.authenticationOptions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/passkeys/authentication/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in with a passkey
     * @description Answers the session data of /login (aal1: a passkey is a first factor; a user with a second factor must still verify it). A replayed assertion, a wrong origin, an unknown credential or a bad signature: 401 TOKEN_INVALID.
     */
    post: operations['passkeys.authenticationVerify'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/passkeys/registration/options': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start adding a passkey
     * @description Single use, expires after 5 minutes. Needs an aal2 token when the user has a verified second factor.
     */
    post: operations['passkeys.registrationOptions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/passkeys/registration/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Finish adding a passkey */
    post: operations['passkeys.registrationVerify'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password/change': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change the password (the current one required)
     * @description The current password is checked like a login: a wrong one answers 401 INVALID_CREDENTIALS and counts toward the account’s lockout. Every other session of the user ends; this one stays signed in.
     */
    post: operations['account.changePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password/forgot': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a password reset email
     * @description Answers the same, at once, for every well-formed email, registered or not (Supabase is asked after the answer). The email links to the reset page with the token.
     */
    post: operations['auth.forgotPassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password/reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set a new password with the token from the reset email
     * @description The token is single use and valid for one hour. Every existing session of the user is revoked.
     */
    post: operations['auth.resetPassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Exchange a refresh token for a new session
     * @description Refresh tokens rotate: the old one stops working after a short reuse window, and presenting a revoked one revokes the whole session. In cookie mode (`X-Edge-Auth-Session: cookie` from an allowed origin) the token comes from the __Host-edge-auth-refresh cookie, the body may be empty, and the cookie is rotated.
     */
    post: operations['auth.refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Register with profile and organization (document 003)
     * @description Creates the user, profile, personal organization and — with organization_name — a team organization owned by the user, in one database transaction. With email confirmation on, answers email_verification_required and no tokens.
     */
    post: operations['auth.register'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The signed-in user’s sessions
     * @description Live sessions, newest first; `current` marks the one this request was made with.
     */
    get: operations['account.listSessions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/sessions/{sessionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * End one of the signed-in user’s sessions
     * @description Its refresh token dies and its access token is refused at once. Another user’s session, or an unknown one: 404.
     */
    delete: operations['account.endSession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/signup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create an account (document 000)
     * @description Creates the user (profile and personal organization in the same transaction). No tokens: call /login next.
     */
    post: operations['auth.signup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/users/{userId}/organizations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The organizations of a user that the caller may see
     * @description With a user's access token, row-level security decides, with that token: a membership of userId in organization O is listed when the caller is userId or a member of O. With the service-role key every membership is listed and `requested_by` is null. An unknown (or invisible) user gives an empty list, never 404. Ordered by name then id. Message: `Retrieved N organizations for user`.
     */
    get: operations['organizations.listUserOrganizations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * API reference (HTML)
     * @description A human-readable page rendered from the OpenAPI document.
     */
    get: operations['meta.docs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Health check
     * @description Reports whether the worker is up and Supabase Auth answers (2 s probe).
     */
    get: operations['meta.health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * OpenAPI 3.1 document
     * @description This document, generated from the schemas that validate requests; a static asset of the worker.
     */
    get: operations['meta.openapi'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ErrorEnvelope: {
      error: {
        /** @enum {string} */
        code:
          | 'VALIDATION_ERROR'
          | 'WEAK_PASSWORD'
          | 'INVALID_CREDENTIALS'
          | 'EMAIL_NOT_VERIFIED'
          | 'AUTH_REQUIRED'
          | 'TOKEN_EXPIRED'
          | 'TOKEN_INVALID'
          | 'EMAIL_TAKEN'
          | 'FORBIDDEN'
          | 'MFA_REQUIRED'
          | 'MFA_CODE_INVALID'
          | 'NOT_FOUND'
          | 'METHOD_NOT_ALLOWED'
          | 'CONFLICT'
          | 'LAST_OWNER'
          | 'LIMIT_REACHED'
          | 'INVITATION_EXPIRED'
          | 'PAYLOAD_TOO_LARGE'
          | 'UNSUPPORTED_MEDIA_TYPE'
          | 'ACCOUNT_LOCKED'
          | 'RATE_LIMITED'
          | 'INTERNAL_ERROR'
          | 'UPSTREAM_ERROR'
          | 'SERVICE_UNAVAILABLE';
        /** @description Validation errors only: one entry per problem */
        details?: {
          message: string;
          path: string;
        }[];
        message: string;
      };
      message: string;
      /** @constant */
      success: false;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description Request id: the client’s when sane (≤128 of [A-Za-z0-9._:-]), else generated */
    'X-Request-Id': string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  'admin.clearLockout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Email address; trimmed and compared case-insensitively */
          email: string;
        };
      };
    };
    responses: {
      /** @description Login lockout cleared */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              email: string;
              /** @description Failed logins counted before clearing */
              failed_attempts: number;
              was_locked: boolean;
            };
            /** @example Login lockout cleared */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'admin.listUsers': {
    parameters: {
      query?: {
        /** @description Page number, from 1 (default 1) */
        page?: string;
        /** @description Users per page, 1-1000 (default 50) */
        per_page?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N users */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              page: number;
              per_page: number;
              /** @description Number of users in the project */
              total: number;
              users: {
                /** @description Whether the user is banned now */
                banned: boolean;
                /** @description End of the ban, or null; a past value means the ban has ended */
                banned_until: string | null;
                /** @description ISO 8601 timestamp */
                created_at: string;
                email: string | null;
                email_verified: boolean;
                first_name: string | null;
                id: string;
                last_name: string | null;
                last_sign_in_at: string | null;
              }[];
            };
            /** @example Retrieved N users */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'admin.createUser': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Email address; trimmed and compared case-insensitively */
          email: string;
          /** @description Create the address as confirmed (default true); false: login answers EMAIL_NOT_VERIFIED */
          email_confirmed?: boolean;
          first_name?: string;
          last_name?: string;
          /** @description An existing team organization the user joins */
          organization_id?: string;
          /** @description New password: at least 8 characters, at most 72 bytes of UTF-8, not one of the 10,000 most common passwords */
          password: string;
          /**
           * @description Role in organization_id (default member)
           * @enum {string}
           */
          role?: 'owner' | 'admin' | 'member';
        };
      };
    };
    responses: {
      /** @description User created */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Whether the user is banned now */
              banned: boolean;
              /** @description End of the ban, or null; a past value means the ban has ended */
              banned_until: string | null;
              /** @description ISO 8601 timestamp */
              created_at: string;
              email: string | null;
              email_verified: boolean;
              first_name: string | null;
              id: string;
              last_name: string | null;
              last_sign_in_at: string | null;
              /** @description Every membership, ordered by organization name then id */
              organizations: {
                id: string;
                is_personal_account: boolean;
                name: string;
                /** @enum {string} */
                role: 'owner' | 'admin' | 'member';
              }[];
            };
            /** @example User created */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid; WEAK_PASSWORD: The password does not meet the password policy */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR' | 'WEAK_PASSWORD';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description EMAIL_TAKEN: Email address is already registered */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'EMAIL_TAKEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'admin.getUser': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user id (UUID) */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description User retrieved */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Whether the user is banned now */
              banned: boolean;
              /** @description End of the ban, or null; a past value means the ban has ended */
              banned_until: string | null;
              /** @description ISO 8601 timestamp */
              created_at: string;
              email: string | null;
              email_verified: boolean;
              first_name: string | null;
              id: string;
              last_name: string | null;
              last_sign_in_at: string | null;
              /** @description Every membership, ordered by organization name then id */
              organizations: {
                id: string;
                is_personal_account: boolean;
                name: string;
                /** @enum {string} */
                role: 'owner' | 'admin' | 'member';
              }[];
            };
            /** @example User retrieved */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'admin.deleteUser': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user id (UUID) */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description User deleted */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              id: string;
            };
            /** @example User deleted */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'admin.updateUser': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user id (UUID) */
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Ban length as a Go duration ('24h', '1h30m'), or 'none' to unban */
          ban_duration?: string;
          /** @description Email address; trimmed and compared case-insensitively */
          email?: string;
          /**
           * @description true: mark the (new) address as confirmed
           * @constant
           */
          email_confirmed?: true;
          first_name?: string;
          last_name?: string;
          /** @description New password: at least 8 characters, at most 72 bytes of UTF-8, not one of the 10,000 most common passwords */
          password?: string;
        };
      };
    };
    responses: {
      /** @description User updated */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Whether the user is banned now */
              banned: boolean;
              /** @description End of the ban, or null; a past value means the ban has ended */
              banned_until: string | null;
              /** @description ISO 8601 timestamp */
              created_at: string;
              email: string | null;
              email_verified: boolean;
              first_name: string | null;
              id: string;
              last_name: string | null;
              last_sign_in_at: string | null;
              /** @description Every membership, ordered by organization name then id */
              organizations: {
                id: string;
                is_personal_account: boolean;
                name: string;
                /** @enum {string} */
                role: 'owner' | 'admin' | 'member';
              }[];
            };
            /** @example User updated */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid; WEAK_PASSWORD: The password does not meet the password policy */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR' | 'WEAK_PASSWORD';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description EMAIL_TAKEN: Email address is already registered */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'EMAIL_TAKEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'admin.listUserFactors': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user id (UUID) */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N factors */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              friendly_name: string | null;
              id: string;
              /** @enum {string} */
              status: 'verified' | 'unverified';
              type: string;
            }[];
            /** @example Retrieved N factors */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'admin.deleteUserFactor': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The factor id (UUID) */
        factorId: string;
        /** @description The user id (UUID) */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Factor removed */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              id: string;
              user_id: string;
            };
            /** @example Factor removed */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'admin.revokeSessions': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user id (UUID) */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Sessions revoked */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Sessions ended */
              sessions_revoked: number;
              user_id: string;
            };
            /** @example Sessions revoked */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'account.resendEmail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Email address; trimmed and compared case-insensitively */
          email: string;
        };
      };
    };
    responses: {
      /** @description Verification email sent */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Verification email sent';
            };
            /** @example Verification email sent */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'account.verifyEmail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The `token_hash` of the email link */
          token_hash: string;
          /**
           * @description The `type` of the email link
           * @enum {string}
           */
          type: 'signup' | 'email_change';
        };
      };
    };
    responses: {
      /** @description Email verified */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Bearer JWT for protected routes */
              access_token: string;
              /** @description Unix time (seconds) at which the access token expires */
              expires_at: number;
              /** @description Seconds until the access token expires */
              expires_in: number;
              mfa: {
                /** @description The verified factors only */
                factors: {
                  friendly_name: string | null;
                  id: string;
                  type: string;
                }[];
                /** @description True when this session is aal1 and the user has a verified factor: verify one (POST /mfa/factors/:id/verify) */
                required: boolean;
              };
              /** @description Absent in cookie mode (X-Edge-Auth-Session: cookie): it is then the __Host-edge-auth-refresh cookie */
              refresh_token?: string;
              /** @constant */
              token_type: 'bearer';
              user: {
                /** @description ISO 8601 timestamp */
                created_at: string;
                email: string;
                email_verified: boolean;
                first_name: string | null;
                id: string;
                last_name: string | null;
                organization: {
                  id: string;
                  name: string;
                } | null;
                /** @description The user's role in their default organization */
                role: ('owner' | 'admin' | 'member') | null;
              };
            };
            /** @example Email verified */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'invitations.listMyInvitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N invitations */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              email: string;
              /** @description ISO 8601 timestamp */
              expires_at: string;
              id: string;
              inviter_email: string | null;
              inviter_name: string | null;
              organization_id: string;
              organization_name: string;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
            }[];
            /** @example Retrieved N invitations */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'invitations.acceptInvitation': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The invitation id (UUID) */
        invitationId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Invitation accepted */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              id: string;
              is_personal_account: boolean;
              member_count: number;
              name: string;
              plan: string;
              /** @description Members need a verified second factor (an aal2 token) for anything of it */
              require_mfa: boolean;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
              slug: string | null;
            };
            /** @example Invitation accepted */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description CONFLICT: The request conflicts with the current state; LIMIT_REACHED: A configured limit has been reached */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'CONFLICT' | 'LIMIT_REACHED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INVITATION_EXPIRED: The invitation has expired */
      410: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INVITATION_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'invitations.declineInvitation': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The invitation id (UUID) */
        invitationId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Invitation declined */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Invitation declined';
            };
            /** @example Invitation declined */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description CONFLICT: The request conflicts with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'CONFLICT';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INVITATION_EXPIRED: The invitation has expired */
      410: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INVITATION_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'auth.login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Email address; trimmed and compared case-insensitively */
          email: string;
          /** @description Password */
          password: string;
        };
      };
    };
    responses: {
      /** @description Authentication successful */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Bearer JWT for protected routes */
              access_token: string;
              /** @description Unix time (seconds) at which the access token expires */
              expires_at: number;
              /** @description Seconds until the access token expires */
              expires_in: number;
              mfa: {
                /** @description The verified factors only */
                factors: {
                  friendly_name: string | null;
                  id: string;
                  type: string;
                }[];
                /** @description True when this session is aal1 and the user has a verified factor: verify one (POST /mfa/factors/:id/verify) */
                required: boolean;
              };
              /** @description Absent in cookie mode (X-Edge-Auth-Session: cookie): it is then the __Host-edge-auth-refresh cookie */
              refresh_token?: string;
              /** @constant */
              token_type: 'bearer';
              user: {
                /** @description ISO 8601 timestamp */
                created_at: string;
                email: string;
                email_verified: boolean;
                first_name: string | null;
                id: string;
                last_name: string | null;
                organization: {
                  id: string;
                  name: string;
                } | null;
                /** @description The user's role in their default organization */
                role: ('owner' | 'admin' | 'member') | null;
              };
            };
            /** @example Authentication successful */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INVALID_CREDENTIALS: Invalid email or password; EMAIL_NOT_VERIFIED: Email address is not verified */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INVALID_CREDENTIALS' | 'EMAIL_NOT_VERIFIED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later; ACCOUNT_LOCKED: Too many failed login attempts; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED' | 'ACCOUNT_LOCKED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'auth.logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description local (default): this session; global: every session of the user; others: every other session
           * @enum {string}
           */
          scope?: 'local' | 'global' | 'others';
        };
      };
    };
    responses: {
      /** @description Successfully logged out */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Successfully logged out';
            };
            /** @example Successfully logged out */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'auth.me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description User retrieved */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /**
               * @description The assurance level of the caller's token
               * @enum {string}
               */
              aal: 'aal1' | 'aal2' | 'aal3';
              /** @description ISO 8601 timestamp */
              created_at: string;
              email: string;
              email_verified: boolean;
              first_name: string | null;
              id: string;
              last_name: string | null;
              /** @description The user has a verified second factor */
              mfa_enabled: boolean;
              organization: {
                id: string;
                name: string;
                plan: string;
              } | null;
              role: ('owner' | 'admin' | 'member') | null;
            };
            /** @example User retrieved */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'account.deleteMe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code?: string;
          /** @description Password */
          password?: string;
        };
      };
    };
    responses: {
      /** @description Account deleted */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Account deleted';
            };
            /** @example Account deleted */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired; INVALID_CREDENTIALS: Invalid email or password */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'INVALID_CREDENTIALS';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description ACCOUNT_LOCKED: Too many failed login attempts; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'ACCOUNT_LOCKED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'account.updateMe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          first_name?: string;
          last_name?: string;
        };
      };
    };
    responses: {
      /** @description User updated */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /**
               * @description The assurance level of the caller's token
               * @enum {string}
               */
              aal: 'aal1' | 'aal2' | 'aal3';
              /** @description ISO 8601 timestamp */
              created_at: string;
              email: string;
              email_verified: boolean;
              first_name: string | null;
              id: string;
              last_name: string | null;
              /** @description The user has a verified second factor */
              mfa_enabled: boolean;
              organization: {
                id: string;
                name: string;
                plan: string;
              } | null;
              role: ('owner' | 'admin' | 'member') | null;
            };
            /** @example User updated */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'account.setActiveOrganization': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description An organization the caller belongs to */
          organization_id: string;
        };
      };
    };
    responses: {
      /** @description Active organization changed; refresh to get a token that carries it */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /**
               * @description The assurance level of the caller's token
               * @enum {string}
               */
              aal: 'aal1' | 'aal2' | 'aal3';
              /** @description ISO 8601 timestamp */
              created_at: string;
              email: string;
              email_verified: boolean;
              first_name: string | null;
              id: string;
              last_name: string | null;
              /** @description The user has a verified second factor */
              mfa_enabled: boolean;
              organization: {
                id: string;
                name: string;
                plan: string;
              } | null;
              role: ('owner' | 'admin' | 'member') | null;
            };
            /** @example Active organization changed; refresh to get a token that carries it */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'mfa.listFactors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N factors */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              friendly_name: string | null;
              id: string;
              /** @enum {string} */
              status: 'verified' | 'unverified';
              /** @description totp */
              type: string;
            }[];
            /** @example Retrieved N factors */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'mfa.enrollFactor': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          friendly_name?: string;
          /** @constant */
          type: 'totp';
        };
      };
    };
    responses: {
      /** @description Factor created: verify a code to turn it on */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              friendly_name: string | null;
              id: string;
              totp: {
                /** @description The URI as a QR code: an SVG data URL */
                qr_code: string;
                /** @description Base32 secret, for typing into the app */
                secret: string;
                /** @description otpauth://totp/… URI */
                uri: string;
              };
              /** @constant */
              type: 'totp';
            };
            /** @example Factor created: verify a code to turn it on */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description CONFLICT: The request conflicts with the current state; LIMIT_REACHED: A configured limit has been reached */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'CONFLICT' | 'LIMIT_REACHED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'mfa.deleteFactor': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The factor id (UUID) */
        factorId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Factor removed */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              id: string;
            };
            /** @example Factor removed */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'mfa.verifyFactor': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The factor id (UUID) */
        factorId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code: string;
        };
      };
    };
    responses: {
      /** @description Second factor verified */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Bearer JWT for protected routes */
              access_token: string;
              /** @description Unix time (seconds) at which the access token expires */
              expires_at: number;
              /** @description Seconds until the access token expires */
              expires_in: number;
              mfa: {
                /** @description The verified factors only */
                factors: {
                  friendly_name: string | null;
                  id: string;
                  type: string;
                }[];
                /** @description True when this session is aal1 and the user has a verified factor: verify one (POST /mfa/factors/:id/verify) */
                required: boolean;
              };
              /** @description Absent in cookie mode (X-Edge-Auth-Session: cookie): it is then the __Host-edge-auth-refresh cookie */
              refresh_token?: string;
              /** @constant */
              token_type: 'bearer';
              user: {
                /** @description ISO 8601 timestamp */
                created_at: string;
                email: string;
                email_verified: boolean;
                first_name: string | null;
                id: string;
                last_name: string | null;
                organization: {
                  id: string;
                  name: string;
                } | null;
                /** @description The user's role in their default organization */
                role: ('owner' | 'admin' | 'member') | null;
              };
            };
            /** @example Second factor verified */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired; MFA_CODE_INVALID: The code is wrong, expired or already used */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'MFA_CODE_INVALID';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description ACCOUNT_LOCKED: Too many failed login attempts; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'ACCOUNT_LOCKED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'mfa.recover': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code: string;
        };
      };
    };
    responses: {
      /** @description Recovery code accepted */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Bearer JWT for protected routes */
              access_token: string;
              /** @description Unix time (seconds) at which the access token expires */
              expires_at: number;
              /** @description Seconds until the access token expires */
              expires_in: number;
              mfa: {
                /** @description The verified factors only */
                factors: {
                  friendly_name: string | null;
                  id: string;
                  type: string;
                }[];
                /** @description True when this session is aal1 and the user has a verified factor: verify one (POST /mfa/factors/:id/verify) */
                required: boolean;
              };
              /** @description Absent in cookie mode (X-Edge-Auth-Session: cookie): it is then the __Host-edge-auth-refresh cookie */
              refresh_token?: string;
              /** @constant */
              token_type: 'bearer';
              user: {
                /** @description ISO 8601 timestamp */
                created_at: string;
                email: string;
                email_verified: boolean;
                first_name: string | null;
                id: string;
                last_name: string | null;
                organization: {
                  id: string;
                  name: string;
                } | null;
                /** @description The user's role in their default organization */
                role: ('owner' | 'admin' | 'member') | null;
              };
            };
            /** @example Recovery code accepted */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired; MFA_CODE_INVALID: The code is wrong, expired or already used */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'MFA_CODE_INVALID';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description ACCOUNT_LOCKED: Too many failed login attempts; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'ACCOUNT_LOCKED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'mfa.createRecoveryCodes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Recovery codes created */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              codes: string[];
            };
            /** @example Recovery codes created */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description CONFLICT: The request conflicts with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'CONFLICT';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.listMyOrganizations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N organizations */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              id: string;
              is_personal_account: boolean;
              /** @description The organization requires a second factor: below aal2 its routes answer 403 MFA_REQUIRED */
              mfa_required: boolean;
              name: string;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
            }[];
            /** @example Retrieved N organizations */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.createOrganization': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /** @description URL name: 3–48 characters of a-z, 0-9 and -, unique */
          slug?: string;
        };
      };
    };
    responses: {
      /** @description Organization created */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              id: string;
              is_personal_account: boolean;
              member_count: number;
              name: string;
              plan: string;
              /** @description Members need a verified second factor (an aal2 token) for anything of it */
              require_mfa: boolean;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
              slug: string | null;
            };
            /** @example Organization created */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description CONFLICT: The request conflicts with the current state; LIMIT_REACHED: A configured limit has been reached */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'CONFLICT' | 'LIMIT_REACHED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.getOrganization': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Organization retrieved */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              id: string;
              is_personal_account: boolean;
              member_count: number;
              name: string;
              plan: string;
              /** @description Members need a verified second factor (an aal2 token) for anything of it */
              require_mfa: boolean;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
              slug: string | null;
            };
            /** @example Organization retrieved */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.deleteOrganization': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Organization deleted */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Organization deleted';
            };
            /** @example Organization deleted */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.updateOrganization': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          require_mfa?: boolean;
          /** @description URL name: 3–48 characters of a-z, 0-9 and -, unique */
          slug?: string;
        };
      };
    };
    responses: {
      /** @description Organization updated */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              id: string;
              is_personal_account: boolean;
              member_count: number;
              name: string;
              plan: string;
              /** @description Members need a verified second factor (an aal2 token) for anything of it */
              require_mfa: boolean;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
              slug: string | null;
            };
            /** @example Organization updated */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description CONFLICT: The request conflicts with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'CONFLICT';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'integrations.listApiKeys': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N API keys */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              expires_at: string | null;
              id: string;
              last_used_at: string | null;
              name: string;
              /** @description The first 12 characters of the key, to recognise it */
              prefix: string;
              scopes: string[];
            }[];
            /** @example Retrieved N API keys */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'integrations.createApiKey': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description When the key stops working (ISO 8601); none: it lives until revoked */
          expires_at?: string;
          name: string;
          scopes: ('organization:read' | 'members:read' | 'members:write' | 'invitations:write' | 'audit:read')[];
        };
      };
    };
    responses: {
      /** @description API key created */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              expires_at: string | null;
              id: string;
              key: string;
              last_used_at: string | null;
              name: string;
              /** @description The first 12 characters of the key, to recognise it */
              prefix: string;
              scopes: string[];
            };
            /** @example API key created */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'integrations.revokeApiKey': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The key id (UUID) */
        keyId: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description API key revoked */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'API key revoked';
            };
            /** @example API key revoked */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.listAudit': {
    parameters: {
      query?: {
        /** @description Only entries older than this id */
        before?: string;
        /** @description Entries per page, 1–200 (default 50) */
        limit?: string;
      };
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N audit entries */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              action: string;
              actor: {
                id: string | null;
                /** @description The user's email or the key's name */
                name: string | null;
                /** @enum {string} */
                type: 'user' | 'api_key';
              };
              /** @description The acting user (null for an API key) */
              actor_id: string | null;
              /** @description ISO 8601 timestamp */
              created_at: string;
              details: {
                [key: string]: unknown;
              };
              id: number;
              target_email: string | null;
              target_user_id: string | null;
            }[];
            /** @example Retrieved N audit entries */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.listInvitations': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N invitations */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              email: string;
              /** @description ISO 8601 timestamp */
              expires_at: string;
              id: string;
              invited_by: string | null;
              inviter_email: string | null;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
            }[];
            /** @example Retrieved N invitations */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.createInvitation': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Email address; trimmed and compared case-insensitively */
          email: string;
          role?: string;
        };
      };
    };
    responses: {
      /** @description Invitation created */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Whether the invitation email was sent */
              delivered: boolean;
              email: string;
              /** @description ISO 8601 timestamp */
              expires_at: string;
              id: string;
              invited_by: string | null;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
            };
            /** @example Invitation created */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description CONFLICT: The request conflicts with the current state; LIMIT_REACHED: A configured limit has been reached */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'CONFLICT' | 'LIMIT_REACHED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.revokeInvitation': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The invitation id (UUID) */
        invitationId: string;
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Invitation revoked */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Invitation revoked';
            };
            /** @example Invitation revoked */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description CONFLICT: The request conflicts with the current state */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'CONFLICT';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.leaveOrganization': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Left the organization */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Left the organization';
            };
            /** @example Left the organization */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description LAST_OWNER: An organization needs at least one owner */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'LAST_OWNER';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.listMembers': {
    parameters: {
      query?: {
        /** @description Members per page, 1–200 (default 50) */
        limit?: string;
        /** @description Members to skip (default 0) */
        offset?: string;
      };
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N members */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              email: string;
              first_name: string | null;
              /** @description ISO 8601 timestamp */
              joined_at: string;
              last_name: string | null;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
              user_id: string;
            }[];
            /** @example Retrieved N members */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.removeMember': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
        /** @description The member’s user id (UUID) */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Member removed */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Member removed';
            };
            /** @example Member removed */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description LAST_OWNER: An organization needs at least one owner */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'LAST_OWNER';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.changeMemberRole': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
        /** @description The member’s user id (UUID) */
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          role: string;
        };
      };
    };
    responses: {
      /** @description Member updated */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              email: string;
              first_name: string | null;
              /** @description ISO 8601 timestamp */
              joined_at: string;
              last_name: string | null;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
              user_id: string;
            };
            /** @example Member updated */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description LAST_OWNER: An organization needs at least one owner */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'LAST_OWNER';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.transferOwnership': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description A current member */
          user_id: string;
        };
      };
    };
    responses: {
      /** @description Ownership transferred */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              id: string;
              is_personal_account: boolean;
              member_count: number;
              name: string;
              plan: string;
              /** @description Members need a verified second factor (an aal2 token) for anything of it */
              require_mfa: boolean;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
              slug: string | null;
            };
            /** @example Ownership transferred */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'integrations.listWebhooks': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N webhooks */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              events: string[];
              id: string;
              url: string;
            }[];
            /** @example Retrieved N webhooks */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'integrations.createWebhook': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The organization id (UUID) */
        orgId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          events: (
            | 'member.added'
            | 'member.removed'
            | 'member.role_changed'
            | 'invitation.created'
            | 'invitation.accepted'
            | 'invitation.revoked'
            | 'organization.updated'
            | 'organization.deleted'
            | 'ownership.transferred'
            | 'api_key.created'
            | 'api_key.revoked'
            | '*'
          )[];
          url: string;
        };
      };
    };
    responses: {
      /** @description Webhook created */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              events: string[];
              id: string;
              secret: string;
              url: string;
            };
            /** @example Webhook created */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'integrations.deleteWebhook': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
        /** @description The webhook id (UUID) */
        webhookId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Webhook deleted */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Webhook deleted';
            };
            /** @example Webhook deleted */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'integrations.listDeliveries': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        orgId: string;
        /** @description The webhook id (UUID) */
        webhookId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N deliveries */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              /** @description ISO 8601 timestamp */
              at: string;
              attempt: number;
              /** @description The `webhook-id` header of the delivery */
              event_id: string;
              response_status: number | null;
              /** @enum {string} */
              status: 'delivered' | 'retrying' | 'failed';
              type: string;
            }[];
            /** @example Retrieved N deliveries */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'passwordless.sendCode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Email address; trimmed and compared case-insensitively */
          email: string;
        };
      };
    };
    responses: {
      /** @description Sign-in code sent */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Sign-in code sent';
            };
            /** @example Sign-in code sent */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'passwordless.verifyCode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code?: string;
          /** @description Email address; trimmed and compared case-insensitively */
          email?: string;
          /** @description The `token_hash` of the email link */
          token_hash?: string;
          /** @constant */
          type?: 'magiclink';
        };
      };
    };
    responses: {
      /** @description Signed in */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Bearer JWT for protected routes */
              access_token: string;
              /** @description Unix time (seconds) at which the access token expires */
              expires_at: number;
              /** @description Seconds until the access token expires */
              expires_in: number;
              mfa: {
                /** @description The verified factors only */
                factors: {
                  friendly_name: string | null;
                  id: string;
                  type: string;
                }[];
                /** @description True when this session is aal1 and the user has a verified factor: verify one (POST /mfa/factors/:id/verify) */
                required: boolean;
              };
              /** @description Absent in cookie mode (X-Edge-Auth-Session: cookie): it is then the __Host-edge-auth-refresh cookie */
              refresh_token?: string;
              /** @constant */
              token_type: 'bearer';
              user: {
                /** @description ISO 8601 timestamp */
                created_at: string;
                email: string;
                email_verified: boolean;
                first_name: string | null;
                id: string;
                last_name: string | null;
                organization: {
                  id: string;
                  name: string;
                } | null;
                /** @description The user's role in their default organization */
                role: ('owner' | 'admin' | 'member') | null;
              };
            };
            /** @example Signed in */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later; ACCOUNT_LOCKED: Too many failed login attempts; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED' | 'ACCOUNT_LOCKED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'passkeys.listPasskeys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N passkeys */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              friendly_name: string | null;
              id: string;
              last_used_at: string | null;
            }[];
            /** @example Retrieved N passkeys */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'passkeys.deletePasskey': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The passkey id (UUID) */
        passkeyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Passkey removed */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              id: string;
            };
            /** @example Passkey removed */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'passkeys.renamePasskey': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The passkey id (UUID) */
        passkeyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          friendly_name: string;
        };
      };
    };
    responses: {
      /** @description Passkey renamed */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              friendly_name: string | null;
              id: string;
              last_used_at: string | null;
            };
            /** @example Passkey renamed */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'passkeys.authenticationOptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Authentication options */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              challenge_id: string;
              /** @description Unix time (seconds) after which the challenge is refused */
              expires_at: number;
              /** @description The W3C JSON options for navigator.credentials (base64url binary fields) */
              options: {
                [key: string]: unknown;
              };
            };
            /** @example Authentication options */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'passkeys.authenticationVerify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          challenge_id: string;
          /** @description AuthenticationResponseJSON: navigator.credentials.get() as JSON */
          credential: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Signed in */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Bearer JWT for protected routes */
              access_token: string;
              /** @description Unix time (seconds) at which the access token expires */
              expires_at: number;
              /** @description Seconds until the access token expires */
              expires_in: number;
              mfa: {
                /** @description The verified factors only */
                factors: {
                  friendly_name: string | null;
                  id: string;
                  type: string;
                }[];
                /** @description True when this session is aal1 and the user has a verified factor: verify one (POST /mfa/factors/:id/verify) */
                required: boolean;
              };
              /** @description Absent in cookie mode (X-Edge-Auth-Session: cookie): it is then the __Host-edge-auth-refresh cookie */
              refresh_token?: string;
              /** @constant */
              token_type: 'bearer';
              user: {
                /** @description ISO 8601 timestamp */
                created_at: string;
                email: string;
                email_verified: boolean;
                first_name: string | null;
                id: string;
                last_name: string | null;
                organization: {
                  id: string;
                  name: string;
                } | null;
                /** @description The user's role in their default organization */
                role: ('owner' | 'admin' | 'member') | null;
              };
            };
            /** @example Signed in */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description TOKEN_INVALID: Token is invalid */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'TOKEN_INVALID';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'passkeys.registrationOptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Registration options */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              challenge_id: string;
              /** @description Unix time (seconds) after which the challenge is refused */
              expires_at: number;
              /** @description The W3C JSON options for navigator.credentials (base64url binary fields) */
              options: {
                [key: string]: unknown;
              };
            };
            /** @example Registration options */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'passkeys.registrationVerify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          challenge_id: string;
          /** @description RegistrationResponseJSON: navigator.credentials.create() as JSON */
          credential: {
            [key: string]: unknown;
          };
          friendly_name?: string;
        };
      };
    };
    responses: {
      /** @description Passkey added */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description ISO 8601 timestamp */
              created_at: string;
              friendly_name: string | null;
              id: string;
              last_used_at: string | null;
            };
            /** @example Passkey added */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue; FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED' | 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'account.changePassword': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Password */
          current_password: string;
          /** @description New password: at least 8 characters, at most 72 bytes of UTF-8, not one of the 10,000 most common passwords */
          password: string;
          password_confirmation: string;
        };
      };
    };
    responses: {
      /** @description Password changed */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Password changed';
            };
            /** @example Password changed */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid; WEAK_PASSWORD: The password does not meet the password policy */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR' | 'WEAK_PASSWORD';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired; INVALID_CREDENTIALS: Invalid email or password */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'INVALID_CREDENTIALS';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description ACCOUNT_LOCKED: Too many failed login attempts; try again later; RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'ACCOUNT_LOCKED' | 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'auth.forgotPassword': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Email address; trimmed and compared case-insensitively */
          email: string;
        };
      };
    };
    responses: {
      /** @description Password reset email sent */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Password reset email sent';
            };
            /** @example Password reset email sent */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'auth.resetPassword': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description New password: at least 8 characters, at most 72 bytes of UTF-8, not one of the 10,000 most common passwords */
          password: string;
          password_confirmation: string;
          token: string;
        };
      };
    };
    responses: {
      /** @description Password successfully reset */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              message: 'Password successfully reset';
            };
            /** @example Password successfully reset */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid; WEAK_PASSWORD: The password does not meet the password policy */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR' | 'WEAK_PASSWORD';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'auth.refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          refresh_token?: string;
        };
      };
    };
    responses: {
      /** @description Token refreshed */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Bearer JWT for protected routes */
              access_token: string;
              /** @description Unix time (seconds) at which the access token expires */
              expires_at: number;
              /** @description Seconds until the access token expires */
              expires_in: number;
              mfa: {
                /** @description The verified factors only */
                factors: {
                  friendly_name: string | null;
                  id: string;
                  type: string;
                }[];
                /** @description True when this session is aal1 and the user has a verified factor: verify one (POST /mfa/factors/:id/verify) */
                required: boolean;
              };
              /** @description Absent in cookie mode (X-Edge-Auth-Session: cookie): it is then the __Host-edge-auth-refresh cookie */
              refresh_token?: string;
              /** @constant */
              token_type: 'bearer';
              user: {
                /** @description ISO 8601 timestamp */
                created_at: string;
                email: string;
                email_verified: boolean;
                first_name: string | null;
                id: string;
                last_name: string | null;
                organization: {
                  id: string;
                  name: string;
                } | null;
                /** @description The user's role in their default organization */
                role: ('owner' | 'admin' | 'member') | null;
              };
            };
            /** @example Token refreshed */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'auth.register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Email address; trimmed and compared case-insensitively */
          email: string;
          first_name?: string;
          last_name?: string;
          organization_name?: string;
          /** @description New password: at least 8 characters, at most 72 bytes of UTF-8, not one of the 10,000 most common passwords */
          password: string;
        };
      };
    };
    responses: {
      /** @description Registration successful */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @description Bearer JWT for protected routes */
              access_token?: string;
              /** @constant */
              email_verification_required?: true;
              /** @description Unix time (seconds) at which the access token expires */
              expires_at?: number;
              /** @description Seconds until the access token expires */
              expires_in?: number;
              mfa?: {
                /** @description The verified factors only */
                factors: {
                  friendly_name: string | null;
                  id: string;
                  type: string;
                }[];
                /** @description True when this session is aal1 and the user has a verified factor: verify one (POST /mfa/factors/:id/verify) */
                required: boolean;
              };
              /** @description Absent in cookie mode (X-Edge-Auth-Session: cookie): it is then the __Host-edge-auth-refresh cookie */
              refresh_token?: string;
              /** @constant */
              token_type?: 'bearer';
              user: {
                email: string;
                first_name: string | null;
                id: string;
                last_name: string | null;
              };
            };
            /** @example Registration successful */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid; WEAK_PASSWORD: The password does not meet the password policy */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR' | 'WEAK_PASSWORD';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description EMAIL_TAKEN: Email address is already registered */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'EMAIL_TAKEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'account.listSessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N sessions */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              /**
               * @description aal2 once a second factor was verified in this session
               * @enum {string}
               */
              aal: 'aal1' | 'aal2' | 'aal3';
              /** @description ISO 8601 timestamp */
              created_at: string;
              /** @description The session of the token this request was made with */
              current: boolean;
              id: string;
              /** @description Client IP that signed in, as Supabase Auth stored it */
              ip: string | null;
              /** @description Last sign-in or refresh of the session */
              last_active_at: string;
              /** @description User agent that signed in, as Supabase Auth stored it */
              user_agent: string | null;
            }[];
            /** @example Retrieved N sessions */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'account.endSession': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The session id (UUID) */
        sessionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Session ended */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              id: string;
            };
            /** @example Session ended */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description NOT_FOUND: Resource not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'auth.signup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Email address; trimmed and compared case-insensitively */
          email: string;
          first_name?: string;
          last_name?: string;
          /** @description New password: at least 8 characters, at most 72 bytes of UTF-8, not one of the 10,000 most common passwords */
          password: string;
        };
      };
    };
    responses: {
      /** @description Authentication successful */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              user: {
                /** @description ISO 8601 timestamp */
                created_at: string;
                email: string;
                id: string;
              };
            };
            /** @example Authentication successful */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid; WEAK_PASSWORD: The password does not meet the password policy */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR' | 'WEAK_PASSWORD';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description EMAIL_TAKEN: Email address is already registered */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'EMAIL_TAKEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description FORBIDDEN: You are not allowed to perform this action */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'FORBIDDEN';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Request body is too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Content-Type must be application/json */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description RATE_LIMITED: Too many requests; try again later */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMITED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'organizations.listUserOrganizations': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The user id (UUID) */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Retrieved N organizations for user */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            data: {
              id: string;
              is_personal_account: boolean;
              name: string;
              /** @description Id of the requesting user; null when called with the service key */
              requested_by: string | null;
              /**
               * @description The user's role in the organization
               * @enum {string}
               */
              role: 'OWNER' | 'ADMIN' | 'MEMBER';
              /** @description The user whose membership this is */
              user_id: string;
            }[];
            /** @example Retrieved N organizations for user */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description VALIDATION_ERROR: The request is invalid */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description AUTH_REQUIRED: Authentication required; TOKEN_INVALID: Token is invalid; TOKEN_EXPIRED: Token has expired */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description MFA_REQUIRED: Verify your second factor to continue */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'MFA_REQUIRED';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description UPSTREAM_ERROR: The authentication service returned an invalid response */
      502: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UPSTREAM_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'meta.docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The API reference page */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'meta.health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Service is healthy */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @constant */
              status: 'ok';
              /** @constant */
              supabase: 'ok';
            };
            /** @example Service is healthy */
            message: string;
            /** @constant */
            success: true;
          };
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: The authentication service is unavailable */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
  'meta.openapi': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The OpenAPI document */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, never>;
        };
      };
      /** @description INTERNAL_ERROR: Internal error */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['ErrorEnvelope'];
        };
      };
    };
  };
}
