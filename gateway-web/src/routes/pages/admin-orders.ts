import { HttpError } from '@dm/common/errors';
import type { Page } from '@dm/common/pagination';
import { Router } from 'express';
import { z } from 'zod';
import type { Clients } from '../../clients.js';
import type { Order } from '../../order-types.js';
import { pageUser, requireAdminPage } from '../../page-guards.js';
import { flash } from '../../session.js';

const PAGE_SIZE = 20;
const STATUSES = ['pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled'] as const;
const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

const filtersQuery = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  from: dateText,
  to: dateText,
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export function adminOrderPages({ order }: Clients): Router {
  const router = Router();
  router.use('/admin/orders', requireAdminPage);

  router.get('/admin/orders', async (req, res) => {
    const filters = filtersQuery.parse(req.query);
    const result = await order.call<Page<Order>>('GET', '/orders', {
      token: pageUser(req).token,
      query: { scope: 'all', ...filters, page_size: PAGE_SIZE },
    });
    res.render('admin/orders', {
      title: 'Orders',
      filters,
      statuses: STATUSES,
      result,
      lastPage: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    });
  });

  router.get('/admin/orders/:id', async (req, res) => {
    const current = await order.call<Order>('GET', `/orders/${encodeURIComponent(String(req.params.id))}`, { token: pageUser(req).token });
    res.render('admin/order', { title: `Order ${current.id.slice(0, 8).toUpperCase()}`, order: current });
  });

  router.post('/admin/orders/:id/status', async (req, res) => {
    const id = encodeURIComponent(String(req.params.id));
    const status = String(req.body.status ?? '');
    const token = pageUser(req).token;
    const result =
      status === 'cancelled'
        ? await order.request<Order & { detail?: string }>('POST', `/orders/${id}/cancel`, { token })
        : await order.request<Order & { detail?: string }>('PATCH', `/orders/${id}/status`, { token, body: { status } });
    if (result.status === 200) flash(req, 'success', `The order is now ${result.data.status}.`);
    else if (result.status === 409 || result.status === 422) flash(req, 'danger', result.data.detail ?? 'That change is not allowed.');
    else throw new HttpError(result.status, result.data.detail ?? 'The order could not be changed.');
    res.redirect(`/admin/orders/${id}`);
  });

  return router;
}
