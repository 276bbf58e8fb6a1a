/**
 * Contracts of the second factor under `/api/v1/auth/mfa` (strong-auth.md "Second factor
 * (TOTP) and recovery codes"): the caller's factors, enrolling a TOTP factor, verifying a
 * code (which makes the session aal2), removing a factor, recovery codes and signing in
 * with one. Routes marked `aal1` are the ones an aal1 token of a user with a verified
 * factor may call. Pure data: the OpenAPI generator imports it.
 */
import * as z from 'zod/mini';
import { isoDateSchema, requiredString, uuidSchema } from '../../http/schemas.ts';
import { sessionSchema } from '../auth/contract.ts';
import { defineGroup } from '../registry.ts';

/** One factor of the caller. */
const factorSchema = z.object({
  id: z.string(),
  type: z.string().check(z.describe('totp')),
  friendly_name: z.nullable(z.string()),
  status: z.enum(['verified', 'unverified']),
  created_at: isoDateSchema,
});

const factorParams = z.object({ factorId: uuidSchema.check(z.describe('The factor id (UUID)')) });

/** A six-digit TOTP code, as an authenticator app shows it (spaces allowed). */
const totpCodeSchema = requiredString().check(
  z.overwrite((value) => value.replace(/\s+/g, '')),
  z.regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows'),
);

/** A recovery code as the user types it: letter case, spaces and dashes do not matter. */
const recoveryCodeSchema = requiredString().check(
  z.trim(),
  z.minLength(1, 'is required'),
  z.maxLength(64, 'must be at most 64 characters'),
);

/** The second-factor route contracts. */
export const mfaContracts = defineGroup(
  { tag: 'mfa', basePath: '/api/v1/auth' },
  {
    listFactors: {
      method: 'get',
      path: '/mfa/factors',
      auth: 'user',
      aal1: true,
      success: { status: 200, description: 'Retrieved N factors', data: z.array(factorSchema), list: true },
      errors: ['UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    enrollFactor: {
      method: 'post',
      path: '/mfa/factors',
      auth: 'user',
      body: z.object({
        type: z.literal('totp'),
        friendly_name: z.optional(
          requiredString().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100, 'must be at most 100 characters')),
        ),
      }),
      success: {
        status: 201,
        description: 'Factor created: verify a code to turn it on',
        data: z.object({
          id: z.string(),
          type: z.literal('totp'),
          friendly_name: z.nullable(z.string()),
          totp: z.object({
            secret: z.string().check(z.describe('Base32 secret, for typing into the app')),
            uri: z.string().check(z.describe('otpauth://totp/… URI')),
            qr_code: z.string().check(z.describe('The URI as a QR code: an SVG data URL')),
          }),
        }),
      },
      errors: ['CONFLICT', 'LIMIT_REACHED', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    verifyFactor: {
      method: 'post',
      path: '/mfa/factors/:factorId/verify',
      auth: 'user',
      aal1: true,
      params: factorParams,
      body: z.object({ code: totpCodeSchema }),
      success: { status: 200, description: 'Second factor verified', data: sessionSchema },
      errors: ['MFA_CODE_INVALID', 'ACCOUNT_LOCKED', 'NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    deleteFactor: {
      method: 'delete',
      path: '/mfa/factors/:factorId',
      auth: 'user',
      params: factorParams,
      success: { status: 200, description: 'Factor removed', data: z.object({ id: z.string() }) },
      errors: ['NOT_FOUND', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    createRecoveryCodes: {
      method: 'post',
      path: '/mfa/recovery-codes',
      auth: 'user',
      success: { status: 201, description: 'Recovery codes created', data: z.object({ codes: z.array(z.string()) }) },
      errors: ['CONFLICT', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    recover: {
      method: 'post',
      path: '/mfa/recover',
      auth: 'user',
      aal1: true,
      body: z.object({ code: recoveryCodeSchema }),
      success: { status: 200, description: 'Recovery code accepted', data: sessionSchema },
      errors: ['MFA_CODE_INVALID', 'ACCOUNT_LOCKED', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
  },
);
