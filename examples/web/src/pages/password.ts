/**
 * /forgot-password asks for a reset link; /reset-password?token_hash=…&type=recovery (the
 * link of the email) sets the new password with it. The link is single use and valid for
 * one hour; every session of the user ends when it is used.
 */
import { AuthApiError } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { form, h, messageRegion } from '../ui.ts';

export const forgotPage: Page = {
  title: 'Reset your password',
  render({ auth }) {
    return h(
      'div',
      {},
      h('p', {}, 'Enter the email address of your account and we will send you a link to choose a new password.'),
      form({
        label: 'Ask for a password reset link',
        fields: [{ name: 'email', label: 'Email', type: 'email', autocomplete: 'email', required: true }],
        submit: 'Send the link',
        async onSubmit({ email = '' }) {
          await auth.forgotPassword(email);
          return `If an account exists for ${email}, we sent it a link to reset the password. The link is valid for one hour.`;
        },
        footer: [h('a', { href: '/login' }, 'Back to sign in')],
      }),
    );
  },
};

export const resetPage: Page = {
  title: 'Choose a new password',
  render({ auth, navigate, query }) {
    const token = query.get('token_hash');
    const again = h('p', {}, h('a', { href: '/forgot-password' }, 'Ask for a new link'));
    if (!token) return h('div', {}, messageRegion('alert', 'This link is incomplete: it has no reset token.'), again);
    return h(
      'div',
      {},
      form({
        label: 'Choose a new password',
        fields: [
          {
            name: 'password',
            label: 'New password',
            type: 'password',
            autocomplete: 'new-password',
            required: true,
            minlength: 8,
            hint: 'At least 8 characters; not a common password.',
          },
          {
            name: 'password_confirmation',
            label: 'Repeat the new password',
            type: 'password',
            autocomplete: 'new-password',
            required: true,
          },
        ],
        submit: 'Set the new password',
        async onSubmit({ password = '', password_confirmation = '' }) {
          await auth.resetPassword({ token, password, password_confirmation });
          navigate('/login', { flash: 'Your password has been changed. Sign in with the new one.', replace: true });
        },
        onError(err, el) {
          if (err instanceof AuthApiError && (err.code === 'TOKEN_INVALID' || err.code === 'TOKEN_EXPIRED')) {
            el.replaceWith(messageRegion('alert', 'This link has expired or has already been used.'), again);
          }
        },
      }),
    );
  },
};
