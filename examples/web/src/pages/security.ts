/**
 * /account/security?next=…: two-factor authentication for the signed-in user.
 *
 * - The authenticator apps (verified TOTP factors), each with "Remove" behind a
 *   confirmation; removing one needs the `aal2` session every user with a factor has here.
 * - Setting one up: the QR code (the enrolment's `qr_code` as an <img>) and the same key
 *   to type in by hand, then the app's 6-digit code to confirm. The verify answer is an
 *   `aal2` session, which replaces this one (the client stores it).
 * - Recovery codes: created on request, shown once — listed, with a text file to download
 *   (a Blob link) and a copy button — and gone from the page once the user says they are
 *   saved or leaves.
 *
 * A page that needed a second factor (an organization that requires one) sends the user
 * here with `next` and says why (the flash); once a factor is on, "Continue" leads back.
 * Each step moves the focus to its heading; every change is announced in the section's
 * status or alert region.
 */
import type { AuthClient } from '@edge-auth/client';
import type { Page } from '../context.ts';
import { qrImageSource } from '../second-factor.ts';
import { actionButton, confirmStep, copyButton, describeError, form, h, localPath, messageRegion, panel, time } from '../ui.ts';

type Factor = Awaited<ReturnType<AuthClient['factors']>>[number];
type Enrolment = Awaited<ReturnType<AuthClient['enrollFactor']>>;

const DEFAULT_NAME = 'Authenticator app';

/** A name no factor of the user has yet: Supabase Auth refuses a repeated one. */
function freshName(factors: Factor[]): string {
  const taken = new Set(factors.map((f) => f.friendly_name ?? ''));
  for (let n = 1; ; n++) {
    const name = n === 1 ? DEFAULT_NAME : `${DEFAULT_NAME} ${n}`;
    if (!taken.has(name)) return name;
  }
}

/** The base32 key in groups of four, as authenticator apps show and accept it. */
function grouped(secret: string): string {
  return secret.replace(/=+$/, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** The recovery codes as a text file to keep. */
function codesFile(codes: string[], email: string): string {
  return [
    `Recovery codes for ${email} (Edge Auth)`,
    `Created ${new Date().toISOString()}`,
    'Each code signs you in once instead of your authenticator app. Creating new codes makes these stop working.',
    '',
    ...codes,
    '',
  ].join('\n');
}

export const securityPage: Page = {
  title: 'Account security',
  signedIn: true,
  async render({ auth, query }) {
    const next = query.get('next') ? localPath(query.get('next')) : null;
    const email = (await auth.session())?.user.email ?? '';
    const twoFactor = panel('two-factor', 'Two-factor authentication');
    const recovery = panel('recovery', 'Recovery codes');
    const onward = h('div');
    let factors: Factor[] = [];
    const verified = () => factors.filter((f) => f.status === 'verified');

    /** The way back to the page that sent the user here, once a factor is on. */
    const showOnward = () => {
      onward.replaceChildren(
        next && verified().length
          ? h('p', { class: 'notice' }, 'Two-factor authentication is on. ', h('a', { href: next }, 'Continue where you were going'))
          : '',
      );
    };

    /** Loads the factors again and renders both sections. */
    const reload = async () => {
      factors = await auth.factors();
      showFactors();
      showRecovery();
      showOnward();
    };

    const showFactors = () => {
      const on = verified();
      const start = h('button', { type: 'button' }, on.length ? 'Add another authenticator app' : 'Set up an authenticator app');
      const step = h('div');
      start.addEventListener('click', () => void begin(start, step));
      twoFactor.body.replaceChildren(
        h(
          'p',
          {},
          on.length
            ? 'Two-factor authentication is on: signing in asks for a code from your authenticator app after your password.'
            : 'Two-factor authentication is off. Turn it on to ask for a code from an authenticator app on your phone after your password.',
        ),
        on.length
          ? h(
              'ul',
              { class: 'items', 'aria-label': 'Your authenticator apps' },
              ...on.map((factor) => {
                const name = factor.friendly_name || DEFAULT_NAME;
                return h(
                  'li',
                  { 'data-factor-id': factor.id },
                  h('div', {}, h('strong', {}, name), h('div', { class: 'meta' }, 'added ', time(factor.created_at))),
                  confirmStep({
                    label: `Remove ${name}…`,
                    question:
                      on.length === 1
                        ? `Remove ${name}? Signing in will ask for your password only, and your recovery codes stop working.`
                        : `Remove ${name}? Its codes will no longer sign you in.`,
                    confirm: `Remove ${name}`,
                    async run() {
                      await auth.deleteFactor(factor.id);
                      await reload();
                      twoFactor.status.textContent = `${name} has been removed.`;
                      twoFactor.heading.focus();
                    },
                  }),
                );
              }),
            )
          : '',
        h('div', { class: 'actions' }, start),
        step,
      );
    };

    /** Starts an enrolment: the QR code, the key, and the code to confirm it. */
    const begin = async (start: HTMLButtonElement, step: HTMLElement) => {
      twoFactor.alert.textContent = '';
      twoFactor.status.textContent = '';
      start.disabled = true;
      let enrolment: Enrolment;
      try {
        // An enrolment left unfinished earlier would keep its name taken: remove it first.
        for (const old of factors.filter((f) => f.status === 'unverified')) await auth.deleteFactor(old.id).catch(() => {});
        enrolment = await auth.enrollFactor({ friendly_name: freshName(factors.filter((f) => f.status === 'verified')) });
      } catch (err) {
        start.disabled = false;
        twoFactor.alert.textContent = describeError(err);
        return;
      }
      start.hidden = true;
      step.replaceChildren(enrolmentStep(enrolment, start, step));
      step.querySelector<HTMLElement>('h3')?.focus();
    };

    const enrolmentStep = (enrolment: Enrolment, start: HTMLButtonElement, step: HTMLElement) => {
      const keyStatus = messageRegion('status');
      const key = h('input', {
        id: 'totp-key',
        type: 'text',
        class: 'code',
        readonly: true,
        spellcheck: 'false',
        'aria-describedby': 'totp-key-hint',
      });
      key.value = grouped(enrolment.totp.secret);
      const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
      cancel.addEventListener('click', async () => {
        cancel.disabled = true;
        await auth.deleteFactor(enrolment.id).catch(() => {});
        factors = factors.filter((f) => f.id !== enrolment.id);
        step.replaceChildren();
        start.hidden = false;
        start.disabled = false;
        twoFactor.status.textContent = 'Setting up the authenticator app was cancelled.';
        start.focus();
      });
      const confirm = form({
        labelledby: 'confirm-code-label',
        fields: [
          {
            name: 'code',
            label: '6-digit code from the app',
            autocomplete: 'one-time-code',
            inputmode: 'numeric',
            spellcheck: false,
            maxlength: 7,
            required: true,
          },
        ],
        submit: 'Turn on two-factor authentication',
        async onSubmit({ code = '' }) {
          await auth.verifyFactor(enrolment.id, code.replace(/\s+/g, ''));
          await reload();
          twoFactor.status.textContent = 'Two-factor authentication is on. Create recovery codes now, in case you lose your phone.';
          twoFactor.heading.focus();
        },
        onError(_err, el) {
          const input = el.querySelector<HTMLInputElement>('input[name="code"]');
          input?.setAttribute('aria-invalid', 'true');
          input?.focus();
          input?.select();
        },
        footer: [cancel],
      });
      return h(
        'div',
        { class: 'enrol' },
        h('h3', { tabindex: '-1' }, 'Set up your authenticator app'),
        h(
          'ol',
          { class: 'steps' },
          h(
            'li',
            {},
            h(
              'p',
              {},
              'Open your authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password) and scan this QR code:',
            ),
            h('img', {
              class: 'qr',
              src: qrImageSource(enrolment.totp.qr_code),
              alt: `QR code for adding ${email} to an authenticator app. Cannot scan it? Use the setup key below.`,
              width: 200,
              height: 200,
            }),
          ),
          h(
            'li',
            {},
            h('p', { id: 'totp-key-hint' }, 'Cannot scan it? Add the account by hand with this setup key (time-based, 6 digits):'),
            h('div', { class: 'field' }, h('label', { for: 'totp-key' }, 'Setup key'), key),
            h(
              'div',
              { class: 'actions' },
              copyButton('Copy the key', () => enrolment.totp.secret, keyStatus, key),
            ),
            keyStatus,
          ),
          h('li', {}, h('p', { id: 'confirm-code-label' }, 'Enter the 6-digit code the app now shows, to confirm:'), confirm),
        ),
      );
    };

    const showRecovery = () => {
      recovery.section.hidden = verified().length === 0;
      const shown = h('div');
      const create = actionButton('Create recovery codes', { class: 'secondary' }, recovery.alert, async () => {
        recovery.status.textContent = '';
        const { codes } = await auth.createRecoveryCodes();
        shown.replaceChildren(codesPanel(codes, create, shown));
        create.hidden = true;
        shown.querySelector<HTMLElement>('h3')?.focus();
      });
      recovery.body.replaceChildren(
        h(
          'p',
          {},
          'If you lose your phone, a recovery code signs you in instead of the app’s code. Each code works once. ',
          'Creating new codes makes any earlier ones stop working.',
        ),
        h('div', { class: 'actions' }, create),
        shown,
      );
    };

    /** The new codes, shown this once: list, download, copy, and "I have saved them". */
    const codesPanel = (codes: string[], create: HTMLButtonElement, shown: HTMLElement) => {
      const status = messageRegion('status');
      const url = URL.createObjectURL(new Blob([codesFile(codes, email)], { type: 'text/plain' }));
      const list = h(
        'ol',
        { class: 'codes', 'aria-labelledby': 'codes-heading', tabindex: '-1' },
        ...codes.map((code) => h('li', {}, code)),
      );
      const done = h('button', { type: 'button' }, 'I have saved them');
      done.addEventListener('click', () => {
        URL.revokeObjectURL(url);
        shown.replaceChildren();
        create.hidden = false;
        recovery.status.textContent = 'Your recovery codes are hidden now; they are not shown again.';
        recovery.heading.focus();
      });
      return h(
        'div',
        { class: 'recovery-codes' },
        h('h3', { id: 'codes-heading', tabindex: '-1' }, 'Your new recovery codes'),
        h('p', { class: 'warning' }, 'Save them now: they are shown only this once. Keep them somewhere safe, apart from your phone.'),
        list,
        h(
          'div',
          { class: 'actions' },
          h('a', { class: 'button secondary', href: url, download: 'edge-auth-recovery-codes.txt' }, 'Download the codes (.txt)'),
          copyButton('Copy the codes', () => codes.join('\n'), status, list),
          done,
        ),
        status,
      );
    };

    await reload();
    return h('div', {}, onward, twoFactor.section, recovery.section, h('p', {}, h('a', { href: '/account' }, 'Back to your account')));
  },
};
