/**
 * Typed calls of the integration functions (supabase/migrations/…_api_keys_and_webhooks.sql):
 * an OWNER's or ADMIN's own management of API keys and webhooks (their client: the database
 * checks role and assurance level), and the delivery side of webhooks (service role only).
 */
import type { RpcClient } from './clients.ts';
import { unwrap } from './errors.ts';

/** An API key as listed (never the key nor its hash). */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

/** A webhook as listed (never its secret). */
export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  created_at: string;
}

/** One delivery attempt. */
export interface DeliveryRow {
  event_id: string;
  type: string;
  attempt: number;
  status: 'delivered' | 'retrying' | 'failed';
  response_status: number | null;
  at: string;
}

/** An outbox event with the endpoints subscribed to it. */
export interface PendingEvent {
  id: string;
  type: string;
  organization_id: string;
  created_at: string;
  /** The event's `data` (always with organization_id). */
  data: Record<string, unknown>;
  targets: { webhook_id: string; url: string; secret: string }[];
}

const call = <T>(client: RpcClient, fn: string, args: Record<string, unknown> = {}): Promise<T> =>
  unwrap(client.rpc(fn, args)) as Promise<T>;

/** Key and webhook management, with the caller's own client. */
export function integrationsOf(client: RpcClient) {
  return {
    createKey: (orgId: string, key: { name: string; scopes: string[]; hash: string; prefix: string; expiresAt: string | null }) =>
      call<ApiKeyRow>(client, 'create_api_key', {
        p_org_id: orgId,
        p_name: key.name,
        p_scopes: key.scopes,
        p_key_hash: key.hash,
        p_prefix: key.prefix,
        p_expires_at: key.expiresAt,
      }),
    keys: (orgId: string) => call<ApiKeyRow[]>(client, 'list_api_keys', { p_org_id: orgId }),
    revokeKey: (orgId: string, keyId: string) => call<ApiKeyRow>(client, 'revoke_api_key', { p_org_id: orgId, p_key_id: keyId }),
    createWebhook: (orgId: string, url: string, events: string[], secret: string) =>
      call<WebhookRow>(client, 'create_webhook', { p_org_id: orgId, p_url: url, p_events: events, p_secret: secret }),
    webhooks: (orgId: string) => call<WebhookRow[]>(client, 'list_webhooks', { p_org_id: orgId }),
    deleteWebhook: (orgId: string, webhookId: string) =>
      call<WebhookRow>(client, 'delete_webhook', { p_org_id: orgId, p_webhook_id: webhookId }),
    deliveries: (orgId: string, webhookId: string) =>
      call<DeliveryRow[]>(client, 'list_webhook_deliveries', { p_org_id: orgId, p_webhook_id: webhookId }),
  };
}

/** The delivery side, with the service client. */
export function webhookOutbox(client: RpcClient) {
  return {
    /** Undelivered events (oldest first, of one organization when given) with their targets, each handed out once. */
    pending: async (limit: number, organizationId?: string) =>
      (await call<PendingEvent[] | null>(client, 'webhook_pending_events', {
        p_limit: limit,
        p_organization_id: organizationId ?? null,
      })) ?? [],
    alive: (webhookId: string) => call<boolean>(client, 'webhook_targets_alive', { p_webhook_id: webhookId }),
    record: (webhookId: string, eventId: string, attempt: number, status: DeliveryRow['status'], responseStatus: number | null) =>
      call<null>(client, 'webhook_record_delivery', {
        p_webhook_id: webhookId,
        p_event_id: eventId,
        p_attempt: attempt,
        p_status: status,
        p_response_status: responseStatus,
      }),
  };
}
