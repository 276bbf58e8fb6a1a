/**
 * Handlers of the service routes. Health probes `${SUPABASE_URL}/auth/v1/health` with the
 * anon key and a short timeout; the OpenAPI document is a static asset generated at build
 * time (assets/api/v1/openapi.json, see scripts/build-openapi.ts), which Cloudflare serves
 * before the worker runs — the handler only answers where a request reaches the worker
 * anyway, by reading the same asset, so the document costs the bundle nothing.
 */
import { ApiError } from '../../http/errors.ts';
import { createUpstreamFetch } from '../../http/upstream.ts';
import type { RouteHandler } from '../registry.ts';
import type { metaContracts } from './contract.ts';
import { docsContentSecurityPolicy, NONCE_PLACEHOLDER, renderDocsPage } from './docs-page.ts';

/** Longest the health probe waits for Supabase, in milliseconds. */
export const HEALTH_TIMEOUT_MS = 2000;

type Meta = typeof metaContracts;

/** GET /api/v1/health */
export const health: RouteHandler<Meta['health']> = async (c) => {
  const { supabaseUrl, keys, upstreamTimeoutMs } = c.var.config;
  const probe = createUpstreamFetch(Math.min(HEALTH_TIMEOUT_MS, upstreamTimeoutMs));
  let healthy = false;
  let cause: unknown;
  try {
    const response = await probe(`${supabaseUrl}/auth/v1/health`, { headers: { apikey: keys.publishable ?? keys.secret } });
    healthy = response.ok;
    cause = healthy ? undefined : new Error(`Supabase Auth health answered ${response.status}`);
  } catch (error) {
    cause = error;
  }
  if (!healthy) throw new ApiError('SERVICE_UNAVAILABLE', { message: 'Supabase is not reachable', cause });
  return { status: 'ok', supabase: 'ok' };
};

/** GET /api/v1/openapi.json */
export const openapi: RouteHandler<Meta['openapi']> = async (c) => {
  const asset = await c.env.ASSETS.fetch(new URL('/api/v1/openapi.json', c.req.url));
  if (!asset.ok) throw new ApiError('INTERNAL_ERROR', { cause: new Error(`OpenAPI asset answered ${asset.status}`) });
  c.header('Cache-Control', 'public, max-age=300');
  c.header('Content-Type', 'application/json; charset=UTF-8');
  return c.body(await asset.text());
};

let docsHtml: string | undefined;

/**
 * GET /api/v1/docs — Scalar's API reference, loaded from this origin's static assets, with
 * its own CSP (docs-page.ts) and a fresh nonce per response.
 */
export const docs: RouteHandler<Meta['docs']> = (c) => {
  const nonce = crypto.randomUUID().replace(/-/g, '');
  docsHtml ??= renderDocsPage();
  c.header('Content-Security-Policy', docsContentSecurityPolicy(nonce));
  c.header('Cache-Control', 'public, max-age=300');
  return c.html(docsHtml.replace(NONCE_PLACEHOLDER, nonce));
};
