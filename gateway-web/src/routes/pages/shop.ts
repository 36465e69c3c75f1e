import { HttpError, ServiceUnavailableError } from '@dm/common/errors';
import { Router } from 'express';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Category, ProductPage } from '../../catalog-types.js';
import type { Clients } from '../../clients.js';
import { catalogParams, isNarrowed, parseListing } from '../../listing-query.js';
import type { ProductActivity } from '../../product-activity.js';
import type { ReviewReader } from '../../review-reader.js';
import { homeView } from '../../view-models/home.js';
import { listingView } from '../../view-models/products.js';
import { renderProductPage } from './product-page.js';

const isStatus = (err: unknown, status: number) => err instanceof HttpError && err.status === status;

export function shopPages(clients: Clients, reader: CatalogReader, reviews: ReviewReader, activity: ProductActivity): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const all = (res.locals.navCategories as Category[] | null) ?? [];
    const [featured, newest] = await Promise.allSettled([
      reader.products(new URLSearchParams({ featured: 'true', page_size: '8' })),
      reader.products(new URLSearchParams({ sort: 'newest', page_size: '8' })),
    ]);
    const items = (read: PromiseSettledResult<ProductPage>) => (read.status === 'fulfilled' ? read.value.items : null);
    const view = homeView(items(featured), items(newest), all);
    res.status(view.catalogUnavailable ? 503 : 200).render('home', view);
  });

  router.get('/products', async (req, res) => {
    const filters = parseListing(req.query);
    const all = (res.locals.navCategories as Category[] | null) ?? [];
    // Facet counts only when something besides the category narrows the listing: otherwise they
    // are the category list's own counts, which every page already has.
    const facets = isNarrowed(filters) && all.length > 0;
    const [listing, categoryRead] = await Promise.allSettled([
      reader.products(catalogParams(filters, { facets })),
      filters.category ? reader.category(filters.category) : Promise.resolve(null),
    ]);
    if (categoryRead.status === 'rejected' && isStatus(categoryRead.reason, 404)) {
      throw new HttpError(404, 'We could not find that category. It may have been renamed or removed.');
    }
    const category = categoryRead.status === 'fulfilled' ? categoryRead.value : null;

    let result: ProductPage | null = null;
    let notice: string | null = null;
    let status = 200;
    if (listing.status === 'fulfilled') {
      result = listing.value;
    } else if (listing.reason instanceof ServiceUnavailableError) {
      notice = 'Our catalog is unavailable right now, so products cannot be shown. Please try again in a moment.';
      status = 503;
    } else if (isStatus(listing.reason, 422)) {
      notice = `Please check your filters: ${(listing.reason as HttpError).detail}`;
      status = 400;
    } else {
      throw listing.reason;
    }

    res.status(status).render('products', listingView(filters, all, result, category, notice));
  });

  router.get('/products/:slug', async (req, res) => {
    const { product, preview } = await renderProductPage({ clients, reader, reviews }, req, res, req.params.slug);
    // A shopper's view, for the dashboard's conversion; an admin's preview is not one.
    if (!preview) activity.viewed({ id: product.id, sku: product.sku, name: product.name, vendor_id: product.vendor?.id ?? null });
  });

  return router;
}
