/**
 * The invitee's side of invitations:
 * - /invitations: the pending invitations addressed to the signed-in user's confirmed
 *   address (GET /invitations), each with Accept and Decline;
 * - /invitations/<id>: the page the invitation email links to. Signed out, it asks to
 *   sign in — or create an account — with the invited address, and comes back here
 *   afterwards. Signed in, it shows the invitation with Accept and Decline; when it is
 *   not among the user's invitations it explains why that may be (another address, an
 *   unconfirmed one, or an invitation already answered, revoked or expired).
 *
 * There is no endpoint that shows an invitation to anyone but its addressee, so the page
 * knows it only from the invitee's own list; accepting is decided by the API.
 */
import { AuthApiError, type AuthClient } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { actionButton, h, messageRegion, roleName, time } from '../ui.ts';
import { resendButton } from './verify.ts';

type MyInvitation = Awaited<ReturnType<AuthClient['invitations']>>[number];

/** "Ada Lovelace (ada@example.com)", "ada@example.com", or null. */
function inviter(inv: MyInvitation): string | null {
  if (inv.inviter_name && inv.inviter_email) return `${inv.inviter_name} (${inv.inviter_email})`;
  return inv.inviter_name ?? inv.inviter_email;
}

/** Accept and Decline for `inv`: accepting opens the organization; declining says so in `status`. */
function answerButtons(
  auth: AuthClient,
  inv: MyInvitation,
  regions: { status: HTMLElement; alert: HTMLElement },
  after: { accepted(orgId: string, flash: string): void; declined(message: string): void },
): HTMLElement {
  const org = inv.organization_name;
  const accept = actionButton('Accept', { 'aria-label': `Accept the invitation to ${org}` }, regions.alert, async () => {
    const joined = await auth.acceptInvitation(inv.id);
    after.accepted(joined.id, `You have joined ${joined.name} as ${roleName(joined.role)}.`);
  });
  const decline = actionButton(
    'Decline',
    { class: 'secondary', 'aria-label': `Decline the invitation to ${org}` },
    regions.alert,
    async () => {
      await auth.declineInvitation(inv.id);
      after.declined(`You have declined the invitation to ${org}.`);
    },
  );
  return h('div', { class: 'actions' }, accept, decline);
}

export const invitationsPage: Page = {
  title: 'Invitations for you',
  signedIn: true,
  async render({ auth, navigate }) {
    const [me, invitations] = await Promise.all([auth.me(), auth.invitations()]);
    const status = messageRegion('status');
    const alert = messageRegion('alert');
    const empty = h(
      'p',
      {},
      me.email_verified
        ? `No invitations are waiting for ${me.email}.`
        : `Invitations are listed here once your address ${me.email} is confirmed.`,
    );
    const list = h('ul', { class: 'items', 'aria-label': 'Invitations for you' });
    const heading = () => document.querySelector<HTMLElement>('h1');
    for (const inv of invitations) {
      const item = h(
        'li',
        { 'data-invitation-id': inv.id },
        h(
          'div',
          {},
          h('strong', {}, inv.organization_name),
          ` · as ${roleName(inv.role)}`,
          h('div', { class: 'meta' }, `invited by ${inviter(inv) ?? 'someone no longer there'} · valid until `, time(inv.expires_at)),
        ),
        answerButtons(
          auth,
          inv,
          { status, alert },
          {
            accepted: (orgId, flash) => navigate(`/organizations/${orgId}`, { flash }),
            declined: (message) => {
              item.remove();
              status.textContent = message;
              if (!list.childElementCount) list.replaceWith(empty);
              heading()?.focus();
            },
          },
        ),
      );
      list.append(item);
    }
    return h(
      'div',
      {},
      status,
      alert,
      invitations.length ? list : empty,
      h('p', {}, h('a', { href: '/organizations' }, 'Your organizations')),
    );
  },
};

export const invitationPage: Page = {
  title: 'Invitation',
  async render({ auth, id, navigate, setTitle }) {
    const here = `/invitations/${id}`;
    const signedOut = () => {
      setTitle('You have been invited');
      return h(
        'div',
        {},
        h('p', {}, 'Someone has invited you to join their organization on Edge Auth.'),
        h(
          'p',
          {},
          'To see the invitation and answer it, sign in with the email address it was sent to — or, if you have no account yet, create one with that address. You will come back to this page afterwards.',
        ),
        h(
          'div',
          { class: 'actions' },
          h('a', { class: 'button', href: `/login?next=${encodeURIComponent(here)}` }, 'Sign in'),
          h('a', { class: 'button secondary', href: `/register?next=${encodeURIComponent(here)}` }, 'Create an account'),
        ),
      );
    };
    if (!(await auth.session())) return signedOut();
    let me: Awaited<ReturnType<AuthClient['me']>>;
    let invitations: MyInvitation[];
    try {
      [me, invitations] = await Promise.all([auth.me(), auth.invitations()]);
    } catch (err) {
      // The session has ended meanwhile (signed out elsewhere): as for a visitor.
      if (err instanceof AuthApiError && err.status === 401) return signedOut();
      throw err;
    }
    const inv = invitations.find((i) => i.id === id);
    const switchAccount = h('button', { type: 'button', class: 'secondary' }, 'Sign in with another address');
    switchAccount.addEventListener('click', async () => {
      switchAccount.disabled = true;
      await auth.logout().catch(() => {});
      navigate(`/login?next=${encodeURIComponent(here)}`, { flash: 'Sign in with the address the invitation was sent to.' });
    });

    if (!inv && !me.email_verified) {
      return h(
        'div',
        {},
        messageRegion(
          'alert',
          `Your email address ${me.email} is not confirmed yet, and only a confirmed address can answer an invitation. Follow the link in the confirmation email, then open this invitation again.`,
        ),
        resendButton(auth, () => me.email),
        h('p', {}, 'Was the invitation sent to another address? ', switchAccount),
      );
    }
    if (!inv) {
      return h(
        'div',
        {},
        messageRegion('alert', `There is no invitation here waiting for ${me.email}.`),
        h(
          'p',
          {},
          'Either it was sent to another email address — sign in with that one to answer it — or it has already been accepted, declined or revoked, or it has expired: ask whoever invited you for a new one.',
        ),
        h('div', { class: 'actions' }, switchAccount, h('a', { href: '/invitations' }, 'Your invitations')),
      );
    }

    setTitle(`Join ${inv.organization_name}?`);
    const status = messageRegion('status');
    const alert = messageRegion('alert');
    const by = inv.inviter_name ?? inv.inviter_email;
    const intro = h(
      'p',
      {},
      `${by ? `${by} has invited you` : 'You have been invited'} to join ${inv.organization_name} as ${roleName(inv.role)}. `,
      'Accepting makes you a member; your active organization stays as it is until you switch.',
    );
    const details = h(
      'dl',
      { class: 'details' },
      h('dt', {}, 'Organization'),
      h('dd', {}, inv.organization_name),
      h('dt', {}, 'Your role'),
      h('dd', {}, roleName(inv.role)),
      h('dt', {}, 'Invited by'),
      h('dd', {}, inviter(inv) ?? 'someone no longer there'),
      h('dt', {}, 'Sent to'),
      h('dd', {}, `${inv.email} (you)`),
      h('dt', {}, 'Valid until'),
      h('dd', {}, time(inv.expires_at)),
    );
    const root = h('div', {}, status, alert, intro, details);
    const buttons = answerButtons(
      auth,
      inv,
      { status, alert },
      {
        accepted: (orgId, flash) => navigate(`/organizations/${orgId}`, { flash, replace: true }),
        declined: (message) => {
          buttons.replaceWith(h('p', {}, h('a', { href: '/organizations' }, 'Your organizations')));
          status.textContent = message;
          document.querySelector<HTMLElement>('h1')?.focus();
        },
      },
    );
    root.append(buttons);
    return root;
  },
};
