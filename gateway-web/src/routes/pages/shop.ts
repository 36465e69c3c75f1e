import { Router } from 'express';
import { z } from 'zod';
import { HttpError, ServiceUnavailableError } from '@dm/common/errors';
import type { Product, ProductPage } from '../../catalog-types.js';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Clients } from '../../clients.js';

const PAGE_SIZE = 24;
export const SORTS = [
  { value: 'newest', label: 'Newest' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
  { value: 'name', label: 'Name' },
] as const;

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim().slice(0, max) || undefined)
    .catch(undefined);

// Listing filters from the address bar: anything unreadable is dropped rather than refused, so a
// mangled shared link still shows products.
function searchParams(query: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params;
}

const listingQuery = z.object({
  q: text(100),
  category: text(100),
  min_price: text(14),
  max_price: text(14),
  in_stock: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'true' || v === 'on')
    .catch(false),
  sort: z.enum(SORTS.map((s) => s.value) as [string, ...string[]]).catch('newest').default('newest'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export function shopPages({ catalog }: Clients, reader: CatalogReader): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const [featured, newest] = await Promise.allSettled([
      reader.products(new URLSearchParams({ featured: 'true', page_size: '8' })),
      reader.products(new URLSearchParams({ sort: 'newest', page_size: '8' })),
    ]);
    const unavailable = featured.status === 'rejected' || newest.status === 'rejected';
    res.status(unavailable ? 503 : 200).render('home', {
      title: 'Digital Marketplace',
      featured: featured.status === 'fulfilled' ? featured.value.items : [],
      newest: newest.status === 'fulfilled' ? newest.value.items : [],
      catalogUnavailable: unavailable,
    });
  });

  router.get('/products', async (req, res) => {
    const filters = listingQuery.parse(req.query);
    const query = {
      ...filters,
      in_stock: filters.in_stock || undefined,
      page_size: PAGE_SIZE,
    };
    let result: ProductPage | null = null;
    let notice: string | null = null;
    let status = 200;
    try {
      result = await reader.products(searchParams(query));
    } catch (err) {
      if (err instanceof ServiceUnavailableError) {
        notice = 'Our catalog is unavailable right now, so products cannot be shown. Please try again in a moment.';
        status = 503;
      } else if (err instanceof HttpError && err.status === 422) {
        notice = `Please check your filters: ${err.detail}`;
        status = 400;
      } else {
        throw err;
      }
    }
    const categories = (res.locals.navCategories as { slug: string; name: string }[] | null) ?? [];
    const activeCategory = categories.find((c) => c.slug === filters.category) ?? null;
    res.status(status).render('products', {
      title: filters.q ? `Search: ${filters.q}` : activeCategory ? activeCategory.name : 'All products',
      filters,
      result,
      notice,
      activeCategory,
      sorts: SORTS,
      lastPage: result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1,
    });
  });

  router.get('/products/:slug', async (req, res) => {
    // An admin may preview a hidden product (asking with their token); everyone else sees the
    // public, cached product.
    const slug = req.params.slug;
    const read =
      req.principal?.role === 'admin'
        ? catalog.call<Product>('GET', `/products/${encodeURIComponent(slug)}`, { token: req.principal.token })
        : reader.product(slug);
    const product = await read.catch((err: unknown) => {
      if (err instanceof HttpError && err.status === 404) throw new HttpError(404, 'We could not find that product. It may no longer be sold.');
      throw err;
    });
    res.render('product', { title: product.name, product });
  });

  return router;
}
