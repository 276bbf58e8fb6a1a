/**
 * Contracts of an organization's integrations (integrations.md): API keys that act for the
 * organization within scopes, and signed webhooks. Managed by its OWNERs and ADMINs with
 * their own token (aal2 where the organization requires a second factor); the key or
 * secret is shown only in the answer that creates it. Pure data: the OpenAPI generator
 * imports it.
 */
import * as z from 'zod/mini';
import { isoDateSchema, requiredString, uuidSchema } from '../../http/schemas.ts';
import { done } from '../organizations/contract.ts';
import { defineGroup } from '../registry.ts';

/** The scopes an organization API key may have. */
const API_KEY_SCOPES = ['organization:read', 'members:read', 'members:write', 'invitations:write', 'audit:read'] as const;

/** The events a webhook may subscribe to (`*`: all). */
const WEBHOOK_EVENTS = [
  'member.added',
  'member.removed',
  'member.role_changed',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'organization.updated',
  'organization.deleted',
  'ownership.transferred',
  'api_key.created',
  'api_key.revoked',
] as const;

const orgParams = z.object({ orgId: uuidSchema.check(z.describe('The organization id (UUID)')) });

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().check(z.describe('The first 12 characters of the key, to recognise it')),
  scopes: z.array(z.string()),
  created_at: isoDateSchema,
  expires_at: z.nullable(isoDateSchema),
  last_used_at: z.nullable(isoDateSchema.check(z.describe('Updated at most once a minute'))),
});

const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  created_at: isoDateSchema,
});

const deliverySchema = z.object({
  event_id: z.string().check(z.describe('The `webhook-id` header of the delivery')),
  type: z.string(),
  attempt: z.number(),
  status: z.enum(['delivered', 'retrying', 'failed']),
  response_status: z.nullable(z.number()),
  at: isoDateSchema,
});

const nameSchema = requiredString().check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.maxLength(100, 'must be at most 100 characters'),
);

/** The integrations route contracts. */
export const integrationsContracts = defineGroup(
  { tag: 'integrations', basePath: '/api/v1/auth' },
  {
    createApiKey: {
      method: 'post',
      path: '/organizations/:orgId/api-keys',
      auth: 'user',
      params: orgParams,
      body: z.object({
        name: nameSchema,
        scopes: z
          .array(z.enum(API_KEY_SCOPES, { error: `must be one of ${API_KEY_SCOPES.join(', ')}` }))
          .check(z.minLength(1, 'must name at least one scope'), z.maxLength(API_KEY_SCOPES.length, 'names a scope twice')),
        expires_at: z.optional(
          requiredString().check(
            z.refine(
              (value) =>
                /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)),
              {
                message: 'must be an ISO 8601 date-time with a time zone',
              },
            ),
            z.describe('When the key stops working (ISO 8601); none: it lives until revoked'),
          ),
        ),
      }),
      success: { status: 201, description: 'API key created', data: z.object({ ...apiKeySchema.shape, key: z.string() }) },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listApiKeys: {
      method: 'get',
      path: '/organizations/:orgId/api-keys',
      auth: 'user',
      params: orgParams,
      success: { status: 200, description: 'Retrieved N API keys', data: z.array(apiKeySchema), list: true },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    revokeApiKey: {
      method: 'delete',
      path: '/organizations/:orgId/api-keys/:keyId',
      auth: 'user',
      params: z.object({ orgId: uuidSchema, keyId: uuidSchema.check(z.describe('The key id (UUID)')) }),
      success: { status: 200, description: 'API key revoked', data: done('API key revoked') },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    createWebhook: {
      method: 'post',
      path: '/organizations/:orgId/webhooks',
      auth: 'user',
      params: orgParams,
      body: z.object({
        url: requiredString().check(z.maxLength(2048, 'must be at most 2048 characters')),
        events: z
          .array(z.enum([...WEBHOOK_EVENTS, '*'], { error: `must be one of ${WEBHOOK_EVENTS.join(', ')} or *` }))
          .check(z.minLength(1, 'must name at least one event')),
      }),
      success: { status: 201, description: 'Webhook created', data: z.object({ ...webhookSchema.shape, secret: z.string() }) },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listWebhooks: {
      method: 'get',
      path: '/organizations/:orgId/webhooks',
      auth: 'user',
      params: orgParams,
      success: { status: 200, description: 'Retrieved N webhooks', data: z.array(webhookSchema), list: true },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    deleteWebhook: {
      method: 'delete',
      path: '/organizations/:orgId/webhooks/:webhookId',
      auth: 'user',
      params: z.object({ orgId: uuidSchema, webhookId: uuidSchema.check(z.describe('The webhook id (UUID)')) }),
      success: { status: 200, description: 'Webhook deleted', data: done('Webhook deleted') },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
    listDeliveries: {
      method: 'get',
      path: '/organizations/:orgId/webhooks/:webhookId/deliveries',
      auth: 'user',
      params: z.object({ orgId: uuidSchema, webhookId: uuidSchema.check(z.describe('The webhook id (UUID)')) }),
      success: { status: 200, description: 'Retrieved N deliveries', data: z.array(deliverySchema), list: true },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE'],
    },
  },
);
