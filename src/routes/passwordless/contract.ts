/**
 * Contracts of sign-in codes and magic links under `/api/v1/auth/otp` (strong-auth.md
 * "Sign-in codes and magic links"). Pure data: the OpenAPI generator imports it.
 */
import * as z from 'zod/mini';
import { emailSchema, requiredString, tokenStringSchema } from '../../http/schemas.ts';
import { messageData, sessionSchema } from '../auth/contract.ts';
import { defineGroup } from '../registry.ts';

/** The six digits of the email, as typed (spaces allowed). */
const signInCodeSchema = requiredString().check(
  z.overwrite((value) => value.replace(/\s+/g, '')),
  z.regex(/^\d{6}$/, 'must be the 6 digits of the email'),
);

/** The passwordless route contracts. */
export const passwordlessContracts = defineGroup(
  { tag: 'passwordless', basePath: '/api/v1/auth' },
  {
    sendCode: {
      method: 'post',
      path: '/otp',
      auth: 'none',
      body: z.object({ email: emailSchema }),
      success: { status: 200, description: 'Sign-in code sent', data: messageData('Sign-in code sent') },
      errors: [],
    },
    verifyCode: {
      method: 'post',
      path: '/otp/verify',
      auth: 'none',
      body: z
        .object({
          email: z.optional(emailSchema),
          code: z.optional(signInCodeSchema),
          token_hash: z.optional(tokenStringSchema.check(z.describe('The `token_hash` of the email link'))),
          type: z.optional(z.literal('magiclink', { error: 'must be magiclink' })),
        })
        .check(
          z.refine(
            (body) =>
              (body.email !== undefined && body.code !== undefined && body.token_hash === undefined) ||
              (body.token_hash !== undefined && body.type !== undefined && body.email === undefined && body.code === undefined),
            { message: 'give either email and code, or token_hash and type' },
          ),
        ),
      success: { status: 200, description: 'Signed in', data: sessionSchema },
      errors: ['TOKEN_INVALID', 'TOKEN_EXPIRED', 'ACCOUNT_LOCKED', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
  },
);
