import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll } from 'vitest';
import { type ApiServer, startApiServer } from '../../../local/api.ts';
import { loadProjectConfig, type ProjectConfig } from '../../../local/config.ts';
import { TEST_STACK } from '../../setup/stack-config.ts';
import { PASSWORD, uniqueEmail } from '../../support/accounts.ts';

export { PASSWORD, uniqueEmail };

/**
 * A supabase-js client built from `key` (an `sb_…` API key or a legacy JWT), sending it
 * as supabase-js does: in `apikey` and as `Authorization: Bearer`, plus `headers`.
 */
export function keyClient(key: string, url: string = TEST_STACK.apiUrl, headers: Record<string, string> = {}): SupabaseClient {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers },
  });
}

/** A supabase-js client with the anon key (no session persistence). */
export function anonClient(url: string = TEST_STACK.apiUrl): SupabaseClient {
  return createClient(url, TEST_STACK.anonKey, { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } });
}

/** A supabase-js client with the service_role key (admin API). */
export function adminClient(url: string = TEST_STACK.apiUrl): SupabaseClient {
  return createClient(url, TEST_STACK.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

let pool: pg.Pool | null = null;

/** Runs SQL as the database superuser (to inspect or age auth rows). */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: TEST_STACK.databaseUrl, max: 3 });
  return (await pool.query<T>(text, params)).rows;
}

afterAll(async () => {
  await pool?.end();
  pool = null;
});

type AuthOverrides = Partial<Omit<ProjectConfig['auth'], 'email' | 'rateLimit' | 'sessions'>> & {
  email?: Partial<ProjectConfig['auth']['email']>;
  rateLimit?: Partial<ProjectConfig['auth']['rateLimit']>;
  sessions?: Partial<ProjectConfig['auth']['sessions']>;
};

/** Starts an extra API server on the test database with `auth` overrides; closed after the file. */
export async function startAuthServer(auth: AuthOverrides): Promise<ApiServer> {
  const base = loadProjectConfig(process.cwd());
  const config: ProjectConfig = {
    ...base,
    auth: {
      ...base.auth,
      ...auth,
      email: { ...base.auth.email, ...auth.email },
      rateLimit: { ...base.auth.rateLimit, ...auth.rateLimit },
      sessions: { ...base.auth.sessions, ...auth.sessions },
    },
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-test-'));
  const server = await startApiServer({ config, databaseUrl: TEST_STACK.databaseUrl, dataDir, port: 0 });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return server;
}

/** The newest email to `to` in the shared stack's mailbox (Mailpit API), waiting briefly. */
export async function latestMail(to: string, mailboxUrl: string = TEST_STACK.mailboxUrl): Promise<{ Subject: string; HTML: string }> {
  for (let i = 0; i < 20; i++) {
    const search = (await (await fetch(`${mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`)).json()) as {
      messages: { ID: string }[];
    };
    const first = search.messages[0];
    if (first) return (await (await fetch(`${mailboxUrl}/api/v1/message/${first.ID}`)).json()) as { Subject: string; HTML: string };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no email to ${to}`);
}

/** Number of emails to `to` in a mailbox reachable over HTTP. */
export async function mailCount(to: string, mailboxUrl: string = TEST_STACK.mailboxUrl): Promise<number> {
  const search = (await (await fetch(`${mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`)).json()) as {
    messages: unknown[];
  };
  return search.messages.length;
}

/** The token hash in an email's link (`token_hash=` or `token=`; HTML-escaped ampersands allowed). */
export function tokenHashFrom(html: string): string {
  const m = /token(?:_hash)?=([0-9a-f]{56})/.exec(html);
  if (!m) throw new Error(`no token hash in: ${html}`);
  return m[1]!;
}

/** Raw HTTP to the auth server (for what supabase-js cannot send). */
export function authFetch(
  pathAndQuery: string,
  init: RequestInit & { key?: string } = {},
  base: string = TEST_STACK.apiUrl,
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('apikey')) headers.set('apikey', init.key ?? TEST_STACK.anonKey);
  return fetch(`${base}/auth/v1${pathAndQuery}`, { ...init, headers });
}
