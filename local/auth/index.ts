/**
 * The GoTrue-compatible auth server of the local stand-in, mounted by the gateway at
 * `/auth/v1`. It serves what @supabase/supabase-js calls for email/password auth —
 * sign-up (anonymous too), password sign-in, refresh with rotation, sign-out, get/update
 * user, reauthenticate, unlinking identities (identities.ts), recover,
 * resend, sign-in codes and magic links (otp.ts), verify, the admin user routes,
 * generate link, invite, TOTP second factors
 * (mfa.ts) and their recovery codes (recovery-codes.ts), passkeys (passkeys.ts) — plus /settings, /health and
 * the JWKS, with GoTrue's paths, JSON shapes, status codes and error codes (see errors.ts
 * for the error body the `X-Supabase-Api-Version` header selects). Users, identities,
 * factors, sessions and tokens live in the `auth` schema, as GoTrue keeps them (schema.ts
 * adds tables newer than a database's bootstrap before the first request is served); every
 * access token goes through the custom access token hook when config.toml enables one
 * (hook.ts).
 */
import { Hono } from 'hono';
import { registerAccount } from './account.ts';
import { registerAdminLinks } from './admin-links.ts';
import { registerAdminUsers } from './admin-users.ts';
import type { AppContext, AuthDeps } from './context.ts';
import { errorResponse } from './errors.ts';
import { registerIdentities } from './identities.ts';
import { registerInvite } from './invite.ts';
import { registerMfa } from './mfa.ts';
import { registerOtp } from './otp.ts';
import { registerPasskeys } from './passkeys.ts';
import { RateLimiter } from './ratelimit.ts';
import { registerReauthenticate } from './reauthenticate.ts';
import { registerRecover } from './recover.ts';
import { registerRecoveryCodes } from './recovery-codes.ts';
import { upgradeAuthSchema } from './schema.ts';
import { registerSignin } from './signin.ts';
import { registerSignup } from './signup.ts';
import { registerVerify } from './verify.ts';

/** Routes (method → paths) for telling 405 from 404 as GoTrue's router does. */
const KNOWN_PATHS: [RegExp, string[]][] = [
  [/^\/signup\/?$/, ['POST']],
  [/^\/token\/?$/, ['POST']],
  [/^\/logout\/?$/, ['POST']],
  [/^\/user\/?$/, ['GET', 'PUT']],
  [/^\/reauthenticate\/?$/, ['GET']],
  [/^\/user\/identities\/authorize\/?$/, ['GET']],
  [/^\/user\/identities\/[^/]+\/?$/, ['DELETE']],
  [/^\/verify\/?$/, ['GET', 'POST']],
  [/^\/recover\/?$/, ['POST']],
  [/^\/resend\/?$/, ['POST']],
  [/^\/otp\/?$/, ['POST']],
  [/^\/magiclink\/?$/, ['POST']],
  [/^\/invite\/?$/, ['POST']],
  [/^\/settings\/?$/, ['GET']],
  [/^\/health\/?$/, ['GET']],
  [/^\/admin\/users\/?$/, ['GET', 'POST']],
  [/^\/admin\/users\/[^/]+\/?$/, ['GET', 'PUT', 'DELETE']],
  [/^\/admin\/generate_link\/?$/, ['POST']],
  [/^\/factors\/?$/, ['POST']],
  [/^\/factors\/recovery-codes\/?$/, ['GET', 'POST', 'DELETE']],
  [/^\/factors\/recovery-codes\/(regenerate|verify)\/?$/, ['POST']],
  [/^\/factors\/[^/]+\/?$/, ['DELETE']],
  [/^\/factors\/[^/]+\/(challenge|verify)\/?$/, ['POST']],
  [/^\/admin\/users\/[^/]+\/factors\/?$/, ['GET']],
  [/^\/admin\/users\/[^/]+\/factors\/[^/]+\/?$/, ['PUT', 'DELETE']],
  [/^\/passkeys\/?$/, ['GET']],
  [/^\/passkeys\/(registration|authentication)\/(options|verify)\/?$/, ['POST']],
  [/^\/passkeys\/[^/]+\/?$/, ['PATCH', 'DELETE']],
  [/^\/admin\/users\/[^/]+\/passkeys\/?$/, ['GET']],
  [/^\/admin\/users\/[^/]+\/passkeys\/[^/]+\/?$/, ['DELETE']],
];

const PROVIDERS = [
  'anonymous_users',
  'apple',
  'azure',
  'bitbucket',
  'discord',
  'facebook',
  'figma',
  'fly',
  'github',
  'gitlab',
  'google',
  'keycloak',
  'kakao',
  'linkedin',
  'linkedin_oidc',
  'notion',
  'spotify',
  'slack',
  'slack_oidc',
  'workos',
  'twitch',
  'twitter',
  'email',
  'phone',
  'zoom',
];

/** Builds the auth app (mount with `app.route('/auth/v1', createAuthApp(deps))`). */
export function createAuthApp(deps: AuthDeps): Hono {
  const app = new Hono({ strict: false });
  const { config } = deps;
  const limiter = new RateLimiter({ ...config.auth.rateLimit, period: config.auth.rateLimitPeriod });
  const ctx: AppContext = { deps, limiter };

  app.onError((err, c) => errorResponse(c, err));

  // A database bootstrapped by an older stand-in gets the newer auth tables first.
  const schemaReady = upgradeAuthSchema(deps.db);
  schemaReady.catch((err) => console.error('[auth] could not bring the auth schema up to date:', err));
  app.use('*', async (_c, next) => {
    await schemaReady;
    await next();
  });

  app.get('/health', (c) =>
    c.json({ version: 'v2.0.0-local', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' }),
  );
  app.get('/.well-known/jwks.json', (c) => c.json(deps.keys.jwks));
  app.get('/settings', (c) => {
    const enabled: Record<string, boolean> = { email: config.auth.email.enableSignup, anonymous_users: config.auth.enableAnonymousSignIns };
    const external = Object.fromEntries(PROVIDERS.map((p) => [p, enabled[p] ?? false]));
    return c.json({
      external,
      disable_signup: !config.auth.enableSignup,
      mailer_autoconfirm: !config.auth.email.enableConfirmations,
      phone_autoconfirm: false,
      sms_provider: 'twilio',
      saml_enabled: false,
      passkeys_enabled: config.auth.passkey.enabled,
    });
  });

  registerSignup(app, ctx);
  registerSignin(app, ctx);
  registerAccount(app, ctx);
  registerReauthenticate(app, ctx);
  registerIdentities(app, ctx);
  registerVerify(app, ctx);
  registerRecover(app, ctx);
  registerOtp(app, ctx);
  registerAdminUsers(app, ctx);
  registerAdminLinks(app, ctx);
  registerInvite(app, ctx);
  registerRecoveryCodes(app, ctx); // before registerMfa: its `/factors/:factorId…` would match these paths
  registerMfa(app, ctx);
  registerPasskeys(app, ctx);
  // Last: what no route took. GoTrue's router answers 405 (empty) for a known path with
  // another method and "404 page not found" otherwise. (A catch-all route, because a
  // mounted app's notFound handler is not consulted by the parent.)
  app.all('*', (c) => {
    const path = c.req.path.replace(/^.*?\/auth\/v1/, '') || '/';
    const known = KNOWN_PATHS.find(([re]) => re.test(path));
    if (known && !known[1].includes(c.req.method)) return c.body(null, 405);
    return c.text('404 page not found\n', 404);
  });
  return app;
}
