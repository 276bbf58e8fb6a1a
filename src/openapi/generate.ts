/**
 * Builds the OpenAPI 3.1 document from the route contracts (routes/contracts.ts) and their
 * docs (routes/docs.ts, each route's summary and description), using zod's JSON Schema
 * conversion on the very schemas that validate requests. Heavy (zod's converter), so it
 * runs at build time only: scripts/build-openapi.ts writes assets/api/v1/openapi.json,
 * which the worker serves; a test regenerates it and fails if the committed file drifted.
 * Never import this module from the worker's runtime code.
 */
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { MAX_BODY_BYTES } from '../http/body.ts';
import { ERROR_TABLE, type ErrorCode } from '../http/errors.ts';
import { contractGroups } from '../routes/contracts.ts';
import { groupDocs } from '../routes/docs.ts';
import { API_TITLE } from '../routes/meta/contract.ts';
import { type AuthKind, type ContractGroup, errorCodesOf, type RouteContract, type RouteDoc } from '../routes/registry.ts';

type Json = Record<string, unknown>;

/** Title and version written into `info`. */
const API_INFO = {
  title: API_TITLE,
  version: '1.0.0',
  description:
    'Authentication API for web apps: a Cloudflare Worker in front of Supabase Auth. ' +
    'Every JSON answer uses one envelope: success, message, and data (or error with a stable code); every answer ' +
    `carries X-Request-Id. Request bodies are JSON, at most ${MAX_BODY_BYTES} bytes; unknown fields are ignored.`,
};

function toSchema(schema: $ZodType, io: 'input' | 'output'): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** Converts Hono's `:param` path syntax to OpenAPI's `{param}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(schema: $ZodType | undefined, location: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function security(auth: AuthKind): Json[] | undefined {
  if (auth === 'none') return [];
  if (auth === 'user') return [{ bearerAuth: [] }];
  if (auth === 'service') return [{ serviceKey: [] }];
  return [{ bearerAuth: [] }, { serviceKey: [] }];
}

function successResponse(contract: RouteContract): Json {
  const success = contract.success;
  if ('contentType' in success) {
    const schema = success.contentType === 'text/html' ? { type: 'string' } : { type: 'object' };
    return { description: success.description, content: { [success.contentType]: { schema } } };
  }
  const properties: Json = {
    success: { const: true },
    message: { type: 'string', examples: [success.description] },
    data: toSchema(success.data, 'output'),
  };
  if (success.list) properties.count = { type: 'integer', minimum: 0 };
  const required = ['success', 'message', 'data', ...(success.list ? ['count'] : [])];
  return {
    description: success.description,
    content: { 'application/json': { schema: { type: 'object', properties, required } } },
  };
}

function errorResponses(contract: RouteContract): Json {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(contract)) {
    const status = contract.errorStatus?.[code] ?? ERROR_TABLE[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Json = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: codes.map((code) => `${code}: ${ERROR_TABLE[code].message}`).join('; '),
      headers: headersFor(codes),
      content: {
        'application/json': {
          schema: {
            allOf: [{ $ref: '#/components/schemas/ErrorEnvelope' }],
            properties: { error: { properties: { code: { enum: codes } } } },
          },
        },
      },
      'x-error-codes': codes,
    };
  }
  return responses;
}

function headersFor(codes: ErrorCode[]): Json {
  const headers: Json = { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } };
  if (codes.includes('RATE_LIMITED') || codes.includes('ACCOUNT_LOCKED')) {
    headers['Retry-After'] = { description: 'Seconds to wait before retrying', schema: { type: 'integer' } };
  }
  return headers;
}

function operation(contract: RouteContract, doc: RouteDoc, operationId: string): Json {
  const op: Json = {
    operationId,
    tags: [contract.tag],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    security: security(contract.auth),
    'x-auth': contract.auth,
  };
  const params = [...parameters(contract.params, 'path'), ...parameters(contract.query, 'query')];
  if (params.length > 0) op.parameters = params;
  if (contract.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: toSchema(contract.body, 'input') } } };
  }
  const success = successResponse(contract);
  success.headers = headersFor([]);
  op.responses = { [String(contract.success.status)]: success, ...errorResponses(contract) };
  return op;
}

function components(): Json {
  return {
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Supabase access token of the user' },
      serviceKey: { type: 'http', scheme: 'bearer', description: 'The Supabase service-role key (service integrations only)' },
    },
    headers: {
      'X-Request-Id': {
        description: 'Request id: the client’s when sane (≤128 of [A-Za-z0-9._:-]), else generated',
        schema: { type: 'string' },
      },
    },
    schemas: {
      ErrorEnvelope: {
        type: 'object',
        required: ['success', 'message', 'error'],
        properties: {
          success: { const: false },
          message: { type: 'string' },
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', enum: Object.keys(ERROR_TABLE) },
              message: { type: 'string' },
              details: {
                type: 'array',
                description: 'Validation errors only: one entry per problem',
                items: {
                  type: 'object',
                  required: ['path', 'message'],
                  properties: { path: { type: 'string' }, message: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  };
}

/**
 * Builds the OpenAPI 3.1 document for `groups` (default: every contract of the service),
 * each route's summary and description taken from `docs` (default: routes/docs.ts, which
 * the compiler keeps in step with the contracts). Deterministic: same contracts and docs,
 * same document. Throws on a route without docs.
 */
export function buildOpenApiDocument(
  groups: Record<string, ContractGroup> = contractGroups,
  docs: Record<string, Record<string, RouteDoc>> = groupDocs,
): Json {
  const paths: Record<string, Json> = {};
  for (const [group, contracts] of Object.entries(groups)) {
    for (const [name, contract] of Object.entries(contracts)) {
      const doc = docs[group]?.[name];
      if (!doc) throw new Error(`No docs for route ${group}.${name}: add them to routes/${group}/docs.ts`);
      const path = openApiPath(contract.path);
      paths[path] = { ...paths[path], [contract.method]: operation(contract, doc, `${group}.${name}`) };
    }
  }
  return {
    openapi: '3.1.0',
    info: API_INFO,
    tags: Object.keys(groups).map((name) => ({ name })),
    paths,
    components: components(),
  };
}
