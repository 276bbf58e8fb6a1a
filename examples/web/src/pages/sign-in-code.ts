/**
 * /sign-in/code?next=…: the second step of a sign-in for an account with two-factor
 * authentication (the password, a passkey, an emailed code or link gave an `aal1` session;
 * `mfa.required` was true). The 6-digit code of the authenticator app (which app, when
 * there are several), or "Use a recovery code instead". Either answer replaces the session with an `aal2` one, and the
 * visitor goes on to `next`. Switching between the two steps moves the focus to the
 * step's heading; a refused code is announced and its field selected for the next try.
 */
import { AuthApiError } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { verifiedFactors } from '../second-factor.ts';
import { form, h, localPath } from '../ui.ts';

/** A refused code: mark the field and select it, so that the next try replaces it. */
function retry(err: unknown, el: HTMLFormElement): void {
  if (!(err instanceof AuthApiError) || err.code !== 'MFA_CODE_INVALID') return;
  const input = el.querySelector<HTMLInputElement>('input[name="code"]');
  input?.setAttribute('aria-invalid', 'true');
  input?.focus();
  input?.select();
}

export const signInCodePage: Page = {
  title: 'Two-factor authentication',
  signedIn: true,
  async render({ auth, navigate, query }) {
    const next = localPath(query.get('next'));
    const [assurance, session, factors] = await Promise.all([auth.assurance(), auth.session(), verifiedFactors(auth)]);
    // Nothing to do here (already aal2, or no factor at all): on to where the visitor was going.
    if (assurance?.aal !== 'aal1' || factors.length === 0) {
      navigate(next, { replace: true });
      return h('div');
    }
    const name = (factor: { friendly_name: string | null }) => factor.friendly_name || 'Authenticator app';
    const only = factors.length === 1 ? factors[0] : undefined;
    const named = only?.friendly_name && only.friendly_name !== 'Authenticator app' ? only.friendly_name : null;
    const which = !only ? 'the authenticator app you chose' : named ? `your authenticator app “${named}”` : 'your authenticator app';

    const appHeading = h('h2', { id: 'code-step-heading', tabindex: '-1' }, 'Code from your authenticator app');
    const recoveryHeading = h('h2', { id: 'recovery-step-heading', tabindex: '-1' }, 'Use a recovery code');
    const toRecovery = h('button', { type: 'button', class: 'link' }, 'Use a recovery code instead');
    const toApp = h('button', { type: 'button', class: 'link' }, 'Use your authenticator app instead');

    const appForm = form({
      labelledby: 'code-step-heading',
      fields: [
        ...(only ? [] : [{ name: 'factor', label: 'Authenticator app', options: factors.map((f) => ({ value: f.id, label: name(f) })) }]),
        {
          name: 'code',
          label: '6-digit code',
          autocomplete: 'one-time-code',
          inputmode: 'numeric' as const,
          spellcheck: false,
          maxlength: 7,
          required: true,
          hint: `Open ${which} and enter the code it shows for this account. A new code appears every 30 seconds.`,
        },
      ],
      submit: 'Verify',
      async onSubmit({ factor = only?.id ?? '', code = '' }) {
        await auth.verifyFactor(factor, code.replace(/\s+/g, ''));
        navigate(next, { replace: true });
      },
      onError: retry,
      footer: [toRecovery],
    });

    const recoveryForm = form({
      labelledby: 'recovery-step-heading',
      fields: [
        {
          name: 'code',
          label: 'Recovery code',
          autocomplete: 'one-time-code',
          spellcheck: false,
          required: true,
          hint: 'One of the codes you saved when you set up two-factor authentication. Each code works once.',
        },
      ],
      submit: 'Sign in with the recovery code',
      async onSubmit({ code = '' }) {
        await auth.recover(code.trim());
        navigate(next, {
          replace: true,
          flash: 'You signed in with a recovery code; it cannot be used again. Running low? Create new codes under Account security.',
        });
      },
      onError: retry,
      footer: [toApp],
    });

    const appStep = h('div', { class: 'step' }, appHeading, appForm);
    const recoveryStep = h('div', { class: 'step', hidden: true }, recoveryHeading, recoveryForm);
    toRecovery.addEventListener('click', () => {
      appStep.hidden = true;
      recoveryStep.hidden = false;
      recoveryHeading.focus();
    });
    toApp.addEventListener('click', () => {
      recoveryStep.hidden = true;
      appStep.hidden = false;
      appHeading.focus();
    });

    return h(
      'div',
      {},
      h(
        'p',
        {},
        session ? h('span', {}, 'Signing in as ', h('strong', {}, session.user.email), '. ') : '',
        'Your account is protected with two-factor authentication: one more step.',
      ),
      h('section', { 'aria-label': 'Second step' }, appStep, recoveryStep),
      h(
        'p',
        { class: 'meta' },
        'Lost your phone and your recovery codes? Ask the administrator of this service to remove your authenticator app.',
      ),
    );
  },
};
