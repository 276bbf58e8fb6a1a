/**
 * Route docs of an organization's integrations (API keys and webhooks): for each route of
 * ./contract.ts its OpenAPI `summary` and `description` (tsc refuses a missing or an extra
 * route). Build-time only: the OpenAPI generator reads them through routes/docs.ts; the
 * worker never imports this file.
 */
import type { RouteDocs } from '../registry.ts';
import type { integrationsContracts } from './contract.ts';

/** The integrations route docs. */
export const integrationsDocs: RouteDocs<typeof integrationsContracts> = {
  createApiKey: {
    summary: 'Create an organization API key (OWNER, ADMIN)',
    description:
      '`key` (eak_ and 40 random characters) appears only in this answer; only its SHA-256 hash is stored. Use it as ' +
      '`Authorization: Bearer eak_…` on the organization routes of this organization, within its scopes.',
  },
  listApiKeys: {
    summary: "The organization's API keys (OWNER, ADMIN)",
  },
  revokeApiKey: {
    summary: 'Revoke an API key (OWNER, ADMIN): refused from the next request on',
  },
  createWebhook: {
    summary: 'Subscribe an endpoint to the organization’s events (OWNER, ADMIN)',
    description:
      '`secret` (whsec_ and base64 of 24 random bytes) appears only in this answer: deliveries are signed with it as the ' +
      'Standard Webhooks specification says. `https://` only (locally also http://127.0.0.1 and localhost when ' +
      'WEBHOOK_ALLOW_LOOPBACK is on), no credentials in the URL, no private or link-local address.',
  },
  listWebhooks: {
    summary: "The organization's webhooks (OWNER, ADMIN)",
  },
  deleteWebhook: {
    summary: 'Delete a webhook (OWNER, ADMIN): no further deliveries',
  },
  listDeliveries: {
    summary: "A webhook's last 100 delivery attempts (OWNER, ADMIN)",
  },
};
