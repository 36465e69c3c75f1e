import type { ServiceClient } from '@dm/common/http-client';
import type { Category, Product, ProductPage } from './catalog-types.js';
import { createReadCache } from './read-cache.js';

/**
 * What the shop's pages read from catalog-service, through short-lived caches: the navbar's
 * categories on every page, and the public product listings and pages. Only public reads go
 * through here (no token): an admin's views ask catalog-service directly.
 */
export interface CatalogReader {
  /** The category list, or null while catalog-service cannot be reached. */
  categories(): Promise<Category[] | null>;
  products(query: URLSearchParams): Promise<ProductPage>;
  product(idOrSlug: string): Promise<Product>;
  /** Forget everything, after an admin change made through the gateway. */
  invalidate(): void;
}

export function createCatalogReader(catalog: ServiceClient, ttl: { categoriesSeconds: number; productsSeconds: number }): CatalogReader {
  const categories = createReadCache(ttl.categoriesSeconds * 1000, 1);
  const products = createReadCache(ttl.productsSeconds * 1000);
  return {
    categories: () => categories.get('all', () => catalog.call<Category[]>('GET', '/categories')).catch(() => null),
    products(query) {
      query.sort();
      return products.get(`list?${query}`, () => catalog.call<ProductPage>('GET', '/products', { query }));
    },
    product: (idOrSlug) => products.get(`one/${idOrSlug}`, () => catalog.call<Product>('GET', `/products/${encodeURIComponent(idOrSlug)}`)),
    invalidate() {
      categories.clear();
      products.clear();
    },
  };
}

/** Top-level categories in display order. */
export function topLevel(list: Category[]): Category[] {
  return list.filter((c) => c.parent_id === null);
}
