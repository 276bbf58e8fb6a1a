/**
 * The API reference page (GET /api/v1/docs): a small HTML shell that runs Scalar's API
 * reference — operations, parameters, request and response schemas with examples, the
 * error codes of every response, and "Test Request" against this worker — from the
 * worker's own static assets (`assets/`, see scripts/build-docs-assets.ts): our
 * /api/v1/docs/setup.js, then /api/v1/docs/vendor/scalar.js, the browser bundle of the
 * pinned `@scalar/api-reference`. Scalar reads its configuration from the empty
 * `<script id="api-reference">` element and renders the OpenAPI document this worker
 * serves (/api/v1/openapi.json). Nothing is loaded from another origin: no CDN, no web
 * fonts, no proxy, no telemetry, no AI agent.
 *
 * The page and its Content-Security-Policy are kept together here because they must agree:
 * the nonce is both in the policy and in `<meta property="csp-nonce">`, from which Scalar
 * and setup.js stamp it on the stylesheets they create; the handler replaces
 * {@link NONCE_PLACEHOLDER} per response.
 */

import { API_TITLE } from './contract.ts';

/** Placeholder the handler replaces with the response's nonce. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** Static assets (assets/ and scripts/build-docs-assets.ts): our setup, then Scalar's bundle. */
const SCRIPTS = ['/api/v1/docs/setup.js', '/api/v1/docs/vendor/scalar.js'];

/** The OpenAPI document the reference renders. */
const OPENAPI_URL = '/api/v1/openapi.json';

/**
 * Scalar's configuration (the `data-configuration` of its HTML API). Everything that would
 * reach another origin is off: default fonts (fonts.scalar.com), the request proxy
 * (proxy.scalar.com, only used when `proxyUrl` is set), telemetry, the agent chat, MCP, the
 * developer toolbar and the sidebar's link to client.scalar.com. The one server is `/`,
 * which Scalar resolves against the page's origin: examples and "Test Request" name this
 * worker, and its requests stay within `connect-src 'self'`. Credentials typed into
 * "Test Request" are not kept in localStorage (`persistAuth: false`).
 */
const SCALAR_CONFIGURATION = {
  url: OPENAPI_URL,
  servers: [{ url: '/', description: 'This worker' }],
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  hideClientButton: true,
  persistAuth: false,
  documentDownloadType: 'direct',
  orderSchemaPropertiesBy: 'preserve',
  defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
};

/**
 * The Content-Security-Policy of the page with `nonce`, as tight as Scalar allows (checked
 * in Chromium: no violation while rendering or sending a request):
 * - scripts only from this origin — setup.js and the bundle; no inline script, no eval
 *   (setup.js tells the bundled zod not to probe for it);
 * - `<style>` elements only with the nonce: Scalar's own stylesheet, and its theme and
 *   toast styles, which setup.js stamps; a `<style>` that arrives in markup stays blocked;
 * - `style` attributes, which Scalar writes into highlighted code blocks (line-number
 *   gutters) — they can change looks but load nothing, as nothing but scripts and fetches
 *   may load (`style-src` is the fallback of browsers without the -elem/-attr split);
 * - fetches only to this origin: the document and "Test Request";
 * - no images, fonts, frames, workers, forms, base URL or framing by others.
 *
 * @example c.header('Content-Security-Policy', docsContentSecurityPolicy(nonce))
 */
export function docsContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src-elem 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
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
 * @example renderDocsPage().replace(NONCE_PLACEHOLDER, nonce)
 */
export function renderDocsPage(): string {
  const title = `${API_TITLE} reference`;
  const configuration = escapeHtml(JSON.stringify({ ...SCALAR_CONFIGURATION, metaData: { title } }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><meta property="csp-nonce" content="${NONCE_PLACEHOLDER}"></head>
<body><noscript><p>This API reference needs JavaScript. The OpenAPI 3.1 document is at
<a href="${OPENAPI_URL}">${OPENAPI_URL}</a>.</p></noscript>
<script id="api-reference" data-configuration="${configuration}"></script>
${SCRIPTS.map((src) => `<script src="${src}"></script>`).join('\n')}
</body></html>`;
}
