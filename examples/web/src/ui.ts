/**
 * The few DOM helpers the pages share: `h` builds elements, `form` builds an accessible
 * form (a label for every field, hints and errors tied to the input with
 * aria-describedby, one role=alert region for the form's error and one role=status
 * region for its success, the submit button disabled while the request runs) and turns
 * an AuthApiError into those messages; `confirmStep` puts a confirmation between a
 * button and what it does; `actionButton` runs one request and shows its error;
 * `copyButton` copies text (or selects it where the clipboard is refused). A 403
 * MFA_REQUIRED from any of them goes first to the app's second-factor handler
 * ({@link onSecondFactorDue}), which may move on to the code step instead.
 */
import { AuthApiError } from '@edge-auth/client';

type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;

/** An element with attributes (`on…` functions become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== undefined) el.setAttribute(name, String(value));
  }
  el.append(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  return el;
}

/** A region announced politely (success) or at once (errors). */
export function messageRegion(kind: 'status' | 'alert', text = ''): HTMLElement {
  const el = h('div', { role: kind, class: kind, 'aria-live': kind === 'alert' ? 'assertive' : 'polite' });
  el.textContent = text;
  return el;
}

/**
 * A section with a heading (focusable, for after a change), its own status and alert
 * regions, and a `body` that is re-rendered.
 */
export function panel(key: string, title: string) {
  const heading = h('h2', { id: `${key}-heading`, tabindex: '-1' }, title);
  const status = messageRegion('status');
  const alert = messageRegion('alert');
  const body = h('div');
  const section = h('section', { 'aria-labelledby': `${key}-heading` }, heading, status, alert, body);
  return { section, heading, status, alert, body };
}
export type Panel = ReturnType<typeof panel>;

/** A failure worded for people already (e.g. a passkey dialog the browser refused): {@link describeError} shows its message as it is. */
export class Problem extends Error {}

/** Human text for a failure: the API's message, the wait on a 429, and a request id for 5xx. */
export function describeError(err: unknown): string {
  if (err instanceof Problem) return err.message;
  if (!(err instanceof AuthApiError)) return 'The server could not be reached. Check your connection and try again.';
  if (err.retryAfter && err.status === 429) return `${err.message} Try again in ${Math.max(1, Math.ceil(err.retryAfter / 60))} minute(s).`;
  if (err.status >= 500 && err.requestId) return `${err.message} (request ${err.requestId})`;
  return err.message;
}

/** What handles a 403 MFA_REQUIRED; see {@link onSecondFactorDue}. */
let secondFactorHandler: ((err: AuthApiError) => Promise<boolean>) | null = null;

/**
 * Sets what happens when a request answers 403 MFA_REQUIRED: `handler` resolves to true
 * when it took over (went on to the code step), and the control that made the request
 * then shows nothing; false, and the control shows the error as any other.
 */
export function onSecondFactorDue(handler: (err: AuthApiError) => Promise<boolean>): void {
  secondFactorHandler = handler;
}

/** True when `err` is MFA_REQUIRED and the app's handler took over. */
async function takenOver(err: unknown): Promise<boolean> {
  if (!(err instanceof AuthApiError) || err.code !== 'MFA_REQUIRED' || !secondFactorHandler) return false;
  return secondFactorHandler(err).catch(() => false);
}

/** One input of {@link form}: a text input, a select when it has `options`, or a checkbox (`type: 'checkbox'`, value `'true'` or `''`). */
interface Field {
  name: string;
  label: string;
  type?: string;
  /** A checkbox's state. */
  checked?: boolean;
  /** A `<select>` of these choices (`value` is the first one's unless given). */
  options?: { value: string; label: string }[];
  autocomplete?: string;
  /** The on-screen keyboard: `numeric` for one-time codes. */
  inputmode?: 'numeric' | 'text';
  /** Off for codes and keys, which are no words. */
  spellcheck?: boolean;
  required?: boolean;
  value?: string;
  hint?: string;
  minlength?: number;
  maxlength?: number;
  readonly?: boolean;
  /** Consecutive fields of one group (checkboxes of one choice) go in a `<fieldset>` with this `<legend>`. */
  group?: string;
}

/** Options of {@link form}. */
export interface FormOptions {
  /** Accessible name of the form, e.g. the section heading's id via `labelledby`, or a label. */
  label?: string;
  labelledby?: string;
  fields: Field[];
  submit: string;
  /** Runs on submit with the field values; its string result is announced as success. Throw to show an error. */
  onSubmit(values: Record<string, string>): Promise<unknown>;
  /** Extra content under the button (links). */
  footer?: Child[];
  /** Called with the error after it is shown (e.g. to offer a follow-up action). */
  onError?(err: unknown, form: HTMLFormElement): void;
}

let uid = 0;

/** An accessible form; see the module comment. */
export function form(options: FormOptions): HTMLFormElement {
  const prefix = `f${++uid}`;
  const alert = messageRegion('alert');
  const status = messageRegion('status');
  const inputs = new Map<string, { input: HTMLInputElement | HTMLSelectElement; error: HTMLElement }>();
  const rows = options.fields.map((field) => {
    const id = `${prefix}-${field.name}`;
    const error = h('p', { class: 'field-error', id: `${id}-error` });
    const hint = field.hint ? h('p', { class: 'hint', id: `${id}-hint` }, field.hint) : null;
    const describedby = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
    const input = field.options
      ? h(
          'select',
          { id, name: field.name, 'aria-describedby': describedby },
          ...field.options.map((o) => h('option', { value: o.value }, o.label)),
        )
      : h('input', {
          id,
          name: field.name,
          type: field.type ?? 'text',
          autocomplete: field.autocomplete,
          inputmode: field.inputmode,
          spellcheck: field.spellcheck === undefined ? undefined : String(field.spellcheck),
          autocapitalize: field.spellcheck === false ? 'none' : undefined,
          required: field.required ?? false,
          minlength: field.minlength,
          maxlength: field.maxlength,
          readonly: field.readonly ?? false,
          'aria-describedby': describedby,
        });
    const label = h('label', { for: id }, field.label);
    inputs.set(field.name, { input, error });
    if (input instanceof HTMLInputElement && field.type === 'checkbox') {
      input.checked = field.checked ?? false;
      return h('div', { class: 'field checkbox' }, h('div', { class: 'inline' }, input, label), hint, error);
    }
    if (field.value !== undefined || !field.options) input.value = field.value ?? '';
    return h('div', { class: 'field' }, label, input, hint, error);
  });
  // Consecutive rows of one group go in a fieldset, its legend naming the choice.
  const grouped: HTMLElement[] = [];
  options.fields.forEach((field, i) => {
    const row = rows[i] as HTMLElement;
    const last = grouped.at(-1);
    if (!field.group) grouped.push(row);
    else if (last?.dataset.group === field.group) last.append(row);
    else grouped.push(h('fieldset', { 'data-group': field.group }, h('legend', {}, field.group), row));
  });
  const button = h('button', { type: 'submit' }, options.submit);
  const el = h(
    'form',
    { 'aria-label': options.label, 'aria-labelledby': options.labelledby },
    alert,
    status,
    ...grouped,
    h('div', { class: 'actions' }, button, ...(options.footer ?? [])),
  );

  const clear = () => {
    alert.textContent = '';
    status.textContent = '';
    for (const { input, error } of inputs.values()) {
      input.removeAttribute('aria-invalid');
      error.textContent = '';
    }
  };

  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear();
    button.disabled = true;
    el.setAttribute('aria-busy', 'true');
    const values = Object.fromEntries(
      [...inputs].map(([name, { input }]) => [
        name,
        input instanceof HTMLInputElement && input.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value,
      ]),
    );
    try {
      const done = await options.onSubmit(values);
      if (typeof done === 'string') status.textContent = done;
    } catch (err) {
      if (await takenOver(err)) return;
      let first: HTMLInputElement | HTMLSelectElement | undefined;
      for (const detail of err instanceof AuthApiError ? err.details : []) {
        const target = inputs.get(detail.path);
        if (!target) continue;
        target.input.setAttribute('aria-invalid', 'true');
        target.error.textContent = detail.message;
        first ??= target.input;
      }
      alert.textContent = describeError(err);
      first?.focus();
      options.onError?.(err, el);
    } finally {
      button.disabled = false;
      el.removeAttribute('aria-busy');
    }
  });
  return el;
}

/** A date for people, in a <time> element. */
export function time(iso: string | null | undefined): Node {
  if (!iso) return document.createTextNode('unknown');
  const date = new Date(iso);
  return h('time', { datetime: date.toISOString() }, date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
}

/** A role as people read it: `ADMIN` → `admin`. */
export function roleName(role: string | null | undefined): string {
  return (role ?? 'member').toLowerCase();
}

/** Options of {@link confirmStep}. */
interface ConfirmOptions {
  /** The first button, e.g. "Delete this organization…". */
  label: string;
  /** Said after the label to screen readers, where the label alone is ambiguous (two passkeys of one name): its date, say. */
  detail?: string;
  /** What is about to happen, asked before doing it (a function: worded when the step opens). */
  question: string | (() => string);
  /** The button that does it. */
  confirm: string;
  /** When set, the visitor types this (e.g. the organization's name) before it runs. */
  typed?: { label: string; expected: string };
  /** Runs on confirmation; throw to show the error (the step stays open). */
  run(): Promise<void>;
}

/**
 * A button that opens a confirmation step: the question (focused, so it is read out),
 * the confirming button and Cancel (back to the first button, focused). Errors of `run`
 * are announced in the step's alert region.
 */
export function confirmStep(options: ConfirmOptions): HTMLElement {
  const alert = messageRegion('alert');
  const open = h(
    'button',
    { type: 'button', class: 'secondary danger', 'aria-label': options.detail ? `${options.label} (${options.detail})` : undefined },
    options.label,
  );
  const question = h('p', { tabindex: '-1', class: 'question' });
  const typedId = `c${++uid}`;
  const typed = options.typed
    ? h('input', { id: typedId, type: 'text', autocomplete: 'off', 'aria-describedby': `${typedId}-error` })
    : null;
  const confirm = h('button', { type: 'button', class: 'danger' }, options.confirm);
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const step = h(
    'div',
    { class: 'confirm', hidden: true },
    question,
    typed && options.typed ? h('div', { class: 'field' }, h('label', { for: typedId }, options.typed.label), typed) : null,
    h('div', { class: 'actions' }, confirm, cancel),
  );
  open.addEventListener('click', () => {
    alert.textContent = '';
    question.textContent = typeof options.question === 'function' ? options.question() : options.question;
    open.hidden = true;
    step.hidden = false;
    question.focus();
  });
  cancel.addEventListener('click', () => {
    alert.textContent = '';
    step.hidden = true;
    open.hidden = false;
    if (typed) typed.value = '';
    open.focus();
  });
  confirm.addEventListener('click', async () => {
    alert.textContent = '';
    if (typed && options.typed && typed.value.trim() !== options.typed.expected) {
      typed.setAttribute('aria-invalid', 'true');
      alert.textContent = `Type “${options.typed.expected}” exactly to confirm.`;
      typed.focus();
      return;
    }
    typed?.removeAttribute('aria-invalid');
    confirm.disabled = true;
    cancel.disabled = true;
    try {
      await options.run();
    } catch (err) {
      if (!(await takenOver(err))) alert.textContent = describeError(err);
    } finally {
      confirm.disabled = false;
      cancel.disabled = false;
    }
  });
  return h('div', { class: 'confirm-step' }, alert, open, step);
}

/**
 * A button that runs one request: disabled while it runs; an error goes to `alert`
 * (the section's region), and the button is enabled again.
 */
export function actionButton(
  label: string,
  props: { class?: string; 'aria-label'?: string },
  alert: HTMLElement,
  run: () => Promise<void>,
): HTMLButtonElement {
  const button = h('button', { type: 'button', ...props }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    alert.textContent = '';
    try {
      await run();
    } catch (err) {
      if (!(await takenOver(err))) alert.textContent = describeError(err);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/**
 * A button that copies `text()` to the clipboard and says so in `status`; where the
 * clipboard is refused, it selects `fallback` (an input or a block of text) and says how
 * to copy it with the keyboard.
 */
export function copyButton(label: string, text: () => string, status: HTMLElement, fallback: HTMLElement): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'secondary' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text());
      status.textContent = 'Copied to the clipboard.';
    } catch {
      if (fallback instanceof HTMLInputElement) {
        fallback.focus();
        fallback.select();
      } else {
        fallback.focus();
        getSelection()?.selectAllChildren(fallback);
      }
      status.textContent = 'The text is selected: copy it with Ctrl+C (⌘C on a Mac).';
    }
  });
  return button;
}

/** Only local paths are followed after signing in (no open redirect); else `fallback`. */
export function localPath(value: string | null | undefined, fallback = '/account'): string {
  return value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : fallback;
}
