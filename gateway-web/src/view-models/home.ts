// The home page: featured and newest products, and the departments with their counts.
import type { Category, Product } from '../catalog-types.js';
import { subtreeTotals } from '../category-tree.js';

/** Either list is null when the catalog could not be asked for it: the page still shows, and says so. */
export function homeView(featured: Product[] | null, newest: Product[] | null, all: Category[]) {
  return {
    title: 'Digital Marketplace',
    featured: featured ?? [],
    newest: newest ?? [],
    catalogUnavailable: featured === null || newest === null,
    // A department's tile counts the products of every category below it.
    categoryTotals: subtreeTotals(all, new Map(all.map((c) => [c.id, c.product_count]))),
  };
}
