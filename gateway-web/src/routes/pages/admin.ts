import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { CatalogReader } from '../../catalog-reader.js';
import type { CatalogStats, ProductDetail, ProductPage } from '../../catalog-types.js';
import type { Clients } from '../../clients.js';
import { list, submit } from '../../forms.js';
import { adminBack, requireAdminPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { CHART_JS_VERSION } from '../../static-assets.js';
import { chartData, dashboardCharts, scriptJson } from '../../view-models/admin-dashboard.js';
import {
  ADMIN_PAGE_SIZE,
  ADMIN_SORTS,
  type AdminListFilters,
  type AdminSort,
  adminProductsView,
} from '../../view-models/admin-products.js';
import { pageParam } from '../../view-models/pagination.js';
import { adminAnalyticsCsv, readDashboard } from './admin-analytics.js';
import { adminCategoryPages } from './admin-categories.js';
import { adminCsvPages } from './admin-csv.js';
import { categoryList, productEditorPages } from './product-editor.js';

export interface AdminDeps {
  clients: Clients;
  catalog: CatalogReader;
  /** The gateway's service token, for analytics-service's dashboard figures. */
  serviceToken: () => string;
}

const adminListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(['all', 'active', 'inactive']).catch('all').default('all'),
  category: z.string().trim().max(100).optional().catch(undefined),
  stock: z.enum(['any', 'in', 'out']).catch('any').default('any'),
  sort: z
    .enum(ADMIN_SORTS.map((s) => s.value) as [AdminSort, ...AdminSort[]])
    .optional()
    .catch(undefined),
  page: pageParam,
});

const BULK_DONE: Record<string, (n: number) => string> = {
  activate: (n) => `${n} ${n === 1 ? 'product is' : 'products are'} on sale again.`,
  deactivate: (n) => `${n} ${n === 1 ? 'product is' : 'products are'} hidden from the shop.`,
  set_category: (n) => `${n} ${n === 1 ? 'product was' : 'products were'} moved to the category.`,
};

export function adminPages({ clients, catalog: reader, serviceToken }: AdminDeps): Router {
  const { catalog } = clients;
  const router = Router();
  router.use('/admin', requireAdminPage);

  router.use(adminCategoryPages({ clients, catalog: reader, serviceToken }));
  router.use(adminCsvPages({ clients, catalog: reader, serviceToken }));

  router.get('/admin', async (req, res) => {
    const [stats, analytics] = await Promise.all([
      catalog.call<CatalogStats>('GET', '/stats', { token: userToken(req) }),
      readDashboard(clients.analytics, serviceToken),
    ]);
    const charts = analytics ? dashboardCharts(analytics) : null;
    res.render('admin/dashboard', {
      title: 'Admin',
      stats,
      analytics,
      charts,
      chartJson: charts ? scriptJson(chartData(charts)) : null,
      chartJsVersion: CHART_JS_VERSION,
    });
  });

  router.use(adminAnalyticsCsv(clients.analytics, serviceToken));

  router.get('/admin/products', async (req, res) => {
    const filters: AdminListFilters = adminListQuery.parse(req.query);
    const sort = filters.sort === 'relevance' && !filters.q ? 'newest' : (filters.sort ?? (filters.q ? 'relevance' : 'newest'));
    const [result, categories] = await Promise.all([
      catalog.call<ProductPage>('GET', '/products', {
        token: userToken(req),
        query: {
          q: filters.q,
          status: filters.status,
          category: filters.category,
          in_stock: filters.stock === 'in' ? 'true' : filters.stock === 'out' ? 'false' : undefined,
          sort,
          page: filters.page,
          page_size: ADMIN_PAGE_SIZE,
        },
      }),
      categoryList(reader),
    ]);
    res.render('admin/products', adminProductsView(filters, sort, result, categories));
  });

  /** One action on the products ticked in the list. */
  router.post('/admin/products/bulk', async (req, res) => {
    const back = adminBack(req.body.back, '/admin/products');
    const ids = list(req.body.ids);
    const action = String(req.body.action ?? '');
    const done = Object.hasOwn(BULK_DONE, action) ? BULK_DONE[action] : undefined;
    if (ids.length === 0) {
      flash(req, 'warning', 'Tick at least one product first.');
      return res.redirect(back);
    }
    if (!done) {
      flash(req, 'warning', 'Choose what to do with the ticked products.');
      return res.redirect(back);
    }
    if (action === 'set_category' && !req.body.category_id) {
      flash(req, 'warning', 'Choose the category to move the ticked products to.');
      return res.redirect(back);
    }
    const result = await submit<{ updated: number }>(catalog, 'POST', '/products/bulk', {
      token: userToken(req),
      body: { ids, action, ...(action === 'set_category' ? { category_id: String(req.body.category_id) } : {}) },
      refusals: [422],
      failure: 'The products could not be changed.',
    });
    if (!result.ok) {
      flash(req, 'danger', `Nothing was changed: ${result.detail}`);
      return res.redirect(back);
    }
    await reader.invalidate();
    const n = result.data.updated;
    const unchanged = ids.length - n;
    flash(req, 'success', `${done(n)}${unchanged > 0 ? ` ${unchanged} already ${unchanged === 1 ? 'was' : 'were'} as asked.` : ''}`);
    res.redirect(back);
  });

  /** Quick actions from the list: set stock, activate, deactivate. */
  async function quickPatch(req: Request, res: Response, body: Record<string, unknown>, done: (p: ProductDetail) => string) {
    const result = await submit<ProductDetail>(catalog, 'PATCH', `/products/${encodeURIComponent(String(req.params.id))}`, {
      token: userToken(req),
      body,
      refusals: [422],
      failure: 'The product could not be saved.',
    });
    if (result.ok) {
      await reader.invalidate();
      flash(req, 'success', done(result.data));
    } else {
      flash(req, 'danger', `Not saved: ${result.detail}`);
    }
    res.redirect(adminBack(req.body.back, '/admin/products'));
  }

  router.post('/admin/products/:id/stock', async (req, res) => {
    const stock = String(req.body.stock ?? '').trim();
    await quickPatch(req, res, { stock: /^\d+$/.test(stock) ? Number(stock) : stock }, (p) => `Stock of “${p.name}” is now ${p.stock}.`);
  });

  router.post('/admin/products/:id/activate', async (req, res) => {
    await quickPatch(req, res, { is_active: true }, (p) => `“${p.name}” is on sale again.`);
  });

  router.post('/admin/products/:id/deactivate', async (req, res) => {
    await quickPatch(req, res, { is_active: false }, (p) => `“${p.name}” is hidden from the shop.`);
  });

  // Last: its POST /admin/products/:id would take /admin/products/bulk.
  router.use(productEditorPages({ clients, catalog: reader }, '/admin'));
  return router;
}
