import type { ServiceClient } from '@dm/common/http-client';
import type { SharedRedis } from '@dm/common/redis';
import type { Category, CategoryDetail, Product, ProductDetail, ProductPage, Suggestion } from './catalog-types.js';
import { createReadCache } from './read-cache.js';

/**
 * What the shop's pages read from catalog-service, through short-lived caches: the navbar's
 * categories on every page, and the public product listings, product pages, category pages,
 * related products and search suggestions. Only public reads go through here (no token): an
 * admin's views ask catalog-service directly.
 */
export interface CatalogReader {
  /** The category list, or null while catalog-service cannot be reached. */
  categories(): Promise<Category[] | null>;
  /** A category page's header: breadcrumbs, children and counts. */
  category(idOrSlug: string): Promise<CategoryDetail>;
  products(query: URLSearchParams): Promise<ProductPage>;
  product(idOrSlug: string): Promise<ProductDetail>;
  related(idOrSlug: string, limit: number): Promise<Product[]>;
  /** What the search box shows under the text typed so far (at most 8). */
  suggest(q: string): Promise<Suggestion[]>;
  /**
   * Forget everything, after an admin change made through the gateway: with Redis, in every replica.
   * Awaited before the write is answered: Redis has taken the clear before its caller can read
   * again through any replica (a clear merely sent could still be on its way).
   */
  invalidate(): Promise<void>;
}

export function createCatalogReader(
  catalog: ServiceClient,
  ttl: { categoriesSeconds: number; productsSeconds: number },
  redis?: SharedRedis,
): CatalogReader {
  const categories = createReadCache(ttl.categoriesSeconds * 1000, 1, redis && { redis, name: 'categories' });
  const products = createReadCache(ttl.productsSeconds * 1000, 1000, redis && { redis, name: 'catalog' });
  const path = (idOrSlug: string) => encodeURIComponent(idOrSlug);
  return {
    categories: () => categories.get('all', () => catalog.call<Category[]>('GET', '/categories')).catch(() => null),
    category: (idOrSlug) =>
      products.get(`category/${idOrSlug.toLowerCase()}`, () => catalog.call<CategoryDetail>('GET', `/categories/${path(idOrSlug)}`)),
    products(query) {
      query.sort();
      return products.get(`list?${query}`, () => catalog.call<ProductPage>('GET', '/products', { query }));
    },
    product: (idOrSlug) => products.get(`one/${idOrSlug}`, () => catalog.call<ProductDetail>('GET', `/products/${path(idOrSlug)}`)),
    related: (idOrSlug, limit) =>
      products.get(`related/${idOrSlug}?${limit}`, () =>
        catalog.call<{ items: Product[] }>('GET', `/products/${path(idOrSlug)}/related`, { query: { limit } }).then((r) => r.items),
      ),
    suggest(q) {
      // Case and spacing do not change what is found: one cached answer for "Lamp" and "lamp ".
      const key = q.trim().toLowerCase().replace(/\s+/g, ' ');
      return products.get(`suggest?${key}`, () =>
        catalog.call<{ items: Suggestion[] }>('GET', '/products/suggest', { query: { q: key } }).then((r) => r.items),
      );
    },
    async invalidate() {
      await Promise.all([categories.clear(), products.clear()]);
    },
  };
}

/** Top-level categories in display order. */
export function topLevel(list: Category[]): Category[] {
  return list.filter((c) => c.parent_id === null);
}
