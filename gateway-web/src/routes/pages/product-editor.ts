import { HttpError } from '@dm/common/errors';
import { type Request, type Response, Router } from 'express';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Category, ManagedImage, MovementPage, ProductDetail } from '../../catalog-types.js';
import type { Clients } from '../../clients.js';
import { formMessages, submit } from '../../forms.js';
import { userToken } from '../../page-guards.js';
import { emptyForm, formFromBody, formFromProduct, formToPayload } from '../../product-form.js';
import { flash } from '../../session.js';
import { type ProductFormState, productFormView } from '../../view-models/admin-products.js';
import { pageParam } from '../../view-models/pagination.js';
import { adminImagePages } from './admin-images.js';
import { adminStockPages } from './admin-stock.js';

export interface EditorDeps {
  clients: Clients;
  catalog: CatalogReader;
}

/** Where a product editor lives: the admin's (every product) or a vendor's (their own). */
export type EditorBase = '/admin' | '/vendor';

const MOVEMENTS_PAGE_SIZE = 10;

export async function categoryList(reader: CatalogReader): Promise<Category[]> {
  const all = await reader.categories();
  if (!all) throw new HttpError(503, 'catalog unavailable');
  return all;
}

/**
 * One product editor (details, images, stock) for admins under /admin and for vendors under
 * /vendor. catalog-service decides what each may change; the vendor's form leaves out "featured",
 * which is the marketplace's choice. The caller guards the base path.
 */
export function productEditorPages({ clients, catalog: reader }: EditorDeps, base: EditorBase): Router {
  const { catalog } = clients;
  const router = Router();
  router.use(adminImagePages({ clients, catalog: reader }, base));
  router.use(adminStockPages({ clients, catalog: reader }, base));

  async function renderForm(req: Request, res: Response, status: number, state: ProductFormState) {
    const { product } = state;
    const token = userToken(req);
    // The edit page also shows the product's images and its stock history.
    const [categories, images, movements] = await Promise.all([
      categoryList(reader),
      product
        ? catalog.call<{ items: ManagedImage[] }>('GET', `/products/${product.id}/images`, { token }).then((r) => r.items)
        : Promise.resolve([]),
      product
        ? catalog.call<MovementPage>('GET', `/products/${product.id}/stock-movements`, {
            token,
            query: { page: pageParam.parse(req.query.movements ?? 1), page_size: MOVEMENTS_PAGE_SIZE },
          })
        : Promise.resolve(null),
    ]);
    res.status(status).render('admin/product-form', { ...productFormView(state, categories, images, movements), base });
  }

  /** Saves through catalog-service; its 409 (the SKU is taken) and 422 become messages beside the fields. */
  async function save(req: Request, res: Response, method: 'POST' | 'PATCH', path: string, product?: ProductDetail) {
    const form = formFromBody(req.body);
    const payload = formToPayload(form);
    // An existing product's stock changes only through recorded adjustments (the Stock section).
    if (product) delete payload.stock;
    if (base === '/vendor') delete payload.is_featured;
    const result = await submit<ProductDetail>(catalog, method, path, {
      token: userToken(req),
      body: payload,
      failure: 'The product could not be saved.',
    });
    if (!result.ok) {
      const messages = result.status === 409 ? { errors: { sku: result.detail } } : formMessages(result);
      const again = { ...form, stock: product ? String(product.stock) : form.stock };
      return renderForm(req, res, result.status, { product, form: again, ...messages });
    }
    await reader.invalidate();
    flash(req, 'success', `“${result.data.name}” was ${method === 'POST' ? 'created' : 'saved'}.`);
    // A new product goes on to its own page, where images and stock are added.
    res.redirect(method === 'POST' ? `${base}/products/${result.data.id}/edit` : `${base}/products`);
  }

  async function load(req: Request): Promise<ProductDetail> {
    return catalog.call<ProductDetail>('GET', `/products/${encodeURIComponent(String(req.params.id))}`, { token: userToken(req) });
  }

  router.get(`${base}/products/new`, async (req, res) => {
    await renderForm(req, res, 200, { form: emptyForm, errors: {} });
  });

  router.post(`${base}/products`, async (req, res) => {
    await save(req, res, 'POST', '/products');
  });

  router.get(`${base}/products/:id/edit`, async (req, res) => {
    const product = await load(req);
    await renderForm(req, res, 200, { product, form: formFromProduct(product), errors: {} });
  });

  // A fixed path such as /admin/products/bulk is mounted before this router.
  router.post(`${base}/products/:id`, async (req, res) => {
    const product = await load(req);
    await save(req, res, 'PATCH', `/products/${product.id}`, product);
  });

  return router;
}
