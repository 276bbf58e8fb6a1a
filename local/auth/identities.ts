/**
 * Manual identity linking, as GoTrue serves it under /user/identities (`LinkIdentity`,
 * `DeleteIdentity`, behind `requireManualLinkingEnabled`). With `enable_manual_linking`
 * off (the CLI's default) both routes answer 404 `manual_linking_disabled` to a signed-in
 * user. With it on:
 * - GET /user/identities/authorize would redirect to the OAuth provider named in
 *   `provider`; the stand-in has no OAuth provider, so it answers as GoTrue does for one
 *   that is not enabled (400 `validation_failed` "Unsupported provider: provider is not
 *   enabled"; an unknown name "Provider X could not be found").
 * - DELETE /user/identities/{identity_id} unlinks one of the user's identities, with
 *   GoTrue's rules: the last identity cannot go (422 `single_identity_not_deletable`),
 *   another user's or an unknown one is 422 `identity_not_found`; a phone identity takes
 *   the phone with it; otherwise, when no identity is left with the user's email, the
 *   email of the best remaining identity (IdP-verified first, then unverified, then none;
 *   oldest first) that no other user has becomes the user's, pending tokens are revoked,
 *   and the address stays confirmed only if it was verified (or confirmations are off);
 *   `app_metadata.providers` is rebuilt from what is left. Answers `{}`.
 */
import type { Context, Hono } from 'hono';
import type { AppContext } from './context.ts';
import { type Db, isUniqueViolation, transaction } from './db.ts';
import { badRequest, forbidden, notFound, unprocessable } from './errors.ts';
import { bearerToken, clientIp } from './request.ts';
import { authenticate } from './tokens.ts';
import { AUD, audit, clearOneTimeTokens, INSTANCE_ID, isUuid, type LoadedUser, mergeMetadata } from './users.ts';

/** The OAuth providers GoTrue knows (`API.Provider`); none is enabled in the stand-in. */
const OAUTH_PROVIDERS = new Set([
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
  'kakao',
  'keycloak',
  'linkedin',
  'linkedin_oidc',
  'notion',
  'snapchat',
  'spotify',
  'slack',
  'slack_oidc',
  'twitch',
  'twitter',
  'x',
  'vercel_marketplace',
  'workos',
  'zoom',
]);

type Identity = LoadedUser['identities'][number];

/** Registers GET /user/identities/authorize and DELETE /user/identities/{identity_id}. */
export function registerIdentities(app: Hono, ctx: AppContext): void {
  app.get('/user/identities/authorize', (c) => linkIdentity(ctx, c));
  app.delete('/user/identities/:identityId', (c) => unlinkIdentity(ctx, c));
}

/** GoTrue's `requireAuthentication` then `requireManualLinkingEnabled`. */
async function linkingUser(ctx: AppContext, c: Context) {
  const auth = await authenticate(ctx.deps, bearerToken(c));
  if (!ctx.deps.config.auth.enableManualLinking) throw notFound('manual_linking_disabled', 'Manual linking is disabled');
  return auth;
}

/** GET /user/identities/authorize: no OAuth provider can be linked in the stand-in. */
async function linkIdentity(ctx: AppContext, c: Context): Promise<Response> {
  await linkingUser(ctx, c);
  const name = (c.req.query('provider') ?? '').toLowerCase();
  let why: string;
  if (name.startsWith('custom:')) why = 'custom OAuth providers are disabled';
  else if (OAUTH_PROVIDERS.has(name)) why = 'provider is not enabled';
  else why = `Provider ${name} could not be found`;
  throw badRequest('validation_failed', `Unsupported provider: ${why}`);
}

/** DELETE /user/identities/{identity_id}. */
async function unlinkIdentity(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { claims, user } = await linkingUser(ctx, c);
  const identityId = c.req.param('identityId') ?? '';
  if (!isUuid(identityId)) throw notFound('validation_failed', 'identity_id must be an UUID');
  const requestAud = c.req.header('x-jwt-aud') || AUD;
  const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
  if (aud !== requestAud) throw forbidden('unexpected_audience', "Token audience doesn't match request audience");
  if (user.identities.length <= 1)
    throw unprocessable('single_identity_not_deletable', 'User must have at least 1 identity after unlinking');
  const identity = user.identities.find((i) => i.id.toLowerCase() === identityId.toLowerCase());
  if (!identity) throw unprocessable('identity_not_found', "Identity doesn't exist");
  const ip = clientIp(c, deps.config);
  const autoconfirm = !deps.config.auth.email.enableConfirmations;
  await transaction(deps.db, async (client) => {
    await audit(client, 'identity_unlinked', user, ip, {
      identity_id: identity.id,
      provider: identity.provider,
      provider_id: identity.provider_id,
    });
    await client.query('delete from auth.identities where id = $1', [identity.id]);
    if (identity.provider === 'phone') {
      await client.query('update auth.users set phone = null, phone_confirmed_at = null, updated_at = now() where id = $1', [user.id]);
    } else {
      try {
        await emailFromIdentities(client, user, autoconfirm);
      } catch (err) {
        if (err instanceof EmailConflict || isUniqueViolation(err, 'users_email_partial_key')) {
          throw unprocessable('email_conflict_identity_not_deletable', 'Unable to unlink identity due to email conflict');
        }
        throw err;
      }
    }
    await updateProviders(client, user.id);
  });
  return c.json({});
}

/** No remaining identity has an email that no other user holds (GoTrue's `UserEmailUniqueConflictError`). */
class EmailConflict extends Error {}

/** GoTrue's rank of an identity when picking the user's email: IdP-verified, unverified, none. */
function rank(i: Identity): number {
  if (!i.email) return 2;
  return i.identity_data?.email_verified === true ? 0 : 1;
}

/** GoTrue's `UpdateUserEmailFromIdentities` after an identity is gone. */
async function emailFromIdentities(client: Db, user: LoadedUser, autoconfirm: boolean): Promise<void> {
  const { rows } = await client.query<Identity>('select * from auth.identities where user_id = $1', [user.id]);
  const current = user.email ?? '';
  if (rows.some((i) => (i.email ?? '') === current)) return;
  rows.sort((a, b) => rank(a) - rank(b) || a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let primary: Identity | undefined;
  for (const i of rows) {
    const taken = await client.query(
      `select 1 from auth.users where instance_id = $1 and lower(email) = lower($2) and aud = $3 and is_sso_user = false limit 1`,
      [INSTANCE_ID, i.email ?? '', user.aud ?? AUD],
    );
    if (!taken.rowCount) {
      primary = i;
      break;
    }
  }
  if (!primary) throw new EmailConflict();
  const email = primary.email ?? '';
  // The new address, and every pending token revoked (GoTrue's `ClearAllPendingTokens`).
  await client.query(
    `update auth.users set email = nullif($2, ''), confirmation_token = '', confirmation_sent_at = null,
            recovery_token = '', recovery_sent_at = null, email_change = '', email_change_token_current = '',
            email_change_token_new = '', email_change_sent_at = null, email_change_confirm_status = 0,
            phone_change = '', phone_change_token = '', phone_change_sent_at = null,
            reauthentication_token = '', reauthentication_sent_at = null, updated_at = now()
      where id = $1`,
    [user.id, email],
  );
  await clearOneTimeTokens(client, user.id);
  if (!email || (primary.identity_data?.email_verified !== true && !autoconfirm)) {
    await client.query(
      `update auth.users set email_confirmed_at = null,
              raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": false}'::jsonb
        where id = $1`,
      [user.id],
    );
  }
}

/** GoTrue's `UpdateAppMetaDataProviders`: `providers` (oldest identity first) and `provider`, merged into app_metadata. */
async function updateProviders(client: Db, userId: string): Promise<void> {
  const { rows } = await client.query<{ provider: string }>(
    'select provider from auth.identities where user_id = $1 order by created_at asc',
    [userId],
  );
  const providers = [...new Set(rows.map((r) => r.provider))];
  const { rows: users } = await client.query<{ raw_app_meta_data: Record<string, unknown> | null }>(
    'select raw_app_meta_data from auth.users where id = $1',
    [userId],
  );
  const update: Record<string, unknown> = { providers };
  if (providers.length > 0) update.provider = providers[0];
  await client.query('update auth.users set raw_app_meta_data = $2, updated_at = now() where id = $1', [
    userId,
    mergeMetadata(users[0]?.raw_app_meta_data ?? null, update),
  ]);
}
