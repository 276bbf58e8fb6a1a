/**
 * The few DOM helpers the pages share: `h` builds elements, `form` builds an accessible
 * form (a label for every field, hints and errors tied to the input with
 * aria-describedby, one role=alert region for the form's error and one role=status
 * region for its success, the submit button disabled while the request runs) and turns
 * an AuthApiError into those messages.
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

/** Human text for a failure: the API's message, the wait on a 429, and a request id for 5xx. */
export function describeError(err: unknown): string {
  if (!(err instanceof AuthApiError)) return 'The server could not be reached. Check your connection and try again.';
  if (err.retryAfter && err.status === 429) return `${err.message} Try again in ${Math.max(1, Math.ceil(err.retryAfter / 60))} minute(s).`;
  if (err.status >= 500 && err.requestId) return `${err.message} (request ${err.requestId})`;
  return err.message;
}

/** One input of {@link form}. */
interface Field {
  name: string;
  label: string;
  type?: string;
  autocomplete?: string;
  required?: boolean;
  value?: string;
  hint?: string;
  minlength?: number;
  readonly?: boolean;
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
  const inputs = new Map<string, { input: HTMLInputElement; error: HTMLElement }>();
  const rows = options.fields.map((field) => {
    const id = `${prefix}-${field.name}`;
    const error = h('p', { class: 'field-error', id: `${id}-error` });
    const hint = field.hint ? h('p', { class: 'hint', id: `${id}-hint` }, field.hint) : null;
    const input = h('input', {
      id,
      name: field.name,
      type: field.type ?? 'text',
      autocomplete: field.autocomplete,
      required: field.required ?? false,
      minlength: field.minlength,
      readonly: field.readonly ?? false,
      'aria-describedby': [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '),
    });
    input.value = field.value ?? '';
    inputs.set(field.name, { input, error });
    return h('div', { class: 'field' }, h('label', { for: id }, field.label), input, hint, error);
  });
  const button = h('button', { type: 'submit' }, options.submit);
  const el = h(
    'form',
    { 'aria-label': options.label, 'aria-labelledby': options.labelledby },
    alert,
    status,
    ...rows,
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
    const values = Object.fromEntries([...inputs].map(([name, { input }]) => [name, input.value]));
    try {
      const done = await options.onSubmit(values);
      if (typeof done === 'string') status.textContent = done;
    } catch (err) {
      let first: HTMLInputElement | undefined;
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
