// The listing (/products): what its template shows, from the filters, the categories, the
// catalog's page and the category being browsed.
import { LISTING_PAGE_SIZES } from '@dm/contracts/limits';
import type { Category, CategoryDetail, ProductPage } from '../catalog-types.js';
import { subtreeTotals, trailTo } from '../category-tree.js';
import { isNarrowed, type ListingFilters, linkQuery, sortsFor } from '../listing-query.js';
import { withQuery } from '../view-helpers.js';
import { lastPage } from './pagination.js';

/** A category of the filter sidebar: a link with its count for the current search. */
interface CategoryLink {
  slug: string;
  name: string;
  depth: number;
  count: number | null;
  current: boolean;
  href: string;
}

/**
 * The sidebar's categories: the top level with their counts; inside a category, the way back up,
 * the category itself and its subcategories. Counts are the facet counts of the current search
 * (children added into their parents) or, with nothing but a category chosen, the catalog's own.
 */
function categoryLinks(
  all: Category[],
  filters: ListingFilters,
  current: CategoryDetail | null,
  totals: Map<string, number> | null,
): CategoryLink[] {
  const query = linkQuery(filters);
  const link = (c: { id: string; slug: string; name: string }, depth: number): CategoryLink => ({
    slug: c.slug,
    name: c.name,
    depth,
    count: totals ? (totals.get(c.id) ?? 0) : null,
    current: current?.id === c.id,
    href: withQuery('/products', query, { category: c.slug }),
  });
  // While searching, a category with nothing to show is left out (the one a shopper stands in stays).
  const worthShowing = (l: CategoryLink) => l.current || !isNarrowed(filters) || (l.count ?? 1) > 0;
  if (!current)
    return all
      .filter((c) => c.parent_id === null)
      .map((c) => link(c, 0))
      .filter(worthShowing);
  const trail = trailTo(all, current.id);
  const path = (trail.length ? trail : [current]).map((c, depth) => link(c, depth));
  const children = all.filter((c) => c.parent_id === current.id).map((c) => link(c, path.length));
  return [...path, ...children.filter(worthShowing)];
}

/** The filters in force, each with a link that removes it. */
function appliedFilters(filters: ListingFilters, category: CategoryDetail | null) {
  const query = linkQuery(filters);
  const chips: { label: string; href: string }[] = [];
  // While searching, the category is one more filter to take off; on its own it is the page itself.
  if (category && filters.q) chips.push({ label: category.name, href: withQuery('/products', query, { category: undefined }) });
  if (filters.min_price && filters.max_price) {
    chips.push({
      label: `$${filters.min_price} – $${filters.max_price}`,
      href: withQuery('/products', query, { min_price: undefined, max_price: undefined }),
    });
  } else if (filters.min_price) {
    chips.push({ label: `From $${filters.min_price}`, href: withQuery('/products', query, { min_price: undefined }) });
  } else if (filters.max_price) {
    chips.push({ label: `Up to $${filters.max_price}`, href: withQuery('/products', query, { max_price: undefined }) });
  }
  if (filters.in_stock) chips.push({ label: 'In stock', href: withQuery('/products', query, { in_stock: undefined }) });
  if (filters.tags) {
    const tags = filters.tags.split(', ');
    for (const tag of tags) {
      const rest = tags.filter((t) => t !== tag).join(', ');
      chips.push({ label: `Tag: ${tag}`, href: withQuery('/products', query, { tags: rest || undefined }) });
    }
  }
  return chips;
}

/**
 * Everything the listing template shows, from the filters, the categories, the catalog's page and
 * the category being browsed. The route renders it; the bench's render ceiling renders the same.
 */
export function listingView(
  filters: ListingFilters,
  all: Category[],
  result: ProductPage | null,
  category: CategoryDetail | null,
  notice: string | null,
) {
  const direct = result?.facets
    ? new Map(result.facets.categories.map((f) => [f.id, f.count]))
    : isNarrowed(filters)
      ? null
      : new Map(all.map((c) => [c.id, c.product_count]));
  const totals = direct ? subtreeTotals(all, direct) : null;
  // Subcategories as chips: counted for the current search, or the catalog's exact counts.
  const subcategories = (category?.children ?? []).map((c) => ({
    name: c.name,
    href: withQuery('/products', linkQuery(filters), { category: c.slug }),
    count: result?.facets ? (totals?.get(c.id) ?? 0) : c.product_count,
  }));
  return {
    title: filters.q ? `Search: ${filters.q}` : category ? category.name : 'All products',
    filters,
    query: linkQuery(filters),
    result,
    notice,
    activeCategory: category,
    subcategories,
    categoryLinks: categoryLinks(all, filters, category, totals),
    applied: appliedFilters(filters, category),
    sorts: sortsFor(filters),
    pageSizes: LISTING_PAGE_SIZES,
    lastPage: result ? lastPage(result, filters.page_size) : 1,
    scripts: ['listing'],
  };
}
