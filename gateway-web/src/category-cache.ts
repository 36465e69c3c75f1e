import type { ServiceClient } from '@dm/common/http-client';
import type { Category } from './catalog-types.js';

export interface CategoryCache {
  /** The category list, or null while catalog-service cannot be reached. */
  get(): Promise<Category[] | null>;
  /** Forget the list, after an admin change. */
  invalidate(): void;
}

/**
 * The navbar shows the categories on every page; asking catalog-service each time would double the
 * calls per page. A short-lived copy, shared by concurrent requests while it is being fetched.
 */
export function createCategoryCache(catalog: ServiceClient, ttlSeconds: number): CategoryCache {
  let value: Category[] | null = null;
  let expires = 0;
  let pending: Promise<Category[] | null> | null = null;
  return {
    get() {
      if (value && Date.now() < expires) return Promise.resolve(value);
      pending ??= catalog
        .call<Category[]>('GET', '/categories')
        .then((categories) => {
          value = categories;
          expires = Date.now() + ttlSeconds * 1000;
          return categories;
        })
        .catch(() => null)
        .finally(() => {
          pending = null;
        });
      return pending;
    },
    invalidate() {
      expires = 0;
    },
  };
}

/** Top-level categories in display order. */
export function topLevel(categories: Category[]): Category[] {
  return categories.filter((c) => c.parent_id === null);
}
