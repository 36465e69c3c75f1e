import { uuidInput } from '@dm/common/ids';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from './db.js';
import { payments } from './payments.js';

/**
 * What order-service sends (through its outbox) when a paid order is cancelled. The reason is
 * lenient on purpose: a refused message is given up by the sender, and the refund with it.
 */
export const refundInput = z.object({
  order_id: uuidInput,
  reason: z
    .string()
    .optional()
    .transform((v) => v?.trim().slice(0, 500) || 'refund requested'),
});

export type RefundResult =
  | { order_id: string; payment_id: string; status: 'refunded'; amount: string }
  | { order_id: string; status: 'none' };

/**
 * Refunds the order's payment, in full, once: asking again answers the same and changes nothing,
 * and an order with no payment has nothing to refund.
 */
export async function refundOrder(db: Kysely<Database>, orderId: string, reason: string): Promise<RefundResult> {
  return db.transaction().execute(async (trx) => {
    const payment = await payments.lockByOrder(trx, orderId);
    if (!payment) return { order_id: orderId, status: 'none' };
    if (payment.status !== 'refunded') {
      await payments.markRefunded(trx, payment.id);
      await trx
        .insertInto('refunds')
        .values({ payment_id: payment.id, amount: payment.amount, reason })
        .onConflict((oc) => oc.column('payment_id').doNothing())
        .execute();
    }
    return { order_id: orderId, payment_id: payment.id, status: 'refunded', amount: payment.amount };
  });
}
