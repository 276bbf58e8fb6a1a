/**
 * Webhook delivery (integrations.md "Webhooks"), at least once, through Cloudflare Queues:
 * - {@link dispatchPending} takes the events the database wrote to its outbox (in the same
 *   transaction as each change, triggers included, so dashboard and SQL changes have theirs)
 *   and sends one queue message per event and subscribed endpoint. It runs after every
 *   request that changed an organization, for that organization (`waitUntil`, so the
 *   answer never waits for it), and from the Cron Trigger every minute for all of them
 *   (events no request enqueued: dashboard and SQL changes, an accepted invitation); the
 *   database hands each event out once.
 * - {@link deliverBatch} is the queue consumer: a signed POST per message (Standard
 *   Webhooks: `webhook-id` = the event id, the same on every retry, `webhook-timestamp`,
 *   `webhook-signature`), 10 s to answer with a 2xx, no redirect followed; anything else is
 *   retried after the configured delays (growing), then recorded as failed. A deleted
 *   webhook gets no further attempt. Every attempt is recorded (GET …/deliveries).
 */
import { type Config, getConfig } from '../env.ts';
import type { ClientScope } from '../supabase/clients.ts';
import { serviceClient } from '../supabase/clients.ts';
import { type PendingEvent, webhookOutbox } from '../supabase/integrations.ts';
import { signWebhook } from './sign.ts';

/** What one queue message carries: the event, and the one endpoint it goes to. */
export interface DeliveryMessage {
  event: Omit<PendingEvent, 'targets'>;
  target: PendingEvent['targets'][number];
}

/** How long an endpoint has to answer. */
const DELIVERY_TIMEOUT_MS = 10_000;
/** Events taken from the outbox per round. */
const OUTBOX_BATCH = 100;

/** A service-role scope outside any request (queue consumer, cron). */
function workerScope(config: Config): ClientScope {
  return { var: { config, auth: { kind: 'service' } }, req: { header: () => undefined } };
}

/** The bindings delivery needs. */
export interface DeliveryEnv {
  WEBHOOK_QUEUE?: Queue<DeliveryMessage>;
}

/**
 * Sends undispatched outbox events to the queue, one message per subscribed endpoint: every
 * organization's (the cron sweep), or one organization's (after a request that changed it).
 * Returns how many messages.
 */
export async function dispatchPending(env: DeliveryEnv & object, organizationId?: string): Promise<number> {
  const queue = env.WEBHOOK_QUEUE;
  if (!queue) return 0;
  const outbox = webhookOutbox(serviceClient(workerScope(getConfig(env)), { forWorker: 'webhook outbox' }));
  let sent = 0;
  for (;;) {
    const events = await outbox.pending(OUTBOX_BATCH, organizationId);
    const messages = events.flatMap(({ targets, ...event }) => targets.map((target) => ({ body: { event, target } })));
    for (let i = 0; i < messages.length; i += 100) await queue.sendBatch(messages.slice(i, i + 100));
    sent += messages.length;
    if (events.length < OUTBOX_BATCH) return sent;
  }
}

/** The signed request of one delivery. */
async function post(message: DeliveryMessage): Promise<number | null> {
  const { event, target } = message;
  const body = JSON.stringify({ type: event.type, timestamp: new Date(event.created_at).toISOString(), data: event.data });
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'edge-auth-webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': await signWebhook(target.secret, event.id, timestamp, body),
      },
      body,
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null; // no answer in time, refused, or not reachable
  }
}

/** The queue consumer. */
export async function deliverBatch(batch: MessageBatch<DeliveryMessage>, env: DeliveryEnv & object): Promise<void> {
  const config = getConfig(env);
  const outbox = webhookOutbox(serviceClient(workerScope(config), { forWorker: 'webhook delivery' }));
  const delays = config.webhooks.retryDelaysSeconds;
  await Promise.all(
    batch.messages.map(async (message) => {
      const { event, target } = message.body;
      const attempt = message.attempts;
      if (!(await outbox.alive(target.webhook_id))) {
        message.ack(); // deleted meanwhile: no further attempt
        return;
      }
      const status = await post(message.body);
      if (status !== null && status >= 200 && status < 300) {
        await outbox.record(target.webhook_id, event.id, attempt, 'delivered', status);
        message.ack();
        return;
      }
      const last = attempt > delays.length;
      await outbox.record(target.webhook_id, event.id, attempt, last ? 'failed' : 'retrying', status);
      if (last) message.ack();
      else message.retry({ delaySeconds: delays[attempt - 1] ?? 0 });
    }),
  );
}
