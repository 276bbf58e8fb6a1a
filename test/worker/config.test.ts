/**
 * Configuration: validated once per env, a bad setting named in the log only, and the
 * real test env (wrangler.toml [vars] + bindings) valid — the build-time check of [vars].
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ConfigError, getConfig, parseConfig } from '../../src/env.ts';
import { call, captureLogs, envWith } from './support/harness.ts';

const PUBLISHABLE = 'sb_publishable_abcdefghijklmnopqrstuv_12345678';
const SECRET = 'sb_secret_abcdefghijklmnopqrstuv_12345678';
const LEGACY_ANON = env.TEST_LEGACY_ANON_KEY!;
const LEGACY_SERVICE = env.TEST_LEGACY_SERVICE_ROLE_KEY!;

const base = {
  SUPABASE_URL: 'https://abc.supabase.co/',
  SUPABASE_PUBLISHABLE_KEY: PUBLISHABLE,
  SUPABASE_SECRET_KEY: SECRET,
};
const legacy = { SUPABASE_URL: base.SUPABASE_URL, SUPABASE_ANON_KEY: LEGACY_ANON, SUPABASE_SERVICE_ROLE_KEY: LEGACY_SERVICE };

/** The ConfigError's message, or undefined. */
function messageOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return undefined;
}

function settingOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.setting;
    throw error;
  }
  return undefined;
}

describe('parseConfig', () => {
  it('applies defaults and normalises the URL', () => {
    const config = parseConfig(base);
    expect(config).toEqual({
      supabaseUrl: 'https://abc.supabase.co',
      keys: { publishable: PUBLISHABLE, secret: SECRET, format: 'api-keys', serviceCredentials: [SECRET] },
      jwtSecret: null,
      corsOrigins: [],
      upstreamTimeoutMs: 8000,
      lockout: { maxAttempts: 5, windowSeconds: 900, durationSeconds: 900 },
      loginFailureFloorMs: 300,
      sessionCookieMaxAgeSeconds: 2_592_000,
      webhooks: { allowLoopback: false, retryDelaysSeconds: [10, 60, 300, 1800, 7200, 21_600] },
      appUrl: '',
      mail: { provider: 'none' },
    });
  });

  it('parses the optional settings', () => {
    const config = parseConfig({
      ...base,
      SUPABASE_JWT_SECRET: 'x'.repeat(32),
      CORS_ORIGINS: 'https://a.example.com, http://localhost:3000',
      UPSTREAM_TIMEOUT_MS: '200',
      LOCKOUT_MAX_ATTEMPTS: 3,
      LOGIN_FAILURE_FLOOR_MS: '0',
    });
    expect(config.loginFailureFloorMs).toBe(0);
    expect(config.jwtSecret).toBe('x'.repeat(32));
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:3000']);
    expect(config.upstreamTimeoutMs).toBe(200);
    expect(config.lockout.maxAttempts).toBe(3);
  });

  it.each([
    [{ ...base, SUPABASE_URL: undefined }, 'SUPABASE_URL'],
    [{ ...base, SUPABASE_URL: 'abc.supabase.co' }, 'SUPABASE_URL'],
    [{ ...base, SUPABASE_URL: 'ftp://abc.supabase.co' }, 'SUPABASE_URL'],
    [{ ...base, SUPABASE_URL: 'https://abc.supabase.co/?x=1' }, 'SUPABASE_URL'],
    [{ ...base, SUPABASE_SECRET_KEY: undefined }, 'SUPABASE_SECRET_KEY'],
    [{ ...base, SUPABASE_SECRET_KEY: 'sb_secret_a b' }, 'SUPABASE_SECRET_KEY'],
    [{ ...base, SUPABASE_PUBLISHABLE_KEY: 'publishable' }, 'SUPABASE_PUBLISHABLE_KEY'],
    [{ ...base, SUPABASE_JWT_SECRET: 'short' }, 'SUPABASE_JWT_SECRET'],
    [{ ...base, CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ ...base, CORS_ORIGINS: 'https://a.example.com/path' }, 'CORS_ORIGINS'],
    [{ ...base, UPSTREAM_TIMEOUT_MS: 'soon' }, 'UPSTREAM_TIMEOUT_MS'],
    [{ ...base, UPSTREAM_TIMEOUT_MS: '0' }, 'UPSTREAM_TIMEOUT_MS'],
    [{ ...base, LOCKOUT_MAX_ATTEMPTS: '-1' }, 'LOCKOUT_MAX_ATTEMPTS'],
    [{ ...base, LOCKOUT_WINDOW_SECONDS: '1.5' }, 'LOCKOUT_WINDOW_SECONDS'],
    [{ ...base, LOCKOUT_DURATION_SECONDS: 'x' }, 'LOCKOUT_DURATION_SECONDS'],
    [{ ...base, SESSION_COOKIE_MAX_AGE_SECONDS: '5' }, 'SESSION_COOKIE_MAX_AGE_SECONDS'],
    [{ ...base, WEBHOOK_ALLOW_LOOPBACK: 'yes' }, 'WEBHOOK_ALLOW_LOOPBACK'],
    [{ ...base, WEBHOOK_RETRY_DELAYS_SECONDS: '1,soon' }, 'WEBHOOK_RETRY_DELAYS_SECONDS'],
    [{ ...base, WEBHOOK_RETRY_DELAYS_SECONDS: '-1' }, 'WEBHOOK_RETRY_DELAYS_SECONDS'],
    [{ ...base, LOGIN_FAILURE_FLOOR_MS: '10001' }, 'LOGIN_FAILURE_FLOOR_MS'],
    [{ ...base, LOGIN_FAILURE_FLOOR_MS: '-1' }, 'LOGIN_FAILURE_FLOOR_MS'],
  ])('rejects %o naming %s', (raw, setting) => {
    expect(settingOf(() => parseConfig(raw))).toBe(setting);
  });

  it('caches per env object, including a failure', () => {
    const good = { ...base };
    expect(getConfig(good)).toBe(getConfig(good));
    const bad = { ...base, SUPABASE_URL: 'nope' };
    expect(() => getConfig(bad)).toThrow(ConfigError);
    expect(() => getConfig(bad)).toThrow(/SUPABASE_URL/);
  });

  it('the test env (wrangler.toml [vars] and bindings) is a valid configuration', () => {
    expect(() => getConfig(env)).not.toThrow();
  });
});

describe('API keys', () => {
  it('the secret key alone is enough: user-scoped calls then carry it as apikey', () => {
    const { keys } = parseConfig({ SUPABASE_URL: base.SUPABASE_URL, SUPABASE_SECRET_KEY: SECRET });
    expect(keys).toEqual({ publishable: null, secret: SECRET, format: 'api-keys', serviceCredentials: [SECRET] });
  });

  it('legacy JWT keys are the fallbacks', () => {
    const { keys } = parseConfig(legacy);
    expect(keys).toEqual({ publishable: LEGACY_ANON, secret: LEGACY_SERVICE, format: 'legacy', serviceCredentials: [LEGACY_SERVICE] });
  });

  it('new keys win over legacy ones; both service credentials are accepted on admin routes', () => {
    const { keys } = parseConfig({ ...legacy, ...base });
    expect(keys).toEqual({ publishable: PUBLISHABLE, secret: SECRET, format: 'api-keys', serviceCredentials: [SECRET, LEGACY_SERVICE] });
  });

  it.each([
    ['no key at all', { SUPABASE_URL: base.SUPABASE_URL }, 'SUPABASE_SECRET_KEY', /is required/],
    [
      'only a publishable key',
      { SUPABASE_URL: base.SUPABASE_URL, SUPABASE_PUBLISHABLE_KEY: PUBLISHABLE },
      'SUPABASE_SECRET_KEY',
      /is required/,
    ],
    [
      'a JWT in SUPABASE_SECRET_KEY',
      { ...base, SUPABASE_SECRET_KEY: LEGACY_SERVICE },
      'SUPABASE_SECRET_KEY',
      /holds a JWT.*SUPABASE_SERVICE_ROLE_KEY/,
    ],
    [
      'a JWT in SUPABASE_PUBLISHABLE_KEY',
      { ...base, SUPABASE_PUBLISHABLE_KEY: LEGACY_ANON },
      'SUPABASE_PUBLISHABLE_KEY',
      /holds a JWT.*SUPABASE_ANON_KEY/,
    ],
    [
      'the secret key in SUPABASE_PUBLISHABLE_KEY',
      { ...base, SUPABASE_PUBLISHABLE_KEY: SECRET },
      'SUPABASE_PUBLISHABLE_KEY',
      /holds the secret key/,
    ],
    [
      'the publishable key in SUPABASE_SECRET_KEY',
      { ...base, SUPABASE_SECRET_KEY: PUBLISHABLE },
      'SUPABASE_SECRET_KEY',
      /holds the publishable key/,
    ],
    [
      'an sb_ key in SUPABASE_SERVICE_ROLE_KEY',
      { ...legacy, SUPABASE_SERVICE_ROLE_KEY: SECRET },
      'SUPABASE_SERVICE_ROLE_KEY',
      /sb_ API key.*SUPABASE_SECRET_KEY/,
    ],
    [
      'an sb_ key in SUPABASE_ANON_KEY',
      { ...legacy, SUPABASE_ANON_KEY: PUBLISHABLE },
      'SUPABASE_ANON_KEY',
      /sb_ API key.*SUPABASE_PUBLISHABLE_KEY/,
    ],
    [
      'the service_role JWT in SUPABASE_ANON_KEY',
      { ...legacy, SUPABASE_ANON_KEY: LEGACY_SERVICE },
      'SUPABASE_ANON_KEY',
      /role "service_role"/,
    ],
    [
      'the anon JWT in SUPABASE_SERVICE_ROLE_KEY',
      { ...legacy, SUPABASE_SERVICE_ROLE_KEY: LEGACY_ANON },
      'SUPABASE_SERVICE_ROLE_KEY',
      /role "anon"/,
    ],
    [
      'garbage in SUPABASE_SERVICE_ROLE_KEY',
      { ...legacy, SUPABASE_SERVICE_ROLE_KEY: 'service' },
      'SUPABASE_SERVICE_ROLE_KEY',
      /legacy service_role key/,
    ],
  ])('refuses %s, naming the variable', (_what, raw, setting, message) => {
    expect(settingOf(() => parseConfig(raw))).toBe(setting);
    expect(messageOf(() => parseConfig(raw))).toMatch(message);
  });
});

describe('a misconfigured worker', () => {
  it('answers 500 INTERNAL_ERROR naming the request id, and names the setting only in the log', async () => {
    const { result: res, lines } = await captureLogs(() =>
      call(
        '/api/v1/health',
        { headers: { 'X-Request-Id': 'cfg-test-1' } },
        { env: envWith({ SUPABASE_SECRET_KEY: '', SUPABASE_SERVICE_ROLE_KEY: '' }) },
      ),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get('X-Request-Id')).toBe('cfg-test-1');
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      success: false,
      message: 'Internal error (request id cfg-test-1)',
      error: { code: 'INTERNAL_ERROR', message: 'Internal error (request id cfg-test-1)' },
    });
    expect(text).not.toContain('SUPABASE_SECRET_KEY');
    expect(lines).toHaveLength(1);
    const log = JSON.parse(lines[0]!);
    expect(log).toMatchObject({ level: 'error', status: 500, request_id: 'cfg-test-1' });
    expect(log.error).toMatchObject({ code: 'INTERNAL_ERROR', name: 'ConfigError', setting: 'SUPABASE_SECRET_KEY' });
  });
});
