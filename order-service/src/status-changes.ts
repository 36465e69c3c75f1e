import { type AuditActor, enqueueAudit } from '@dm/common/audit';
import { HttpError } from '@dm/common/errors';
import { EVENT_TOPIC, enqueueEvent } from '@dm/common/events';
import { enqueue, type Outbox, type OutboxMessage } from '@dm/common/outbox';
import type { RefundMessage, ReleaseStockMessage } from '@dm/contracts/messages';
import { type Kysely, sql, type Transaction } from 'kysely';
import { orderAudit } from './audit-events.js';
import type { Database, OrderRow } from './db.js';
import { ledger } from './ledger.js';
import { TOPICS } from './messages.js';
import { statusEvents } from './order-events.js';
import { orderMetrics } from './order-metrics.js';
import { canTransition, type OrderStatus, shownStatus } from './order-rules.js';
import { orders } from './orders.js';

export interface Actor {
  /** who: a user id, "system" or a service name */
  id: string;
  reason: string;
  /** An admin's change: recorded in the audit log, with where it came from. */
  audit?: AuditActor;
}

export interface StatusOptions {
  paymentId?: string;
  ifStatus?: OrderStatus;
  /** The platform's commission on a vendor's sale, in parts per million: needed to make an order paid. */
  commissionRatePpm?: number;
}

/**
 * One step of the state machine on an order row locked by `trx`: checked against the table, the
 * event written, and what must follow queued in `messages` (stock back, refund, the sales ledger,
 * an admin's audit event), all in the caller's transaction. Every change of state goes through here.
 */
export async function moveLocked(
  trx: Transaction<Database>,
  row: OrderRow,
  to: OrderStatus,
  actor: Actor,
  options: Pick<StatusOptions, 'paymentId' | 'commissionRatePpm'>,
  messages: OutboxMessage[],
): Promise<OrderRow> {
  if (!canTransition(row.status, to)) throw new HttpError(409, `a ${row.status} order cannot become ${to}`);
  const updated = await orders.setStatus(
    trx,
    row,
    to,
    { actor: actor.id, reason: actor.reason },
    options.paymentId ? { payment_id: options.paymentId } : {},
  );
  if (to === 'paid') {
    if (options.commissionRatePpm === undefined) throw new Error('an order became paid without a commission rate');
    await ledger.recordSales(trx, row.id, options.commissionRatePpm, actor.id);
  }
  if (to === 'shipped') {
    // The house ships its own items (and an admin may ship a vendor's for them): whatever has not
    // left by now leaves with the order.
    await trx
      .updateTable('order_items')
      .set({ shipped_at: sql`now()` })
      .where('order_id', '=', row.id)
      .where('shipped_at', 'is', null)
      .execute();
  }
  if (to === 'cancelled') {
    const release: ReleaseStockMessage = { order_id: row.id };
    messages.push(await enqueue(trx, TOPICS.releaseStock, release));
    if (row.status === 'paid') {
      await ledger.reverseSales(trx, row.id, actor.id, actor.reason);
      const refund: RefundMessage = { order_id: row.id, reason: actor.reason };
      messages.push(await enqueue(trx, TOPICS.refund, refund));
    }
  }
  for (const event of await statusEvents(trx, row, updated, to, actor.reason)) messages.push(await enqueueEvent(trx, event));
  // Last, so it is sent after what the order's change needs done.
  if (actor.audit)
    messages.push(...(await enqueueAudit(trx, [orderAudit.statusChanged(actor.audit, row.id, shownStatus(row.status), to)])));
  return updated;
}

/**
 * Sends what a committed change queued (the outbox loop retries whatever fails now). Domain events
 * go without being waited for: whoever made the change does not wait for their listeners.
 */
export async function sendAll(outbox: Outbox, messages: readonly OutboxMessage[]): Promise<void> {
  for (const message of messages) {
    if (message.topic === EVENT_TOPIC) void outbox.send(message);
    else await outbox.send(message);
  }
}

/**
 * The one place an order changes state: the state machine is checked against the locked row, the
 * event is written, and what must follow (stock back, refund, the ledger, an admin's audit event)
 * is written in the same transaction, so it happens once the change is committed, and only then.
 */
export async function changeStatus(
  db: Kysely<Database>,
  outbox: Outbox,
  orderId: string,
  to: OrderStatus,
  actor: Actor,
  options: StatusOptions = {},
): Promise<{ row: OrderRow; changed: boolean }> {
  const messages: OutboxMessage[] = [];
  const result = await db.transaction().execute(async (trx) => {
    const row = await orders.lockById(trx, orderId);
    if (!row || row.status === 'reserving') throw new HttpError(404, 'order not found');
    if (options.ifStatus && row.status !== options.ifStatus) return { row, changed: false };
    // Cancelling a cancelled order is asking for what is already so: not an error, and no second refund.
    if (row.status === to && to === 'cancelled') return { row, changed: false };
    return { row: await moveLocked(trx, row, to, actor, options, messages), changed: true };
  });
  if (result.changed) orderMetrics.statusChanged(to);
  await sendAll(outbox, messages);
  return result;
}
