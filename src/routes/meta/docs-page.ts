/**
 * The API reference page (GET /api/v1/docs): a small HTML shell that loads Scalar's API
 * reference — operations, parameters, request and response schemas with examples, the
 * error codes of every response, and "Test Request" against this worker — from the
 * worker's own static assets (/api/v1/docs/scalar.js, copied from the pinned
 * `@scalar/api-reference` by scripts/build-docs-assets.ts) and points it at the OpenAPI
 * document the worker serves (/api/v1/openapi.json). Nothing is loaded from another origin:
 * no CDN, no web fonts, no proxy, no telemetry, no AI agent.
 *
 * The page and its Content-Security-Policy are kept together here because they must agree:
 * the bundle injects its stylesheet with the nonce it reads from
 * `<meta property="csp-nonce">`; the handler replaces the placeholder `__CSP_NONCE__` per
 * response.
 */

/** The parts of an OpenAPI document the page reads. */
export interface DocsSource {
  info?: { title?: string };
}

/** Placeholder the handler replaces with the response's nonce. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** The static asset holding Scalar's browser bundle (see scripts/build-docs-assets.ts). */
const SCALAR_BUNDLE = '/api/v1/docs/scalar.js';

/** The OpenAPI document the reference renders. */
const OPENAPI_URL = '/api/v1/openapi.json';

/**
 * Scalar's configuration (the `data-configuration` of its HTML API). Everything that would
 * reach another origin is off: default fonts (fonts.scalar.com), the request proxy
 * (proxy.scalar.com, only used when `proxyUrl` is set), telemetry, the agent chat, MCP and
 * the developer toolbar. Requests of "Test Request" go straight to this origin: the
 * document has no `servers`, so Scalar uses the page's origin.
 */
const SCALAR_CONFIGURATION = {
  url: OPENAPI_URL,
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  persistAuth: false,
  documentDownloadType: 'direct',
  orderSchemaPropertiesBy: 'preserve',
  defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
  showExtensions: ['x-auth', 'x-error-codes'],
};

/**
 * The Content-Security-Policy of the page with `nonce`: scripts only from this origin (the
 * bundle; no inline script, no eval), stylesheets only with the nonce (the one Scalar
 * injects), inline `style` attributes (Scalar's layout and pop-overs set them), images
 * from this origin and `data:` (inline icons), fetches only to this origin (the document
 * and "Test Request"); no fonts, frames, workers, forms, plugins or framing.
 *
 * @example c.header('Content-Security-Policy', docsContentSecurityPolicy(nonce))
 */
export function docsContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src-elem 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Escapes text for HTML element content and attribute values. */
function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Renders the page, with {@link NONCE_PLACEHOLDER} where the nonce goes.
 *
 * @example renderDocsPage(openapiDocument).replace(NONCE_PLACEHOLDER, nonce)
 */
export function renderDocsPage(doc: DocsSource): string {
  const title = `${doc.info?.title ?? 'API'} reference`;
  const configuration = escapeHtml(JSON.stringify({ ...SCALAR_CONFIGURATION, metaData: { title } }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><meta property="csp-nonce" content="${NONCE_PLACEHOLDER}"></head>
<body><noscript><p>This API reference needs JavaScript. The OpenAPI 3.1 document is at
<a href="${OPENAPI_URL}">${OPENAPI_URL}</a>.</p></noscript>
<script id="api-reference" data-configuration="${configuration}"></script>
<script src="${SCALAR_BUNDLE}"></script>
</body></html>`;
}
