/**
 * /organizations/<id>: one organization — what it is and whether it is the active one;
 * its members, with a role select and "Remove" where the caller's role allows; inviting
 * by email and role (with the link to pass on when no email went out); the pending
 * invitations with "Revoke"; for owners and admins, API keys (name and scopes; the key
 * shown once, read-only, with a Copy button; "Revoke…" behind a confirmation step, since
 * whatever uses the key stops working) and webhooks (URL and events; the signing secret
 * shown once; each webhook's recent deliveries; "Delete…", confirmed too); settings (name,
 * URL name); for owners, "Require two-factor
 * authentication" (which the API accepts only from an owner whose own session verified a
 * second factor: its refusal is shown there, with the way to set one up); leave, transfer
 * ownership and delete, each behind a confirmation step.
 *
 * An organization that requires a second factor answers 403 MFA_REQUIRED to a member below
 * `aal2`: one with a factor goes to the code step, one without to enrolment, told why.
 *
 * The controls follow the role table of spec/organizations.md only to offer what can
 * work: the API decides every action, and its errors are shown where the action was.
 * After each change the page reloads what it shows (the caller's own role may have
 * changed with it). An organization the caller is not a member of is "not found", as the
 * API answers it.
 */
import { AuthApiError, type AuthClient, type OrganizationRole } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { codeStepDue, codeStepPath, enrolmentPath } from '../second-factor.ts';
import { actionButton, confirmStep, copyButton, form, h, messageRegion, type Panel, panel, roleName, time } from '../ui.ts';

type Organization = Awaited<ReturnType<AuthClient['organization']>>;
type Member = Awaited<ReturnType<AuthClient['members']>>[number];
type Invitation = Awaited<ReturnType<AuthClient['organizationInvitations']>>[number];
type ApiKey = Awaited<ReturnType<AuthClient['apiKeys']>>[number];
type Webhook = Awaited<ReturnType<AuthClient['webhooks']>>[number];
type Delivery = Awaited<ReturnType<AuthClient['webhookDeliveries']>>[number];

type Scope = Parameters<AuthClient['createApiKey']>[1]['scopes'][number];
type WebhookEvent = Exclude<Parameters<AuthClient['createWebhook']>[1]['events'][number], '*'>;

/**
 * The scopes an API key may have (integrations.md), as people read them. A record over the
 * client's type: a scope the API adds or drops fails the type check here.
 */
const SCOPE_LABELS: Record<Scope, string> = {
  'organization:read': 'Read the organization',
  'members:read': 'Read members',
  'members:write': 'Change and remove members',
  'invitations:write': 'Create and revoke invitations',
  'audit:read': 'Read the audit log',
};
const SCOPES = (Object.keys(SCOPE_LABELS) as Scope[]).map((value) => ({ value, label: SCOPE_LABELS[value] }));

/** The events a webhook may subscribe to (integrations.md), checked against the client's type the same way. */
const EVENT_NAMES: Record<WebhookEvent, true> = {
  'member.added': true,
  'member.removed': true,
  'member.role_changed': true,
  'invitation.created': true,
  'invitation.accepted': true,
  'invitation.revoked': true,
  'organization.updated': true,
  'organization.deleted': true,
  'ownership.transferred': true,
  'api_key.created': true,
  'api_key.revoked': true,
};
const EVENTS = Object.keys(EVENT_NAMES) as WebhookEvent[];

/** How many of a webhook's delivery attempts the page shows. */
const RECENT_DELIVERIES = 5;

const ROLES: OrganizationRole[] = ['OWNER', 'ADMIN', 'MEMBER'];

/** What the page shows at one moment. */
interface State {
  org: Organization;
  members: Member[];
  invitations: Invitation[];
  apiKeys: ApiKey[];
  webhooks: { webhook: Webhook; deliveries: Delivery[] }[];
  activeId: string | null;
  /** The caller has a verified second factor (needed to change `require_mfa`). */
  mfaEnabled: boolean;
}

/** What the caller's role lets the page offer (spec/organizations.md, "Roles"). */
function allowed(org: Organization, selfId: string) {
  const owner = org.role === 'OWNER';
  const manager = owner || org.role === 'ADMIN';
  const team = !org.is_personal_account;
  return {
    manage: manager && team,
    owner: owner && team,
    /** API keys and webhooks (integrations.md: OWNER, ADMIN). */
    integrations: manager,
    leave: team,
    /** Roles the caller can give (invite with, or change to). */
    roles: owner ? ROLES : (['ADMIN', 'MEMBER'] as OrganizationRole[]),
    changeRole: (m: Member) => team && (owner || (org.role === 'ADMIN' && m.role !== 'OWNER')),
    remove: (m: Member) => team && m.user_id !== selfId && (owner || (org.role === 'ADMIN' && m.role === 'MEMBER')),
  };
}

/** "Ada Lovelace" over "ada@example.com", or the address alone. */
function memberName(m: { email: string; first_name: string | null; last_name: string | null }, you: boolean): Node {
  const name = [m.first_name, m.last_name].filter(Boolean).join(' ');
  return h(
    'div',
    {},
    h('div', {}, name || m.email, you ? h('span', { class: 'badge' }, 'You') : null),
    name ? h('div', { class: 'meta' }, m.email) : null,
  );
}

/**
 * A key or signing secret shown once, read-only, with a Copy button whose result is
 * announced in its own status region.
 */
function secretNote(id: string, label: string, value: string, note: string): HTMLElement {
  const status = messageRegion('status');
  const input = h('input', { id, type: 'text', readonly: true, spellcheck: 'false', 'aria-describedby': `${id}-hint` });
  input.value = value;
  return h(
    'div',
    { class: 'delivery' },
    h('p', { id: `${id}-hint` }, note),
    h('div', { class: 'field' }, h('label', { for: id }, label), input),
    h(
      'div',
      { class: 'actions' },
      copyButton(`Copy the ${label.replace(/^[A-Z][a-z]/, (c) => c.toLowerCase())}`, () => value, status, input),
    ),
    status,
  );
}

/** The invitation link to pass on when no email went out, with a copy button. */
function deliveryNote(link: string, email: string): HTMLElement {
  const status = messageRegion('status');
  const input = h('input', { id: 'invitation-link', type: 'text', readonly: true, 'aria-describedby': 'invitation-link-hint' });
  input.value = link;
  const copy = h('button', { type: 'button', class: 'secondary' }, 'Copy link');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = 'The link has been copied.';
    } catch {
      input.focus();
      input.select();
      status.textContent = 'The link is selected: copy it with Ctrl+C (⌘C on a Mac).';
    }
  });
  return h(
    'div',
    { class: 'delivery' },
    h(
      'p',
      { id: 'invitation-link-hint' },
      `No email was sent (this server has no email provider). Send ${email} this link yourself; only that address can accept it.`,
    ),
    h('div', { class: 'field' }, h('label', { for: 'invitation-link' }, 'Invitation link'), input),
    h('div', { class: 'actions' }, copy),
    status,
  );
}

export const organizationPage: Page = {
  title: 'Organization',
  signedIn: true,
  async render({ auth, id, navigate, setTitle }) {
    const selfId = (await auth.session())?.user.id ?? '';
    const summaryStatus = messageRegion('status');
    const summaryAlert = messageRegion('alert');
    const summary = h('div');
    const members = panel('members', 'Members');
    const invite = panel('invite', 'Invite someone');
    const delivery = h('div');
    invite.section.append(delivery);
    const invitations = panel('invitations', 'Pending invitations');
    const apiKeys = panel('api-keys', 'API keys');
    const newKey = h('div');
    apiKeys.section.append(newKey);
    const webhooks = panel('webhooks', 'Webhooks');
    const newWebhook = h('div');
    webhooks.section.append(newWebhook);
    const settings = panel('settings', 'Settings');
    const security = panel('security', 'Two-factor authentication');
    const leave = panel('leave', 'Leave the organization');
    const transfer = panel('transfer', 'Transfer ownership');
    const remove = panel('delete', 'Delete the organization');
    const root = h(
      'div',
      {},
      summaryStatus,
      summaryAlert,
      summary,
      members.section,
      invite.section,
      invitations.section,
      apiKeys.section,
      webhooks.section,
      settings.section,
      security.section,
      leave.section,
      transfer.section,
      remove.section,
    );

    const load = async (): Promise<State> => {
      const [org, list, me] = await Promise.all([auth.organization(id), auth.members(id, { limit: 200 }), auth.me()]);
      const can = allowed(org, selfId);
      const [pending, keys, hooks] = await Promise.all([
        can.manage ? auth.organizationInvitations(id) : [],
        can.integrations ? auth.apiKeys(id) : [],
        can.integrations ? auth.webhooks(id) : [],
      ]);
      const withDeliveries = await Promise.all(
        hooks.map(async (webhook) => ({ webhook, deliveries: (await auth.webhookDeliveries(id, webhook.id)).slice(0, RECENT_DELIVERIES) })),
      );
      return {
        org,
        members: list,
        invitations: pending,
        apiKeys: keys,
        webhooks: withDeliveries,
        activeId: me.organization?.id ?? null,
        mfaEnabled: me.mfa_enabled,
      };
    };

    /**
     * The organization requires a second factor this session has not verified: the code
     * step when the user has a factor, else enrolment with the reason (the organization's
     * name comes from the list, which such a member may still read).
     */
    const secondFactorNeeded = async () => {
      const here = `/organizations/${id}`;
      if (await codeStepDue(auth)) return navigate(codeStepPath(here), { replace: true });
      const name = (await auth.organizations().catch(() => [])).find((o) => o.id === id)?.name ?? 'This organization';
      navigate(enrolmentPath(here), {
        replace: true,
        flash: `${name} requires two-factor authentication. Set up an authenticator app for your account to open it.`,
      });
    };
    const isMfaRequired = (err: unknown) => err instanceof AuthApiError && err.code === 'MFA_REQUIRED';

    const showNotFound = () => {
      setTitle('Organization not found');
      root.replaceChildren(
        messageRegion('alert', 'Organization not found: it does not exist, or you are not a member of it (any more).'),
        h('p', {}, h('a', { href: '/organizations' }, 'Back to your organizations')),
      );
    };

    /**
     * Loads again and re-renders every section, then announces `message` in `where` and,
     * when the control that was used is gone, moves the focus to `where`'s heading.
     */
    const refresh = async (where: Panel | null, message: string) => {
      let state: State;
      try {
        state = await load();
      } catch (err) {
        if (err instanceof AuthApiError && err.status === 404) return showNotFound();
        if (isMfaRequired(err)) return secondFactorNeeded();
        throw err;
      }
      show(state);
      (where?.status ?? summaryStatus).textContent = message;
      if (!document.activeElement || document.activeElement === document.body)
        (where?.heading ?? document.querySelector<HTMLElement>('h1'))?.focus();
    };

    const show = ({ org, members: list, invitations: pending, apiKeys: keys, webhooks: hooks, activeId, mfaEnabled }: State) => {
      setTitle(org.name);
      const can = allowed(org, selfId);
      for (const p of [members, invite, invitations, apiKeys, webhooks, settings, security, leave, transfer, remove])
        p.alert.textContent = '';
      summaryAlert.textContent = '';

      const kind = org.is_personal_account ? 'Personal organization' : 'Team organization';
      summary.replaceChildren(
        h(
          'p',
          {},
          `${kind} · plan ${org.plan} · ${org.member_count} member(s)${org.slug ? ` · URL name ${org.slug}` : ''} · your role: `,
          h('strong', {}, roleName(org.role)),
        ),
        org.is_personal_account
          ? h('p', { class: 'meta' }, 'You are the only member of your personal organization; nobody can be invited into it.')
          : '',
        org.require_mfa ? h('p', {}, 'Two-factor authentication is required: members open it only after verifying a code.') : '',
        org.id === activeId
          ? h('p', {}, h('span', { class: 'badge' }, 'Active'), ' This is your active organization.')
          : h(
              'p',
              {},
              actionButton('Make this my active organization', { class: 'secondary' }, summaryAlert, async () => {
                await auth.setActiveOrganization(org.id);
                await refresh(null, `${org.name} is now your active organization.`);
              }),
            ),
      );

      // Members: a role select where the caller may change the role, "Remove" where they may remove.
      const rows = list.map((m) => {
        const you = m.user_id === selfId;
        let roleCell: Node = document.createTextNode(roleName(m.role));
        if (can.changeRole(m)) {
          const choices = can.roles.includes(m.role) ? can.roles : [m.role, ...can.roles];
          const select = h('select', { 'aria-label': `Role of ${m.email}` }, ...choices.map((r) => h('option', { value: r }, roleName(r))));
          select.value = m.role;
          const save = actionButton(
            'Change role',
            { class: 'secondary', 'aria-label': `Change role of ${m.email}` },
            members.alert,
            async () => {
              const role = select.value as OrganizationRole;
              if (role === m.role) {
                members.status.textContent = `${m.email} is already ${roleName(role)}.`;
                return;
              }
              await auth.changeMemberRole(org.id, m.user_id, role);
              await refresh(members, `${m.email} is now ${roleName(role)}.`);
            },
          );
          roleCell = h('div', { class: 'inline' }, select, save);
        }
        const removeButton = can.remove(m)
          ? actionButton('Remove', { class: 'secondary danger', 'aria-label': `Remove ${m.email}` }, members.alert, async () => {
              await auth.removeMember(org.id, m.user_id);
              await refresh(members, `${m.email} has been removed from ${org.name}.`);
            })
          : null;
        return h(
          'tr',
          { 'data-user-id': m.user_id },
          h('td', {}, memberName(m, you)),
          h('td', {}, roleCell),
          h('td', {}, time(m.joined_at)),
          h('td', {}, removeButton),
        );
      });
      members.body.replaceChildren(
        h(
          'table',
          {},
          h('caption', { class: 'meta' }, `${list.length} member(s)`),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Member'),
              h('th', { scope: 'col' }, 'Role'),
              h('th', { scope: 'col' }, 'Joined'),
              h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')),
            ),
          ),
          h('tbody', {}, ...rows),
        ),
      );

      // Invite.
      invite.section.hidden = !can.manage;
      if (can.manage) {
        const inviteForm = form({
          labelledby: 'invite-heading',
          fields: [
            { name: 'email', label: 'Email', type: 'email', autocomplete: 'off', required: true },
            { name: 'role', label: 'Role', options: can.roles.map((r) => ({ value: r, label: roleName(r) })), value: 'MEMBER' },
          ],
          submit: 'Send invitation',
          async onSubmit({ email = '', role = 'MEMBER' }) {
            delivery.replaceChildren();
            const sent = await auth.invite(org.id, { email: email.trim(), role });
            const who = `${sent.email} as ${roleName(sent.role)}`;
            await refresh(
              invite,
              sent.delivered
                ? `Invitation sent to ${who}.`
                : `Invitation created for ${who}, but no email was sent: pass on the link below.`,
            );
            if (!sent.delivered) delivery.replaceChildren(deliveryNote(`${location.origin}/invitations/${sent.id}`, sent.email));
            invite.body.querySelector<HTMLInputElement>('input[name="email"]')?.focus();
          },
        });
        invite.body.replaceChildren(inviteForm);
      }

      // Pending invitations.
      invitations.section.hidden = !can.manage;
      invitations.body.replaceChildren(
        pending.length
          ? h(
              'ul',
              { class: 'items', 'aria-labelledby': 'invitations-heading' },
              ...pending.map((inv) =>
                h(
                  'li',
                  { 'data-invitation-id': inv.id },
                  h(
                    'div',
                    {},
                    h('strong', {}, inv.email),
                    ` · ${roleName(inv.role)}`,
                    h(
                      'div',
                      { class: 'meta' },
                      `invited by ${inv.inviter_email ?? 'someone no longer here'} · valid until `,
                      time(inv.expires_at),
                    ),
                  ),
                  actionButton(
                    'Revoke',
                    { class: 'secondary danger', 'aria-label': `Revoke the invitation of ${inv.email}` },
                    invitations.alert,
                    async () => {
                      await auth.revokeInvitation(org.id, inv.id);
                      await refresh(invitations, `The invitation of ${inv.email} has been revoked.`);
                    },
                  ),
                ),
              ),
            )
          : h('p', { class: 'meta' }, 'No invitations are waiting for an answer.'),
      );

      // API keys: create (the key shown once), list, revoke.
      apiKeys.section.hidden = !can.integrations;
      if (!can.integrations) {
        newKey.replaceChildren();
        newWebhook.replaceChildren();
      } else {
        apiKeys.body.replaceChildren(
          h('p', { class: 'meta' }, 'A key acts for this organization within its scopes, for your own backend.'),
          form({
            labelledby: 'api-keys-heading',
            fields: [
              { name: 'name', label: 'Key name', autocomplete: 'off', required: true, maxlength: 100 },
              ...SCOPES.map((scope) => ({
                name: scope.value,
                label: `Scope: ${scope.label} (${scope.value})`,
                type: 'checkbox',
                group: 'Scopes',
              })),
            ],
            submit: 'Create API key',
            async onSubmit(values) {
              newKey.replaceChildren();
              const scopes = SCOPES.filter((scope) => values[scope.value] === 'true').map((scope) => scope.value);
              const created = await auth.createApiKey(org.id, {
                name: (values.name ?? '').trim(),
                scopes,
              });
              await refresh(apiKeys, `API key ${created.name} created. Copy it now: it is shown only once.`);
              newKey.replaceChildren(
                secretNote(
                  'new-api-key',
                  'API key',
                  created.key,
                  `This is the only time the key ${created.name} is shown. Store it where your backend keeps secrets.`,
                ),
              );
              newKey.querySelector<HTMLInputElement>('#new-api-key')?.focus();
            },
          }),
          keys.length
            ? h(
                'ul',
                { class: 'items', 'aria-label': 'Existing API keys' },
                ...keys.map((key) =>
                  h(
                    'li',
                    { 'data-api-key-id': key.id },
                    h(
                      'div',
                      {},
                      h('strong', {}, key.name),
                      ' · ',
                      h('code', {}, `${key.prefix}…`),
                      h('div', { class: 'meta' }, `scopes: ${key.scopes.join(', ')}`),
                      h(
                        'div',
                        { class: 'meta' },
                        'created ',
                        time(key.created_at),
                        ' · last used ',
                        key.last_used_at ? time(key.last_used_at) : 'never',
                        ...(key.expires_at ? [' · expires ', time(key.expires_at)] : []),
                      ),
                    ),
                    confirmStep({
                      label: 'Revoke…',
                      detail: `the API key ${key.name}, ${key.prefix}…`,
                      question: `Revoke the API key ${key.name} (${key.prefix}…)? Whatever uses it is refused from its next request.`,
                      confirm: `Revoke ${key.name}`,
                      async run() {
                        await auth.revokeApiKey(org.id, key.id);
                        newKey.replaceChildren();
                        await refresh(apiKeys, `The API key ${key.name} has been revoked.`);
                      },
                    }),
                  ),
                ),
              )
            : h('p', { class: 'meta' }, 'No API keys.'),
        );
      }

      // Webhooks: create (the signing secret shown once), list with recent deliveries, delete.
      webhooks.section.hidden = !can.integrations;
      if (can.integrations) {
        webhooks.body.replaceChildren(
          h('p', { class: 'meta' }, 'Signed POST requests to your endpoint when something in this organization changes.'),
          form({
            labelledby: 'webhooks-heading',
            fields: [
              {
                name: 'url',
                label: 'Endpoint URL',
                type: 'url',
                autocomplete: 'off',
                required: true,
                hint: 'https:// only; no user name or password in the URL.',
              },
              { name: '*', label: 'All events', type: 'checkbox', group: 'Events' },
              ...EVENTS.map((event) => ({ name: event, label: `Event ${event}`, type: 'checkbox', group: 'Events' })),
            ],
            submit: 'Create webhook',
            async onSubmit(values) {
              newWebhook.replaceChildren();
              const events: Parameters<AuthClient['createWebhook']>[1]['events'] =
                values['*'] === 'true' ? ['*'] : EVENTS.filter((event) => values[event] === 'true');
              const created = await auth.createWebhook(org.id, { url: (values.url ?? '').trim(), events });
              await refresh(webhooks, `Webhook to ${created.url} created. Copy its signing secret now: it is shown only once.`);
              newWebhook.replaceChildren(
                secretNote(
                  'new-webhook-secret',
                  'Signing secret',
                  created.secret,
                  `This is the only time the signing secret of ${created.url} is shown. Verify deliveries with it (Standard Webhooks).`,
                ),
              );
              newWebhook.querySelector<HTMLInputElement>('#new-webhook-secret')?.focus();
            },
          }),
          hooks.length
            ? h(
                'ul',
                { class: 'items', 'aria-label': 'Existing webhooks' },
                ...hooks.map(({ webhook, deliveries }) =>
                  h(
                    'li',
                    { 'data-webhook-id': webhook.id },
                    h(
                      'div',
                      {},
                      h('strong', {}, webhook.url),
                      h('div', { class: 'meta' }, `events: ${webhook.events.join(', ')} · created `, time(webhook.created_at)),
                      deliveries.length
                        ? h(
                            'table',
                            {},
                            h('caption', { class: 'meta' }, `Recent deliveries to ${webhook.url}`),
                            h(
                              'thead',
                              {},
                              h(
                                'tr',
                                {},
                                h('th', { scope: 'col' }, 'Event'),
                                h('th', { scope: 'col' }, 'Status'),
                                h('th', { scope: 'col' }, 'Attempt'),
                                h('th', { scope: 'col' }, 'Time'),
                              ),
                            ),
                            h(
                              'tbody',
                              {},
                              ...deliveries.map((d) =>
                                h(
                                  'tr',
                                  {},
                                  h('td', {}, d.type),
                                  h('td', {}, d.response_status === null ? d.status : `${d.status} (HTTP ${d.response_status})`),
                                  h('td', {}, String(d.attempt)),
                                  h('td', {}, time(d.at)),
                                ),
                              ),
                            ),
                          )
                        : h('p', { class: 'meta' }, 'No deliveries yet.'),
                    ),
                    confirmStep({
                      label: 'Delete…',
                      detail: `the webhook to ${webhook.url}`,
                      question: `Delete the webhook to ${webhook.url}? Events are no longer sent to it, not even those still waiting.`,
                      confirm: 'Delete the webhook',
                      async run() {
                        await auth.deleteWebhook(org.id, webhook.id);
                        newWebhook.replaceChildren();
                        await refresh(webhooks, `The webhook to ${webhook.url} has been deleted.`);
                      },
                    }),
                  ),
                ),
              )
            : h('p', { class: 'meta' }, 'No webhooks.'),
        );
      }

      // Settings.
      settings.section.hidden = !can.manage;
      if (can.manage) {
        settings.body.replaceChildren(
          form({
            labelledby: 'settings-heading',
            fields: [
              { name: 'name', label: 'Name', autocomplete: 'organization', required: true, value: org.name },
              {
                name: 'slug',
                label: 'URL name',
                autocomplete: 'off',
                value: org.slug ?? '',
                hint: '3 to 48 characters: lowercase letters, digits and hyphens; unique.',
              },
            ],
            submit: 'Save changes',
            async onSubmit({ name = '', slug = '' }) {
              await auth.updateOrganization(org.id, { name: name.trim(), slug: slug.trim() || undefined });
              await refresh(settings, 'The organization has been saved.');
            },
          }),
        );
      }

      // Require two-factor authentication: owners only; the API wants the owner's own session at aal2.
      security.section.hidden = !can.owner;
      if (can.owner) {
        security.body.replaceChildren(
          form({
            labelledby: 'security-heading',
            fields: [
              {
                name: 'require_mfa',
                label: 'Require two-factor authentication',
                type: 'checkbox',
                checked: org.require_mfa,
                hint: 'Members then open this organization only after verifying a code from their authenticator app; members without one are asked to set it up first.',
              },
            ],
            submit: 'Save',
            async onSubmit({ require_mfa }) {
              const on = require_mfa === 'true';
              await auth.updateOrganization(org.id, { require_mfa: on });
              await refresh(
                security,
                on ? `${org.name} now requires two-factor authentication.` : `${org.name} no longer requires two-factor authentication.`,
              );
            },
            onError(err, el) {
              const box = el.querySelector<HTMLInputElement>('input[name="require_mfa"]');
              if (box) box.checked = org.require_mfa;
              if (!isMfaRequired(err)) return;
              const alert = el.querySelector('[role="alert"]');
              const refusal = (alert?.textContent ?? '').replace(/[.!]?\s*$/, '.');
              if (alert)
                alert.textContent = `${refusal} Only an owner whose own account has two-factor authentication can change this setting.`;
            },
          }),
          h(
            'p',
            { class: 'meta' },
            mfaEnabled
              ? 'Your own account has two-factor authentication, as changing this setting needs. '
              : 'You need two-factor authentication on your own account first. ',
            h(
              'a',
              { href: enrolmentPath(`/organizations/${org.id}`) },
              mfaEnabled ? 'Manage your two-factor authentication' : 'Set up two-factor authentication',
            ),
          ),
        );
      }

      // Leave, transfer, delete: each behind a confirmation step.
      leave.section.hidden = !can.leave;
      leave.body.replaceChildren(
        h('p', {}, 'You lose access to it until someone invites you again. The last owner cannot leave: hand over ownership first.'),
        confirmStep({
          label: 'Leave this organization…',
          question: `Leave ${org.name}?`,
          confirm: `Leave ${org.name}`,
          async run() {
            await auth.leaveOrganization(org.id);
            if (org.id === activeId) await auth.refresh(); // the token's organization falls back too
            navigate('/organizations', { flash: `You have left ${org.name}.` });
          },
        }),
      );

      const others = list.filter((m) => m.user_id !== selfId);
      transfer.section.hidden = !can.owner || others.length === 0;
      if (can.owner && others.length) {
        const select = h(
          'select',
          { id: 'new-owner' },
          ...others.map((m) => h('option', { value: m.user_id }, `${m.email} (${roleName(m.role)})`)),
        );
        const chosen = () => others.find((m) => m.user_id === select.value)?.email ?? 'that member';
        transfer.body.replaceChildren(
          h('div', { class: 'field' }, h('label', { for: 'new-owner' }, 'New owner'), select),
          confirmStep({
            label: 'Transfer ownership…',
            question: () => `Make ${chosen()} an owner of ${org.name}? You will become an admin.`,
            confirm: 'Transfer ownership',
            async run() {
              const email = chosen();
              await auth.transferOwnership(org.id, select.value);
              await refresh(members, `${email} is now an owner of ${org.name}; you are an admin.`);
            },
          }),
        );
      }

      remove.section.hidden = !can.owner;
      if (can.owner) {
        remove.body.replaceChildren(
          h(
            'p',
            {},
            'Its memberships and pending invitations are deleted with it. Members whose active organization it was fall back to their personal one.',
          ),
          confirmStep({
            label: 'Delete this organization…',
            question: `Delete ${org.name} for everyone? This cannot be undone.`,
            confirm: `Delete ${org.name}`,
            typed: { label: 'Type the name of the organization to confirm', expected: org.name },
            async run() {
              await auth.deleteOrganization(org.id);
              if (org.id === activeId) await auth.refresh();
              navigate('/organizations', { flash: `${org.name} has been deleted.` });
            },
          }),
        );
      }
    };

    try {
      show(await load());
    } catch (err) {
      if (err instanceof AuthApiError && err.status === 404) showNotFound();
      else if (isMfaRequired(err)) await secondFactorNeeded();
      else throw err;
    }
    return root;
  },
};
