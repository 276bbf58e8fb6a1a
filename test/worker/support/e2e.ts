/**
 * End-to-end helpers for worker tests (built on support/harness.ts, whose env helper they
 * re-export): requests through the real worker entry (with its
 * Durable Object binding) against the test run's local stack, the stack's mailbox, and
 * the test SQL endpoint for arranging or inspecting database state that no API exposes
 * (aging a token, counting rows).
 */
import { env, exports } from 'cloudflare:workers';
import { createApp } from '../../../src/app.ts';
import { PASSWORD, uniqueEmail } from '../../support/accounts.ts';

export { PASSWORD, uniqueEmail };

/** A JSON envelope as the worker answers it. */
interface Envelope<T = any> {
  success: boolean;
  message: string;
  data: T;
  count?: number;
  /** Present on failures only. */
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

/** A response with its parsed envelope. */
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: Envelope<T>;
}

/** Options of {@link api}. */
export interface ApiOptions {
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  /** Use an app built with this env instead of the worker entry (e.g. other thresholds). */
  env?: Cloudflare.Env;
}

/** Calls the worker at `path` and parses the envelope. */
export async function api<T = any>(path: string, options: ApiOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const init: RequestInit = {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  };
  const url = `http://worker.test${path}`;
  const res = options.env ? await createApp().request(url, init, options.env) : await exports.default.fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Envelope<T> };
}

export { envWith } from './harness.ts';

/** Runs SQL as the superuser through the test SQL endpoint. */
export async function sql<T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> {
  const res = await fetch(env.TEST_SQL_URL!, { method: 'POST', body: JSON.stringify({ text, params }) });
  const json = (await res.json()) as { rows?: T[]; error?: string };
  if (!res.ok || !json.rows) throw new Error(`SQL failed: ${json.error ?? res.status}`);
  return json.rows;
}

/** Claims signed with the stand-in's own signing key (as Supabase Auth would sign them). */
export async function signWithProjectKey(claims: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${env.TEST_SQL_URL!}/sign`, { method: 'POST', body: JSON.stringify({ claims }) });
  const json = (await res.json()) as { token?: string; error?: string };
  if (!res.ok || !json.token) throw new Error(`signing failed: ${json.error ?? res.status}`);
  return json.token;
}

interface MailSummary {
  ID: string;
  Subject: string;
  To: { Address: string }[];
}

/** Messages sent to `email`, newest first. */
export async function mailFor(email: string): Promise<MailSummary[]> {
  const res = await fetch(`${env.TEST_MAILBOX_URL}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`);
  return ((await res.json()) as { messages: MailSummary[] }).messages;
}

/** The HTML of the newest message to `email` (waits briefly for it to arrive). */
export async function latestMailHtml(email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const [latest] = await mailFor(email);
    if (latest) {
      const res = await fetch(`${env.TEST_MAILBOX_URL}/api/v1/message/${latest.ID}`);
      return ((await res.json()) as { HTML: string }).HTML;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${email}`);
}

/** The reset token (token_hash) from the newest recovery email to `email`, and the link. */
export async function resetLinkFor(email: string): Promise<{ link: string; token: string }> {
  const html = await latestMailHtml(email);
  const link = /href="([^"]*token_hash=[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  const token = link ? new URL(link).searchParams.get('token_hash') : null;
  if (!link || !token) throw new Error(`no reset link in: ${html}`);
  return { link, token };
}

/** Registers a user through the worker (document 003) and returns the answer's data. */
export async function registerUser(
  fields: { email?: string; password?: string; first_name?: string; last_name?: string; organization_name?: string } = {},
) {
  const email = fields.email ?? uniqueEmail();
  const password = fields.password ?? PASSWORD;
  const res = await api('/api/v1/auth/register', { body: { ...fields, email, password } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { email, password, data: res.body.data };
}

/** Logs a user in through the worker; throws unless 200. */
export async function loginUser(email: string, password = PASSWORD) {
  const res = await api('/api/v1/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { access_token: string; refresh_token: string; user: Record<string, any> };
}

/** Document 000's flow: POST /signup (no tokens), then POST /login. */
export async function signupFlowSession() {
  const email = uniqueEmail('flow');
  const res = await api('/api/v1/auth/signup', { body: { email, password: PASSWORD } });
  if (res.status !== 200) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return loginUser(email);
}
