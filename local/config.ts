/**
 * Reads a project's `supabase/config.toml` the way the Supabase CLI does, keeping the
 * settings the local stand-in honours (ports, `[auth]`, `[auth.email]` with its
 * templates, `[auth.sessions]`, `[auth.rate_limit]`, `[auth.hook.custom_access_token]`,
 * `[auth.mfa]` with its factor switches, `enable_anonymous_sign_ins`,
 * `enable_manual_linking`, `[auth.sms]` `max_frequency` and `test_otp`, `[auth.passkey]`
 * with `[auth.webauthn]`), with the CLI's defaults for what the file leaves out. An enabled hook is checked as
 * the CLI and GoTrue check it when they start (a `uri` is required; a `pg-functions://`
 * URI names `<schema>/<function>`, both plain identifiers), and a hook the stand-in
 * cannot run (an HTTP hook, or any other hook point) fails the load loudly rather than
 * being ignored. Paths in the file are relative to its `supabase/` folder, as the
 * CLI reads them (`./supabase/...` is taken as relative to the project folder).
 *
 * A few settings have no config.toml key because the CLI has no counterpart: how the
 * auth server finds the client IP for its rate limits (`auth.ipForwarding`,
 * `auth.rateLimitHeader`), the refill period of its buckets (`auth.rateLimitPeriod`),
 * and how long an MFA challenge and an unverified factor live
 * (`auth.mfa.challengeExpiryDuration`, `auth.mfa.factorExpiryDuration`), and the passkey
 * limits (`auth.passkey.maxPasskeysPerUser`, `auth.passkey.challengeExpiryDuration`,
 * `auth.rateLimit.passkey`). They take
 * GoTrue's / the hosted defaults here; tests change them through `configure`.
 * Second factors the stand-in does not implement (phone, WebAuthn) are refused when
 * config.toml enables them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';

/** An email template: subject and the HTML body (Go-template placeholders). */
interface EmailTemplate {
  subject: string;
  content: string;
}

/**
 * An enabled `pg-functions://postgres/<schema>/<function>` hook: the URI as configured
 * (GoTrue names it in its errors) and the function as GoTrue calls it, both names
 * double-quoted (so they are case-sensitive), e.g. `"public"."custom_access_token_hook"`.
 */
export interface PgFunctionHook {
  uri: string;
  functionName: string;
}

/** The settings of `supabase/config.toml` that the stand-in uses. */
export interface ProjectConfig {
  workdir: string;
  projectId: string;
  ports: { api: number; db: number; mailbox: number };
  auth: {
    siteUrl: string;
    additionalRedirectUrls: string[];
    /** Access token lifetime, seconds. */
    jwtExpiry: number;
    /** Absolute path of a JWK-array file (`supabase gen signing-key`), if configured. */
    signingKeysPath: string | null;
    enableRefreshTokenRotation: boolean;
    /** Seconds a rotated refresh token may still be used. */
    refreshTokenReuseInterval: number;
    enableSignup: boolean;
    /** `enable_anonymous_sign_ins`: POST /signup without email or phone makes an anonymous user (CLI default false). */
    enableAnonymousSignIns: boolean;
    /** `enable_manual_linking`: the /user/identities routes answer (else 404 `manual_linking_disabled`; CLI default false). */
    enableManualLinking: boolean;
    minimumPasswordLength: number;
    hooks: {
      /** `[auth.hook.custom_access_token]` when enabled, else null. */
      customAccessToken: PgFunctionHook | null;
    };
    sessions: {
      /** Seconds without refresh after which a session ends (0 = never). */
      inactivityTimeout: number;
      /** Seconds after creation after which a session ends (0 = never). */
      timebox: number;
    };
    email: {
      enableSignup: boolean;
      enableConfirmations: boolean;
      /** Seconds an email OTP / token hash stays valid (`otp_expiry`; 0 means GoTrue's default, a day). */
      otpExpiry: number;
      /** Digits of an email OTP (`otp_length`): 6 to 10, anything else is 6 as GoTrue takes it. */
      otpLength: number;
      /** Minimum seconds between two emails of one kind to one user. */
      maxFrequency: number;
      /**
       * `secure_password_change`: a password change in a session older than 24 hours needs
       * the nonce GET /reauthenticate sent (GoTrue's `UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION`).
       */
      securePasswordChange: boolean;
      templates: Record<'confirmation' | 'recovery' | 'invite' | 'magic_link' | 'email_change' | 'reauthentication', EmailTemplate>;
    };
    rateLimit: {
      emailSent: number;
      signInSignUps: number;
      tokenRefresh: number;
      tokenVerifications: number;
      /** `anonymous_users`: anonymous sign-ins per hour and client IP (GoTrue's bucket holds as many); 30 when left out. */
      anonymousUsers?: number;
      /**
       * Passkey sign-in challenges (`POST /passkeys/authentication/options`) per 5 minutes
       * and client IP, with a burst of 30: GoTrue's `RATE_LIMIT_PASSKEY`, which the CLI
       * has no key for; 30 when left out.
       */
      passkey?: number;
    };
    /**
     * Take the client IP from `Sb-Forwarded-For` on requests made with the secret key,
     * as a hosted project does with `security_sb_forwarded_for_enabled` (IP address
     * forwarding). Default false, like a new hosted project.
     */
    ipForwarding: boolean;
    /**
     * Otherwise take the client IP from the first entry of this request header, as
     * self-hosted GoTrue does with `GOTRUE_RATE_LIMIT_HEADER` behind a trusted proxy
     * (e.g. `X-Forwarded-For`). Default null: the socket address, which is what hosted
     * Supabase Auth counts (a client's own X-Forwarded-For never reaches it).
     */
    rateLimitHeader: string | null;
    /**
     * Count requests that neither forwarding nor `rateLimitHeader` gave an address for by
     * their socket address, as hosted Supabase's edge does (see local/auth/request.ts
     * `rateLimitIp`). Not a config.toml key: true for this project's own stack, false for
     * `start --workdir` (the CLI's GoTrue has no per-IP limits then).
     */
    rateLimitBySocket: boolean;
    /**
     * Seconds in which a per-IP bucket earns back its `[auth.rate_limit]` count (GoTrue:
     * 300, "per 5 minutes"). Only tests shorten it, to watch buckets refill.
     */
    rateLimitPeriod: number;
    /** `[auth.sms]`: the stand-in sends no SMS; only what a phone reauthentication uses. */
    sms: {
      /** `max_frequency`: minimum seconds between two codes to one phone (CLI default 5s). */
      maxFrequency: number;
      /** `[auth.sms.test_otp]`: phone number → the fixed code it gets instead of an SMS (GoTrue's `SMS_TEST_OTP`). */
      testOtp: Record<string, string>;
    };
    /**
     * `[auth.passkey]` with its `[auth.webauthn]` relying party, checked as the CLI checks
     * them (local/auth/passkeys.ts serves the passkey routes).
     */
    passkey: {
      /** `[auth.passkey] enabled`: off, every `/passkeys` route answers 404 `passkey_disabled`. */
      enabled: boolean;
      /** `[auth.webauthn] rp_id`, `rp_display_name`, `rp_origins`. */
      rpId: string;
      rpDisplayName: string;
      rpOrigins: string[];
      /** GoTrue's `PASSKEY_MAX_PASSKEYS_PER_USER` (no CLI key): 10 when left out. */
      maxPasskeysPerUser?: number;
      /** Seconds a passkey challenge lives (GoTrue's `WEBAUTHN_CHALLENGE_EXPIRY_DURATION`, no CLI key): 300 when left out. */
      challengeExpiryDuration?: number;
    };
    /** `[auth.mfa]`: second factors (TOTP only; phone and WebAuthn are refused when enabled). */
    mfa: {
      /** `max_enrolled_factors`: factors (verified or not) one user may have. */
      maxEnrolledFactors: number;
      /** GoTrue's `MFA_MAX_VERIFIED_FACTORS` (no CLI key): 10. */
      maxVerifiedFactors: number;
      /** Seconds a challenge may be verified (GoTrue's `MFA_CHALLENGE_EXPIRY_DURATION`, 300; no CLI key). */
      challengeExpiryDuration: number;
      /** Seconds after which an unverified, never challenged factor is cleaned up (GoTrue's `MFA_FACTOR_EXPIRY_DURATION`, 300). */
      factorExpiryDuration: number;
      /** `[auth.mfa.totp]` `enroll_enabled` / `verify_enabled`. */
      totp: { enrollEnabled: boolean; verifyEnabled: boolean };
      /**
       * `[auth.mfa.recovery_codes]` `enabled`: Supabase Auth's (experimental) recovery codes
       * (no CLI key yet; the stand-in's own, off by default like every factor type).
       */
      recoveryCodes: { enabled: boolean };
    };
  };
}

type Table = Record<string, unknown>;

const DEFAULT_TEMPLATES: ProjectConfig['auth']['email']['templates'] = {
  confirmation: {
    subject: 'Confirm Your Signup',
    content: '<h2>Confirm your signup</h2><p><a href="{{ .ConfirmationURL }}">Confirm your mail</a></p>',
  },
  recovery: {
    subject: 'Reset Your Password',
    content: '<h2>Reset Password</h2><p><a href="{{ .ConfirmationURL }}">Reset Password</a></p>',
  },
  invite: {
    subject: 'You have been invited',
    content: '<h2>You have been invited</h2><p><a href="{{ .ConfirmationURL }}">Accept the invite</a></p>',
  },
  magic_link: {
    subject: 'Your Magic Link',
    content: '<h2>Magic Link</h2><p><a href="{{ .ConfirmationURL }}">Log In</a></p>',
  },
  email_change: {
    subject: 'Confirm Email Change',
    content: '<h2>Confirm Change of Email</h2><p><a href="{{ .ConfirmationURL }}">Change Email</a></p>',
  },
  reauthentication: {
    subject: 'Confirm reauthentication',
    content: '<h2>Confirm reauthentication</h2><p>Enter the code: {{ .Token }}</p>',
  },
};

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a Go duration ("24h", "1h30m", "-5m", "0") into milliseconds; throws Go's message. */
export function parseGoDuration(text: string): number {
  const fail = (why: string) => new Error(`time: ${why}`);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw fail(`invalid duration "${text}"`);
  let total = 0;
  while (rest) {
    const num = /^(\d+(?:\.\d*)?|\.\d+)/.exec(rest);
    if (!num) throw fail(`invalid duration "${text}"`);
    rest = rest.slice(num[0].length);
    const unit = /^[^\d.]+/.exec(rest)?.[0] ?? '';
    if (!unit) throw fail(`missing unit in duration "${text}"`);
    const factor = DURATION_UNITS[unit];
    if (factor === undefined) throw fail(`unknown unit "${unit}" in duration "${text}"`);
    total += Number(num[1]) * factor;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

/**
 * Reads a duration setting: a Go duration ("168h", "1h30m", "10s", "0") or a plain
 * number of seconds; returns seconds.
 */
function parseDuration(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'number') return value;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  try {
    return parseGoDuration(text) / 1000;
  } catch {
    throw new Error(`supabase/config.toml: cannot read duration "${text}"`);
  }
}

function table(value: unknown): Table {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** GoTrue's `GOTRUE_MAILER_OTP_LENGTH`: 6 unless 6 to 10 is set (the CLI passes `otp_length` on as it is). */
function emailOtpLength(value: unknown): number {
  const n = num(value, 6);
  return Number.isInteger(n) && n >= 6 && n <= 10 ? n : 6;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** Resolves a path from config.toml: relative to `<workdir>/supabase`, like the CLI (a `./supabase/` prefix: to workdir). */
function projectPath(workdir: string, p: string): string {
  return path.isAbsolute(p) ? p : path.resolve(workdir, p.startsWith('./supabase/') ? p : path.join('supabase', p));
}

function templates(workdir: string, email: Table): ProjectConfig['auth']['email']['templates'] {
  const out = { ...DEFAULT_TEMPLATES };
  const configured = table(email.template);
  for (const key of Object.keys(out) as (keyof typeof out)[]) {
    const t = table(configured[key]);
    const contentPath = typeof t.content_path === 'string' ? t.content_path : null;
    out[key] = {
      subject: str(t.subject, out[key].subject),
      content: contentPath ? fs.readFileSync(projectPath(workdir, contentPath), 'utf8') : out[key].content,
    };
  }
  return out;
}

/** GoTrue's rule for the schema and function of a `pg-functions://` URI (`postgresNamesRegexp`). */
const POSTGRES_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;

/** The hook points of `[auth.hook]` (CLI names); the stand-in runs only `custom_access_token`. */
const HOOK_POINTS = [
  'custom_access_token',
  'send_email',
  'send_sms',
  'mfa_verification_attempt',
  'password_verification_attempt',
  'before_user_created',
  'after_user_created',
];

/**
 * Checks an enabled hook as the CLI (`hookConfig.validate`) and then GoTrue
 * (`ValidateExtensibilityPoint`, `PopulateExtensibilityPoint`) do, and returns the
 * function to call; a disabled hook is not looked at, as the CLI does not pass it on.
 */
function pgFunctionHook(point: string, hook: Table): PgFunctionHook | null {
  if (hook.enabled !== true) return null;
  const where = `supabase/config.toml: [auth.hook.${point}]`;
  if (point !== 'custom_access_token')
    throw new Error(`${where} is enabled, but the local stand-in runs only the custom access token hook.`);
  const uri = str(hook.uri, '');
  if (!uri) throw new Error(`${where}: Missing required field in config: auth.hook.${point}.uri`);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    throw new Error(`${where}: the local stand-in runs pg-functions:// hooks only, not ${scheme}:// ones.`);
  }
  if (scheme !== 'pg-functions') {
    throw new Error(`${where}: Invalid hook config: auth.hook.${point}.uri should be a HTTP, HTTPS, or pg-functions URI`);
  }
  if (str(hook.secrets, ''))
    throw new Error(`${where}: Invalid hook config: auth.hook.${point}.secrets is unsupported for pg-functions URI`);
  let parts: string[];
  try {
    parts = new URL(uri).pathname.split('/').map((part) => decodeURIComponent(part));
  } catch {
    throw new Error(`${where}: cannot parse uri "${uri}"`);
  }
  if (parts.length < 3) throw new Error(`${where}: URI path does not contain enough parts`);
  const [, schema = '', name = ''] = parts;
  if (!POSTGRES_NAME.test(schema)) throw new Error(`${where}: invalid schema name: ${schema}`);
  if (!POSTGRES_NAME.test(name)) throw new Error(`${where}: invalid table name: ${name}`);
  return { uri, functionName: `"${schema}"."${name}"` };
}

/** `[auth.hook.*]`: the custom access token hook, when enabled. */
function hooks(auth: Table): ProjectConfig['auth']['hooks'] {
  const configured = table(auth.hook);
  let customAccessToken: PgFunctionHook | null = null;
  for (const point of HOOK_POINTS) {
    const hook = pgFunctionHook(point, table(configured[point]));
    if (point === 'custom_access_token') customAccessToken = hook;
  }
  return { customAccessToken };
}

/**
 * `[auth.mfa]` with the CLI's defaults for what is left out (those of its config.toml
 * template: at most 10 factors, every factor type off; recovery codes, which the CLI has
 * no key for yet, read `[auth.mfa.recovery_codes] enabled`, off too). Phone and WebAuthn
 * factors are refused when enabled, since the stand-in implements TOTP only (and recovery
 * codes beside it).
 */
function mfa(auth: Table): ProjectConfig['auth']['mfa'] {
  const section = table(auth.mfa);
  for (const kind of ['phone', 'web_authn']) {
    const factor = table(section[kind]);
    for (const key of ['enroll_enabled', 'verify_enabled']) {
      if (factor[key] === true) {
        console.warn(
          `supabase/config.toml: [auth.mfa.${kind}] ${key} = true, but the local stand-in implements TOTP factors only: ${kind} factors answer as if off.`,
        );
      }
    }
  }
  const totp = table(section.totp);
  return {
    maxEnrolledFactors: num(section.max_enrolled_factors, 10),
    maxVerifiedFactors: 10,
    challengeExpiryDuration: 300,
    factorExpiryDuration: 300,
    totp: { enrollEnabled: bool(totp.enroll_enabled, false), verifyEnabled: bool(totp.verify_enabled, false) },
    recoveryCodes: { enabled: bool(table(section.recovery_codes).enabled, false) },
  };
}

/**
 * `[auth.sms]`: `max_frequency` (CLI default 5s) and `[auth.sms.test_otp]`, a table of
 * phone number → code, each code a string (the CLI decodes it into `map[string]string`).
 */
function sms(auth: Table): ProjectConfig['auth']['sms'] {
  const section = table(auth.sms);
  const testOtp: Record<string, string> = {};
  for (const [phone, code] of Object.entries(table(section.test_otp))) {
    if (typeof code !== 'string') {
      throw new Error(`supabase/config.toml: [auth.sms.test_otp] "${phone}" must be a string code, e.g. "123456".`);
    }
    testOtp[phone] = code;
  }
  return { maxFrequency: parseDuration(section.max_frequency, 5), testOtp };
}

/**
 * `[auth.passkey]` and `[auth.webauthn]`, with the CLI's checks: an enabled passkey needs
 * the `[auth.webauthn]` section with `rp_id` and `rp_origins`.
 */
function passkey(auth: Table): ProjectConfig['auth']['passkey'] {
  const enabled = bool(table(auth.passkey).enabled, false);
  const webauthn = auth.webauthn === undefined ? null : table(auth.webauthn);
  const rpOrigins = Array.isArray(webauthn?.rp_origins) ? webauthn.rp_origins.map(String) : [];
  const rpId = str(webauthn?.rp_id, '');
  if (enabled) {
    const where = 'supabase/config.toml:';
    if (!webauthn) throw new Error(`${where} Missing required config section: auth.webauthn (required when auth.passkey.enabled is true)`);
    if (!rpId) throw new Error(`${where} Missing required field in config: auth.webauthn.rp_id`);
    if (rpOrigins.length === 0) throw new Error(`${where} Missing required field in config: auth.webauthn.rp_origins`);
  }
  return { enabled, rpId, rpDisplayName: str(webauthn?.rp_display_name, ''), rpOrigins };
}

/** Loads `<workdir>/supabase/config.toml` (missing file: CLI defaults). */
export function loadProjectConfig(workdir: string): ProjectConfig {
  const file = path.join(workdir, 'supabase', 'config.toml');
  const raw: Table = fs.existsSync(file) ? (parse(fs.readFileSync(file, 'utf8')) as Table) : {};
  const api = table(raw.api);
  const db = table(raw.db);
  const inbucket = table(raw.inbucket);
  const auth = table(raw.auth);
  const email = table(auth.email);
  const sessions = table(auth.sessions);
  const rate = table(auth.rate_limit);
  const signingKeys = typeof auth.signing_keys_path === 'string' ? auth.signing_keys_path : null;
  return {
    workdir,
    projectId: str(raw.project_id, path.basename(path.resolve(workdir))),
    ports: { api: num(api.port, 54321), db: num(db.port, 54322), mailbox: num(inbucket.port, 54324) },
    auth: {
      siteUrl: str(auth.site_url, 'http://127.0.0.1:3000'),
      additionalRedirectUrls: Array.isArray(auth.additional_redirect_urls) ? auth.additional_redirect_urls.map(String) : [],
      jwtExpiry: num(auth.jwt_expiry, 3600),
      signingKeysPath: signingKeys ? projectPath(workdir, signingKeys) : null,
      enableRefreshTokenRotation: bool(auth.enable_refresh_token_rotation, true),
      refreshTokenReuseInterval: num(auth.refresh_token_reuse_interval, 10),
      enableSignup: bool(auth.enable_signup, true),
      enableAnonymousSignIns: bool(auth.enable_anonymous_sign_ins, false),
      enableManualLinking: bool(auth.enable_manual_linking, false),
      minimumPasswordLength: num(auth.minimum_password_length, 6),
      hooks: hooks(auth),
      sessions: {
        inactivityTimeout: parseDuration(sessions.inactivity_timeout, 0),
        timebox: parseDuration(sessions.timebox, 0),
      },
      email: {
        enableSignup: bool(email.enable_signup, true),
        enableConfirmations: bool(email.enable_confirmations, false),
        otpExpiry: num(email.otp_expiry, 3600) || 86_400,
        otpLength: emailOtpLength(email.otp_length),
        maxFrequency: parseDuration(email.max_frequency, 1),
        securePasswordChange: bool(email.secure_password_change, false),
        templates: templates(workdir, email),
      },
      rateLimit: {
        emailSent: num(rate.email_sent, 2),
        signInSignUps: num(rate.sign_in_sign_ups, 30),
        tokenRefresh: num(rate.token_refresh, 150),
        tokenVerifications: num(rate.token_verifications, 30),
        anonymousUsers: num(rate.anonymous_users, 30),
      },
      ipForwarding: false,
      rateLimitHeader: null,
      rateLimitBySocket: true,
      rateLimitPeriod: 300,
      sms: sms(auth),
      passkey: passkey(auth),
      mfa: mfa(auth),
    },
  };
}
