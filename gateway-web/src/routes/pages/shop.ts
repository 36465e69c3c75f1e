import { HttpError, ServiceUnavailableError } from '@dm/common/errors';
import { type Request, Router } from 'express';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Category, CategoryDetail, Product, ProductDetail, ProductPage } from '../../catalog-types.js';
import { subtreeTotals, trailTo } from '../../category-tree.js';
import type { Clients } from '../../clients.js';
import { catalogParams, isNarrowed, type ListingFilters, linkQuery, PAGE_SIZES, parseListing, sortsFor } from '../../listing-query.js';
import { withQuery } from '../../view-helpers.js';

const RELATED = 4;

const isStatus = (err: unknown, status: number) => err instanceof HttpError && err.status === status;

/** A category of the filter sidebar: a link with its count for the current search. */
export interface CategoryLink {
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
  const pageSize = filters.page_size;
  const lastPage = result ? Math.max(1, Math.ceil(result.total / pageSize), result.page + (result.has_next ? 1 : 0)) : 1;

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
    pageSizes: PAGE_SIZES,
    lastPage,
    scripts: ['listing'],
  };
}

export function shopPages({ catalog }: Clients, reader: CatalogReader): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const all = (res.locals.navCategories as Category[] | null) ?? [];
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
      // A department's tile counts the products of every category below it.
      categoryTotals: subtreeTotals(all, new Map(all.map((c) => [c.id, c.product_count]))),
    });
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
    // An admin may preview a hidden product (asking with their token); everyone else sees the
    // public, cached product.
    const slug = req.params.slug;
    const admin = req.principal?.role === 'admin' ? req.principal : null;
    const read = admin
      ? catalog.call<ProductDetail>('GET', `/products/${encodeURIComponent(slug)}`, { token: admin.token })
      : reader.product(slug);
    const product = await read.catch((err: unknown) => {
      if (isStatus(err, 404)) throw new HttpError(404, 'We could not find that product. It may no longer be sold.');
      throw err;
    });
    // Related products are a nicety: without them the product page still shows.
    const related = await (admin
      ? catalog
          .call<{ items: Product[] }>('GET', `/products/${product.id}/related`, { token: admin.token, query: { limit: RELATED } })
          .then((r) => r.items)
      : reader.related(product.slug, RELATED)
    ).catch(() => [] as Product[]);
    const all = (res.locals.navCategories as Category[] | null) ?? [];
    const first = product.categories[0];
    res.render('product', {
      title: product.name,
      product,
      gallery: gallery(product, req),
      related,
      // The product's first category with the categories above it, for the breadcrumbs.
      trail: first ? (trailTo(all, first.id).length ? trailTo(all, first.id) : [first]) : [],
      scripts: ['gallery'],
    });
  });

  return router;
}

/**
 * The images a product page shows: the one asked for with `?image=` large (so the thumbnails work
 * as plain links without JavaScript), else the first, which is the product's main image.
 */
function gallery(product: ProductDetail, req: Request) {
  const images = product.images.length
    ? product.images
    : product.image_url
      ? [{ id: '', url: product.image_url, alt: product.name, width: null, height: null }]
      : [];
  const wanted = typeof req.query.image === 'string' ? req.query.image.toLowerCase() : '';
  const shown = images.find((i) => i.id && i.id === wanted) ?? images[0] ?? null;
  return { images, shown };
}
