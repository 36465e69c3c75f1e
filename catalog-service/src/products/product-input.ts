import { uuidInput } from '@dm/common/ids';
import { moneyInput, parseMoney } from '@dm/common/money';
import { pageQuery } from '@dm/common/pagination';
import { z } from 'zod';

/** 99,999,999.99: the highest price the shop takes, in cents. */
export const MAX_PRICE_CENTS = 9_999_999_999;
export const MAX_STOCK = 1_000_000;

const sku = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, "-", "_" and "."')
  .transform((s) => s.toUpperCase());

const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const description = z.string().trim().max(5000, 'must be at most 5000 characters');
const price = moneyInput.pipe(z.number().max(MAX_PRICE_CENTS, 'must be at most 99999999.99'));
const stock = z
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(MAX_STOCK, `must be at most ${MAX_STOCK}`);

const categoryIds = z
  .array(uuidInput)
  .max(20, 'at most 20 categories')
  .transform((ids) => [...new Set(ids)]);

// A site path ("/images/…") or an absolute http(s) URL; "//host" and "/\host" are other hosts in a browser.
const imageUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((url) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
    if (/[\s\u0000-\u001f]/.test(url)) return false;
    if (url.startsWith('/')) return !url.startsWith('//') && !url.startsWith('/\\');
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be a path starting with "/" or an http(s) URL')
  .nullable();

const tags = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(40, 'must be at most 40 characters')
      .transform((t) => t.toLowerCase()),
  )
  .max(20, 'at most 20 tags')
  .transform((list) => [...new Set(list)]);

const productFields = {
  sku,
  name,
  description,
  price,
  stock,
  category_ids: categoryIds,
  image_url: imageUrl,
  is_active: z.boolean(),
  is_featured: z.boolean(),
  tags,
};

export const createProductInput = z.object({
  ...productFields,
  description: description.default(''),
  category_ids: categoryIds.default([]),
  image_url: imageUrl.default(null),
  is_active: productFields.is_active.default(true),
  is_featured: productFields.is_featured.default(false),
  tags: tags.default([]),
});

export const updateProductInput = z
  .object(productFields)
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one field to change');

export type CreateProductInput = z.infer<typeof createProductInput>;
export type UpdateProductInput = z.infer<typeof updateProductInput>;

// Forms send empty fields: an empty filter means no filter.
const blankIsMissing = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

const flag = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

const priceFilter = z.string().transform((text, ctx) => {
  const cents = parseMoney(text);
  if (cents === null) {
    ctx.addIssue({ code: 'custom', message: 'must be an amount such as 19.99' });
    return z.NEVER;
  }
  return cents;
});

/** `relevance` is the default when searching; without a search it means `newest`. */
export const PRODUCT_SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'name'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const MAX_FILTER_TAGS = 10;

/** `tags=wireless,bluetooth` (or the key repeated): a product must carry every one. */
const tagFilter = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v.join(',') : v)
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t.length > 0),
  )
  .refine((list) => list.length <= MAX_FILTER_TAGS, `at most ${MAX_FILTER_TAGS} tags`)
  .refine((list) => list.every((t) => t.length <= 40), 'each tag must be at most 40 characters')
  .transform((list) => [...new Set(list)]);

export const FACETS = ['categories'] as const;
export type Facet = (typeof FACETS)[number];

const facetList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f.length > 0),
  )
  .refine((list): list is Facet[] => list.every((f) => (FACETS as readonly string[]).includes(f)), `must be ${FACETS.join(', ')}`)
  .transform((list) => [...new Set(list)]);

const searchText = z.string().trim().max(100, 'must be at most 100 characters');

export const productListQuery = z
  .object({
    q: blankIsMissing(searchText.optional()),
    category: blankIsMissing(z.string().trim().max(200, 'must be at most 200 characters').optional()),
    min_price: blankIsMissing(priceFilter.optional()),
    max_price: blankIsMissing(priceFilter.optional()),
    in_stock: blankIsMissing(flag.optional()),
    featured: blankIsMissing(flag.optional()),
    tags: blankIsMissing(tagFilter.optional()),
    sort: blankIsMissing(z.enum(PRODUCT_SORTS, { message: `must be one of ${PRODUCT_SORTS.join(', ')}` }).optional()),
    status: blankIsMissing(z.enum(['active', 'inactive', 'all'], { message: 'must be active, inactive or all' }).default('active')),
    facets: blankIsMissing(facetList.optional()),
    page: blankIsMissing(pageQuery.page),
    page_size: blankIsMissing(pageQuery.page_size),
  })
  .refine((f) => f.min_price === undefined || f.max_price === undefined || f.min_price <= f.max_price, {
    path: ['max_price'],
    message: 'must not be below min_price',
  })
  // Searching, the best match comes first unless asked otherwise.
  .transform(({ sort, ...f }) => ({ ...f, sort: sort ?? (f.q ? 'relevance' : 'newest') }) as typeof f & { sort: ProductSort });

export type ProductListQuery = z.infer<typeof productListQuery>;

/** `GET /products/suggest?q=`: what is typed so far. */
export const suggestQueryInput = z.object({ q: blankIsMissing(searchText.optional()) });

export const batchInput = z.object({
  ids: z
    .array(uuidInput)
    .min(1, 'give at least one id')
    .max(100, 'at most 100 ids')
    .transform((ids) => [...new Set(ids)]),
});
