import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { HttpError } from '@dm/common/errors';
import type { CatalogStats, Category, Product, ProductPage } from '../../catalog-types.js';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Clients } from '../../clients.js';
import { pageUser, requireAdminPage } from '../../page-guards.js';
import {
  emptyForm,
  errorsByField,
  formFromBody,
  formFromProduct,
  formToPayload,
  type ProductFormValues,
} from '../../product-form.js';
import { flash } from '../../session.js';

export interface AdminDeps {
  clients: Clients;
  catalog: CatalogReader;
}

const ADMIN_PAGE_SIZE = 20;

const adminListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(['all', 'active', 'inactive']).catch('all').default('all'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export function adminPages({ clients: { catalog }, catalog: reader }: AdminDeps): Router {
  const router = Router();
  router.use('/admin', requireAdminPage);

  const token = (req: Request) => pageUser(req).token;

  async function categoryList(): Promise<Category[]> {
    const list = await reader.categories();
    if (!list) throw new HttpError(503, 'catalog unavailable');
    return list;
  }

  async function renderForm(
    res: Response,
    status: number,
    view: { product?: Product; form: ProductFormValues; errors?: Record<string, string>; error?: string },
  ) {
    res.status(status).render('admin/product-form', {
      title: view.product ? `Edit ${view.product.name}` : 'New product',
      categories: await categoryList(),
      errors: {},
      error: null,
      product: null,
      ...view,
    });
  }

  /** Saves through catalog-service; its 409 and 422 become messages beside the fields. */
  async function save(req: Request, res: Response, method: 'POST' | 'PATCH', path: string, product?: Product) {
    const form = formFromBody(req.body);
    const result = await catalog.request<Product & { detail?: string; errors?: [] }>(method, path, {
      token: token(req),
      body: formToPayload(form),
    });
    if (result.status === 409) return renderForm(res, 409, { product, form, errors: { sku: result.data.detail ?? 'This SKU is taken.' } });
    if (result.status === 422) return renderForm(res, 422, { product, form, errors: errorsByField(result.data.errors) });
    if (result.status >= 400) throw new HttpError(result.status, result.data.detail ?? 'The product could not be saved.');
    reader.invalidate();
    flash(req, 'success', `“${result.data.name}” was ${method === 'POST' ? 'created' : 'saved'}.`);
    res.redirect('/admin/products');
  }

  async function load(req: Request): Promise<Product> {
    return catalog.call<Product>('GET', `/products/${encodeURIComponent(String(req.params.id))}`, { token: token(req) });
  }

  router.get('/admin', async (req, res) => {
    const stats = await catalog.call<CatalogStats>('GET', '/stats', { token: token(req) });
    res.render('admin/dashboard', { title: 'Admin', stats });
  });

  router.get('/admin/products', async (req, res) => {
    const filters = adminListQuery.parse(req.query);
    const result = await catalog.call<ProductPage>('GET', '/products', {
      token: token(req),
      query: { ...filters, sort: 'newest', page_size: ADMIN_PAGE_SIZE },
    });
    res.render('admin/products', {
      title: 'Products',
      filters,
      result,
      lastPage: Math.max(1, Math.ceil(result.total / ADMIN_PAGE_SIZE)),
    });
  });

  router.get('/admin/products/new', async (_req, res) => {
    await renderForm(res, 200, { form: emptyForm });
  });

  router.post('/admin/products', async (req, res) => {
    await save(req, res, 'POST', '/products');
  });

  router.get('/admin/products/:id/edit', async (req, res) => {
    const product = await load(req);
    await renderForm(res, 200, { product, form: formFromProduct(product) });
  });

  router.post('/admin/products/:id', async (req, res) => {
    const product = await load(req);
    await save(req, res, 'PATCH', `/products/${product.id}`, product);
  });

  /** Quick actions from the list: set stock, activate, deactivate. */
  async function quickPatch(req: Request, res: Response, body: Record<string, unknown>, done: (p: Product) => string) {
    const result = await catalog.request<Product & { detail?: string }>('PATCH', `/products/${encodeURIComponent(String(req.params.id))}`, {
      token: token(req),
      body,
    });
    if (result.status === 200) flash(req, 'success', done(result.data));
    else if (result.status === 422) flash(req, 'danger', `Not saved: ${result.data.detail}`);
    else throw new HttpError(result.status, result.data.detail ?? 'The product could not be saved.');
    reader.invalidate();
    const back = typeof req.body.back === 'string' && req.body.back.startsWith('/admin/') ? req.body.back : '/admin/products';
    res.redirect(back);
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
