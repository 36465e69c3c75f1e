// Shared by this service's tests: the real notification app on an ephemeral port, its migrated
// database of its own, a development mailbox in a folder of its own, and the sender running with
// a short rest. Events are posted over HTTP with a producer's service token, as the HTTP
// transport posts them.
import { randomUUID } from 'node:crypto';
import { newEvent } from '@dm/common/events';
import { createJwt } from '@dm/common/jwt';
import type { Mailer } from '@dm/common/mailer';
import {
  createTestDatabase,
  createTestMailbox,
  silentLogger,
  startTestServer,
  type TestApi,
  type TestMailbox,
  type TestReply,
  testApi,
} from '@dm/common/testing';
import type { EventEnvelope, EventPayload } from '@dm/contracts/events';
import { migrationFolder } from '@dm/migrations/folders';
import type { Kysely } from 'kysely';
import { createApp } from './app.js';
import type { Database } from './db.js';
import type { SenderOptions } from './sender.js';
import { type NotificationDeps, notificationDependencies } from './services.js';

export const jwt = createJwt('notification-test-secret-at-least-32-characters');
export const TEST_PUBLIC_URL = 'http://shop.test';

export const asService = (caller: string) => ({ authorization: `Bearer ${jwt.signService(caller, 300)}` });

export interface NotificationTestService {
  url: string;
  api: TestApi;
  db: Kysely<Database>;
  deps: NotificationDeps;
  mailbox: TestMailbox;
  /** POST /internal/events as order-service's outbox would. */
  post(event: unknown): Promise<TestReply>;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  /** Another mailer than the mailbox's (an SMTP one). */
  mailer?: Mailer;
  sender?: Partial<Pick<SenderOptions, 'intervalMs' | 'batchSize' | 'maxAttempts'>>;
  /** false: the sender is not started (the test calls `deps.sender.sendDue()`). */
  startSender?: boolean;
}

export async function startNotificationService(prefix: string, options: TestServiceOptions = {}): Promise<NotificationTestService> {
  const database = await createTestDatabase<Database>(prefix, migrationFolder('notifications'));
  const mailbox = await createTestMailbox();
  const deps = notificationDependencies(
    database.db,
    silentLogger,
    options.mailer ?? mailbox.mailer,
    { PUBLIC_URL: TEST_PUBLIC_URL },
    { intervalMs: 25, ...options.sender },
  );
  const server = await startTestServer(createApp({ ...deps, jwt }));
  if (options.startSender !== false) deps.sender.start();
  const api = testApi(server.url);
  return {
    url: server.url,
    api,
    db: database.db,
    deps,
    mailbox,
    post: (event) => api('POST', '/internal/events', event, asService('order-service')),
    async close() {
      await deps.sender.stop();
      await server.close();
      await database.drop();
      await mailbox.remove();
    },
  };
}

export interface Shopper {
  id: string;
  email: string;
  name: string;
}

export function shopper(name = 'Sam Shopper'): Shopper {
  const id = randomUUID();
  return { id, email: `s-${id.slice(0, 8)}@example.com`, name };
}

/** An order.placed of two lines by `who`: 2 × 19.99 + 1 × 5.00 = 44.98, tax 2.25, shipping 4.99. */
export function orderPlaced(who: Shopper, orderId: string = randomUUID()): EventEnvelope {
  const payload: EventPayload<'order.placed'> = {
    order_id: orderId,
    user_id: who.id,
    customer_email: who.email,
    customer_name: who.name,
    items: [
      {
        product_id: randomUUID(),
        sku: 'KET-1',
        name: 'Copper Kettle',
        quantity: 2,
        unit_price: '19.99',
        line_total: '39.98',
        vendor_id: null,
        vendor_name: null,
      },
      {
        product_id: randomUUID(),
        sku: 'TEA-9',
        name: 'Green Tea & <Honey>',
        quantity: 1,
        unit_price: '5.00',
        line_total: '5.00',
        vendor_id: null,
        vendor_name: null,
      },
    ],
    subtotal: '44.98',
    tax: '2.25',
    shipping_cost: '4.99',
    total: '52.22',
    placed_at: new Date().toISOString(),
  };
  return newEvent('order-service', 'order.placed', payload);
}

const customerOf = (who: Shopper) => ({ user_id: who.id, customer_email: who.email, customer_name: who.name });

export function paymentFailed(who: Shopper, orderId: string): EventEnvelope {
  return newEvent('payment-service', 'payment.failed', {
    payment_id: randomUUID(),
    order_id: orderId,
    user_id: who.id,
    amount: '52.22',
    card_last4: '0002',
    reason: 'card declined',
  });
}

export function statusChanged(
  who: Shopper,
  orderId: string,
  to: EventPayload<'order.status_changed'>['to_status'],
  trackingNumbers: string[] = [],
): EventEnvelope {
  return newEvent('order-service', 'order.status_changed', {
    order_id: orderId,
    ...customerOf(who),
    from_status: 'processing',
    to_status: to,
    tracking_numbers: trackingNumbers,
    changed_at: new Date().toISOString(),
  });
}

export function orderCancelled(who: Shopper, orderId: string, refunded: boolean): EventEnvelope {
  return newEvent('order-service', 'order.cancelled', {
    order_id: orderId,
    ...customerOf(who),
    total: '52.22',
    refunded,
    reason: 'changed my mind',
    cancelled_at: new Date().toISOString(),
  });
}

export function paymentRefunded(who: Shopper, orderId: string, reason: string | null = null): EventEnvelope {
  return newEvent('payment-service', 'payment.refunded', {
    payment_id: randomUUID(),
    order_id: orderId,
    user_id: who.id,
    amount: '52.22',
    reason,
  });
}

/** The order an order event is about. */
export const orderIdOf = (event: EventEnvelope) => (event.payload as { order_id: string }).order_id;
