import { type AuditActor, enqueueAudit } from '@dm/common/audit';
import { HttpError } from '@dm/common/errors';
import { enqueue, type Outbox, type OutboxMessage } from '@dm/common/outbox';
import type { RefundMessage, ReleaseStockMessage } from '@dm/contracts/messages';
import type { Kysely } from 'kysely';
import { orderAudit } from './audit-events.js';
import type { Database, OrderRow } from './db.js';
import { TOPICS } from './messages.js';
import { canTransition, type OrderStatus } from './order-rules.js';
import { orders } from './orders.js';

export interface Actor {
  /** who: a user id, "system" or a service name */
  id: string;
  reason: string;
  /** An admin's change: recorded in the audit log, with where it came from. */
  audit?: AuditActor;
}

/**
 * The one place an order changes state: the state machine is checked against the locked row, the
 * event is written, and what must follow (stock back, refund, an admin's audit event) goes into the
 * outbox in the same transaction, so it happens once the change is committed, and only then.
 */
export async function changeStatus(
  db: Kysely<Database>,
  outbox: Outbox,
  orderId: string,
  to: OrderStatus,
  actor: Actor,
  options: { paymentId?: string; ifStatus?: OrderStatus } = {},
): Promise<{ row: OrderRow; changed: boolean }> {
  const messages: OutboxMessage[] = [];
  const result = await db.transaction().execute(async (trx) => {
    const row = await orders.lockById(trx, orderId);
    if (!row || row.status === 'reserving') throw new HttpError(404, 'order not found');
    if (options.ifStatus && row.status !== options.ifStatus) return { row, changed: false };
    // Cancelling a cancelled order is asking for what is already so: not an error, and no second refund.
    if (row.status === to && to === 'cancelled') return { row, changed: false };
    if (!canTransition(row.status, to)) throw new HttpError(409, `a ${row.status} order cannot become ${to}`);
    const updated = await orders.setStatus(
      trx,
      row,
      to,
      { actor: actor.id, reason: actor.reason },
      options.paymentId ? { payment_id: options.paymentId } : {},
    );
    if (to === 'cancelled') {
      const release: ReleaseStockMessage = { order_id: row.id };
      messages.push(await enqueue(trx, TOPICS.releaseStock, release));
      if (row.status === 'paid') {
        const refund: RefundMessage = { order_id: row.id, reason: actor.reason };
        messages.push(await enqueue(trx, TOPICS.refund, refund));
      }
    }
    // Last, so it is sent after what the order's change needs done.
    if (actor.audit) messages.push(...(await enqueueAudit(trx, [orderAudit.statusChanged(actor.audit, row.id, row.status, to)])));
    return { row: updated, changed: true };
  });
  for (const message of messages) await outbox.send(message);
  return result;
}
