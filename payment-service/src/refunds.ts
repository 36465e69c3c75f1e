import { enqueueEvent, newEvent } from '@dm/common/events';
import type { OutboxMessage } from '@dm/common/outbox';
import type { RefundResult } from '@dm/contracts/internal';
import type { Kysely } from 'kysely';
import type { Database } from './db.js';
import { countPayment } from './payment-metrics.js';
import { payments } from './payments.js';

/**
 * Refunds the order's payment, in full, once: asking again answers the same and changes nothing,
 * and an order with no payment has nothing to refund. A refund writes its `payment.refunded` event;
 * the caller sends it (`event`), or the outbox loop does.
 */
export async function refundOrder(
  db: Kysely<Database>,
  orderId: string,
  reason: string,
): Promise<RefundResult & { event?: OutboxMessage }> {
  let refunded = false;
  let event: OutboxMessage | undefined;
  const result = await db.transaction().execute(async (trx): Promise<RefundResult> => {
    const payment = await payments.lockByOrder(trx, orderId);
    if (!payment) return { order_id: orderId, status: 'none' };
    if (payment.status !== 'refunded') {
      refunded = true;
      await payments.markRefunded(trx, payment.id);
      await trx
        .insertInto('refunds')
        .values({ payment_id: payment.id, amount: payment.amount, reason })
        .onConflict((oc) => oc.column('payment_id').doNothing())
        .execute();
      event = await enqueueEvent(
        trx,
        newEvent('payment-service', 'payment.refunded', {
          payment_id: payment.id,
          order_id: orderId,
          user_id: payment.user_id,
          amount: payment.amount,
          reason,
        }),
      );
    }
    return { order_id: orderId, payment_id: payment.id, status: 'refunded', amount: payment.amount };
  });
  if (refunded) countPayment('refunded');
  return { ...result, ...(event && { event }) };
}
