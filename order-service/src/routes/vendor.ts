import type { Principal } from '@dm/common/auth';
import { userOf } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import { parse } from '@dm/common/validation';
import { type LedgerPage, LedgerQuery, ShipInput, VendorOrderListQuery } from '@dm/contracts/vendor-orders';
import { type Request, Router } from 'express';
import type { CheckoutDeps } from '../checkout.js';
import { ledger } from '../ledger.js';
import { vendorDashboard } from '../vendor-dashboard.js';
import { shipVendorItems, vendorOrders } from '../vendor-orders.js';

/** The signed-in vendor: a vendor sells as their own user id. Anyone else is refused. */
function vendorOf(req: Request): Principal {
  const user = userOf(req);
  if (user.role !== 'vendor') throw new HttpError(403, 'vendor role required');
  return user;
}

/** A vendor's side of the shop: their orders, their shipments and their money. */
export function vendorRoutes(deps: CheckoutDeps): Router {
  const router = Router();
  const { db } = deps;

  router.get('/vendor/orders', async (req, res) => {
    const vendor = vendorOf(req);
    const q = parse(VendorOrderListQuery, req.query);
    res.json(await vendorOrders.list(db, vendor.id, { status: q.status, page: q.page, pageSize: q.page_size }));
  });

  router.get('/vendor/orders/:id', async (req, res) => {
    res.json(await vendorOrders.find(db, vendorOf(req).id, String(req.params.id)));
  });

  router.post('/vendor/orders/:id/ship', async (req, res) => {
    const vendor = vendorOf(req);
    const { tracking_number } = parse(ShipInput, req.body ?? {});
    const label = vendor.name || vendor.email || 'the vendor';
    res.json(await shipVendorItems(deps, { id: vendor.id, label }, String(req.params.id), tracking_number));
  });

  router.get('/vendor/ledger', async (req, res) => {
    const vendor = vendorOf(req);
    const q = parse(LedgerQuery, req.query);
    const [page, balance] = await Promise.all([ledger.entriesOf(db, vendor.id, q.page, q.page_size), ledger.balanceOf(db, vendor.id)]);
    res.json({ ...page, ...balance } satisfies LedgerPage);
  });

  router.get('/vendor/dashboard', async (req, res) => {
    res.json(await vendorDashboard(db, vendorOf(req).id));
  });

  return router;
}
