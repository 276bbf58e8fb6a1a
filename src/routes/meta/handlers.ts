/**
 * Handlers of the service routes. Health probes `${SUPABASE_URL}/auth/v1/health` with the
 * anon key and a short timeout; the OpenAPI document is the one generated at build time
 * (src/generated/openapi.json, see scripts/build-openapi.ts); the docs page is rendered
 * from it once per isolate.
 */
import openapiDocument from '../../generated/openapi.json';
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
export const openapi: RouteHandler<Meta['openapi']> = (c) => {
  c.header('Cache-Control', 'public, max-age=300');
  return c.json(openapiDocument);
};

let docsHtml: string | undefined;

/**
 * GET /api/v1/docs — Scalar's API reference, loaded from this origin's static assets, with
 * its own CSP (docs-page.ts) and a fresh nonce per response.
 */
export const docs: RouteHandler<Meta['docs']> = (c) => {
  const nonce = crypto.randomUUID().replace(/-/g, '');
  docsHtml ??= renderDocsPage(openapiDocument);
  c.header('Content-Security-Policy', docsContentSecurityPolicy(nonce));
  c.header('Cache-Control', 'public, max-age=300');
  return c.html(docsHtml.replace(NONCE_PLACEHOLDER, nonce));
};
