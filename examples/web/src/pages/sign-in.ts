/**
 * /login: email and password; an unconfirmed address can ask for the confirmation email
 * again. An account with two-factor authentication goes on to the code step
 * (/sign-in/code). `?next=<local path>` (a page that needed a signed-in user, an invitation) is
 * where the visitor goes once signed in; "Create an account" keeps it.
 */
import { AuthApiError } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { codeStepPath } from '../second-factor.ts';
import { form, h, localPath } from '../ui.ts';
import { resendButton } from './verify.ts';

export const signInPage: Page = {
  title: 'Sign in',
  guest: true,
  render({ auth, navigate, query }) {
    let email = '';
    const followUp = h('div');
    const next = query.get('next');
    const register = next ? `/register?next=${encodeURIComponent(localPath(next))}` : '/register';
    return h(
      'div',
      {},
      form({
        label: 'Sign in',
        fields: [
          { name: 'email', label: 'Email', type: 'email', autocomplete: 'username', required: true },
          { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true },
        ],
        submit: 'Sign in',
        async onSubmit(values) {
          followUp.replaceChildren();
          email = values.email ?? '';
          await auth.login({ email, password: values.password ?? '' });
          // An account with two-factor authentication: the code step first, then on.
          const pending = (await auth.assurance())?.pending;
          navigate(pending ? codeStepPath(localPath(next)) : localPath(next), { replace: true });
        },
        onError(err) {
          if (err instanceof AuthApiError && err.code === 'EMAIL_NOT_VERIFIED') followUp.replaceChildren(resendButton(auth, () => email));
        },
        footer: [h('a', { href: '/forgot-password' }, 'Forgot your password?')],
      }),
      followUp,
      h('p', {}, 'New here? ', h('a', { href: register }, 'Create an account')),
    );
  },
};
