/**
 * /account: who is signed in and their active organization (the one /me reports and the
 * access token carries), the profile (names), the password (changing it signs every other
 * device out), whether two-factor authentication is on (managed on /account/security), the
 * passkeys (account-passkeys.ts: add, rename, remove) and the sessions — where the user is signed in, this device marked, which ones verified a
 * second factor, and "Sign out this device" for each of the others — and "Delete my account"
 * behind a confirmation step (account-delete.ts).
 */
import type { AuthClient } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { describeError, form, h, messageRegion, time } from '../ui.ts';
import { deleteAccountSection } from './account-delete.ts';
import { passkeysSection } from './account-passkeys.ts';

type SessionItem = Awaited<ReturnType<AuthClient['sessions']>>[number];

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [string, string][] = [
  ['Windows', 'Windows'],
  ['Android', 'Android'],
  ['iPhone', 'iPhone'],
  ['iPad', 'iPad'],
  ['Mac OS', 'macOS'],
  ['Linux', 'Linux'],
];

/** "Chrome on Linux" from a user agent, or the start of the user agent itself. */
function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const system = SYSTEMS.find(([needle]) => userAgent.includes(needle))?.[1];
  if (!browser) return userAgent.slice(0, 60);
  return system ? `${browser} on ${system}` : browser;
}

/** The list of sessions, reloadable after a change elsewhere on the page. */
function sessionsSection(auth: AuthClient) {
  const heading = h('h2', { id: 'sessions-heading' }, 'Where you are signed in');
  const status = messageRegion('status');
  const alert = messageRegion('alert');
  const list = h('ul', { class: 'sessions', 'aria-labelledby': 'sessions-heading' });
  const item = (session: SessionItem) => {
    const device = deviceName(session.user_agent);
    const label = h('div', {}, h('strong', {}, device), session.current ? h('span', { class: 'badge' }, 'This device') : null);
    const meta = h(
      'div',
      { class: 'meta' },
      `IP ${session.ip ?? 'unknown'} · signed in `,
      time(session.created_at),
      ' · last active ',
      time(session.last_active_at),
      session.aal === 'aal2' ? ' · with a second factor' : '',
    );
    const li = h('li', { 'data-session-id': session.id, 'aria-current': session.current ? 'true' : undefined }, h('div', {}, label, meta));
    if (!session.current) {
      const end = h('button', { type: 'button', class: 'secondary' }, 'Sign out this device');
      // The visible text first (WCAG "label in name"), then which device it is.
      const signedIn = new Date(session.created_at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
      end.setAttribute('aria-label', `Sign out this device (${device}, signed in ${signedIn})`);
      end.addEventListener('click', async () => {
        end.disabled = true;
        alert.textContent = '';
        try {
          await auth.endSession(session.id);
          status.textContent = `${device} has been signed out.`;
          await reload();
        } catch (err) {
          alert.textContent = describeError(err);
          end.disabled = false;
        }
      });
      li.append(end);
    }
    return li;
  };
  const reload = async () => {
    try {
      list.replaceChildren(...(await auth.sessions()).map(item));
    } catch (err) {
      alert.textContent = describeError(err);
    }
  };
  return { section: h('section', { 'aria-labelledby': 'sessions-heading' }, heading, status, alert, list), reload };
}

export const accountPage: Page = {
  title: 'Your account',
  signedIn: true,
  async render({ auth, signal, navigate }) {
    const me = await auth.me();
    const sessions = sessionsSection(auth);
    const passkeys = passkeysSection(auth, signal);
    const profile = form({
      labelledby: 'profile-heading',
      fields: [
        { name: 'email', label: 'Email', type: 'email', value: me.email, readonly: true },
        { name: 'first_name', label: 'First name', autocomplete: 'given-name', value: me.first_name ?? '' },
        { name: 'last_name', label: 'Last name', autocomplete: 'family-name', value: me.last_name ?? '' },
      ],
      submit: 'Save',
      async onSubmit({ first_name = '', last_name = '' }) {
        await auth.updateMe({ first_name: first_name.trim(), last_name: last_name.trim() });
        return 'Your name has been saved.';
      },
    });
    const password = form({
      labelledby: 'password-heading',
      fields: [
        { name: 'current_password', label: 'Current password', type: 'password', autocomplete: 'current-password', required: true },
        {
          name: 'password',
          label: 'New password',
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          minlength: 8,
          hint: 'At least 8 characters; not a common password.',
        },
        { name: 'password_confirmation', label: 'Repeat the new password', type: 'password', autocomplete: 'new-password', required: true },
      ],
      submit: 'Change password',
      async onSubmit({ current_password = '', password: next = '', password_confirmation = '' }) {
        await auth.changePassword({ current_password, password: next, password_confirmation });
        for (const input of password.querySelectorAll('input')) input.value = '';
        await sessions.reload();
        return 'Your password has been changed. Your other devices have been signed out.';
      },
    });
    await Promise.all([sessions.reload(), passkeys.reload()]);
    const organization = me.organization ? `${me.organization.name} (${me.role ?? 'member'}, plan ${me.organization.plan})` : 'none';
    return h(
      'div',
      {},
      h('p', {}, 'Signed in as ', h('strong', {}, me.email), '.'),
      h('p', {}, `Active organization: ${organization}. `, h('a', { href: '/organizations' }, 'Switch the active organization')),
      h('section', { 'aria-labelledby': 'profile-heading' }, h('h2', { id: 'profile-heading' }, 'Profile'), profile),
      h('section', { 'aria-labelledby': 'password-heading' }, h('h2', { id: 'password-heading' }, 'Password'), password),
      h(
        'section',
        { 'aria-labelledby': 'two-factor-heading' },
        h('h2', { id: 'two-factor-heading' }, 'Two-factor authentication'),
        h(
          'p',
          {},
          me.mfa_enabled ? 'On: signing in asks for a code from your authenticator app. ' : 'Off: your password alone signs you in. ',
          h('a', { href: '/account/security' }, me.mfa_enabled ? 'Manage two-factor authentication' : 'Set up two-factor authentication'),
        ),
      ),
      passkeys.section,
      sessions.section,
      deleteAccountSection(auth, me.email, navigate),
    );
  },
};
