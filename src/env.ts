/**
 * Bindings, context variables and the validated configuration of the worker. Workers have
 * no start-up hook, so "start-up" is the first time an `env` object is used: {@link getConfig}
 * validates it once, caches the result per `env` object, and throws a {@link ConfigError}
 * naming the bad setting. The app's config middleware calls it before anything else, so a
 * misconfigured worker answers every request with 500 INTERNAL_ERROR (the setting is named
 * in the log only) instead of failing half-way through some request.
 */
import type { AuthState } from './auth/types.ts';

/** The worker's bindings (wrangler.toml `[vars]`, secrets, Durable Objects). */
export interface Bindings {
  /** Project URL, e.g. `https://abc.supabase.co` (required). */
  SUPABASE_URL: string;
  /** The project's anon (publishable) key (required, secret). */
  SUPABASE_ANON_KEY: string;
  /** The project's service-role key (required, secret). Also the admin routes' credential. */
  SUPABASE_SERVICE_ROLE_KEY: string;
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
  /** Durable Object namespace holding the login lockout state. */
  LOGIN_LOCKOUT: DurableObjectNamespace<import('./auth/lockout.ts').LoginLockout>;
}

/** The validated, typed configuration. Read it as `c.var.config`. */
export interface Config {
  /** Project URL without a trailing slash. */
  supabaseUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  /** Legacy HS256 secret, or null when HS256 user tokens are not accepted. */
  jwtSecret: string | null;
  /** Exact origins allowed by CORS (`scheme://host[:port]`); empty = CORS off. */
  corsOrigins: readonly string[];
  upstreamTimeoutMs: number;
  lockout: { maxAttempts: number; windowSeconds: number; durationSeconds: number };
  /** A failed login answers no sooner than this many ms after it began (no timing oracle). */
  loginFailureFloorMs: number;
}

/** Variables every request has (`c.var.requestId`, `c.var.config`, ...). */
export interface AppVariables {
  /** The request id echoed in `X-Request-Id`. */
  requestId: string;
  /** The validated configuration. */
  config: Config;
  /** The caller, once an auth middleware has run (undefined on public routes). */
  auth: AuthState | undefined;
  /** What went wrong, for the request's log line (set by onError). */
  logError: Record<string, unknown> | undefined;
}

/** The Hono environment of the app. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: AppVariables;
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

function requireSecret(env: RawEnv, name: string): string {
  const value = readString(env, name);
  if (value === undefined) throw new ConfigError(name, 'is required');
  if (/\s/.test(value)) throw new ConfigError(name, 'must not contain whitespace');
  return value;
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
    anonKey: requireSecret(env, 'SUPABASE_ANON_KEY'),
    serviceRoleKey: requireSecret(env, 'SUPABASE_SERVICE_ROLE_KEY'),
    jwtSecret: readJwtSecret(env),
    corsOrigins: readOrigins(env),
    upstreamTimeoutMs: readInteger(env, 'UPSTREAM_TIMEOUT_MS', 1, 60_000),
    lockout: {
      maxAttempts: readInteger(env, 'LOCKOUT_MAX_ATTEMPTS', 1, 1000),
      windowSeconds: readInteger(env, 'LOCKOUT_WINDOW_SECONDS', 1, 86_400 * 30),
      durationSeconds: readInteger(env, 'LOCKOUT_DURATION_SECONDS', 1, 86_400 * 30),
    },
    loginFailureFloorMs: readInteger(env, 'LOGIN_FAILURE_FLOOR_MS', 0, 10_000),
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
