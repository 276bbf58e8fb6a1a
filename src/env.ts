/**
 * Bindings, context variables and the validated configuration of the worker. Workers have
 * no start-up hook, so "start-up" is the first time an `env` object is used: {@link getConfig}
 * validates it once, caches the result per `env` object, and throws a {@link ConfigError}
 * naming the bad setting. The app's config middleware calls it before anything else, so a
 * misconfigured worker answers every request with 500 INTERNAL_ERROR (the setting is named
 * in the log only) instead of failing half-way through some request. This module is the
 * bottom layer: it imports nothing of the worker but the type of the lockout object its
 * binding holds. The per-request context types are in src/http/context.ts.
 */
import type { LoginLockout } from './auth/lockout.ts';

/** The worker's bindings (wrangler.toml `[vars]`, secrets, Durable Objects). */
export interface Bindings {
  /** Project URL, e.g. `https://abc.supabase.co` (required). */
  SUPABASE_URL: string;
  /** The project's publishable API key, `sb_publishable_…` (optional: the secret key alone suffices). */
  SUPABASE_PUBLISHABLE_KEY?: string;
  /** The project's secret API key, `sb_secret_…` (secret). Also the admin routes' credential. */
  SUPABASE_SECRET_KEY?: string;
  /** Legacy: the anon JWT, used when SUPABASE_PUBLISHABLE_KEY is not set (secret). */
  SUPABASE_ANON_KEY?: string;
  /** Legacy: the service_role JWT, used when SUPABASE_SECRET_KEY is not set (secret). */
  SUPABASE_SERVICE_ROLE_KEY?: string;
  /** Legacy HS256 JWT secret; when set, HS256 user tokens are accepted (optional, secret). */
  SUPABASE_JWT_SECRET?: string;
  /** Comma-separated browser origins allowed by CORS; empty = no CORS headers at all. */
  CORS_ORIGINS?: string;
  /** Timeout of every call to Supabase, in milliseconds (default 8000). */
  UPSTREAM_TIMEOUT_MS?: string;
  /** Failed logins that lock an account (default 5). */
  LOCKOUT_MAX_ATTEMPTS?: string;
  /** Window in which failed logins are counted, in seconds (default 900). */
  LOCKOUT_WINDOW_SECONDS?: string;
  /** How long a locked account stays locked, in seconds (default 900). */
  LOCKOUT_DURATION_SECONDS?: string;
  /** A failed login answers no sooner than this, in milliseconds (default 300). */
  LOGIN_FAILURE_FLOOR_MS?: string;
  /** Lifetime of the refresh-token cookie of cookie mode, in seconds (see src/http/session-cookie.ts). */
  SESSION_COOKIE_MAX_AGE_SECONDS?: string;
  /** `true` lets webhooks point at http://127.0.0.1 / localhost (local development only). */
  WEBHOOK_ALLOW_LOOPBACK?: string;
  /** Seconds to wait before each retry of a failed delivery, comma-separated; their count + 1 is the number of attempts. */
  WEBHOOK_RETRY_DELAYS_SECONDS?: string;
  /** The queue of webhook deliveries (wrangler.toml `[[queues.producers]]`). */
  WEBHOOK_QUEUE?: Queue;
  /** The web app's base URL, for links in the worker's own emails (invitations). */
  APP_URL?: string;
  /** How invitation emails are sent: `none` (default), `mailpit` (local mailbox) or `resend`. */
  EMAIL_PROVIDER?: string;
  /** Sender address of the worker's own emails (required with a provider). */
  EMAIL_FROM?: string;
  /** The local mailbox (Mailpit API), with EMAIL_PROVIDER=mailpit. */
  MAILPIT_URL?: string;
  /** Resend API key (secret), with EMAIL_PROVIDER=resend. */
  RESEND_API_KEY?: string;
  /** Durable Object namespace holding the login lockout state. */
  LOGIN_LOCKOUT: DurableObjectNamespace<LoginLockout>;
  /** Per-client-IP limit of the unauthenticated POST routes (wrangler.toml `[[ratelimits]]`). */
  PUBLIC_RATE_LIMIT: RateLimit;
  /** Per-organization-API-key limit of requests (wrangler.toml `[[ratelimits]]`). */
  API_KEY_RATE_LIMIT: RateLimit;
  /** The static assets (wrangler.toml `[assets]`): the OpenAPI document and the reference's scripts. */
  ASSETS: Fetcher;
}

/** The validated, typed configuration. Read it as `c.var.config`. */
export interface Config {
  /** Project URL without a trailing slash. */
  supabaseUrl: string;
  /** The API keys, new format preferred (see {@link SupabaseKeys}). */
  keys: SupabaseKeys;
  /** Legacy HS256 secret, or null when HS256 user tokens are not accepted. */
  jwtSecret: string | null;
  /** Exact origins allowed by CORS (`scheme://host[:port]`); empty = CORS off. */
  corsOrigins: readonly string[];
  upstreamTimeoutMs: number;
  lockout: { maxAttempts: number; windowSeconds: number; durationSeconds: number };
  /** A failed login answers no sooner than this many ms after it began (no timing oracle). */
  loginFailureFloorMs: number;
  /** `Max-Age` of the refresh-token cookie in cookie mode. */
  sessionCookieMaxAgeSeconds: number;
  /** Webhook delivery (src/webhooks/). */
  webhooks: { allowLoopback: boolean; retryDelaysSeconds: readonly number[] };
  /** The web app's base URL without a trailing slash ('' when not configured). */
  appUrl: string;
  /** Delivery of the worker's own emails. */
  mail: MailSettings;
}

/** How the worker sends its own emails (src/mail/). */
type MailSettings =
  | { provider: 'none' }
  | { provider: 'mailpit'; url: string; from: string }
  | { provider: 'resend'; apiKey: string; from: string };

/**
 * The project's API keys. `secret` is required (`sb_secret_…`, or the legacy service_role
 * JWT); `publishable` is optional (`sb_publishable_…`, or the legacy anon JWT): without it,
 * user-scoped calls carry the secret key as `apikey` and the user's token in
 * `Authorization`, so row-level security still decides as that user.
 */
interface SupabaseKeys {
  publishable: string | null;
  secret: string;
  /** `api-keys` when the secret key is an `sb_secret_…` key (IP forwarding possible), else `legacy`. */
  format: 'api-keys' | 'legacy';
  /** Every credential the admin routes accept: the secret key, and the legacy service_role JWT when also set. */
  serviceCredentials: readonly string[];
}

/** A setting is missing or malformed. `setting` names it; the message says why. */
export class ConfigError extends Error {
  /** Name of the offending binding. */
  readonly setting: string;

  constructor(setting: string, problem: string) {
    super(`Invalid configuration: ${setting} ${problem}`);
    this.name = 'ConfigError';
    this.setting = setting;
  }
}

/** Defaults of the optional settings. */
export const CONFIG_DEFAULTS = {
  UPSTREAM_TIMEOUT_MS: 8000,
  LOCKOUT_MAX_ATTEMPTS: 5,
  LOCKOUT_WINDOW_SECONDS: 900,
  LOCKOUT_DURATION_SECONDS: 900,
  // Above the time a password check takes on the platform (bcrypt plus the round trip),
  // so a wrong password and an unknown email both answer at the floor.
  LOGIN_FAILURE_FLOOR_MS: 300,
  // Supabase's refresh tokens do not expire by themselves (sessions may: time-box,
  // inactivity); the cookie that carries one in cookie mode lives 30 days.
  SESSION_COOKIE_MAX_AGE_SECONDS: 2_592_000,
} as const;

type RawEnv = Record<string, unknown>;

function readString(env: RawEnv, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new ConfigError(name, 'must be a string');
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function readSecret(env: RawEnv, name: string): string | undefined {
  const value = readString(env, name);
  if (value !== undefined && /\s/.test(value)) throw new ConfigError(name, 'must not contain whitespace');
  return value;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The `role` claim of a legacy key (a JWT); undefined when it is not a readable JWT. */
function jwtRole(value: string): string | undefined {
  if (!JWT_SHAPE.test(value)) return undefined;
  try {
    const segment = value.split('.')[1] ?? '';
    const payload = JSON.parse(atob(segment.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: unknown };
    return typeof payload.role === 'string' ? payload.role : undefined;
  } catch {
    return undefined;
  }
}

/** A new-format key: `sb_publishable_…` or `sb_secret_…`, nothing else in its variable. */
function readApiKey(env: RawEnv, name: string, kind: 'publishable' | 'secret', legacyName: string): string | undefined {
  const value = readSecret(env, name);
  if (value === undefined) return undefined;
  if (JWT_SHAPE.test(value))
    throw new ConfigError(name, `holds a JWT (a legacy key): put it in ${legacyName}, or use the project's sb_${kind}_… key here`);
  const other = kind === 'secret' ? 'publishable' : 'secret';
  if (value.startsWith(`sb_${other}_`))
    throw new ConfigError(name, `holds the ${other} key (sb_${other}_…); it needs the ${kind} key (sb_${kind}_…)`);
  if (!value.startsWith(`sb_${kind}_`)) throw new ConfigError(name, `must be the project's ${kind} API key (sb_${kind}_…)`);
  return value;
}

/** A legacy key: a JWT whose `role` is `role`. */
function readLegacyKey(env: RawEnv, name: string, role: 'anon' | 'service_role', newName: string): string | undefined {
  const value = readSecret(env, name);
  if (value === undefined) return undefined;
  if (value.startsWith('sb_')) throw new ConfigError(name, `holds an sb_ API key: put it in ${newName}`);
  const actual = jwtRole(value);
  if (actual === undefined) throw new ConfigError(name, `must be the project's legacy ${role} key (a JWT)`);
  if (actual !== role) throw new ConfigError(name, `is a JWT with role "${actual}"; it must be the ${role} key`);
  return value;
}

/** An optional absolute http(s) URL without a trailing slash ('' when unset). */
function readBaseUrl(env: RawEnv, name: string): string {
  const value = readString(env, name);
  if (value === undefined) return '';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(name, 'must be an absolute http(s) URL without credentials, query or fragment');
  }
  return url.href.replace(/\/+$/, '');
}

/** The email provider and what it needs; the web app URL the emails link to. */
function readMail(env: RawEnv): { appUrl: string; mail: MailSettings } {
  const appUrl = readBaseUrl(env, 'APP_URL');
  const provider = readString(env, 'EMAIL_PROVIDER') ?? 'none';
  if (provider === 'none') return { appUrl, mail: { provider } };
  if (provider !== 'mailpit' && provider !== 'resend') throw new ConfigError('EMAIL_PROVIDER', 'must be one of none, mailpit, resend');
  if (!appUrl) throw new ConfigError('APP_URL', `is required with EMAIL_PROVIDER=${provider} (the emails link to the web app)`);
  const from = readString(env, 'EMAIL_FROM');
  if (!from || !EMAIL_ADDRESS.test(from)) throw new ConfigError('EMAIL_FROM', `must be a sender address with EMAIL_PROVIDER=${provider}`);
  if (provider === 'mailpit') {
    const url = readBaseUrl(env, 'MAILPIT_URL');
    if (!url) throw new ConfigError('MAILPIT_URL', 'is required with EMAIL_PROVIDER=mailpit');
    return { appUrl, mail: { provider, url, from } };
  }
  const apiKey = readSecret(env, 'RESEND_API_KEY');
  if (!apiKey) throw new ConfigError('RESEND_API_KEY', 'is required with EMAIL_PROVIDER=resend');
  return { appUrl, mail: { provider, apiKey, from } };
}

const EMAIL_ADDRESS = /^[^\s@<>]+@[^\s@<>.]+(?:\.[^\s@<>.]+)+$/;

/** Production's retry schedule: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h (7 attempts in all, about 8½ hours). */
const DEFAULT_RETRY_DELAYS = [10, 60, 300, 1800, 7200, 21_600];

/** Webhook delivery settings. */
function readWebhooks(env: RawEnv): Config['webhooks'] {
  const loopback = readString(env, 'WEBHOOK_ALLOW_LOOPBACK') ?? 'false';
  if (loopback !== 'true' && loopback !== 'false') throw new ConfigError('WEBHOOK_ALLOW_LOOPBACK', 'must be true or false');
  const raw = readString(env, 'WEBHOOK_RETRY_DELAYS_SECONDS');
  const delays = raw === undefined || raw.trim() === '' ? DEFAULT_RETRY_DELAYS : raw.split(',').map((part) => Number(part.trim()));
  if (delays.length > 20 || delays.some((d) => !Number.isInteger(d) || d < 0 || d > 43_200)) {
    throw new ConfigError('WEBHOOK_RETRY_DELAYS_SECONDS', 'must be up to 20 whole numbers of seconds (0..43200), comma-separated');
  }
  return { allowLoopback: loopback === 'true', retryDelaysSeconds: delays };
}

/** Publishable and secret keys, the new variables first, the legacy ones as fallbacks. */
function readKeys(env: RawEnv): SupabaseKeys {
  const newSecret = readApiKey(env, 'SUPABASE_SECRET_KEY', 'secret', 'SUPABASE_SERVICE_ROLE_KEY');
  const legacySecret = readLegacyKey(env, 'SUPABASE_SERVICE_ROLE_KEY', 'service_role', 'SUPABASE_SECRET_KEY');
  const publishable =
    readApiKey(env, 'SUPABASE_PUBLISHABLE_KEY', 'publishable', 'SUPABASE_ANON_KEY') ??
    readLegacyKey(env, 'SUPABASE_ANON_KEY', 'anon', 'SUPABASE_PUBLISHABLE_KEY') ??
    null;
  const secret = newSecret ?? legacySecret;
  if (secret === undefined) {
    throw new ConfigError(
      'SUPABASE_SECRET_KEY',
      "is required: the project's secret key (sb_secret_…), or the legacy service_role JWT in SUPABASE_SERVICE_ROLE_KEY",
    );
  }
  return {
    publishable,
    secret,
    format: newSecret ? 'api-keys' : 'legacy',
    serviceCredentials: [newSecret, legacySecret].filter((key): key is string => key !== undefined),
  };
}

function readSupabaseUrl(env: RawEnv): string {
  const name = 'SUPABASE_URL';
  const value = readString(env, name);
  if (value === undefined) throw new ConfigError(name, 'is required');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(name, 'must not contain credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}

function readInteger(env: RawEnv, name: keyof typeof CONFIG_DEFAULTS, min: number, max: number): number {
  const value = readString(env, name);
  if (value === undefined) return CONFIG_DEFAULTS[name];
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max}`);
  }
  return parsed;
}

function readOrigins(env: RawEnv): string[] {
  const name = 'CORS_ORIGINS';
  const value = readString(env, name);
  if (value === undefined) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      let url: URL | undefined;
      try {
        url = new URL(entry);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== entry) {
        throw new ConfigError(name, `entry "${entry}" must be an exact origin like https://app.example.com (no wildcard, no path)`);
      }
      return url.origin;
    });
}

function readJwtSecret(env: RawEnv): string | null {
  const name = 'SUPABASE_JWT_SECRET';
  const value = readString(env, name);
  if (value === undefined) return null;
  if (value.length < 32) throw new ConfigError(name, 'must be at least 32 characters when set');
  return value;
}

/**
 * Validates raw bindings into a {@link Config}. Pure; throws {@link ConfigError} on the
 * first bad setting. Prefer {@link getConfig}, which caches.
 */
export function parseConfig(env: RawEnv): Config {
  return {
    supabaseUrl: readSupabaseUrl(env),
    keys: readKeys(env),
    jwtSecret: readJwtSecret(env),
    corsOrigins: readOrigins(env),
    upstreamTimeoutMs: readInteger(env, 'UPSTREAM_TIMEOUT_MS', 1, 60_000),
    lockout: {
      maxAttempts: readInteger(env, 'LOCKOUT_MAX_ATTEMPTS', 1, 1000),
      windowSeconds: readInteger(env, 'LOCKOUT_WINDOW_SECONDS', 1, 86_400 * 30),
      durationSeconds: readInteger(env, 'LOCKOUT_DURATION_SECONDS', 1, 86_400 * 30),
    },
    loginFailureFloorMs: readInteger(env, 'LOGIN_FAILURE_FLOOR_MS', 0, 10_000),
    sessionCookieMaxAgeSeconds: readInteger(env, 'SESSION_COOKIE_MAX_AGE_SECONDS', 60, 86_400 * 400),
    webhooks: readWebhooks(env),
    ...readMail(env),
  };
}

const cache = new WeakMap<object, Config | ConfigError>();

/**
 * The validated configuration of `env`, computed once per `env` object and cached (a bad
 * configuration is cached too, so every request fails the same way without re-parsing).
 *
 * @throws ConfigError naming the missing or malformed setting.
 * @example
 * const config = getConfig(c.env); // config.upstreamTimeoutMs === 8000 by default
 */
export function getConfig(env: object): Config {
  let entry = cache.get(env);
  if (!entry) {
    try {
      entry = Object.freeze(parseConfig(env as RawEnv));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      entry = error;
    }
    cache.set(env, entry);
  }
  if (entry instanceof ConfigError) throw entry;
  return entry;
}
