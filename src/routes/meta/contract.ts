/**
 * Contracts of the service routes: health, the OpenAPI document and the API reference
 * page. Also the example every other route group follows (see routes/registry.ts).
 */
import * as z from 'zod/mini';
import { defineGroup } from '../registry.ts';

/** The API's name: the OpenAPI document's `info.title` and the reference page's title. */
export const API_TITLE = 'Edge Auth API';

/** `data` of GET /api/v1/health. */
const healthDataSchema = z.object({
  status: z.literal('ok'),
  supabase: z.literal('ok'),
});

/** The service routes. */
export const metaContracts = defineGroup(
  { tag: 'meta', basePath: '/api/v1' },
  {
    health: {
      method: 'get',
      path: '/health',
      auth: 'none',
      success: { status: 200, description: 'Service is healthy', data: healthDataSchema },
      errors: ['SERVICE_UNAVAILABLE'],
    },
    openapi: {
      method: 'get',
      path: '/openapi.json',
      auth: 'none',
      success: { status: 200, description: 'The OpenAPI document', contentType: 'application/json' },
      errors: [],
    },
    docs: {
      method: 'get',
      path: '/docs',
      auth: 'none',
      success: { status: 200, description: 'The API reference page', contentType: 'text/html' },
      errors: [],
    },
  },
);
