import type { CatalogStats } from '@dm/contracts/catalog-admin';
import { VENDOR_ORDER_STATUSES, type VendorDashboard, type VendorOrder, type VendorOrderPage } from '@dm/contracts/vendor-orders';
import { Router } from 'express';
import { z } from 'zod';
import type { Clients } from '../../clients.js';
import { submit, text } from '../../forms.js';
import { requireVendorPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { pageParam } from '../../view-models/pagination.js';
import { VENDOR_ORDERS_PAGE_SIZE, vendorDashboardView, vendorOrdersView } from '../../view-models/vendor.js';

const ordersQuery = z.object({ status: z.enum(VENDOR_ORDER_STATUSES).optional().catch(undefined), page: pageParam });

/** Where the ship form returns to: the orders page it was sent from. */
const backTo = (value: unknown) => (typeof value === 'string' && /^\/vendor\/orders(\?[\w=&-]*)?$/.test(value) ? value : '/vendor/orders');

/** The "Sell" area of a vendor: their dashboard and their orders, with a ship form for each. */
export function vendorSalesPages({ order, catalog }: Clients): Router {
  const router = Router();

  router.get('/vendor', requireVendorPage, async (req, res) => {
    const token = userToken(req);
    const [dashboard, lowStock] = await Promise.all([
      order.call<VendorDashboard>('GET', '/vendor/dashboard', { token }),
      // The figures are order-service's; the stock is the catalog's, and its absence loses one section only.
      catalog
        .call<{ items: CatalogStats['low_stock_products'] }>('GET', '/vendors/me/low-stock', { token })
        .then((r) => r.items)
        .catch(() => null),
    ]);
    res.render('vendor/dashboard', vendorDashboardView(dashboard, lowStock));
  });

  router.get('/vendor/orders', requireVendorPage, async (req, res) => {
    const { status, page } = ordersQuery.parse(req.query);
    const result = await order.call<VendorOrderPage>('GET', '/vendor/orders', {
      token: userToken(req),
      query: { ...(status ? { status } : {}), page, page_size: VENDOR_ORDERS_PAGE_SIZE },
    });
    res.render('vendor/orders', vendorOrdersView(status, result));
  });

  router.post('/vendor/orders/:id/ship', requireVendorPage, async (req, res) => {
    const id = encodeURIComponent(String(req.params.id));
    const tracking = text(req.body.tracking_number);
    const result = await submit<VendorOrder>(order, 'POST', `/vendor/orders/${id}/ship`, {
      token: userToken(req),
      body: { tracking_number: tracking },
      failure: 'Your items could not be marked shipped.',
    });
    if (result.ok) {
      const now = result.data.status === 'shipped' ? ' The whole order is on its way.' : '';
      flash(req, 'success', `Order ${id.slice(0, 8).toUpperCase()}: your items are shipped with tracking number ${tracking}.${now}`);
    } else {
      flash(req, 'danger', result.errors.tracking_number ? `The tracking number ${result.errors.tracking_number}.` : result.detail);
    }
    res.redirect(backTo(req.body.back));
  });

  return router;
}
