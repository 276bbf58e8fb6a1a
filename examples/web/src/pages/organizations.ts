/**
 * /organizations: the organizations the user belongs to (each a link to its page), with
 * their role, which one is active and which require two-factor authentication; the
 * switcher (PUT /me/organization, then a refresh so that the access token carries the new
 * organization); creating a team organization; and a pointer to invitations waiting for
 * the user.
 */
import type { AuthClient } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { form, h, roleName } from '../ui.ts';

type OrganizationItem = Awaited<ReturnType<AuthClient['organizations']>>[number];

/** The table of organizations, the active one marked. */
function organizationsTable(organizations: OrganizationItem[], activeId: string | null): HTMLTableElement {
  const rows = organizations.map((o) => {
    const active = o.id === activeId;
    return h(
      'tr',
      { 'data-organization-id': o.id, 'aria-current': active ? 'true' : undefined },
      h(
        'td',
        {},
        h('a', { href: `/organizations/${o.id}` }, o.name),
        active ? h('span', { class: 'badge' }, 'Active') : null,
        o.mfa_required ? h('div', { class: 'meta' }, 'Requires two-factor authentication') : null,
      ),
      h('td', {}, roleName(o.role)),
      h('td', {}, o.is_personal_account ? 'personal' : 'team'),
    );
  });
  return h(
    'table',
    {},
    h('caption', { class: 'meta' }, `${organizations.length} organization(s)`),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Your role'), h('th', { scope: 'col' }, 'Kind')),
    ),
    h('tbody', {}, ...rows),
  );
}

export const organizationsPage: Page = {
  title: 'Your organizations',
  signedIn: true,
  async render({ auth, navigate }) {
    const [organizations, me, invitations] = await Promise.all([auth.organizations(), auth.me(), auth.invitations().catch(() => [])]);
    let table = organizationsTable(organizations, me.organization?.id ?? null);
    const activeName = h('strong', {}, me.organization?.name ?? 'none');

    const switcher = form({
      labelledby: 'switch-heading',
      fields: [
        {
          name: 'organization_id',
          label: 'Active organization',
          options: organizations.map((o) => ({ value: o.id, label: o.name })),
          value: me.organization?.id,
          hint: 'Apps see it on your account and in your session’s token.',
        },
      ],
      submit: 'Switch',
      async onSubmit({ organization_id = '' }) {
        const after = await auth.setActiveOrganization(organization_id);
        const next = organizationsTable(organizations, after.organization?.id ?? null);
        table.replaceWith(next);
        table = next;
        activeName.textContent = after.organization?.name ?? 'none';
        return `${after.organization?.name ?? 'That organization'} is now your active organization.`;
      },
    });

    const create = form({
      labelledby: 'create-heading',
      fields: [
        { name: 'name', label: 'Name', autocomplete: 'organization', required: true },
        {
          name: 'slug',
          label: 'URL name (optional)',
          autocomplete: 'off',
          hint: '3 to 48 characters: lowercase letters, digits and hyphens; unique.',
        },
      ],
      submit: 'Create organization',
      async onSubmit({ name = '', slug = '' }) {
        const created = await auth.createOrganization({ name: name.trim(), slug: slug.trim() || undefined });
        navigate(`/organizations/${created.id}`, { flash: `${created.name} has been created. You are its owner.` });
      },
    });

    const waiting = invitations.length
      ? h(
          'p',
          { class: 'notice' },
          `${invitations.length} invitation(s) to join an organization are waiting for you. `,
          h('a', { href: '/invitations' }, 'See your invitations'),
        )
      : null;

    return h(
      'div',
      {},
      waiting,
      h('p', {}, 'Your active organization: ', activeName, '.'),
      table,
      h('section', { 'aria-labelledby': 'switch-heading' }, h('h2', { id: 'switch-heading' }, 'Switch organization'), switcher),
      h('section', { 'aria-labelledby': 'create-heading' }, h('h2', { id: 'create-heading' }, 'Create an organization'), create),
    );
  },
};
