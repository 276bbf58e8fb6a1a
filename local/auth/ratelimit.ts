/**
 * Rate limits from `[auth.rate_limit]`, as GoTrue applies them (`internal/api/apilimiter`):
 * one token bucket per limiter and client IP, holding at most 30 requests (the burst) and
 * earning back its configured count every 5 minutes (`auth.rateLimitPeriod`), so a
 * client may make 30 requests at once and then keeps the configured pace. The limiters:
 * sign-up, recover, resend, `PUT /user`, /otp and /magiclink (each its own bucket, all
 * `sign_in_sign_ups`, which the CLI passes as `GOTRUE_RATE_LIMIT_OTP`);
 * the token endpoint, password and refresh grants alike (`token_refresh`); verify, GET
 * and POST (`token_verifications`); anonymous sign-ins (`anonymous_users`, the one
 * limiter whose bucket holds its configured count, earned back per hour); passkey sign-in
 * challenges (GoTrue's `RATE_LIMIT_PASSKEY`, 30, which has no config.toml key:
 * `auth.rateLimit.passkey`). An empty bucket is 429 `over_request_rate_limit`
 * ("Request rate limit reached"). `email_sent` is, as in GoTrue, one project-wide count
 * per hour of the emails sent, counted only while email confirmations are on (GoTrue
 * skips it with autoconfirm), though a count of 0 refuses every email either way (see
 * email.ts); over it is 429 `over_email_send_rate_limit` ("email rate limit exceeded").
 * Which IP a request counts for is request.ts's `clientIp`.
 */
import { tooManyRequests } from './errors.ts';

/** GoTrue's per-IP limiters that the stand-in's routes use. */
type Limiter = 'signups' | 'recover' | 'resend' | 'user' | 'otp' | 'magiclink' | 'token' | 'verify' | 'anonymous' | 'passkey';

/** The requests a bucket holds when full, whatever the configured count (GoTrue's burst). */
const BURST = 30;
const ONE_HOUR = 60 * 60 * 1000;
/** GoTrue's default `anonymous_users` (the CLI's too). */
const ANONYMOUS_USERS = 30;
/** GoTrue's default `RATE_LIMIT_PASSKEY` (the CLI sets none). */
const PASSKEY = 30;
/** Buckets kept before full ones are forgotten (a full bucket is the same as none). */
const SWEEP_AT = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/** The settings a limiter set is built from (a slice of `config.auth`). */
interface RateLimits {
  signInSignUps: number;
  tokenRefresh: number;
  tokenVerifications: number;
  emailSent: number;
  /** Anonymous sign-ins per hour (and the size of their bucket); 30 when left out. */
  anonymousUsers?: number;
  /** Passkey sign-in challenges per period (GoTrue's `RATE_LIMIT_PASSKEY`, no CLI key); 30 when left out. */
  passkey?: number;
  /** Seconds in which a bucket earns back its configured count. */
  period: number;
}

/**
 * The per-IP token buckets and the hourly email budget of one auth app.
 *
 * @example
 * const limiter = new RateLimiter({ signInSignUps: 30, tokenRefresh: 150, tokenVerifications: 30, emailSent: 2, period: 300 });
 * limiter.hit('token', clientIp(c, config)); // throws 429 once the IP's bucket is empty
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** Tokens earned per millisecond, per limiter. */
  private readonly rates: Record<Limiter, number>;
  /** Requests a full bucket holds, per limiter. */
  private readonly bursts: Record<Limiter, number>;
  private emails = { count: 0, resetAt: 0 };

  constructor(private readonly limits: RateLimits) {
    const perMs = (count: number) => Math.max(count, 0) / (limits.period * 1000);
    const signInSignUps = perMs(limits.signInSignUps);
    this.rates = {
      signups: signInSignUps,
      recover: signInSignUps,
      resend: signInSignUps,
      user: signInSignUps,
      otp: signInSignUps,
      magiclink: signInSignUps,
      token: perMs(limits.tokenRefresh),
      verify: perMs(limits.tokenVerifications),
      anonymous: Math.max(limits.anonymousUsers ?? ANONYMOUS_USERS, 0) / ONE_HOUR,
      passkey: perMs(limits.passkey ?? PASSKEY),
    };
    const anonymousBurst = Math.max(Math.trunc(limits.anonymousUsers ?? ANONYMOUS_USERS), 0);
    this.bursts = {
      signups: BURST,
      recover: BURST,
      resend: BURST,
      user: BURST,
      otp: BURST,
      magiclink: BURST,
      token: BURST,
      verify: BURST,
      anonymous: anonymousBurst,
      passkey: BURST,
    };
  }

  /** Takes one request from the bucket of `limiter` for `ip`; throws 429 when it is empty. */
  hit(limiter: Limiter, ip: string | null, now = Date.now()): void {
    if (ip === null) return; // no address to count for: GoTrue limits nothing per IP then
    const key = `${limiter}:${ip}`;
    const rate = this.rates[limiter];
    const burst = this.bursts[limiter];
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > SWEEP_AT) this.sweep(now);
    if (!allowed) throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
  }

  /** Forgets the buckets that have filled up again (GoTrue lets idle ones expire). */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const limiter = key.slice(0, key.indexOf(':')) as Limiter;
      if (bucket.tokens + (now - bucket.at) * this.rates[limiter] >= this.bursts[limiter]) this.buckets.delete(key);
    }
  }

  /** Counts one email about to be sent; throws 429 when the hourly budget is spent. */
  email(now = Date.now()): void {
    if (now >= this.emails.resetAt) this.emails = { count: 0, resetAt: now + ONE_HOUR };
    if (this.limits.emailSent <= 0 || this.emails.count >= this.limits.emailSent) {
      throw tooManyRequests('over_email_send_rate_limit', 'email rate limit exceeded');
    }
    this.emails.count += 1;
  }
}
