/**
 * Builds the application. The middleware order is decided here and only here:
 * request id → request log → response headers (security, no-store, request id) →
 * configuration (validated once per env) → CORS → webhook dispatch (after the answer) → the routes of the registry (each with
 * body guard → auth guard → validators → handler) → 405 for known paths → notFound;
 * `onError` turns every thrown error into the failure envelope. Because the first three
 * wrap everything, even errors, 404s and a misconfigured worker get a request id, the
 * security headers and exactly one log line.
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { inBackground } from './http/background.ts';
import type { AppEnv } from './http/context.ts';
import { cors } from './http/cors.ts';
import { handleError, handleNotFound } from './http/on-error.ts';
import { loadConfig, requestId, requestLog, responseHeaders } from './http/request-context.ts';
import { routes as allRoutes } from './routes/index.ts';
import { mountRoutes, type RouteDefinition } from './routes/registry.ts';
import { dispatchPending } from './webhooks/deliver.ts';

/** Paths whose changes write webhook events of the organization they name. */
const EVENTFUL = /^\/api\/v1\/auth\/organizations\/([0-9a-fA-F-]{36})(\/|$)/;

/**
 * After a request that changed an organization, that organization's events (written in the
 * request's transaction) go to the delivery queue in the background: the answer never waits
 * for them. Other events (an accepted invitation, dashboard changes) wait for the cron sweep.
 */
const dispatchWebhooks = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const organizationId = EVENTFUL.exec(c.req.path)?.[1]?.toLowerCase();
  if (c.req.method === 'GET' || c.res.status >= 300 || !organizationId) return;
  inBackground(c, 'webhook dispatch', async () => {
    await dispatchPending(c.env, organizationId);
  });
});

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  /** Routes to mount; defaults to every route of the service. Tests pass their own. */
  routes?: readonly RouteDefinition[];
}

/**
 * Creates the Hono app with its middleware, routes and error handling.
 *
 * @example
 * export default createApp(); // a worker: { fetch }
 * const app = createApp({ routes: implementGroup(testContracts, testHandlers) });
 * await app.request('/x', {}, env);
 */
export function createApp(options: CreateAppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId, requestLog, responseHeaders, loadConfig, cors, dispatchWebhooks);
  mountRoutes(app, options.routes ?? allRoutes);
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
