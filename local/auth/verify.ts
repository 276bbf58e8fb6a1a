/**
 * POST /verify and GET /verify, as GoTrue's `Verify`: each consumes an email token once
 * (see verification.ts). POST takes `{type, token_hash}` or `{type, email, token}` (the
 * emailed OTP, `otp_length` digits) and answers a new session; GET (the link in the
 * email) redirects (303) to `redirect_to` with the session — or the error — in the URL
 * fragment. Type `email` is a signup or a magic link, whichever the token is.
 */
import type { Context, Hono } from 'hono';
import type { AppContext } from './context.ts';
import { type Db, transaction } from './db.ts';
import { referrer, tokenHash } from './email.ts';
import { AuthError, badRequest, forbidden } from './errors.ts';
import { clientIp, rateLimitIp, readBody } from './request.ts';
import { validateEmail, validatePhone } from './users.ts';
import { isVerifyType, OTP_INVALID, type Verified, verifyOtp, verifyTokenHash } from './verification.ts';

const SINGLE_CONFIRMATION = 'Confirmation link accepted. Please proceed to confirm link sent to the other email';

/** Registers POST /verify and GET /verify. */
export function registerVerify(app: Hono, ctx: AppContext): void {
  app.post('/verify', (c) => verifyPost(ctx, c));
  app.get('/verify', (c) => verifyLink(ctx, c));
}

/** POST /verify: a token hash, or an email address and OTP; answers the session as JSON. */
async function verifyPost({ deps, limiter }: AppContext, c: Context): Promise<Response> {
  const { config } = deps;
  const ip = clientIp(c, config);
  limiter.hit('verify', rateLimitIp(c, config));
  const body = await readBody(c, 'VerifyParams');
  const type = body.str('type');
  const token = body.str('token');
  let hash = body.str('token_hash');
  const email = body.str('email');
  const phone = body.str('phone');
  if (!type) throw badRequest('validation_failed', 'Verify requires a verification type');
  if ((!token && !hash) || (token && hash)) throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
  let address = '';
  if (token) {
    if (phone && !email) {
      // GoTrue checks the number's format before it looks for a user with it.
      validatePhone(phone);
      throw forbidden('otp_expired', OTP_INVALID);
    }
    if (!email || phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided on verify');
    try {
      address = validateEmail(email);
    } catch {
      throw new AuthError(422, 'validation_failed', 'Invalid email format');
    }
    hash = tokenHash(address, token);
  } else if (email || phone || body.str('redirect_to')) {
    throw badRequest('validation_failed', 'Only the token_hash and type should be provided');
  }
  const meta = { ip, userAgent: c.req.header('user-agent') };
  // GoTrue's verifyTokenHash knows only the email types; with an OTP, any other type finds
  // the user and then no valid token (verifyUserAndToken).
  let verify: (client: Db) => Promise<Verified>;
  if (token) verify = (client) => verifyOtp(deps, client, type, address, hash, meta);
  else if (isVerifyType(type)) verify = (client) => verifyTokenHash(deps, client, type, hash, meta);
  else throw badRequest('validation_failed', 'Invalid email verification type');
  const result = await transaction(deps.db, verify);
  if ('single' in result) return c.json({ msg: SINGLE_CONFIRMATION, code: '200' });
  return c.json(result.session);
}

/**
 * GET /verify: the link in the email. Its token is a token hash; success and failure
 * alike redirect (303) to `redirect_to`, with the session or the error in the fragment.
 */
async function verifyLink({ deps, limiter }: AppContext, c: Context): Promise<Response> {
  const { config } = deps;
  const ip = clientIp(c, config);
  limiter.hit('verify', rateLimitIp(c, config));
  const type = c.req.query('type') ?? '';
  const token = c.req.query('token') ?? '';
  const redirectTo = referrer(c, config);
  if (!type) throw badRequest('validation_failed', 'Verify requires a verification type');
  if (!token) throw badRequest('validation_failed', 'Verify requires a token or a token hash');
  const meta = { ip, userAgent: c.req.header('user-agent') };
  let result: Verified;
  try {
    // GoTrue's `verifyTokenHash` knows the email types only; `email` becomes signup or magiclink.
    if (!isVerifyType(type)) throw badRequest('validation_failed', 'Invalid email verification type');
    result = await transaction(deps.db, (client) => verifyTokenHash(deps, client, type, token, meta));
  } catch (err) {
    if (err instanceof AuthError) return c.redirect(errorRedirect(redirectTo, err), 303);
    throw err;
  }
  if ('single' in result) return c.redirect(withFragment(redirectTo, new URLSearchParams({ message: SINGLE_CONFIRMATION })), 303);
  const s = result.session;
  const fragment = new URLSearchParams({
    access_token: s.access_token,
    expires_at: String(s.expires_at),
    expires_in: String(s.expires_in),
    refresh_token: s.refresh_token,
    token_type: s.token_type,
    type: result.type,
  });
  return c.redirect(`${redirectTo}#${fragment.toString()}`, 303);
}

function withFragment(url: string, params: URLSearchParams): string {
  const base = url.split('#')[0]!;
  return `${base}#${params.toString()}`;
}

const OAUTH_ERROR: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized_client',
  403: 'access_denied',
  500: 'server_error',
  503: 'temporarily_unavailable',
};

/** GoTrue's `prepErrorRedirectURL`: the error in the fragment of `redirect_to`. */
function errorRedirect(redirectTo: string, err: AuthError): string {
  const params = new URLSearchParams();
  const oauth = OAUTH_ERROR[err.status];
  if (oauth) params.set('error', oauth);
  params.set('error_code', err.code);
  params.set('error_description', err.message);
  return withFragment(redirectTo, params);
}
