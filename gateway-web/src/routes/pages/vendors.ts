import type { ProductPage, VendorShop } from '@dm/contracts/catalog';
import type { VendorAccount, VendorApplication } from '@dm/contracts/vendors';
import { Router } from 'express';
import { z } from 'zod';
import { formMessages, submit } from '../../forms.js';
import { pageUser, requireUserPage, requireVendorPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { lastPage, pageParam } from '../../view-models/pagination.js';
import { type EditorDeps, productEditorPages } from './product-editor.js';

const SHOP_PAGE_SIZE = 24;
const VENDOR_PAGE_SIZE = 25;
const applicationFields = ['shop_name', 'description', 'contact_email', 'payout_reference'] as const;
const emptyApplication = Object.fromEntries(applicationFields.map((f) => [f, ''])) as Record<(typeof applicationFields)[number], string>;
const shopQuery = z.object({ page: pageParam });

/**
 * The marketplace for sellers: applying at /sell, a shop's public page at /vendors/:slug, and the
 * vendor's own products under /vendor/products (the same editor as the admin's).
 */
export function vendorPages(deps: EditorDeps): Router {
  const { catalog } = deps.clients;
  const router = Router();

  router.use('/sell', requireUserPage);

  router.get('/sell', async (req, res) => {
    const { application } = await catalog.call<{ application: VendorApplication | null }>('GET', '/vendors/me/application', {
      token: userToken(req),
    });
    res.render('sell', { title: 'Sell on Digital Marketplace', application, form: emptyApplication, errors: {}, error: null });
  });

  router.post('/sell', async (req, res) => {
    const form = Object.fromEntries(applicationFields.map((f) => [f, String(req.body[f] ?? '')])) as typeof emptyApplication;
    const result = await submit<VendorApplication>(catalog, 'POST', '/vendors/apply', {
      token: userToken(req),
      body: form,
      failure: 'Your application could not be sent.',
    });
    if (!result.ok) {
      return res.status(result.status).render('sell', {
        title: 'Sell on Digital Marketplace',
        application: null,
        form,
        ...formMessages(result),
        error: formMessages(result).error ?? null,
      });
    }
    flash(req, 'success', 'Thank you: your application is with our team. We will let you know here.');
    res.redirect('/sell');
  });

  router.get('/vendors/:slug', async (req, res) => {
    const { page } = shopQuery.parse(req.query);
    const shop = await catalog.call<VendorShop>('GET', `/vendors/${encodeURIComponent(req.params.slug)}`, {
      token: req.principal?.token,
      query: { page, page_size: SHOP_PAGE_SIZE },
    });
    res.render('vendor-shop', { title: shop.vendor.name, shop, lastPage: lastPage(shop.products, SHOP_PAGE_SIZE) });
  });

  router.use('/vendor', requireVendorPage);

  router.get('/vendor/products', async (req, res) => {
    const { page } = shopQuery.parse(req.query);
    const token = userToken(req);
    const [shop, result] = await Promise.all([
      catalog.call<VendorAccount>('GET', '/vendors/me', { token }),
      catalog.call<ProductPage>('GET', '/products', {
        token,
        query: { vendor: pageUser(req).id, status: 'all', sort: 'newest', page, page_size: VENDOR_PAGE_SIZE },
      }),
    ]);
    res.render('vendor/products', { title: 'Your products', shop, result, lastPage: lastPage(result, VENDOR_PAGE_SIZE) });
  });

  router.use(productEditorPages(deps, '/vendor'));
  return router;
}
