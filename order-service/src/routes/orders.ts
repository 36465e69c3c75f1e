import { auditActorOf } from '@dm/common/audit';
import { type Principal, userOf } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import { parse } from '@dm/common/validation';
import { IdempotencyKey } from '@dm/contracts/common';
import { OrderListQuery, type OrderPage, OrderStatusInput, PlaceOrderInput } from '@dm/contracts/orders';
import { type Request, Router } from 'express';
import { type CheckoutDeps, placeOrder, previewOrder } from '../checkout.js';
import type { OrderRow } from '../db.js';
import { orderDetail, orders, withItems } from '../orders.js';
import { changeStatus } from '../status-changes.js';

const notFound = () => new HttpError(404, 'order not found');

export function orderRoutes(deps: CheckoutDeps): Router {
  const router = Router();
  const { db, outbox } = deps;

  /** The order, if the caller may see it: its owner or an admin. Anyone else learns nothing. */
  async function visibleOrder(req: Request, user: Principal): Promise<OrderRow> {
    const id = String(req.params.id);
    if (!isUuid(id)) throw notFound();
    const row = await orders.findById(db, id);
    if (!row || row.status === 'reserving') throw notFound();
    if (row.user_id !== user.id && user.role !== 'admin') throw notFound();
    return row;
  }

  router.post('/orders', async (req, res) => {
    const user = userOf(req);
    const key = parse(IdempotencyKey, req.get('idempotency-key'));
    const { shipping_address } = parse(PlaceOrderInput, req.body ?? {});
    const { order } = await placeOrder(deps, user, key, shipping_address);
    // A replay answers what the first request answered.
    res.status(201).json(order);
  });

  router.get('/orders', async (req, res) => {
    const user = userOf(req);
    const q = parse(OrderListQuery, req.query);
    if (q.scope === 'all' && user.role !== 'admin') throw new HttpError(403, 'admin role required');
    const page = await orders.list(db, {
      userId: q.scope === 'all' ? q.user_id : user.id,
      status: q.status,
      from: q.from,
      to: q.to ? new Date(q.to.getTime() + 24 * 3600 * 1000) : undefined,
      page: q.page,
      pageSize: q.page_size,
    });
    res.json({ ...page, items: await withItems(db, page.items) } satisfies OrderPage);
  });

  // The checkout page's summary: the cart priced as an order would be, with tax and shipping.
  router.get('/orders/preview', async (req, res) => {
    res.json(await previewOrder(deps, userOf(req).id));
  });

  router.get('/orders/:id', async (req, res) => {
    res.json(await orderDetail(db, await visibleOrder(req, userOf(req))));
  });

  router.post('/orders/:id/cancel', async (req, res) => {
    const user = userOf(req);
    const row = await visibleOrder(req, user);
    const reason = user.role === 'admin' && row.user_id !== user.id ? 'cancelled by the shop' : 'cancelled by the customer';
    // An admin's cancel is recorded in the audit log, as any change an admin makes to an order.
    const audit = user.role === 'admin' ? { audit: auditActorOf(user) } : {};
    const { row: updated } = await changeStatus(db, outbox, row.id, 'cancelled', { id: user.id, reason, ...audit });
    res.json(await orderDetail(db, updated));
  });

  router.patch('/orders/:id/status', async (req, res) => {
    const user = userOf(req);
    if (user.role !== 'admin') throw new HttpError(403, 'admin role required');
    const row = await visibleOrder(req, user);
    const { status } = parse(OrderStatusInput, req.body ?? {});
    if (status === 'paid') throw new HttpError(409, 'an order becomes paid through its payment, not by hand');
    const { row: updated } = await changeStatus(db, outbox, row.id, status, {
      id: user.id,
      reason: `set to ${status} by ${user.email ?? 'an admin'}`,
      audit: auditActorOf(user),
    });
    res.json(await orderDetail(db, updated));
  });

  return router;
}
