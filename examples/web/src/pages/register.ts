/**
 * /register: the account with optional names and a team organization (POST /register).
 * Signed in at once, or — when the project confirms email addresses — told to follow the
 * link in the email, with a way to have it sent again. `?next=<local path>` (say, the
 * invitation that brought the visitor here) is where they go once signed in, also after
 * following the confirmation link in this browser (kept for the /verify-email page).
 */
import type { Page } from '../context.ts';
import { form, h, localPath, messageRegion } from '../ui.ts';
import { rememberAfterConfirmation, resendButton } from './verify.ts';

export const registerPage: Page = {
  title: 'Create an account',
  guest: true,
  render({ auth, navigate, query }) {
    const root = h('div');
    const next = query.get('next') ? localPath(query.get('next')) : null;
    const signIn = next ? `/login?next=${encodeURIComponent(next)}` : '/login';
    const registration = form({
      label: 'Create an account',
      fields: [
        { name: 'first_name', label: 'First name (optional)', autocomplete: 'given-name' },
        { name: 'last_name', label: 'Last name (optional)', autocomplete: 'family-name' },
        { name: 'organization_name', label: 'Organization (optional)', autocomplete: 'organization', hint: 'Creates a team you own.' },
        { name: 'email', label: 'Email', type: 'email', autocomplete: 'email', required: true },
        {
          name: 'password',
          label: 'Password',
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          minlength: 8,
          hint: 'At least 8 characters; not a common password.',
        },
      ],
      submit: 'Create account',
      async onSubmit(values) {
        const optional = (name: string) => (values[name]?.trim() ? values[name]?.trim() : undefined);
        const email = values.email ?? '';
        const data = await auth.register({
          email,
          password: values.password ?? '',
          first_name: optional('first_name'),
          last_name: optional('last_name'),
          organization_name: optional('organization_name'),
        });
        if (data.email_verification_required) {
          if (next) rememberAfterConfirmation(next);
          const sent = messageRegion('status', `We sent a confirmation link to ${email}. Follow it to finish creating your account.`);
          root.replaceChildren(
            sent,
            resendButton(auth, () => email),
            h('p', {}, h('a', { href: signIn }, 'Back to sign in')),
          );
          return;
        }
        navigate(next ?? '/account', { flash: 'Welcome! Your account is ready.', replace: true });
      },
    });
    root.append(registration, h('p', {}, 'Already have an account? ', h('a', { href: signIn }, 'Sign in')));
    return root;
  },
};
