// What payment-service tells order-service, through its outbox (at least once; order-service's
// "paid" is idempotent for the same payment).

import type { ServiceClient } from '@dm/common/http-client';
import type { Logger } from '@dm/common/logger';
import { OutboxDiscard, type OutboxHandler, readPayload } from '@dm/common/outbox';
import { OrderPaidMessage, type Topic } from '@dm/contracts/messages';
import type { Kysely } from 'kysely';
import type { Database } from './db.js';
import { refundOrder } from './refunds.js';

export const TOPICS = {
  /** A charge succeeded: mark the order paid. */
  orderPaid: 'order-paid',
} as const satisfies Record<string, Topic>;

export const NO_LONGER_PAYABLE = 'order was no longer payable';

export interface MessageDeps {
  db: Kysely<Database>;
  orders: ServiceClient;
  serviceToken: () => string;
  logger: Logger;
}

export function messageHandlers({ db, orders, serviceToken, logger }: MessageDeps): Record<string, OutboxHandler> {
  return {
    [TOPICS.orderPaid]: async (payload) => {
      const { order_id, payment_id, amount } = readPayload(OrderPaidMessage, payload);
      // A 5xx or no answer at all throws (a 503) and the outbox tries again later.
      const res = await orders.request<{ detail?: string }>('POST', `/internal/orders/${order_id}/paid`, {
        body: { payment_id, amount },
        token: serviceToken(),
      });
      if (res.status < 300) return;
      if (res.status === 409 || res.status === 404) {
        // Cancelled, paid some other way, or gone while this payment was on its way: give the money back.
        await refundOrder(db, order_id, NO_LONGER_PAYABLE);
        logger.info({ order_id, payment_id, detail: res.data?.detail }, 'order could not be paid any more: payment refunded');
        return;
      }
      throw new OutboxDiscard(`order-service answered ${res.status}: ${res.data?.detail ?? 'no detail'}`);
    },
  };
}
