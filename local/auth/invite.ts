/**
 * POST /invite, as GoTrue's `Invite`: an admin route (see admin-guard.ts) that creates a
 * user without a password, or re-invites one not yet confirmed (422 `email_exists` once
 * confirmed), and mails the invite link. Following the link confirms the user and signs
 * them in, with a random password the app lets them replace (see verification.ts).
 */
import type { Context, Hono } from 'hono';
import { requireAdmin } from './admin-guard.ts';
import type { AppContext } from './context.ts';
import { transaction } from './db.ts';
import { prepareOtpEmail, referrer } from './email.ts';
import { unprocessable } from './errors.ts';
import { clientIp, readBody } from './request.ts';
import { DUPLICATE_EMAIL, insertEmailUser } from './user-changes.ts';
import { audit, findUserByEmail, findUserById, userJson, validateEmail } from './users.ts';

/** Registers POST /invite. */
export function registerInvite(app: Hono, ctx: AppContext): void {
  app.post('/invite', requireAdmin(ctx.deps), (c) => invite(ctx, c));
}

/** POST /invite: the invited user, and the invite email sent after commit. */
async function invite(ctx: AppContext, c: Context): Promise<Response> {
  const { deps } = ctx;
  const { config } = deps;
  const body = await readBody(c, 'InviteParams');
  const email = validateEmail(body.str('email'));
  const data = body.obj('data') ?? {};
  const ip = clientIp(c, config);
  const mail = { ...ctx, redirectTo: referrer(c, config) };
  const existing = await findUserByEmail(deps.db, email);
  if (existing?.email_confirmed_at) throw unprocessable('email_exists', DUPLICATE_EMAIL);
  const { id, outgoing } = await transaction(deps.db, async (client) => {
    const userId = existing?.id ?? (await insertEmailUser(client, email, '', data));
    const user = (await findUserById(client, userId, true))!;
    await audit(client, 'user_invited', user, ip, { user_id: userId, user_email: email });
    return { id: userId, outgoing: await prepareOtpEmail(client, mail, user, 'invite') };
  });
  deps.sendEmail(outgoing);
  return c.json(userJson((await findUserById(deps.db, id))!));
}
