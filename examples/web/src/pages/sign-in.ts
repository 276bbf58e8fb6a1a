/**
 * /login: three ways to sign in, each going on the same way afterwards — to the code step
 * (/sign-in/code) when the account has two-factor authentication, then to `?next=<local
 * path>` (a page that needed a signed-in user, an invitation) or the account page.
 *
 * - Email and password; an unconfirmed address can ask for the confirmation email again.
 * - "Sign in with a passkey": the browser's passkey dialog. Where the browser supports it,
 *   its passkeys are also offered in the autofill of the email field (conditional UI: the
 *   field's `autocomplete="username webauthn"` and a `mediation: 'conditional'` request
 *   started with the page); that request is aborted when the form is sent, the dialog is
 *   opened or another way is chosen, and started again when the visitor comes back to it.
 *   On a loopback IP address (http://127.0.0.1:3000) the page points to itself on
 *   `localhost`, where passkeys work.
 * - "Email me a code instead": the address, then the 6-digit code of the email (whose link
 *   opens /sign-in/email). `?with=code` opens this way first.
 *
 * Each switch between the ways moves the focus to the new step's heading (back to the
 * password: its email field); a refused code is announced and selected for the next try.
 */
import { AuthApiError } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { conditionalMediation, localhostNote, passkeyPlace, passkeyProblem } from '../passkeys.ts';
import { afterSignIn } from '../second-factor.ts';
import { describeError, form, h, localPath, messageRegion } from '../ui.ts';
import { resendButton } from './verify.ts';

/** A refused or expired code: mark the field and select it, so that the next try replaces it. */
function retryCode(err: unknown, el: HTMLFormElement): void {
  if (!(err instanceof AuthApiError) || (err.code !== 'TOKEN_INVALID' && err.code !== 'TOKEN_EXPIRED')) return;
  const input = el.querySelector<HTMLInputElement>('input[name="code"]');
  input?.setAttribute('aria-invalid', 'true');
  input?.focus();
  input?.select();
}

export const signInPage: Page = {
  title: 'Sign in',
  guest: true,
  render({ auth, navigate, query, signal }) {
    const next = localPath(query.get('next'));
    const register = query.get('next') ? `/register?next=${encodeURIComponent(next)}` : '/register';
    const onward = async () => navigate(await afterSignIn(auth, next), { replace: true });
    const place = passkeyPlace();

    // Conditional UI: one request at a time, aborted before anything else signs in.
    const conditionalOffered = place.kind === 'here' ? conditionalMediation() : Promise.resolve(false);
    let conditional: { controller: AbortController; done: Promise<void> } | null = null;
    const passkeyAlert = messageRegion('alert');
    const startConditional = () => {
      if (conditional || signal.aborted) return;
      const controller = new AbortController();
      const stop = () => controller.abort();
      signal.addEventListener('abort', stop, { once: true });
      const done = conditionalOffered
        .then(async (offered) => {
          if (!offered || controller.signal.aborted) return;
          await auth.signInWithPasskey({ conditional: true, signal: controller.signal });
          await onward();
        })
        .catch((err: unknown) => {
          // Only a passkey the visitor chose and the API refused is worth a word (and another
          // offer); anything else — no passkeys to offer, the options refused — stays quiet:
          // the button is there, and says what goes wrong.
          if (controller.signal.aborted || !(err instanceof AuthApiError && err.code === 'TOKEN_INVALID')) return;
          passkeyAlert.textContent = describeError(passkeyProblem(err, 'sign-in'));
          queueMicrotask(startConditional);
        })
        .finally(() => {
          signal.removeEventListener('abort', stop);
          if (conditional?.controller === controller) conditional = null;
        });
      conditional = { controller, done };
    };
    const stopConditional = async () => {
      const running = conditional;
      conditional = null;
      running?.controller.abort();
      await running?.done;
    };

    // Email and password.
    let email = '';
    const followUp = h('div');
    const passwordForm = form({
      label: 'Sign in',
      fields: [
        // "webauthn": the browser may offer this site's passkeys in the field's autofill.
        { name: 'email', label: 'Email', type: 'email', autocomplete: 'username webauthn', required: true },
        { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true },
      ],
      submit: 'Sign in',
      async onSubmit(values) {
        await stopConditional();
        followUp.replaceChildren();
        passkeyAlert.textContent = '';
        email = values.email ?? '';
        await auth.login({ email, password: values.password ?? '' });
        await onward();
      },
      onError(err) {
        if (err instanceof AuthApiError && err.code === 'EMAIL_NOT_VERIFIED') followUp.replaceChildren(resendButton(auth, () => email));
        startConditional();
      },
      footer: [h('a', { href: '/forgot-password' }, 'Forgot your password?')],
    });
    const passwordEmail = passwordForm.querySelector<HTMLInputElement>('input[name="email"]');

    // A passkey, in the browser's dialog.
    const passkeyButton = h('button', { type: 'button', class: 'secondary' }, 'Sign in with a passkey');
    passkeyButton.addEventListener('click', async () => {
      passkeyAlert.textContent = '';
      passkeyButton.disabled = true;
      await stopConditional();
      try {
        await auth.signInWithPasskey({ signal });
        await onward();
      } catch (err) {
        if (signal.aborted) return;
        passkeyAlert.textContent = describeError(passkeyProblem(err, 'sign-in'));
        startConditional();
      } finally {
        passkeyButton.disabled = false;
      }
    });

    // An emailed code: the address, then the code.
    let codeEmail = '';
    const toCode = h('button', { type: 'button', class: 'secondary' }, 'Email me a code instead');
    const toPassword = h('button', { type: 'button', class: 'link' }, 'Use your password instead');
    const toPasswordAgain = h('button', { type: 'button', class: 'link' }, 'Use your password instead');
    const otherAddress = h('button', { type: 'button', class: 'link' }, 'Use a different address');
    const resend = h('button', { type: 'button', class: 'link' }, 'Send a new code');
    const requestHeading = h('h2', { id: 'code-request-heading', tabindex: '-1' }, 'Sign in with a code from your email');
    const enterHeading = h('h2', { id: 'code-enter-heading', tabindex: '-1' }, 'Enter the code from your email');
    const sentTo = h('p', { id: 'code-sent-to' });
    const resendStatus = messageRegion('status');

    const requestForm = form({
      labelledby: 'code-request-heading',
      fields: [
        {
          name: 'email',
          label: 'Email',
          type: 'email',
          autocomplete: 'username',
          required: true,
          hint: 'We will email you a 6-digit code, and a link that signs you in.',
        },
      ],
      submit: 'Email me a code',
      async onSubmit(values) {
        codeEmail = (values.email ?? '').trim();
        await auth.sendSignInCode(codeEmail);
        showEnter();
      },
      footer: [toPassword],
    });
    const requestEmail = requestForm.querySelector<HTMLInputElement>('input[name="email"]');

    const enterForm = form({
      labelledby: 'code-enter-heading',
      fields: [
        {
          name: 'code',
          label: '6-digit code',
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          spellcheck: false,
          maxlength: 7,
          required: true,
        },
      ],
      submit: 'Sign in',
      async onSubmit({ code = '' }) {
        resendStatus.textContent = '';
        await auth.verifySignInCode({ email: codeEmail, code: code.replace(/\s+/g, '') });
        await onward();
      },
      onError: retryCode,
      footer: [resend],
    });
    enterForm.setAttribute('aria-describedby', 'code-sent-to');
    const codeInput = enterForm.querySelector<HTMLInputElement>('input[name="code"]');

    const passwordStep = h(
      'div',
      { class: 'step' },
      passwordForm,
      followUp,
      h(
        'div',
        { class: 'other-ways' },
        h('h2', { class: 'divider' }, 'Or sign in without your password'),
        passkeyAlert,
        h('div', { class: 'actions' }, place.kind === 'here' ? passkeyButton : null, toCode),
        place.kind === 'localhost' ? localhostNote(place.url, 'sign in with a passkey') : null,
      ),
    );
    const requestStep = h('div', { class: 'step' }, requestHeading, requestForm);
    const enterStep = h(
      'div',
      { class: 'step code-entry' },
      enterHeading,
      sentTo,
      resendStatus,
      enterForm,
      h('p', { class: 'switch' }, otherAddress, toPasswordAgain),
    );
    // One step in the page at a time (the others keep what was typed).
    const current = h('div', { class: 'sign-in' });
    const show = (step: HTMLElement) => {
      current.replaceChildren(step);
      if (step === passwordStep) startConditional();
      else void stopConditional();
    };

    const showRequest = () => {
      if (requestEmail && !requestEmail.value) requestEmail.value = passwordEmail?.value ?? '';
      show(requestStep);
      requestHeading.focus();
    };
    const showEnter = () => {
      sentTo.replaceChildren(
        'If ',
        h('strong', {}, codeEmail),
        ' has an account here, we have sent it a 6-digit code. The code works once, within an hour; the link in the same email signs you in too.',
      );
      resendStatus.textContent = '';
      if (codeInput) {
        codeInput.value = '';
        codeInput.removeAttribute('aria-invalid');
      }
      show(enterStep);
      enterHeading.focus();
    };
    const showPassword = () => {
      if (passwordEmail && !passwordEmail.value) passwordEmail.value = requestEmail?.value ?? '';
      show(passwordStep);
      passwordEmail?.focus();
    };
    toCode.addEventListener('click', showRequest);
    otherAddress.addEventListener('click', () => {
      showRequest();
      requestEmail?.select();
    });
    toPassword.addEventListener('click', showPassword);
    toPasswordAgain.addEventListener('click', showPassword);
    resend.addEventListener('click', async () => {
      resend.disabled = true;
      resendStatus.textContent = '';
      try {
        await auth.sendSignInCode(codeEmail);
        resendStatus.textContent = `If ${codeEmail} has an account here, a new code is on its way. Use the code of the newest email.`;
      } catch (err) {
        resendStatus.textContent = describeError(err);
      } finally {
        resend.disabled = false;
      }
    });

    show(query.get('with') === 'code' ? requestStep : passwordStep);
    return h('div', {}, current, h('p', {}, 'New here? ', h('a', { href: register }, 'Create an account')));
  },
};
