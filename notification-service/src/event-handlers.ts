// What each event the consumer `notification` listens to owes the shopper. A handler runs inside
// the inbox's transaction (common/src/event-inbox.ts) and only records the mail, so an event
// handled once records it once, however often it is delivered; the sender delivers it later.
//
// A refund is told once. A paid order's cancellation (order.cancelled, refunded: true) tells of
// its refund in the cancellation mail, and the payment.refunded that follows it sends nothing
// more; a refund no cancellation told of (a payment that landed on an order already cancelled or
// paid) gets a refund mail of its own. `told_refunds` keeps which orders' refunds were told.
import type { EventHandlers } from '@dm/common/event-inbox';
import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import { knownOrder, rememberOrder, tellRefundOnce } from './known-orders.js';
import { mailContent } from './mail-content.js';
import { recordNotification } from './notifications.js';

export function notificationHandlers(publicUrl: string): EventHandlers {
  return {
    'order.placed': async ({ id, payload: p }, trx: Transaction<Database>) => {
      await rememberOrder(trx, p);
      await recordNotification(trx, {
        eventId: id,
        kind: 'order_confirmation',
        orderId: p.order_id,
        userId: p.user_id,
        email: p.customer_email,
        content: mailContent({
          kind: 'order_confirmation',
          name: p.customer_name,
          orderId: p.order_id,
          publicUrl,
          items: p.items,
          subtotal: p.subtotal,
          tax: p.tax,
          shipping_cost: p.shipping_cost,
          total: p.total,
        }),
      });
    },

    'payment.failed': async ({ id, payload: p }, trx: Transaction<Database>) => {
      // The payment does not know the shopper's address: order.placed told it (or will: retried).
      const order = await knownOrder(trx, p.order_id);
      await recordNotification(trx, {
        eventId: id,
        kind: 'payment_failed',
        orderId: p.order_id,
        userId: order.user_id,
        email: order.email,
        content: mailContent({
          kind: 'payment_failed',
          name: order.name,
          orderId: p.order_id,
          publicUrl,
          amount: p.amount,
          cardLast4: p.card_last4,
          reason: p.reason,
        }),
      });
    },

    'order.status_changed': async ({ id, payload: p }, trx: Transaction<Database>) => {
      // Paid and cancelled have events (and mails) of their own; processing and delivered none.
      if (p.to_status !== 'shipped') return;
      await recordNotification(trx, {
        eventId: id,
        kind: 'order_shipped',
        orderId: p.order_id,
        userId: p.user_id,
        email: p.customer_email,
        content: mailContent({
          kind: 'order_shipped',
          name: p.customer_name,
          orderId: p.order_id,
          publicUrl,
          trackingNumbers: p.tracking_numbers,
        }),
      });
    },

    'order.cancelled': async ({ id, payload: p }, trx: Transaction<Database>) => {
      if (p.refunded) await tellRefundOnce(trx, p.order_id);
      await recordNotification(trx, {
        eventId: id,
        kind: 'order_cancelled',
        orderId: p.order_id,
        userId: p.user_id,
        email: p.customer_email,
        content: mailContent({
          kind: 'order_cancelled',
          name: p.customer_name,
          orderId: p.order_id,
          publicUrl,
          total: p.total,
          refunded: p.refunded,
          reason: p.reason,
        }),
      });
    },

    'payment.refunded': async ({ id, payload: p }, trx: Transaction<Database>) => {
      const order = await knownOrder(trx, p.order_id);
      if (!(await tellRefundOnce(trx, p.order_id))) return;
      await recordNotification(trx, {
        eventId: id,
        kind: 'payment_refunded',
        orderId: p.order_id,
        userId: order.user_id,
        email: order.email,
        content: mailContent({
          kind: 'payment_refunded',
          name: order.name,
          orderId: p.order_id,
          publicUrl,
          amount: p.amount,
          reason: p.reason,
        }),
      });
    },
  };
}
