import { HttpError } from '@dm/common/errors';
import type { Page } from '@dm/common/pagination';
import { Router } from 'express';
import type { Clients } from '../../clients.js';
import { submit } from '../../forms.js';
import type { Order } from '../../order-types.js';
import { requireUserPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { ordersView, orderView } from '../../view-models/orders.js';
import { pageParam } from '../../view-models/pagination.js';

const PAGE_SIZE = 10;

export function orderPages({ order }: Clients): Router {
  const router = Router();

  router.get('/orders', requireUserPage, async (req, res) => {
    const page = pageParam.parse(req.query.page);
    const result = await order.call<Page<Order>>('GET', '/orders', { token: userToken(req), query: { page, page_size: PAGE_SIZE } });
    res.render('orders', ordersView(result));
  });

  router.get('/orders/:id', requireUserPage, async (req, res) => {
    const current = await order
      .call<Order>('GET', `/orders/${encodeURIComponent(String(req.params.id))}`, { token: userToken(req) })
      .catch((err: unknown) => {
        if (err instanceof HttpError && err.status === 404) throw new HttpError(404, 'We could not find that order.');
        throw err;
      });
    res.render('order', orderView(current));
  });

  router.post('/orders/:id/cancel', requireUserPage, async (req, res) => {
    const id = encodeURIComponent(String(req.params.id));
    const result = await submit<Order>(order, 'POST', `/orders/${id}/cancel`, {
      token: userToken(req),
      refusals: [409],
      failure: 'The order could not be cancelled.',
    });
    if (result.ok) {
      flash(
        req,
        'success',
        result.data.payment_id ? 'Your order is cancelled and your payment will be refunded.' : 'Your order is cancelled.',
      );
    } else {
      flash(req, 'danger', 'This order can no longer be cancelled.');
    }
    res.redirect(`/orders/${id}`);
  });

  return router;
}
