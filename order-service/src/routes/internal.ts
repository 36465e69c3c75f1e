import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import { formatMoney, parseMoney } from '@dm/common/money';
import { parse } from '@dm/common/validation';
import { OrderPaidInput, type OrderSummary } from '@dm/contracts/internal';
import { Router } from 'express';
import type { CheckoutDeps } from '../checkout.js';
import type { OrderRow } from '../db.js';
import { shownStatus } from '../order-rules.js';
import { orders } from '../orders.js';
import { changeStatus } from '../status-changes.js';

/** For other services (payment-service); never proxied by the gateway. */
export function internalRoutes({ db, outbox, pricing }: CheckoutDeps): Router {
  const router = Router();

  async function load(id: string) {
    const row = isUuid(id) ? await orders.findById(db, id) : undefined;
    if (!row || row.status === 'reserving') throw new HttpError(404, 'order not found');
    return row;
  }

  /** What a payment needs to know of an order, in one query: whose it is, its state and its total. */
  const summary = (row: OrderRow): OrderSummary => ({
    id: row.id,
    user_id: row.user_id,
    status: shownStatus(row.status),
    total: row.total,
    payment_id: row.payment_id,
  });

  router.get('/internal/orders/:id', async (req, res) => {
    res.json(summary(await load(String(req.params.id))));
  });

  /**
   * A payment succeeded. Idempotent: the same payment again is a 200. A 409 (cancelled meanwhile,
   * paid by another payment, wrong amount) tells payment-service to refund.
   */
  router.post('/internal/orders/:id/paid', async (req, res) => {
    const row = await load(String(req.params.id));
    const { payment_id, amount } = parse(OrderPaidInput, req.body ?? {});
    if (row.status !== 'pending') {
      if (row.payment_id === payment_id) return res.json(summary(row));
      throw new HttpError(409, `this order is ${row.status} and cannot be paid`, undefined, { status: row.status });
    }
    if (amount !== parseMoney(row.total)) {
      throw new HttpError(409, `the payment of ${formatMoney(amount)} does not match the order total of ${row.total}`);
    }
    const service = req.principal!.id;
    const { row: updated, changed } = await changeStatus(
      db,
      outbox,
      row.id,
      'paid',
      { id: service, reason: `payment ${payment_id}` },
      { paymentId: payment_id, ifStatus: 'pending', commissionRatePpm: pricing.commissionRatePpm },
    );
    if (!changed && updated.payment_id !== payment_id) {
      throw new HttpError(409, `this order is ${updated.status} and cannot be paid`, undefined, { status: updated.status });
    }
    res.json(summary(updated));
  });

  return router;
}
