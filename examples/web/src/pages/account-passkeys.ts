/**
 * The passkeys section of /account: the user's passkeys (name, when added, when last used),
 * each with "Rename" (an inline form) and "Remove" behind a confirmation, and "Add a
 * passkey" with an optional name, which opens the browser's passkey dialog
 * (`auth.registerPasskey`). Every change is announced in the section's status region and
 * the focus returns to the section's heading; a cancelled dialog or a refusal is announced
 * in the form. Where the page cannot use passkeys (a loopback IP address: the same page on
 * `localhost`; a browser without WebAuthn) the list stays and the form gives way to a note.
 */
import type { AuthClient } from '@edge-auth/client';
import { localhostNote, passkeyPlace, passkeyProblem } from '../passkeys.ts';
import { confirmStep, describeError, form, h, messageRegion, time } from '../ui.ts';

type Passkey = Awaited<ReturnType<AuthClient['passkeys']>>[number];

/** The API names a passkey after its authenticator, or not at all. */
const nameOf = (passkey: Passkey) => passkey.friendly_name || 'Passkey';

/** A date as the list shows it, for accessible names. */
const dateText = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The section, and a way to load the list (again). `signal`: the page was left (ends an open passkey dialog). */
export function passkeysSection(auth: AuthClient, signal: AbortSignal) {
  const heading = h('h2', { id: 'passkeys-heading', tabindex: '-1' }, 'Passkeys');
  const status = messageRegion('status');
  const alert = messageRegion('alert');
  const list = h('div');
  const place = passkeyPlace();

  /** Reloads the list and announces `message` with the focus on the heading. */
  const changed = async (message: string) => {
    await reload();
    status.textContent = message;
    heading.focus();
  };

  const item = (passkey: Passkey) => {
    const name = nameOf(passkey);
    const added = dateText(passkey.created_at);
    const li = h('li', { 'data-passkey-id': passkey.id });
    const rename = h('button', { type: 'button', class: 'secondary', 'aria-label': `Rename ${name} (added ${added})` }, 'Rename');
    const summary = h(
      'div',
      {},
      h('strong', {}, name),
      h(
        'div',
        { class: 'meta' },
        'added ',
        time(passkey.created_at),
        ' · ',
        ...(passkey.last_used_at ? ['last used ', time(passkey.last_used_at)] : ['not used yet']),
      ),
    );
    const controls = h(
      'div',
      { class: 'actions' },
      rename,
      confirmStep({
        label: `Remove ${name}…`,
        detail: `added ${added}`,
        question: `Remove ${name}? It will no longer sign you in. Your password and other sign-in methods stay as they are.`,
        confirm: `Remove ${name}`,
        async run() {
          await auth.deletePasskey(passkey.id);
          await changed(`${name} has been removed. It can no longer sign you in.`);
        },
      }),
    );
    const show = () => li.replaceChildren(summary, controls);
    rename.addEventListener('click', () => {
      status.textContent = '';
      const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
      const renaming = form({
        label: `Rename ${name}`,
        fields: [
          { name: 'friendly_name', label: `New name for ${name}`, value: name, required: true, maxlength: 100, autocomplete: 'off' },
        ],
        submit: 'Save the name',
        async onSubmit({ friendly_name = '' }) {
          const renamed = await auth.renamePasskey(passkey.id, friendly_name.trim());
          await changed(`The passkey is now called ${nameOf(renamed)}.`);
        },
        footer: [cancel],
      });
      cancel.addEventListener('click', () => {
        show();
        rename.focus();
      });
      li.replaceChildren(h('div', { class: 'rename' }, renaming));
      const input = renaming.querySelector('input');
      input?.focus();
      input?.select();
    });
    show();
    return li;
  };

  const reload = async () => {
    try {
      const passkeys = await auth.passkeys();
      list.replaceChildren(
        passkeys.length
          ? h('ul', { class: 'items passkeys', 'aria-label': 'Your passkeys' }, ...passkeys.map(item))
          : h('p', { class: 'meta' }, 'You have no passkeys yet.'),
      );
    } catch (err) {
      alert.textContent = describeError(err);
    }
  };

  const adding = () => {
    if (place.kind === 'localhost') return localhostNote(place.url, 'add one');
    if (place.kind === 'unsupported') return h('p', { class: 'notice' }, 'This browser cannot create passkeys.');
    const add = form({
      labelledby: 'add-passkey-heading',
      fields: [
        {
          name: 'friendly_name',
          label: 'Name (optional)',
          maxlength: 100,
          autocomplete: 'off',
          hint: 'Something that tells you where the passkey is kept, such as “Work laptop” or your password manager.',
        },
      ],
      submit: 'Add a passkey',
      async onSubmit({ friendly_name = '' }) {
        status.textContent = '';
        let added: Passkey;
        try {
          added = await auth.registerPasskey({ friendly_name: friendly_name.trim() || undefined, signal });
        } catch (err) {
          throw passkeyProblem(err, 'register');
        }
        for (const input of add.querySelectorAll('input')) input.value = '';
        await changed(`${nameOf(added)} has been added. You can sign in with it from now on.`);
      },
    });
    return h('div', { class: 'add-passkey' }, h('h3', { id: 'add-passkey-heading' }, 'New passkey'), add);
  };

  const section = h(
    'section',
    { 'aria-labelledby': 'passkeys-heading' },
    heading,
    status,
    alert,
    h(
      'p',
      {},
      'A passkey signs you in with your fingerprint, face, screen lock or security key instead of your password. ',
      'It is kept on your device or in your password manager.',
    ),
    list,
    adding(),
  );
  return { section, reload };
}
