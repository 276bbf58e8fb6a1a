/**
 * Worker entry: the HTTP app, the webhook queue's consumer, the Cron Trigger's outbox sweep,
 * and the Durable Object classes declared in wrangler.toml.
 */
import { createApp } from './app.ts';
import type { Bindings } from './env.ts';
import { type DeliveryMessage, deliverBatch, dispatchPending } from './webhooks/deliver.ts';

export { LoginLockout } from './auth/lockout.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  /** Webhook deliveries (wrangler.toml `[[queues.consumers]]`). */
  queue: (batch: MessageBatch<DeliveryMessage>, env: Bindings) => deliverBatch(batch, env),
  /** Every minute: outbox events no request has enqueued (dashboard and SQL changes). */
  scheduled: async (_controller: ScheduledController, env: Bindings, ctx: ExecutionContext) => {
    ctx.waitUntil(dispatchPending(env));
  },
} satisfies ExportedHandler<Bindings, DeliveryMessage>;
