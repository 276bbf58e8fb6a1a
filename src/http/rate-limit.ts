/**
 * The worker's own per-client-IP limit of the unauthenticated POST routes (login, signup,
 * register, refresh, password forgot/reset, and any later one). With an `sb_secret_…` key
 * those calls reach Supabase with the secret key, which skips Supabase's CAPTCHA, so the
 * worker limits them itself, with the Workers rate-limiting binding `PUBLIC_RATE_LIMIT`
 * (`[[ratelimits]]` in wrangler.toml: one counter per key and period, shared by the
 * worker's instances in a location). The key is the client IP Cloudflare reports
 * (`CF-Connecting-IP`), never a header the client chose. Over the limit: 429 RATE_LIMITED
 * with `Retry-After`.
 */
import { createMiddleware } from 'hono/factory';
import { ConfigError } from '../env.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

/** The binding's period (wrangler.toml `simple.period`), which is also what a client is told to wait. */
const PUBLIC_RATE_LIMIT_PERIOD_SECONDS = 60;

/** Counts the request against its client IP; refuses it with 429 over the limit. */
export const publicRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const limiter = c.env.PUBLIC_RATE_LIMIT as RateLimit | undefined;
  if (typeof limiter?.limit !== 'function') {
    throw new ConfigError('PUBLIC_RATE_LIMIT', 'must be a rate-limiting binding ([[ratelimits]] in wrangler.toml)');
  }
  const ip = c.req.header('CF-Connecting-IP') ?? 'unknown';
  const { success } = await limiter.limit({ key: `ip:${ip}` });
  if (!success) {
    throw new ApiError('RATE_LIMITED', { headers: { 'Retry-After': String(PUBLIC_RATE_LIMIT_PERIOD_SECONDS) } });
  }
  await next();
});

/** The API-key limit's period (wrangler.toml), which is also what a client is told to wait. */
const API_KEY_RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * Counts a request made with an organization API key against that key (by its hash; an
 * unknown key has a counter of its own, so guessing cannot spend a real key's budget).
 */
export async function limitApiKey(env: { API_KEY_RATE_LIMIT?: RateLimit }, keyHash: string): Promise<void> {
  const limiter = env.API_KEY_RATE_LIMIT;
  if (typeof limiter?.limit !== 'function') {
    throw new ConfigError('API_KEY_RATE_LIMIT', 'must be a rate-limiting binding ([[ratelimits]] in wrangler.toml)');
  }
  const { success } = await limiter.limit({ key: `key:${keyHash}` });
  if (!success) {
    throw new ApiError('RATE_LIMITED', {
      message: 'Too many requests with this API key',
      headers: { 'Retry-After': String(API_KEY_RATE_LIMIT_PERIOD_SECONDS) },
    });
  }
}
