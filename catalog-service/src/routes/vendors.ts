import { requireAdmin, requireUser, userOf } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import type { Outbox } from '@dm/common/outbox';
import { parse } from '@dm/common/validation';
import { ProductListParams } from '@dm/contracts/catalog';
import { RejectionInput, VendorApplicationInput, VendorApplicationQuery, VendorListQuery, VendorUpdate } from '@dm/contracts/vendors';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { editorOf } from '../products/audit-events.js';
import { productListQuery } from '../products/product-input.js';
import { lowStockProducts } from '../products/stats.js';
import { searchProducts } from '../search/product-search.js';
import { apply, decide, latestApplication, listApplications } from '../vendors/applications.js';
import { updateVendor, vendorNotFound, vendors, vendorToAccount, vendorToPublic } from '../vendors/vendors.js';

// What a shop's public page takes of the listing's parameters: its own products, paged and sorted.
const ShopPageQuery = ProductListParams.pick({ sort: true, page: true, page_size: true });

/** Shops: applying, the admin's decisions, the public shop page, and a vendor's own profile. */
export function vendorRoutes({ db, outbox }: { db: Kysely<Database>; outbox: Outbox }): Router {
  const router = Router();

  router.post('/vendors/apply', requireUser, async (req, res) => {
    res.status(201).json(await apply(db, userOf(req).id, parse(VendorApplicationInput, req.body ?? {})));
  });

  router.get('/vendors/me/application', requireUser, async (req, res) => {
    res.json({ application: await latestApplication(db, userOf(req).id) });
  });

  router.get('/vendors/me', requireUser, async (req, res) => {
    const shop = await vendors.findById(db, userOf(req).id);
    if (!shop) throw new HttpError(404, 'you have no shop yet: apply to sell first');
    res.json(vendorToAccount(shop));
  });

  router.patch('/vendors/me', requireUser, async (req, res) => {
    const patch = parse(VendorUpdate, req.body ?? {});
    if (patch.status !== undefined) throw new HttpError(403, 'only the marketplace suspends or reopens a shop');
    const shop = await vendors.findById(db, userOf(req).id);
    if (!shop) throw new HttpError(404, 'you have no shop yet: apply to sell first');
    res.json(vendorToAccount(await updateVendor(db, shop.id, patch)));
  });

  router.get('/vendors/me/low-stock', requireUser, async (req, res) => {
    res.json({ items: await lowStockProducts(db, userOf(req).id) });
  });

  // A suspended shop's page is gone for shoppers, as its products are; its vendor and admins see it.
  router.get('/vendors/:slug', async (req: Request<{ slug: string }>, res) => {
    const shop = await vendors.findBySlug(db, req.params.slug);
    const p = req.principal;
    const insider = p?.role === 'admin' || (shop !== undefined && p?.id === shop.id);
    if (!shop || (shop.status !== 'active' && !insider)) throw vendorNotFound();
    const query = parse(ShopPageQuery, req.query);
    const products = await searchProducts(db, productListQuery.parse({ ...query, vendor: shop.id }));
    res.json({ vendor: vendorToPublic(shop), products });
  });

  router.get('/admin/vendor-applications', requireAdmin, async (req, res) => {
    const { status, page, page_size } = parse(VendorApplicationQuery, req.query);
    res.json(await listApplications(db, status, page, page_size));
  });

  router.post('/admin/vendor-applications/:id/approve', requireAdmin, async (req: Request<{ id: string }>, res) => {
    if (!isUuid(req.params.id)) throw new HttpError(404, 'application not found');
    res.json(await decide(db, outbox, req.params.id, { approve: true }, editorOf(req.principal)));
  });

  router.post('/admin/vendor-applications/:id/reject', requireAdmin, async (req: Request<{ id: string }>, res) => {
    if (!isUuid(req.params.id)) throw new HttpError(404, 'application not found');
    const { reason } = parse(RejectionInput, req.body ?? {});
    res.json(await decide(db, outbox, req.params.id, { approve: false, reason }, editorOf(req.principal)));
  });

  router.get('/admin/vendors', requireAdmin, async (req, res) => {
    const { page, page_size } = parse(VendorListQuery, req.query);
    res.json(await vendors.list(db, page, page_size));
  });

  router.patch('/admin/vendors/:id', requireAdmin, async (req: Request<{ id: string }>, res) => {
    if (!isUuid(req.params.id)) throw vendorNotFound();
    const patch = parse(VendorUpdate, req.body ?? {});
    res.json(vendorToAccount(await updateVendor(db, req.params.id, patch, { outbox, admin: editorOf(req.principal) })));
  });

  return router;
}
