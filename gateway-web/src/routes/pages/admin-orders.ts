import type { Page } from '@dm/common/pagination';
import { ORDER_STATUSES } from '@dm/contracts/limits';
import { Router } from 'express';
import { z } from 'zod';
import type { Clients } from '../../clients.js';
import { submit } from '../../forms.js';
import type { Order } from '../../order-types.js';
import { requireAdminPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { adminOrdersView, type OrderFilters } from '../../view-models/admin-orders.js';
import { orderView } from '../../view-models/orders.js';
import { pageParam } from '../../view-models/pagination.js';

const PAGE_SIZE = 20;
const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

const filtersQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  from: dateText,
  to: dateText,
  page: pageParam,
});

export function adminOrderPages({ order }: Clients): Router {
  const router = Router();
  router.use('/admin/orders', requireAdminPage);

  router.get('/admin/orders', async (req, res) => {
    const filters: OrderFilters = filtersQuery.parse(req.query);
    const result = await order.call<Page<Order>>('GET', '/orders', {
      token: userToken(req),
      query: { scope: 'all', ...filters, page_size: PAGE_SIZE },
    });
    res.render('admin/orders', adminOrdersView(filters, result));
  });

  router.get('/admin/orders/:id', async (req, res) => {
    const current = await order.call<Order>('GET', `/orders/${encodeURIComponent(String(req.params.id))}`, { token: userToken(req) });
    res.render('admin/order', orderView(current));
  });

  router.post('/admin/orders/:id/status', async (req, res) => {
    const id = encodeURIComponent(String(req.params.id));
    const status = String(req.body.status ?? '');
    // Cancelling has its own route: it also releases the stock and refunds a payment.
    const cancel = status === 'cancelled';
    const result = await submit<Order>(order, cancel ? 'POST' : 'PATCH', `/orders/${id}/${cancel ? 'cancel' : 'status'}`, {
      token: userToken(req),
      body: cancel ? undefined : { status },
      failure: 'The order could not be changed.',
    });
    if (result.ok) flash(req, 'success', `The order is now ${result.data.status}.`);
    else flash(req, 'danger', result.detail);
    res.redirect(`/admin/orders/${id}`);
  });

  return router;
}
