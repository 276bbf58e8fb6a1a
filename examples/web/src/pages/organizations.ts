/**
 * /organizations: the organizations the user belongs to, with their role. Pages to manage
 * an organization (members, invitations) go beside this one, each a Page in main.ts's table.
 */
import type { Page } from '../context.ts';
import { h } from '../ui.ts';

export const organizationsPage: Page = {
  title: 'Your organizations',
  signedIn: true,
  async render({ auth }) {
    const organizations = await auth.organizations();
    const rows = organizations.map((o) =>
      h('tr', {}, h('td', {}, o.name), h('td', {}, o.role.toLowerCase()), h('td', {}, o.is_personal_account ? 'personal' : 'team')),
    );
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
  },
};
