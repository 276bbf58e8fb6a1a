/**
 * Handlers of organization API keys and webhooks. The worker makes the key (eak_ and 40
 * base62 characters from the platform's CSPRNG) and the webhook secret (whsec_ and base64 of
 * 24 random bytes), answers each once, and gives the database only the key's SHA-256 hash;
 * the database checks the caller's role (OWNER, ADMIN) and assurance level.
 */
import { ApiError } from '../../http/errors.ts';
import { userClient } from '../../supabase/clients.ts';
import { integrationsOf } from '../../supabase/integrations.ts';
import type { RouteHandler } from '../registry.ts';
import type { integrationsContracts } from './contract.ts';
import { checkWebhookUrl } from './webhook-url.ts';

type Integrations = typeof integrationsContracts;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` base62 characters, uniformly (bytes of 248 and above are drawn again). */
function base62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

const integrations = (c: Parameters<typeof userClient>[0]) => integrationsOf(userClient(c));

/** POST /api/v1/auth/organizations/:orgId/api-keys */
export const createApiKey: RouteHandler<Integrations['createApiKey']> = async (c) => {
  const { orgId } = c.req.valid('param');
  const { name, scopes, expires_at } = c.req.valid('json');
  if (new Set(scopes).size !== scopes.length) {
    throw new ApiError('VALIDATION_ERROR', {
      message: 'Invalid scopes: names a scope twice',
      details: [{ path: 'scopes', message: 'names a scope twice' }],
    });
  }
  if (expires_at !== undefined && Date.parse(expires_at) <= Date.now()) {
    throw new ApiError('VALIDATION_ERROR', {
      message: 'Invalid expires_at: must be in the future',
      details: [{ path: 'expires_at', message: 'must be in the future' }],
    });
  }
  const key = `eak_${base62(40)}`;
  const created = await integrations(c).createKey(orgId, {
    name,
    scopes,
    hash: await sha256Hex(key),
    prefix: key.slice(0, 12),
    expiresAt: expires_at ?? null,
  });
  return { ...created, key };
};

/** GET /api/v1/auth/organizations/:orgId/api-keys */
export const listApiKeys: RouteHandler<Integrations['listApiKeys']> = async (c) => integrations(c).keys(c.req.valid('param').orgId);

/** DELETE /api/v1/auth/organizations/:orgId/api-keys/:keyId */
export const revokeApiKey: RouteHandler<Integrations['revokeApiKey']> = async (c) => {
  const { orgId, keyId } = c.req.valid('param');
  await integrations(c).revokeKey(orgId, keyId);
  return { message: 'API key revoked' };
};

/** POST /api/v1/auth/organizations/:orgId/webhooks */
export const createWebhook: RouteHandler<Integrations['createWebhook']> = async (c) => {
  const { orgId } = c.req.valid('param');
  const { url, events } = c.req.valid('json');
  const checked = checkWebhookUrl(url, c.var.config.webhooks.allowLoopback);
  if (!checked.ok)
    throw new ApiError('VALIDATION_ERROR', {
      message: `Invalid url: ${checked.reason}`,
      details: [{ path: 'url', message: checked.reason }],
    });
  const secret = `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))}`;
  const unique = events.includes('*') ? ['*'] : [...new Set(events)];
  const created = await integrations(c).createWebhook(orgId, checked.url, unique, secret);
  return { ...created, secret };
};

/** GET /api/v1/auth/organizations/:orgId/webhooks */
export const listWebhooks: RouteHandler<Integrations['listWebhooks']> = async (c) => integrations(c).webhooks(c.req.valid('param').orgId);

/** DELETE /api/v1/auth/organizations/:orgId/webhooks/:webhookId */
export const deleteWebhook: RouteHandler<Integrations['deleteWebhook']> = async (c) => {
  const { orgId, webhookId } = c.req.valid('param');
  await integrations(c).deleteWebhook(orgId, webhookId);
  return { message: 'Webhook deleted' };
};

/** GET /api/v1/auth/organizations/:orgId/webhooks/:webhookId/deliveries */
export const listDeliveries: RouteHandler<Integrations['listDeliveries']> = async (c) => {
  const { orgId, webhookId } = c.req.valid('param');
  return integrations(c).deliveries(orgId, webhookId);
};
