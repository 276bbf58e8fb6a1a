/**
 * Route docs of the service routes: for each route of ./contract.ts its OpenAPI `summary`
 * and `description` (tsc refuses a missing or an extra route). Build-time only: the
 * OpenAPI generator reads them through routes/docs.ts; the worker never imports this file.
 */
import type { RouteDocs } from '../registry.ts';
import type { metaContracts } from './contract.ts';

/** The service route docs. */
export const metaDocs: RouteDocs<typeof metaContracts> = {
  health: {
    summary: 'Health check',
    description: 'Reports whether the worker is up and Supabase Auth answers (2 s probe).',
  },
  openapi: {
    summary: 'OpenAPI 3.1 document',
    description: 'This document, generated from the schemas that validate requests; a static asset of the worker.',
  },
  docs: {
    summary: 'API reference (HTML)',
    description: 'A human-readable page rendered from the OpenAPI document.',
  },
};
