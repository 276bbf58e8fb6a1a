/**
 * Rate limits from `[auth.rate_limit]`, counted per client IP in fixed windows:
 * `sign_in_sign_ups` (sign-up, password sign-in, recover, resend, PUT /user) and
 * `token_refresh` per 5 minutes, `token_verifications` (/verify) per 5 minutes — over
 * the limit is 429 `over_request_rate_limit` ("Request rate limit reached"). `email_sent`
 * is, as in GoTrue, one project-wide count per hour of the emails sent, applied only
 * while email confirmations are on (GoTrue skips it with autoconfirm); over it is 429
 * `over_email_send_rate_limit` ("email rate limit exceeded").
 */
import { tooManyRequests } from './errors.ts';

/** The per-IP buckets. */
export type Bucket = 'sign_in_sign_ups' | 'token_refresh' | 'token_verifications';

const FIVE_MINUTES = 5 * 60 * 1000;
const ONE_HOUR = 60 * 60 * 1000;

interface Window {
  count: number;
  resetAt: number;
}

/** Fixed-window counters for one auth app. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private emails: Window = { count: 0, resetAt: 0 };

  constructor(private readonly limits: Record<Bucket, number> & { email_sent: number }) {}

  private take(key: string, limit: number, span: number, now: number): boolean {
    let w = this.windows.get(key);
    if (!w || now >= w.resetAt) {
      w = { count: 0, resetAt: now + span };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.sweep(now);
    }
    w.count += 1;
    return w.count <= limit;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now >= w.resetAt) this.windows.delete(k);
  }

  /** Counts one request of `bucket` from `ip`; throws 429 when over the limit. */
  hit(bucket: Bucket, ip: string): void {
    if (!this.take(`${bucket}:${ip}`, this.limits[bucket], FIVE_MINUTES, Date.now())) {
      throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
    }
  }

  /** Counts one email about to be sent; throws 429 when the hourly budget is spent. */
  email(): void {
    const now = Date.now();
    if (now >= this.emails.resetAt) this.emails = { count: 0, resetAt: now + ONE_HOUR };
    if (this.limits.email_sent <= 0 || this.emails.count >= this.limits.email_sent) {
      throw tooManyRequests('over_email_send_rate_limit', 'email rate limit exceeded');
    }
    this.emails.count += 1;
  }
}
