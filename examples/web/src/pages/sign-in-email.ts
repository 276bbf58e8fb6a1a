/**
 * /sign-in/email?token_hash=…&type=magiclink: the link of the sign-in email (the one with
 * the 6-digit code). One button signs in with the link's token hash — a button, not a
 * request on opening, so that a mail scanner that opens the link does not use it up (as
 * /verify-email does) — and the visitor goes on as after any sign-in: the code step when
 * the account has two-factor authentication, then the account page. A used or expired link
 * says so and leads to a new code.
 */
import { AuthApiError } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { afterSignIn } from '../second-factor.ts';
import { describeError, h, messageRegion } from '../ui.ts';

/** The sign-in page with its emailed-code step open. */
const NEW_CODE = '/login?with=code';

export const signInEmailPage: Page = {
  title: 'Sign in with your email link',
  render({ auth, navigate, query }) {
    const token_hash = query.get('token_hash');
    const elsewhere = h(
      'p',
      {},
      h('a', { href: NEW_CODE }, 'Email me a new code'),
      ' or ',
      h('a', { href: '/login' }, 'sign in another way'),
      '.',
    );
    if (!token_hash || query.get('type') !== 'magiclink') {
      return h(
        'div',
        {},
        messageRegion('alert', 'This sign-in link is incomplete. Open the link from the email again, or ask for a new one.'),
        elsewhere,
      );
    }
    const alert = messageRegion('alert');
    const button = h('button', { type: 'button' }, 'Sign in');
    const root = h(
      'div',
      {},
      alert,
      h('p', {}, 'You opened the sign-in link from your email. Continue to sign in on this device.'),
      h('div', { class: 'actions' }, button),
    );
    button.addEventListener('click', async () => {
      button.disabled = true;
      alert.textContent = '';
      try {
        await auth.verifySignInCode({ token_hash, type: 'magiclink' });
        const path = await afterSignIn(auth, '/account');
        navigate(path, { replace: true, flash: path === '/account' ? 'You are signed in.' : '' });
      } catch (err) {
        button.disabled = false;
        const code = err instanceof AuthApiError ? err.code : '';
        if (code !== 'TOKEN_INVALID' && code !== 'TOKEN_EXPIRED') {
          alert.textContent = describeError(err);
          return;
        }
        alert.textContent =
          code === 'TOKEN_EXPIRED'
            ? 'This link has expired: links work for one hour.'
            : 'This link has already been used, or a newer email replaced it. Each link works once.';
        // The button goes; the focus moves to what is offered instead.
        button.closest('.actions')?.replaceWith(elsewhere);
        elsewhere.querySelector('a')?.focus();
      }
    });
    return root;
  },
};
