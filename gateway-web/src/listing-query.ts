// The shop's listing (/products) as an address: what its query string means, what the catalog is
// asked, and which parameters links carry. Every filter lives in the URL, so a page can be shared
// and reloaded; a mangled value is dropped rather than refused, so a bad link still shows products.

import { LISTING_PAGE_SIZES } from '@dm/contracts/limits';
import { z } from 'zod';
import { pageParam } from './view-models/pagination.js';

export const DEFAULT_PAGE_SIZE = LISTING_PAGE_SIZES[0];

export const SORTS = [
  { value: 'relevance', label: 'Relevance' },
  { value: 'newest', label: 'Newest' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
  { value: 'name', label: 'Name' },
  { value: 'rating', label: 'Top rated' },
] as const;
export type Sort = (typeof SORTS)[number]['value'];

const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim().slice(0, max) || undefined)
    .catch(undefined);

const schema = z.object({
  q: text(100),
  category: text(100),
  min_price: text(14),
  max_price: text(14),
  in_stock: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'true' || v === 'on')
    .catch(false),
  tags: text(200),
  sort: z
    .enum(SORTS.map((s) => s.value) as [Sort, ...Sort[]])
    .optional()
    .catch(undefined),
  page: pageParam,
  page_size: z.coerce
    .number()
    .refine((n) => (LISTING_PAGE_SIZES as readonly number[]).includes(n))
    .catch(DEFAULT_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE),
});

export interface ListingFilters {
  q?: string;
  category?: string;
  min_price?: string;
  max_price?: string;
  in_stock: boolean;
  /** as typed: comma-separated */
  tags?: string;
  sort: Sort;
  page: number;
  page_size: number;
}

/** The sort a listing takes when none is asked for: the best match when searching, else the newest. */
export function defaultSort(q: string | undefined): Sort {
  return q ? 'relevance' : 'newest';
}

export function parseListing(query: unknown): ListingFilters {
  const f = schema.parse(typeof query === 'object' && query !== null ? query : {});
  // Relevance means something only when searching.
  const sort = f.sort === undefined || (f.sort === 'relevance' && !f.q) ? defaultSort(f.q) : f.sort;
  // Tags tidied the way the catalog reads them, so the field shows what was applied.
  const tags = f.tags
    ?.split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .join(', ');
  return { ...f, tags: tags || undefined, sort } as ListingFilters;
}

/** The sorts a shopper may pick: relevance only while searching. */
export function sortsFor(filters: Pick<ListingFilters, 'q'>) {
  return SORTS.filter((s) => s.value !== 'relevance' || filters.q);
}

/** Whether anything besides the category narrows the listing (then its facet counts differ from the plain ones). */
export function isNarrowed(f: ListingFilters): boolean {
  return Boolean(f.q || f.min_price || f.max_price || f.in_stock || f.tags);
}

/** What the catalog is asked for this page. */
export function catalogParams(f: ListingFilters, options: { facets: boolean }): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params.set(key, String(value));
  };
  set('q', f.q);
  set('category', f.category);
  set('min_price', f.min_price);
  set('max_price', f.max_price);
  if (f.in_stock) params.set('in_stock', 'true');
  set('tags', f.tags?.replace(/\s+/g, ''));
  params.set('sort', f.sort);
  params.set('page', String(f.page));
  params.set('page_size', String(f.page_size));
  if (options.facets) params.set('facets', 'categories');
  return params;
}

/** The parameters a link to this listing carries; defaults are left out so addresses stay short. */
export function linkQuery(f: ListingFilters): Record<string, string | undefined> {
  return {
    q: f.q,
    category: f.category,
    min_price: f.min_price,
    max_price: f.max_price,
    in_stock: f.in_stock ? '1' : undefined,
    tags: f.tags,
    sort: f.sort !== defaultSort(f.q) ? f.sort : undefined,
    page_size: f.page_size !== DEFAULT_PAGE_SIZE ? String(f.page_size) : undefined,
  };
}
