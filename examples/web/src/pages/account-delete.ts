/**
 * The account page's "Delete my account" section: a button that opens a confirmation step
 * (the question is focused, so it is read out), where the user proves it is them with the
 * password — or, without one, with a code the app has emailed ("Email me a code") — and
 * then the account is gone: back to the sign-in page with a message. Cancel closes the
 * step and returns focus to the button. Errors (a wrong password or code, a lockout) are
 * announced by the step's form.
 */
import type { AuthClient } from '@edge-auth/client';
import type { PageContext } from '../context.ts';
import { actionButton, form, h, messageRegion } from '../ui.ts';

export function deleteAccountSection(auth: AuthClient, email: string, navigate: PageContext['navigate']): HTMLElement {
  const done = () => navigate('/login', { flash: 'Your account has been deleted.', replace: true });
  const open = h(
    'button',
    { type: 'button', class: 'secondary danger', 'aria-expanded': 'false', 'aria-controls': 'delete-step' },
    'Delete my account…',
  );
  const question = h(
    'p',
    { tabindex: '-1', class: 'question' },
    'Delete your account for good? Confirm it is you with your password, or with a code we email you.',
  );
  const byPassword = form({
    label: 'Delete my account with my password',
    fields: [{ name: 'password', label: 'Your password', type: 'password', autocomplete: 'current-password', required: true }],
    submit: 'Delete my account permanently',
    async onSubmit({ password = '' }) {
      await auth.deleteAccount({ password });
      done();
    },
  });
  const codeStatus = messageRegion('status');
  const codeAlert = messageRegion('alert');
  const byCode = form({
    label: 'Delete my account with an emailed code',
    fields: [
      {
        name: 'code',
        label: 'The 6-digit code from the email',
        inputmode: 'numeric',
        autocomplete: 'one-time-code',
        spellcheck: false,
        required: true,
        maxlength: 7,
      },
    ],
    submit: 'Delete my account permanently',
    async onSubmit({ code = '' }) {
      await auth.deleteAccount({ code: code.replace(/\s+/g, '') });
      done();
    },
  });
  byCode.hidden = true;
  // The buttons that delete look like every other destructive button of the app.
  for (const submit of [byPassword, byCode].map((f) => f.querySelector('button[type="submit"]'))) submit?.classList.add('danger');
  const sendCode = actionButton('Email me a code instead', { class: 'secondary' }, codeAlert, async () => {
    await auth.sendSignInCode(email);
    byCode.hidden = false;
    codeStatus.textContent = `We have emailed a code to ${email}. Enter it below.`;
    byCode.querySelector('input')?.focus();
  });
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const step = h(
    'div',
    { class: 'confirm', id: 'delete-step', hidden: true },
    question,
    byPassword,
    h('p', {}, 'No password, or you would rather not type it? '),
    h('div', { class: 'actions' }, sendCode),
    codeAlert,
    codeStatus,
    byCode,
    h('div', { class: 'actions' }, cancel),
  );
  open.addEventListener('click', () => {
    open.hidden = true;
    open.setAttribute('aria-expanded', 'true');
    step.hidden = false;
    question.focus();
  });
  cancel.addEventListener('click', () => {
    step.hidden = true;
    byCode.hidden = true;
    // The buttons that delete look like every other destructive button of the app.
    for (const submit of [byPassword, byCode].map((f) => f.querySelector('button[type="submit"]'))) submit?.classList.add('danger');
    codeStatus.textContent = '';
    codeAlert.textContent = '';
    for (const input of step.querySelectorAll('input')) input.value = '';
    open.hidden = false;
    open.setAttribute('aria-expanded', 'false');
    open.focus();
  });
  return h(
    'section',
    { 'aria-labelledby': 'delete-heading' },
    h('h2', { id: 'delete-heading' }, 'Delete my account'),
    h(
      'p',
      {},
      'Deleting your account signs you out everywhere and removes your profile, your personal organization and your memberships. ' +
        'A team organization you own passes to its longest-standing admin or member, or is deleted when nobody is left. This cannot be undone.',
    ),
    open,
    step,
  );
}
