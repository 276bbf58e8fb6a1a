/**
 * Contracts of sign-in codes and magic links under `/api/v1/auth/otp` (strong-auth.md
 * "Sign-in codes and magic links"). Pure data: the OpenAPI generator imports it.
 */
import * as z from 'zod/mini';
import { CONFIG_DEFAULTS } from '../../env.ts';
import { emailSchema, requiredString, tokenStringSchema } from '../../http/schemas.ts';
import { messageData, sessionSchema } from '../auth/contract.ts';
import { defineGroup } from '../registry.ts';

/** The six digits of the email, as typed (spaces allowed). */
const signInCodeSchema = requiredString().check(
  z.overwrite((value) => value.replace(/\s+/g, '')),
  z.regex(/^\d{6}$/, 'must be the 6 digits of the email'),
);

const { LOCKOUT_MAX_ATTEMPTS, LOCKOUT_WINDOW_SECONDS } = CONFIG_DEFAULTS;

/** The passwordless route contracts. */
export const passwordlessContracts = defineGroup(
  { tag: 'passwordless', basePath: '/api/v1/auth' },
  {
    sendCode: {
      method: 'post',
      path: '/otp',
      auth: 'none',
      summary: 'Email a sign-in code and link',
      description:
        'Answers the same, at once, for every well-formed email (Supabase is asked after the answer): an unknown address ' +
        'gets no account and no mail. The email carries a 6-digit code and a link to the web app’s /sign-in/email page.',
      body: z.object({ email: emailSchema }),
      success: { status: 200, description: 'Sign-in code sent', data: messageData('Sign-in code sent') },
      errors: [],
    },
    verifyCode: {
      method: 'post',
      path: '/otp/verify',
      auth: 'none',
      summary: 'Sign in with the emailed code, or with the link’s token hash',
      description:
        '`{ email, code }` or `{ token_hash, type: "magiclink" }`. Answers the session data of /login (aal1: a user with a ' +
        `second factor must still verify it). Wrong codes are counted per email: at most ${LOCKOUT_MAX_ATTEMPTS} per ` +
        `${LOCKOUT_WINDOW_SECONDS / 60} minutes reach Supabase, then 429 ACCOUNT_LOCKED. Wrong or used: 401 TOKEN_INVALID; ` +
        'expired: 401 TOKEN_EXPIRED.',
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
