/**
 * Contracts of passkeys (WebAuthn) as a first factor under `/api/v1/auth/passkeys`
 * (strong-auth.md "Passkeys"), on Supabase Auth's passkey API. Options and credentials are
 * the W3C JSON forms (`PublicKeyCredentialCreationOptionsJSON`, `RegistrationResponseJSON`,
 * `PublicKeyCredentialRequestOptionsJSON`, `AuthenticationResponseJSON`), passed through
 * as they are: Supabase Auth checks them. Pure data: the OpenAPI generator imports it.
 */
import * as z from 'zod/mini';
import { isoDateSchema, requiredString, uuidSchema } from '../../http/schemas.ts';
import { sessionSchema } from '../auth/contract.ts';
import { defineGroup } from '../registry.ts';

/** A WebAuthn JSON object (options or credential), checked by Supabase Auth. */
const webauthnJson = z.record(z.string(), z.unknown());

const challengeSchema = z.object({
  challenge_id: z.string(),
  options: webauthnJson.check(z.describe('The W3C JSON options for navigator.credentials (base64url binary fields)')),
  expires_at: z.number().check(z.describe('Unix time (seconds) after which the challenge is refused')),
});

const friendlyNameSchema = requiredString().check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.maxLength(100, 'must be at most 100 characters'),
);

const passkeySchema = z.object({
  id: z.string(),
  friendly_name: z.nullable(z.string()),
  created_at: isoDateSchema,
  last_used_at: z.nullable(isoDateSchema),
});

const passkeyParams = z.object({ passkeyId: uuidSchema.check(z.describe('The passkey id (UUID)')) });
const ceremonyBody = (credential: string) =>
  z.object({
    challenge_id: requiredString().check(z.minLength(1, 'is required'), z.maxLength(200, 'must be at most 200 characters')),
    credential: webauthnJson.check(z.describe(credential)),
  });

/** The passkey route contracts. */
export const passkeysContracts = defineGroup(
  { tag: 'passkeys', basePath: '/api/v1/auth' },
  {
    registrationOptions: {
      method: 'post',
      path: '/passkeys/registration/options',
      auth: 'user',
      success: { status: 200, description: 'Registration options', data: challengeSchema },
      errors: ['FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    registrationVerify: {
      method: 'post',
      path: '/passkeys/registration/verify',
      auth: 'user',
      body: z.object({
        ...ceremonyBody('RegistrationResponseJSON: navigator.credentials.create() as JSON').shape,
        friendly_name: z.optional(friendlyNameSchema),
      }),
      success: { status: 201, description: 'Passkey added', data: passkeySchema },
      errors: ['TOKEN_INVALID', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    authenticationOptions: {
      method: 'post',
      path: '/passkeys/authentication/options',
      auth: 'none',
      success: { status: 200, description: 'Authentication options', data: challengeSchema },
      errors: ['FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    authenticationVerify: {
      method: 'post',
      path: '/passkeys/authentication/verify',
      auth: 'none',
      body: ceremonyBody('AuthenticationResponseJSON: navigator.credentials.get() as JSON'),
      success: { status: 200, description: 'Signed in', data: sessionSchema },
      errors: ['TOKEN_INVALID', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listPasskeys: {
      method: 'get',
      path: '/passkeys',
      auth: 'user',
      success: { status: 200, description: 'Retrieved N passkeys', data: z.array(passkeySchema), list: true },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    renamePasskey: {
      method: 'patch',
      path: '/passkeys/:passkeyId',
      auth: 'user',
      params: passkeyParams,
      body: z.object({ friendly_name: friendlyNameSchema }),
      success: { status: 200, description: 'Passkey renamed', data: passkeySchema },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    deletePasskey: {
      method: 'delete',
      path: '/passkeys/:passkeyId',
      auth: 'user',
      params: passkeyParams,
      success: { status: 200, description: 'Passkey removed', data: z.object({ id: z.string() }) },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
  },
);
