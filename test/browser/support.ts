/**
 * Helpers the browser flows share: users made through the worker, signing in through the
 * web app, links out of the mailbox, and what a page keeps (its stored session, the
 * claims of its access token).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PASSWORD, uniqueEmail } from '../support/accounts.ts';
import type { Environment } from './environment.ts';

// The page.evaluate callbacks below run in the page; the root tsconfig has no DOM library.
declare class BroadcastChannel {
  constructor(name: string);
  onmessage: ((event: { data: { type?: string; session?: unknown } | null }) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

/** Each flow's own limit. */
export const TEST_TIMEOUT = 60_000;

/**
 * The newest link to `pathname` (a path, or a pattern of paths) in the emails to `email`,
 * newest email first; waits for such an email to arrive.
 */
export async function emailLink(env: Environment, email: string, pathname: string | RegExp): Promise<string> {
  const leadsThere = (href: string) => {
    const path = new URL(href).pathname;
    return typeof pathname === 'string' ? path === pathname : pathname.test(path);
  };
  let seen: string[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    const search = await fetch(`${env.mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`);
    const { messages } = (await search.json()) as { messages: { ID: string }[] };
    seen = [];
    for (const { ID } of messages) {
      const message = (await (await fetch(`${env.mailboxUrl}/api/v1/message/${ID}`)).json()) as { HTML: string };
      const links = [...message.HTML.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
      const link = links.find(leadsThere);
      if (link) return link;
      seen.push(...links);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no email to ${email} links to ${pathname}${seen.length ? `; its emails link to ${seen.join(', ')}` : ''}`);
}

/** A user made through the worker's /register (faster than the form when the flow is about something else). */
export async function registeredUser(env: Environment, fields: Record<string, string> = {}): Promise<string> {
  const email = uniqueEmail('browser');
  const res = await fetch(`${env.site.workerUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, ...fields }),
  });
  assert.equal(res.status, 201, await res.text());
  return email;
}

/** The text of the page's h1. */
export async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
}

/** Fills in and sends the sign-in form at `appUrl/login`. */
export async function signIn(page: Page, appUrl: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${appUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Waits until the account page shows `email` as signed in. */
export async function expectAccount(page: Page, email: string): Promise<void> {
  await page.waitForURL('**/account');
  await page.getByText(`Signed in as ${email}`).waitFor();
  assert.equal(await heading(page), 'Your account');
}

/** What a page's client holds (see {@link storedSession}). */
export type StoredSession = { access_token: string; refresh_token: string; expires_at: number };

/**
 * The session a page's client holds, or null. The web app keeps it in memory (cookie mode,
 * the refresh token an HttpOnly cookie: `refresh_token` is ''), shared by the tabs over
 * the BroadcastChannel `edge-auth.session`; this asks over that channel, as a new tab does.
 */
export async function storedSession(page: Page): Promise<StoredSession | null> {
  return page.evaluate(
    () =>
      new Promise<StoredSession | null>((resolve) => {
        const channel = new BroadcastChannel('edge-auth.session');
        const timer = setTimeout(() => {
          channel.close();
          resolve(null);
        }, 300);
        channel.onmessage = ({ data }) => {
          if (data?.type !== 'answer') return;
          clearTimeout(timer);
          channel.close();
          resolve(data.session as StoredSession);
        };
        channel.postMessage({ type: 'ask' });
      }),
  );
}

/**
 * Makes every tab of the page's origin hold `session` (say, one that looks expired), as a
 * refresh in one tab does: a `change` on the channel.
 */
export async function shareSession(page: Page, session: unknown): Promise<void> {
  await page.evaluate((value) => {
    const channel = new BroadcastChannel('edge-auth.session');
    channel.postMessage({ type: 'change', session: value });
    channel.close();
  }, session);
}

/** The payload of a JWT (not verified). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
