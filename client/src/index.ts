/**
 * `@edge-auth/client`: a typed client of the edge-auth API for browsers and servers.
 * Types come from the worker's OpenAPI document (schema.ts, generated), requests go
 * through openapi-fetch, and the session (tokens and user) lives in a pluggable storage
 * and is refreshed for you (session.ts). Each method answers the envelope's `data` and
 * throws {@link AuthApiError} for a failure.
 *
 * In browsers the client uses cookie mode by default: the API keeps the refresh token in
 * an HttpOnly cookie, the access token lives in memory (shared by the tabs, see
 * {@link tabStorage}), and a reload gets a session back by POST /refresh with the cookie.
 * Elsewhere (servers, tools, native apps) it uses bearer mode: both tokens in the storage.
 *
 * @example
 * import { createAuthClient } from '@edge-auth/client';
 * const auth = createAuthClient(); // a browser: cookie mode, same origin
 * const user = await auth.login({ email, password });
 * const me = await auth.me(); // refreshed first when the access token is about to expire
 * if ((await auth.assurance())?.pending) await auth.verifyFactor(factorId, code); // the second-factor step
 */
import createClient from 'openapi-fetch';
import { AuthApiError } from './errors.js';
import type { paths } from './schema.js';
import { type Assurance, assuranceOf, type Lock, SessionKeeper, type TokenData, webLock } from './session.js';
import { memoryStorage, type Session, type SessionStorage, tabStorage } from './storage.js';
import { createCredential, credentials, getCredential, type WebAuthnJson } from './webauthn.js';

export { AuthApiError, type ErrorCode, type ErrorDetail } from './errors.js';
export type { components, paths } from './schema.js';
export { type Assurance, type AssuranceLevel, assuranceOf, type Lock, webLock } from './session.js';
export {
  localStorageAdapter,
  memoryStorage,
  type Session,
  type SessionMfa,
  type SessionStorage,
  type SessionUser,
  tabStorage,
} from './storage.js';
export type { WebAuthnJson } from './webauthn.js';

/** Options of {@link createAuthClient}. */
export interface AuthClientOptions {
  /** Origin of the API (paths start with `/api/v1/auth`). Default `''`: the page's own origin. */
  baseUrl?: string;
  /**
   * How the refresh token is kept. `cookie` (the default in browsers): the API sets it as
   * the HttpOnly cookie `__Host-edge-auth-refresh` and leaves it out of the JSON; every
   * request carries `X-Edge-Auth-Session: cookie` and `credentials: 'include'`, and the
   * page's origin must be in the worker's `CORS_ORIGINS`, on the same site as the API.
   * `bearer` (the default elsewhere): the refresh token comes in the JSON and is stored
   * with the session, for servers, command-line tools and native apps.
   */
  session?: 'cookie' | 'bearer';
  /**
   * Where the session lives. Default in cookie mode {@link tabStorage} (memory shared by
   * the tabs), in bearer mode {@link memoryStorage}; {@link localStorageAdapter} keeps a
   * bearer session across reloads (the refresh token then readable by the page's scripts).
   */
  storage?: SessionStorage;
  /** The network, called with a `Request`. Default `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Refresh when the access token has fewer seconds left than this. Default 60. */
  refreshMargin?: number;
  /** Lock around a refresh, shared by everything that shares the storage. Default {@link webLock} (Web Locks across tabs). */
  lock?: Lock;
  /** Name of that lock. Default `edge-auth.refresh`. */
  lockName?: string;
}

type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The envelope's `data` of the success of P's method M. */
type Data<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': { data: infer D } } } };
}
  ? D
  : never;

/** The body of POST /otp/verify: the emailed code with its address, or the email link's `token_hash` and `type`. */
export type SignInCode = { email: string; code: string } | { token_hash: string; type: 'magiclink' };

/** Options of {@link AuthClient.registerPasskey}. */
export interface RegisterPasskeyOptions {
  /** The name shown in the list of passkeys (1–100 characters); without one the API names it after the authenticator. */
  friendly_name?: string;
  /** Aborts the browser's dialog. */
  signal?: AbortSignal;
}

/** Options of {@link AuthClient.signInWithPasskey}. */
export interface PasskeySignInOptions {
  /**
   * Conditional UI: the browser offers the passkeys in the autofill of a field with
   * `autocomplete="username webauthn"` instead of a dialog, and the call waits until one is
   * chosen. Start it when the sign-in page opens (when
   * `PublicKeyCredential.isConditionalMediationAvailable()` says so) and abort it through
   * `signal` when the form is sent another way or the page is left.
   */
  conditional?: boolean;
  /** Aborts the ceremony (the call rejects with the browser's AbortError). */
  signal?: AbortSignal;
}

/** The envelope's `data` of a success; throws AuthApiError otherwise. */
async function unwrap<T>(call: Promise<{ data?: { data: T }; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (data === undefined) throw new AuthApiError(response.status, error, response.headers);
  return data.data;
}

/**
 * Creates a client. Every method that needs a signed-in user sends the stored access
 * token, refreshing it first when it expires within `refreshMargin` seconds, and once
 * more when the API answers 401 TOKEN_EXPIRED / TOKEN_INVALID. When a refresh is refused
 * the session is cleared (listeners of {@link AuthClient.onChange} hear `null`).
 */
export function createAuthClient(options: AuthClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const cookie = (options.session ?? (inBrowser() ? 'cookie' : 'bearer')) === 'cookie';
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const network = cookie ? (request: Request) => send(cookieModeRequest(request)) : send;
  const plain = createClient<paths>({ baseUrl, fetch: network });
  const keeper = new SessionKeeper({
    storage: options.storage ?? (cookie ? tabStorage() : memoryStorage()),
    fetch: network,
    refreshMargin: options.refreshMargin ?? 60,
    lock: options.lock ?? webLock,
    lockName: options.lockName ?? 'edge-auth.refresh',
    cookie,
    async refresh(refresh_token) {
      try {
        // Cookie mode: an empty body, the API reads (and rotates) the cookie.
        const body = cookie ? {} : { refresh_token };
        const { data, response } = await plain.POST('/api/v1/auth/refresh', { body });
        return data ? { data: data.data } : { status: response.status };
      } catch {
        return { status: 0 };
      }
    },
  });
  /** The typed openapi-fetch client with the session: any path of the API, e.g. `api.GET('/api/v1/auth/organizations')`. */
  const api = createClient<paths>({ baseUrl, fetch: (request) => keeper.fetch(request) });
  const signIn = async (call: Promise<{ data?: { data: TokenData }; error?: unknown; response: Response }>) =>
    (await keeper.store(await unwrap(call))).user;

  return {
    api,
    /** `cookie` or `bearer`: how this client keeps the refresh token (see {@link AuthClientOptions.session}). */
    mode: (cookie ? 'cookie' : 'bearer') as 'cookie' | 'bearer',
    /** The stored session (possibly expired), or null. In cookie mode the first call after a reload restores it (other tabs, else POST /refresh with the cookie). */
    session: (): Promise<Session | null> => keeper.current(),
    /**
     * The stored session's assurance, or null when signed out: `aal` from its access token,
     * and `pending` with the `factors` to choose from while a second-factor step is due
     * (`mfa.required` of the last answer that carried the session: after /login, until
     * {@link verifyFactor} or {@link recover}). See {@link assuranceOf} for a session at hand.
     */
    assurance: async (): Promise<Assurance | null> => {
      const session = await keeper.current();
      return session ? assuranceOf(session) : null;
    },
    /** A valid access token for other services (refreshed when needed), or null when signed out. */
    accessToken: async (): Promise<string | null> => (await keeper.fresh())?.access_token ?? null,
    /** Calls `listener` after each sign-in, refresh and sign-out (also other tabs'). Returns an unsubscribe function. */
    onChange: (listener: (session: Session | null) => void) => keeper.onChange(listener),
    /** Forgets the session on this device without calling the API. */
    clear: () => keeper.clear(),

    /** POST /login: signs in and stores the session. */
    login: (body: Body<'/api/v1/auth/login', 'post'>) => signIn(plain.POST('/api/v1/auth/login', { body })),
    /** POST /register: the user, the profile and organizations; signs in when the API issues a session (not while email confirmation is pending). */
    async register(body: Body<'/api/v1/auth/register', 'post'>) {
      const data = await unwrap(plain.POST('/api/v1/auth/register', { body }));
      const { access_token, refresh_token, expires_in, mfa } = data;
      if (access_token && (refresh_token || cookie) && expires_in)
        await keeper.store({ access_token, refresh_token, expires_in, user: data.user, mfa });
      return data;
    },
    /** POST /signup: creates the user only (sign in afterwards). */
    signup: (body: Body<'/api/v1/auth/signup', 'post'>) => unwrap(plain.POST('/api/v1/auth/signup', { body })),
    /** POST /email/verify: confirms the address from an email link and signs in. */
    verifyEmail: (body: Body<'/api/v1/auth/email/verify', 'post'>) => signIn(plain.POST('/api/v1/auth/email/verify', { body })),
    /** POST /email/resend: sends the confirmation email again (same answer for every address). */
    resendVerification: (email: string) => unwrap(plain.POST('/api/v1/auth/email/resend', { body: { email } })),
    /** POST /password/forgot: emails a reset link (same answer for every address). */
    forgotPassword: (email: string) => unwrap(plain.POST('/api/v1/auth/password/forgot', { body: { email } })),
    /** POST /password/reset with the link's `token_hash`. Every session of the user ends, so this device's is forgotten too. */
    async resetPassword(body: Body<'/api/v1/auth/password/reset', 'post'>) {
      const data = await unwrap(plain.POST('/api/v1/auth/password/reset', { body }));
      await keeper.clear();
      return data;
    },

    /**
     * POST /logout, then forgets the session here (also when it had already ended). Scope
     * `local` (default) ends this session, `global` every session of the user, `others`
     * every other one (this one stays signed in). In cookie mode the API clears the
     * refresh cookie too (not with `others`).
     */
    async logout(scope: 'local' | 'global' | 'others' = 'local') {
      try {
        if (await keeper.current()) await unwrap(api.POST('/api/v1/auth/logout', { body: { scope } }));
      } catch (err) {
        if (!(err instanceof AuthApiError && err.status === 401)) throw err;
      } finally {
        if (scope !== 'others') await keeper.clear();
      }
    },
    /** GET /me. */
    me: () => unwrap(api.GET('/api/v1/auth/me')),
    /**
     * DELETE /me: deletes the signed-in user's account, proved by the `password`, or by a
     * `code` from {@link sendSignInCode} (users without a password); a user with a second
     * factor needs an `aal2` session (either body then, or `{}`). Every session ends and
     * this device's is forgotten (cookie mode: the cookie is cleared). A wrong password is
     * 401 INVALID_CREDENTIALS (it counts toward the lockout), a wrong code 401 TOKEN_INVALID.
     */
    async deleteAccount(proof: { password: string } | { code: string } | Record<string, never>) {
      const data = await unwrap(api.DELETE('/api/v1/auth/me', { body: proof }));
      await keeper.clear();
      return data;
    },
    /** PATCH /me: first and last name. */
    updateMe: (body: Body<'/api/v1/auth/me', 'patch'>) => unwrap(api.PATCH('/api/v1/auth/me', { body })),
    /** POST /password/change: needs the current password; every other session of the user ends. */
    changePassword: (body: Body<'/api/v1/auth/password/change', 'post'>) => unwrap(api.POST('/api/v1/auth/password/change', { body })),
    /** GET /sessions: the user's sessions, newest first, this one marked `current`. */
    sessions: () => unwrap(api.GET('/api/v1/auth/sessions')),
    /** DELETE /sessions/{id}: signs that device out; its access token is refused at once. */
    endSession: (sessionId: string) => unwrap(api.DELETE('/api/v1/auth/sessions/{sessionId}', { params: { path: { sessionId } } })),
    /**
     * POST /refresh now, whatever the access token's expiry (e.g. after
     * {@link setActiveOrganization}, so that the token carries the new organization).
     * Resolves to the new session, or null when it has ended (it is then cleared).
     */
    async refresh(): Promise<Session | null> {
      const session = await keeper.current();
      return session ? keeper.refresh(session) : null;
    },

    /** GET /organizations: the user's organizations with their role and `mfa_required`, by name. */
    organizations: () => unwrap(api.GET('/api/v1/auth/organizations')),
    /** POST /organizations: a team organization `{ name, slug? }`; the caller is its OWNER. */
    createOrganization: (body: Body<'/api/v1/auth/organizations', 'post'>) => unwrap(api.POST('/api/v1/auth/organizations', { body })),
    /** GET /organizations/{orgId}: name, slug, plan, `require_mfa`, the caller's role, member count (404 for a non-member; 403 MFA_REQUIRED below `aal2` when it requires a second factor). */
    organization: (orgId: string) => unwrap(api.GET('/api/v1/auth/organizations/{orgId}', { params: { path: { orgId } } })),
    /**
     * PATCH /organizations/{orgId}: `{ name?, slug? }` (OWNER, ADMIN); `{ require_mfa }` by an
     * OWNER whose session is `aal2` (an owner without a verified factor: 403 MFA_REQUIRED).
     */
    updateOrganization: (orgId: string, body: Body<'/api/v1/auth/organizations/{orgId}', 'patch'>) =>
      unwrap(api.PATCH('/api/v1/auth/organizations/{orgId}', { params: { path: { orgId } }, body })),
    /** DELETE /organizations/{orgId}: a team organization, with its memberships and invitations (OWNER). */
    deleteOrganization: (orgId: string) => unwrap(api.DELETE('/api/v1/auth/organizations/{orgId}', { params: { path: { orgId } } })),
    /** GET /organizations/{orgId}/members: by role (OWNER first), then email; `limit` (default 50) and `offset`. */
    members: (orgId: string, page: { limit?: number; offset?: number } = {}) =>
      unwrap(
        api.GET('/api/v1/auth/organizations/{orgId}/members', {
          params: { path: { orgId }, query: { limit: page.limit?.toString(), offset: page.offset?.toString() } },
        }),
      ),
    /** PATCH /organizations/{orgId}/members/{userId}: `role` (OWNER: any, keeping an OWNER; ADMIN: MEMBER ↔ ADMIN). */
    changeMemberRole: (orgId: string, userId: string, role: OrganizationRole) =>
      unwrap(api.PATCH('/api/v1/auth/organizations/{orgId}/members/{userId}', { params: { path: { orgId, userId } }, body: { role } })),
    /** DELETE /organizations/{orgId}/members/{userId}: removes the member (the caller's own id: leaves). */
    removeMember: (orgId: string, userId: string) =>
      unwrap(api.DELETE('/api/v1/auth/organizations/{orgId}/members/{userId}', { params: { path: { orgId, userId } } })),
    /** POST /organizations/{orgId}/leave (not the last OWNER, never the personal organization). */
    leaveOrganization: (orgId: string) => unwrap(api.POST('/api/v1/auth/organizations/{orgId}/leave', { params: { path: { orgId } } })),
    /** POST /organizations/{orgId}/transfer-ownership: that member becomes OWNER, the caller ADMIN. */
    transferOwnership: (orgId: string, userId: string) =>
      unwrap(api.POST('/api/v1/auth/organizations/{orgId}/transfer-ownership', { params: { path: { orgId } }, body: { user_id: userId } })),
    /** POST /organizations/{orgId}/invitations: `{ email, role? }`; `delivered: false` when no email went out (deliver the link yourself). */
    invite: (orgId: string, body: Body<'/api/v1/auth/organizations/{orgId}/invitations', 'post'>) =>
      unwrap(api.POST('/api/v1/auth/organizations/{orgId}/invitations', { params: { path: { orgId } }, body })),
    /** GET /organizations/{orgId}/invitations: the pending invitations (OWNER, ADMIN). */
    organizationInvitations: (orgId: string) =>
      unwrap(api.GET('/api/v1/auth/organizations/{orgId}/invitations', { params: { path: { orgId } } })),
    /** DELETE /organizations/{orgId}/invitations/{invitationId}: revokes a pending invitation (OWNER, ADMIN). */
    revokeInvitation: (orgId: string, invitationId: string) =>
      unwrap(api.DELETE('/api/v1/auth/organizations/{orgId}/invitations/{invitationId}', { params: { path: { orgId, invitationId } } })),
    /** GET /organizations/{orgId}/audit: newest first; `limit` (default 50), `before` an entry id (OWNER, ADMIN). */
    audit: (orgId: string, page: { limit?: number; before?: number } = {}) =>
      unwrap(
        api.GET('/api/v1/auth/organizations/{orgId}/audit', {
          params: { path: { orgId }, query: { limit: page.limit?.toString(), before: page.before?.toString() } },
        }),
      ),

    /**
     * POST /organizations/{orgId}/api-keys: `{ name, scopes, expires_at? }` (OWNER, ADMIN). The
     * answer's `key` (`eak_…`) appears only here; later lists show its `prefix`.
     */
    createApiKey: (orgId: string, body: Body<'/api/v1/auth/organizations/{orgId}/api-keys', 'post'>) =>
      unwrap(api.POST('/api/v1/auth/organizations/{orgId}/api-keys', { params: { path: { orgId } }, body })),
    /** GET /organizations/{orgId}/api-keys: the organization's keys without `key`, newest first (OWNER, ADMIN). */
    apiKeys: (orgId: string) => unwrap(api.GET('/api/v1/auth/organizations/{orgId}/api-keys', { params: { path: { orgId } } })),
    /** DELETE /organizations/{orgId}/api-keys/{keyId}: the key is refused from the next request on (OWNER, ADMIN). */
    revokeApiKey: (orgId: string, keyId: string) =>
      unwrap(api.DELETE('/api/v1/auth/organizations/{orgId}/api-keys/{keyId}', { params: { path: { orgId, keyId } } })),
    /**
     * POST /organizations/{orgId}/webhooks: `{ url, events }` (`['*']`: every event; OWNER,
     * ADMIN). The answer's signing `secret` (`whsec_…`) appears only here.
     */
    createWebhook: (orgId: string, body: Body<'/api/v1/auth/organizations/{orgId}/webhooks', 'post'>) =>
      unwrap(api.POST('/api/v1/auth/organizations/{orgId}/webhooks', { params: { path: { orgId } }, body })),
    /** GET /organizations/{orgId}/webhooks: the organization's webhooks without `secret` (OWNER, ADMIN). */
    webhooks: (orgId: string) => unwrap(api.GET('/api/v1/auth/organizations/{orgId}/webhooks', { params: { path: { orgId } } })),
    /** DELETE /organizations/{orgId}/webhooks/{webhookId}: no further deliveries (OWNER, ADMIN). */
    deleteWebhook: (orgId: string, webhookId: string) =>
      unwrap(api.DELETE('/api/v1/auth/organizations/{orgId}/webhooks/{webhookId}', { params: { path: { orgId, webhookId } } })),
    /** GET /organizations/{orgId}/webhooks/{webhookId}/deliveries: the last 100 attempts `{ event_id, type, attempt, status, response_status, at }`. */
    webhookDeliveries: (orgId: string, webhookId: string) =>
      unwrap(api.GET('/api/v1/auth/organizations/{orgId}/webhooks/{webhookId}/deliveries', { params: { path: { orgId, webhookId } } })),
    /** GET /invitations: the pending invitations addressed to the caller's confirmed email. */
    invitations: () => unwrap(api.GET('/api/v1/auth/invitations')),
    /** POST /invitations/{invitationId}/accept: joins with the invited role; answers the organization. */
    acceptInvitation: (invitationId: string) =>
      unwrap(api.POST('/api/v1/auth/invitations/{invitationId}/accept', { params: { path: { invitationId } } })),
    /** POST /invitations/{invitationId}/decline. */
    declineInvitation: (invitationId: string) =>
      unwrap(api.POST('/api/v1/auth/invitations/{invitationId}/decline', { params: { path: { invitationId } } })),

    /** GET /mfa/factors: the user's second factors, verified and unverified (allowed while the second-factor step is pending). */
    factors: () => unwrap(api.GET('/api/v1/auth/mfa/factors')),
    /**
     * POST /mfa/factors: starts enrolling an authenticator app (TOTP). Answers the factor's
     * `id` and `totp: { secret, uri, qr_code }` (the QR code an SVG data URL, for an <img>);
     * the factor stays unverified until {@link verifyFactor} accepts a code from the app.
     * With a verified factor already, this needs an `aal2` session.
     */
    enrollFactor: (options: { friendly_name?: string } = {}) =>
      unwrap(api.POST('/api/v1/auth/mfa/factors', { body: { type: 'totp', ...options } })),
    /**
     * POST /mfa/factors/{factorId}/verify with the app's 6-digit code: turns an enrolled
     * factor on, or completes the second-factor step of a sign-in. The answer is a session
     * at `aal2`, stored in place of this one as a sign-in is; answers the user. A wrong,
     * expired or already used code: 401 MFA_CODE_INVALID (the session is kept).
     */
    verifyFactor: (factorId: string, code: string) =>
      signIn(api.POST('/api/v1/auth/mfa/factors/{factorId}/verify', { params: { path: { factorId } }, body: { code } })),
    /** DELETE /mfa/factors/{factorId}: a verified factor needs an `aal2` session. This session keeps its level until it refreshes. */
    deleteFactor: (factorId: string) => unwrap(api.DELETE('/api/v1/auth/mfa/factors/{factorId}', { params: { path: { factorId } } })),
    /** POST /mfa/recovery-codes (`aal2`): ten new single-use codes, shown only in this answer; earlier codes stop working. */
    createRecoveryCodes: () => unwrap(api.POST('/api/v1/auth/mfa/recovery-codes')),
    /** POST /mfa/recover: a recovery code instead of the app's code; like {@link verifyFactor}, stores the `aal2` session and answers the user. */
    recover: (code: string) => signIn(api.POST('/api/v1/auth/mfa/recover', { body: { code } })),

    /**
     * POST /otp: emails a 6-digit sign-in code and a link to the web app's
     * `/sign-in/email?token_hash=…&type=magiclink`. The same answer at once for every
     * address (an unknown one gets no mail and no account).
     */
    sendSignInCode: (email: string) => unwrap(plain.POST('/api/v1/auth/otp', { body: { email } })),
    /**
     * POST /otp/verify with `{ email, code }` (the emailed code) or `{ token_hash, type }`
     * (the link's query): signs in and stores the session as {@link login} does (aal1; see
     * {@link assurance} for a second-factor step). Answers the user. Wrong or used: 401
     * TOKEN_INVALID; expired: 401 TOKEN_EXPIRED; too many wrong codes: 429 ACCOUNT_LOCKED.
     */
    verifySignInCode: (body: SignInCode) => signIn(plain.POST('/api/v1/auth/otp/verify', { body })),

    /**
     * Adds a passkey to the signed-in user's account: {@link passkeyRegistrationOptions},
     * `navigator.credentials.create()`, {@link verifyPasskeyRegistration}. Answers the new
     * passkey. The browser's own failures are its DOMExceptions (NotAllowedError: cancelled
     * or timed out; InvalidStateError: this authenticator already holds a passkey of the
     * account; NotSupportedError: no WebAuthn here); the API's are AuthApiError.
     */
    async registerPasskey(options: RegisterPasskeyOptions = {}) {
      const container = credentials();
      const { challenge_id, options: publicKey } = await unwrap(api.POST('/api/v1/auth/passkeys/registration/options'));
      const credential = await createCredential(container, publicKey, options.signal);
      const name = options.friendly_name?.trim();
      return unwrap(
        api.POST('/api/v1/auth/passkeys/registration/verify', {
          body: { challenge_id, credential, ...(name ? { friendly_name: name } : {}) },
        }),
      );
    },
    /**
     * Signs in with a passkey (discoverable: the browser offers those it has for this site):
     * {@link passkeyAuthenticationOptions}, `navigator.credentials.get()`,
     * {@link verifyPasskeyAuthentication}, which stores the session as {@link login} does
     * (aal1). Answers the user. Browser failures are DOMExceptions (NotAllowedError,
     * AbortError when `signal` aborted); a refused passkey is 401 TOKEN_INVALID.
     */
    async signInWithPasskey(options: PasskeySignInOptions = {}) {
      const container = credentials();
      const { challenge_id, options: publicKey } = await unwrap(plain.POST('/api/v1/auth/passkeys/authentication/options'));
      const credential = await getCredential(container, publicKey, options.conditional ?? false, options.signal);
      return signIn(plain.POST('/api/v1/auth/passkeys/authentication/verify', { body: { challenge_id, credential } }));
    },
    /** POST /passkeys/registration/options (signed in): `{ challenge_id, options, expires_at }`, `options` for `navigator.credentials.create()` as JSON. */
    passkeyRegistrationOptions: () => unwrap(api.POST('/api/v1/auth/passkeys/registration/options')),
    /** POST /passkeys/registration/verify: the `RegistrationResponseJSON` of that challenge, and a name; answers the passkey (201). */
    verifyPasskeyRegistration: (body: { challenge_id: string; credential: WebAuthnJson; friendly_name?: string }) =>
      unwrap(api.POST('/api/v1/auth/passkeys/registration/verify', { body })),
    /** POST /passkeys/authentication/options (no session needed): options for `navigator.credentials.get()` as JSON. */
    passkeyAuthenticationOptions: () => unwrap(plain.POST('/api/v1/auth/passkeys/authentication/options')),
    /** POST /passkeys/authentication/verify with the `AuthenticationResponseJSON`: signs in and stores the session; answers the user. */
    verifyPasskeyAuthentication: (body: { challenge_id: string; credential: WebAuthnJson }) =>
      signIn(plain.POST('/api/v1/auth/passkeys/authentication/verify', { body })),
    /** GET /passkeys: the user's passkeys `{ id, friendly_name, created_at, last_used_at }`. */
    passkeys: () => unwrap(api.GET('/api/v1/auth/passkeys')),
    /** PATCH /passkeys/{passkeyId}: a new name (1–100 characters); answers the passkey. */
    renamePasskey: (passkeyId: string, friendlyName: string) =>
      unwrap(api.PATCH('/api/v1/auth/passkeys/{passkeyId}', { params: { path: { passkeyId } }, body: { friendly_name: friendlyName } })),
    /** DELETE /passkeys/{passkeyId}: it can no longer sign in. Needs `aal2` when the user has a second factor. */
    deletePasskey: (passkeyId: string) => unwrap(api.DELETE('/api/v1/auth/passkeys/{passkeyId}', { params: { path: { passkeyId } } })),

    /**
     * PUT /me/organization, then a refresh, so that the stored access token carries the
     * new active organization in its `organization` claim. Answers the /me data.
     */
    async setActiveOrganization(organizationId: string) {
      const me = await unwrap(api.PUT('/api/v1/auth/me/organization', { body: { organization_id: organizationId } }));
      const session = await keeper.current();
      if (session) await keeper.refresh(session);
      return me;
    },
  };
}

/** True in a browser page (cookie mode is then the default). */
function inBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document === 'object';
}

/** The request in cookie mode: the mode's header, and cookies sent and taken also across origins. */
function cookieModeRequest(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set('X-Edge-Auth-Session', 'cookie');
  // Typed loosely: some runtimes' RequestInit types (workerd's) have no `credentials`.
  const init: { headers: Headers; credentials: string } = { headers, credentials: 'include' };
  try {
    return new Request(request, init as RequestInit);
  } catch {
    // A runtime without `credentials` (workerd, tests): the header alone; cookies are the caller's `fetch`'s business there.
    return new Request(request, { headers });
  }
}

/** A role in an organization, as the API answers it (requests take any letter case). */
export type OrganizationRole = Data<'/api/v1/auth/organizations/{orgId}', 'get'>['role'];

/** A client made by {@link createAuthClient}. */
export type AuthClient = ReturnType<typeof createAuthClient>;
