import { HttpError } from '@dm/common/errors';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { CatalogReader } from '../../catalog-reader.js';
import type { CatalogStats, Category, ManagedImage, MovementPage, ProductDetail, ProductPage } from '../../catalog-types.js';
import { flattenTree } from '../../category-tree.js';
import type { Clients } from '../../clients.js';
import { adminBack, pageUser, requireAdminPage } from '../../page-guards.js';
import { emptyForm, errorsByField, formFromBody, formFromProduct, formToPayload, type ProductFormValues } from '../../product-form.js';
import { flash } from '../../session.js';
import { MAX_IMAGES_PER_UPLOAD } from '../../uploads.js';
import { adminCategoryPages } from './admin-categories.js';
import { adminCsvPages } from './admin-csv.js';
import { adminImagePages } from './admin-images.js';
import { adminStockPages } from './admin-stock.js';

export interface AdminDeps {
  clients: Clients;
  catalog: CatalogReader;
}

const ADMIN_PAGE_SIZE = 20;
const MOVEMENTS_PAGE_SIZE = 10;

export const ADMIN_SORTS = [
  { value: 'relevance', label: 'Best match' },
  { value: 'newest', label: 'Newest' },
  { value: 'name', label: 'Name' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
] as const;
type AdminSort = (typeof ADMIN_SORTS)[number]['value'];

const adminListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(['all', 'active', 'inactive']).catch('all').default('all'),
  category: z.string().trim().max(100).optional().catch(undefined),
  stock: z.enum(['any', 'in', 'out']).catch('any').default('any'),
  sort: z
    .enum(ADMIN_SORTS.map((s) => s.value) as [AdminSort, ...AdminSort[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
type AdminListFilters = z.infer<typeof adminListQuery>;

/** A body field that may come once or many times (checkboxes). */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value ? [value] : [];
}

const BULK_DONE: Record<string, (n: number) => string> = {
  activate: (n) => `${n} ${n === 1 ? 'product is' : 'products are'} on sale again.`,
  deactivate: (n) => `${n} ${n === 1 ? 'product is' : 'products are'} hidden from the shop.`,
  set_category: (n) => `${n} ${n === 1 ? 'product was' : 'products were'} moved to the category.`,
};

export function adminPages({ clients, catalog: reader }: AdminDeps): Router {
  const { catalog } = clients;
  const router = Router();
  router.use('/admin', requireAdminPage);

  const token = (req: Request) => pageUser(req).token;

  // Fixed paths first: POST /admin/products/:id below would take /admin/products/bulk.
  router.use(adminCategoryPages({ clients, catalog: reader }));
  router.use(adminCsvPages({ clients, catalog: reader }));
  router.use(adminImagePages({ clients, catalog: reader }));
  router.use(adminStockPages({ clients, catalog: reader }));

  async function categoryList(): Promise<Category[]> {
    const all = await reader.categories();
    if (!all) throw new HttpError(503, 'catalog unavailable');
    return all;
  }

  async function renderForm(
    req: Request,
    res: Response,
    status: number,
    view: { product?: ProductDetail; form: ProductFormValues; errors?: Record<string, string>; error?: string },
  ) {
    const { product } = view;
    const movementsPage = z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000)
      .catch(1)
      .parse(req.query.movements ?? 1);
    // The edit page also shows the product's images and its stock history.
    const [categories, images, movements] = await Promise.all([
      categoryList(),
      product
        ? catalog.call<{ items: ManagedImage[] }>('GET', `/products/${product.id}/images`, { token: token(req) }).then((r) => r.items)
        : Promise.resolve([]),
      product
        ? catalog.call<MovementPage>('GET', `/products/${product.id}/stock-movements`, {
            token: token(req),
            query: { page: movementsPage, page_size: MOVEMENTS_PAGE_SIZE },
          })
        : Promise.resolve(null),
    ]);
    res.status(status).render('admin/product-form', {
      title: product ? `Edit ${product.name}` : 'New product',
      categories: flattenTree(categories),
      errors: {},
      error: null,
      product: null,
      images,
      movements,
      maxImages: MAX_IMAGES_PER_UPLOAD,
      ...view,
    });
  }

  /** Saves through catalog-service; its 409 and 422 become messages beside the fields. */
  async function save(req: Request, res: Response, method: 'POST' | 'PATCH', path: string, product?: ProductDetail) {
    const form = formFromBody(req.body);
    const payload = formToPayload(form);
    // An existing product's stock changes only through recorded adjustments (the Stock section).
    if (product) delete payload.stock;
    const result = await catalog.request<ProductDetail & { detail?: string; errors?: [] }>(method, path, {
      token: token(req),
      body: payload,
    });
    const again = { ...form, stock: product ? String(product.stock) : form.stock };
    if (result.status === 409)
      return renderForm(req, res, 409, { product, form: again, errors: { sku: result.data.detail ?? 'This SKU is taken.' } });
    if (result.status === 422) return renderForm(req, res, 422, { product, form: again, errors: errorsByField(result.data.errors) });
    if (result.status >= 400) throw new HttpError(result.status, result.data.detail ?? 'The product could not be saved.');
    reader.invalidate();
    flash(req, 'success', `“${result.data.name}” was ${method === 'POST' ? 'created' : 'saved'}.`);
    // A new product goes on to its own page, where images and stock are added.
    res.redirect(method === 'POST' ? `/admin/products/${result.data.id}/edit` : '/admin/products');
  }

  async function load(req: Request): Promise<ProductDetail> {
    return catalog.call<ProductDetail>('GET', `/products/${encodeURIComponent(String(req.params.id))}`, { token: token(req) });
  }

  router.get('/admin', async (req, res) => {
    const stats = await catalog.call<CatalogStats>('GET', '/stats', { token: token(req) });
    res.render('admin/dashboard', { title: 'Admin', stats });
  });

  router.get('/admin/products', async (req, res) => {
    const filters: AdminListFilters = adminListQuery.parse(req.query);
    const sort = filters.sort === 'relevance' && !filters.q ? 'newest' : (filters.sort ?? (filters.q ? 'relevance' : 'newest'));
    const [result, categories] = await Promise.all([
      catalog.call<ProductPage>('GET', '/products', {
        token: token(req),
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
      categoryList(),
    ]);
    res.render('admin/products', {
      title: 'Products',
      filters: { ...filters, sort },
      query: {
        q: filters.q,
        status: filters.status !== 'all' ? filters.status : undefined,
        category: filters.category,
        stock: filters.stock !== 'any' ? filters.stock : undefined,
        sort: filters.sort,
      },
      sorts: ADMIN_SORTS.filter((s) => s.value !== 'relevance' || filters.q),
      categories: flattenTree(categories),
      result,
      lastPage: Math.max(1, Math.ceil(result.total / ADMIN_PAGE_SIZE), result.page + (result.has_next ? 1 : 0)),
      scripts: ['admin-bulk'],
    });
  });

  /** One action on the products ticked in the list. */
  router.post('/admin/products/bulk', async (req, res) => {
    const back = adminBack(req.body.back, '/admin/products');
    const ids = list(req.body.ids);
    const action = String(req.body.action ?? '');
    if (ids.length === 0) {
      flash(req, 'warning', 'Tick at least one product first.');
      return res.redirect(back);
    }
    if (!(action in BULK_DONE)) {
      flash(req, 'warning', 'Choose what to do with the ticked products.');
      return res.redirect(back);
    }
    if (action === 'set_category' && !req.body.category_id) {
      flash(req, 'warning', 'Choose the category to move the ticked products to.');
      return res.redirect(back);
    }
    const result = await catalog.request<{ updated: number; detail?: string }>('POST', '/products/bulk', {
      token: token(req),
      body: { ids, action, ...(action === 'set_category' ? { category_id: String(req.body.category_id) } : {}) },
    });
    if (result.status === 422) {
      flash(req, 'danger', `Nothing was changed: ${result.data.detail}`);
      return res.redirect(back);
    }
    if (result.status >= 400) throw new HttpError(result.status, result.data.detail ?? 'The products could not be changed.');
    reader.invalidate();
    const n = result.data.updated;
    const unchanged = ids.length - n;
    flash(
      req,
      'success',
      `${BULK_DONE[action]!(n)}${unchanged > 0 ? ` ${unchanged} already ${unchanged === 1 ? 'was' : 'were'} as asked.` : ''}`,
    );
    res.redirect(back);
  });

  router.get('/admin/products/new', async (req, res) => {
    await renderForm(req, res, 200, { form: emptyForm });
  });

  router.post('/admin/products', async (req, res) => {
    await save(req, res, 'POST', '/products');
  });

  router.get('/admin/products/:id/edit', async (req, res) => {
    const product = await load(req);
    await renderForm(req, res, 200, { product, form: formFromProduct(product) });
  });

  router.post('/admin/products/:id', async (req, res) => {
    const product = await load(req);
    await save(req, res, 'PATCH', `/products/${product.id}`, product);
  });

  /** Quick actions from the list: set stock, activate, deactivate. */
  async function quickPatch(req: Request, res: Response, body: Record<string, unknown>, done: (p: ProductDetail) => string) {
    const result = await catalog.request<ProductDetail & { detail?: string }>(
      'PATCH',
      `/products/${encodeURIComponent(String(req.params.id))}`,
      {
        token: token(req),
        body,
      },
    );
    if (result.status === 200) flash(req, 'success', done(result.data));
    else if (result.status === 422) flash(req, 'danger', `Not saved: ${result.data.detail}`);
    else throw new HttpError(result.status, result.data.detail ?? 'The product could not be saved.');
    reader.invalidate();
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

  return router;
}
