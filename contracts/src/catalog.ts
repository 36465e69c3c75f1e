// The catalog's public shapes: products, categories, the listing and its filters, suggestions.
import { z } from 'zod';
import { blankIsMissing, isUuid, Money, pageOf, pageQuery, Timestamp, Uuid, UuidInput } from './common.js';
import { MoneyInput, MoneyQuery } from './money.js';
import { ProductRating } from './reviews.js';
import { Vendor, VendorRef } from './vendors.js';

/** 99,999,999.99: the highest price the shop takes, in cents. */
export const MAX_PRICE_CENTS = 9_999_999_999;
export const MAX_STOCK = 1_000_000;
/** Longest slug a name yields, leaving room for a "-NN" suffix. */
export const MAX_SLUG_BASE = 80;
export const MAX_PRODUCT_CATEGORIES = 20;
export const MAX_PRODUCT_TAGS = 20;
/** What the search box shows under the text typed so far. */
export const SUGGESTION_LIMIT = 8;
export const MAX_RELATED = 12;

// ---- answers ----

/** How a product names its categories. */
export const CategoryRef = z.object({ id: Uuid, name: z.string(), slug: z.string() }).meta({ id: 'CategoryRef' });
export type CategoryRef = z.infer<typeof CategoryRef>;

/** One row of `GET /api/categories`: the whole tree comes flat, parents named by id. */
export const Category = CategoryRef.extend({
  parent_id: Uuid.nullable(),
  sort_order: z.int(),
  /** active products filed directly under this category */
  product_count: z.int().nonnegative(),
}).meta({ id: 'Category' });
export type Category = z.infer<typeof Category>;

/**
 * The category page: where it sits, what is below it, and how many products each part holds.
 * Here `product_count` counts the active products of the category and of every category below it.
 */
export const CategoryDetail = Category.extend({
  /** from the top level down to its parent; empty for a top-level category */
  breadcrumbs: z.array(CategoryRef),
  children: z.array(CategoryRef.extend({ sort_order: z.int(), product_count: z.int().nonnegative() })),
}).meta({ id: 'CategoryDetail' });
export type CategoryDetail = z.infer<typeof CategoryDetail>;

/** How many of the products a listing finds sit in a category (asked for with `facets=categories`). */
export const CategoryFacet = z
  .object({
    id: Uuid,
    slug: z.string(),
    name: z.string(),
    parent_id: Uuid.nullable(),
    /** matching products filed directly in this category (a page adds up the children itself) */
    count: z.int().nonnegative(),
  })
  .meta({ id: 'CategoryFacet' });
export type CategoryFacet = z.infer<typeof CategoryFacet>;

/** An image as a product shows it. */
export const ProductImage = z
  .object({
    id: Uuid,
    url: z.string(),
    alt: z.string(),
    width: z.int().nullable(),
    height: z.int().nullable(),
  })
  .meta({ id: 'ProductImage' });
export type ProductImage = z.infer<typeof ProductImage>;

/** A product as the API shows it. */
export const Product = z
  .object({
    id: Uuid,
    sku: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    price: Money,
    stock: z.int().nonnegative(),
    is_active: z.boolean(),
    is_featured: z.boolean(),
    tags: z.array(z.string()),
    image_url: z.string().nullable(),
    categories: z.array(CategoryRef),
    rating: ProductRating,
    vendor: VendorRef.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof Product>;

/** `GET /api/vendors/:slug`: a shop's public page, the shop and a page of its products. */
export const VendorShop = z.object({ vendor: Vendor, products: pageOf(Product) }).meta({ id: 'VendorShop' });
export type VendorShop = z.infer<typeof VendorShop>;

/** The detail page's product: also every image, in display order. */
export const ProductDetail = Product.extend({ images: z.array(ProductImage) }).meta({ id: 'ProductDetail' });
export type ProductDetail = z.infer<typeof ProductDetail>;

/** A listing page; `total` is exact unless `total_is_lower_bound` (too many matches to count). */
export const ProductPage = pageOf(Product)
  .extend({
    total_is_lower_bound: z.boolean(),
    facets: z.object({ categories: z.array(CategoryFacet) }).optional(),
    corrected_query: z.string().optional().meta({
      description:
        'a search: the text with its misspelt words corrected (the products found include those matching it), when it differs from `q`: for a "Did you mean"',
    }),
    relaxed_query: z.string().optional().meta({
      description:
        'a search whose words found nothing together: the words the products found do match (those finding nothing dropped, then the last ones), for the page to say so',
    }),
    popular: z
      .array(Product)
      .optional()
      .meta({ description: 'a search that found nothing: the best-rated products on sale, to show instead of an empty page' }),
  })
  .meta({ id: 'ProductPage' });
export type ProductPage = z.infer<typeof ProductPage>;

/** What a search box shows under the text being typed. */
export const Suggestion = z
  .object({ id: Uuid, name: z.string(), slug: z.string(), price: Money, image_url: z.string().nullable() })
  .meta({ id: 'Suggestion' });
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionList = z.object({ items: z.array(Suggestion).max(SUGGESTION_LIMIT) }).meta({ id: 'SuggestionList' });
export type SuggestionList = z.infer<typeof SuggestionList>;

export const ProductList = z.object({ items: z.array(Product) }).meta({ id: 'ProductList' });

// ---- product writes ----

const sku = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, "-", "_" and "."')
  .transform((s) => s.toUpperCase());

const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const description = z.string().trim().max(5000, 'must be at most 5000 characters');
const price = MoneyInput.pipe(z.number().max(MAX_PRICE_CENTS, 'must be at most 99999999.99'));
const stock = z
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(MAX_STOCK, `must be at most ${MAX_STOCK}`);

const categoryIds = z
  .array(UuidInput)
  .max(MAX_PRODUCT_CATEGORIES, `at most ${MAX_PRODUCT_CATEGORIES} categories`)
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
  .max(MAX_PRODUCT_TAGS, `at most ${MAX_PRODUCT_TAGS} tags`)
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

/** `POST /api/products` (admin). */
export const CreateProductInput = z
  .object({
    ...productFields,
    description: description.default(''),
    category_ids: categoryIds.default([]),
    image_url: imageUrl.default(null),
    is_active: productFields.is_active.default(true),
    is_featured: productFields.is_featured.default(false),
    tags: tags.default([]),
  })
  .meta({
    id: 'CreateProductInput',
    examples: [
      {
        sku: 'AUD-100',
        name: 'Studio Headphones',
        description: 'Closed-back headphones for long mixing sessions.',
        price: '129.50',
        stock: 12,
        tags: ['wireless', 'studio'],
        is_featured: true,
      },
      { sku: 'MUG-350', name: 'Café Crème Mug, 350 ml', price: 14.9, stock: 40 },
    ],
  });
export type CreateProductInput = z.input<typeof CreateProductInput>;

/** `PATCH /api/products/:id` (admin): the fields to change, at least one. */
export const UpdateProductInput = z
  .object(productFields)
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one field to change')
  .meta({ id: 'UpdateProductInput', examples: [{ price: '99.00', stock: 5 }, { is_active: false }] });
export type UpdateProductInput = z.input<typeof UpdateProductInput>;

// ---- the listing ----

const flag = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

/**
 * `relevance` is the default when searching; without a search it means `newest`. `rating`: the
 * highest average first, then the most reviewed; products without reviews last.
 */
export const PRODUCT_SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'name', 'rating'] as const;
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

/** `GET /api/products` query: search, filters that compose, sort, page (each parameter, as documented). */
export const ProductListParams = z.object({
  q: blankIsMissing(searchText.optional()),
  category: blankIsMissing(z.string().trim().max(200, 'must be at most 200 characters').optional()),
  min_price: blankIsMissing(MoneyQuery.optional()),
  max_price: blankIsMissing(MoneyQuery.optional()),
  in_stock: blankIsMissing(flag.optional()),
  featured: blankIsMissing(flag.optional()),
  tags: blankIsMissing(tagFilter.optional()),
  sort: blankIsMissing(z.enum(PRODUCT_SORTS, { message: `must be one of ${PRODUCT_SORTS.join(', ')}` }).optional()),
  /** one shop's products: the vendor's id */
  vendor: blankIsMissing(UuidInput.optional()),
  /** anything but `active` needs an admin's token, or the vendor's own for their `vendor=` */
  status: blankIsMissing(z.enum(['active', 'inactive', 'all'], { message: 'must be active, inactive or all' }).default('active')),
  facets: blankIsMissing(facetList.optional()),
  page: blankIsMissing(pageQuery.page),
  page_size: blankIsMissing(pageQuery.page_size),
});

/** The listing query as the catalog reads it: the price range checked, and the sort by default. */
export const ProductListQuery = ProductListParams.refine(
  (f) => f.min_price === undefined || f.max_price === undefined || f.min_price <= f.max_price,
  {
    path: ['max_price'],
    message: 'must not be below min_price',
  },
)
  // Searching, the best match comes first unless asked otherwise.
  .transform(({ sort, ...f }) => ({ ...f, sort: sort ?? (f.q ? 'relevance' : 'newest') }) as typeof f & { sort: ProductSort });

/** `GET /api/products/suggest?q=`: what is typed so far (under two characters, nothing is suggested). */
export const SuggestQuery = z.object({ q: blankIsMissing(searchText.optional()) });

/** `GET /products/:idOrSlug/related?limit=`. */
export const RelatedQuery = z.object({
  limit: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(MAX_RELATED, `must be ${MAX_RELATED} or fewer`)
    .default(4),
});

/** A product named in a path: its id, or its slug where the route reads either. */
export const ProductIdOrSlugParams = z.object({
  id: z.string().min(1).max(200).meta({ description: 'the product’s id, or its slug' }),
});
export const ProductIdParams = z.object({ id: Uuid.meta({ description: 'the product’s id' }) });

// ---- categories (admin) ----

const categoryName = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
const categorySlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'must not be empty')
  .max(MAX_SLUG_BASE, `must be at most ${MAX_SLUG_BASE} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'may hold only letters, digits and single hyphens')
  .refine((slug) => !isUuid(slug), 'must not look like an id');
const sortOrder = z
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(-1_000_000, 'must be at least -1000000')
  .max(1_000_000, 'must be at most 1000000');

export const CreateCategoryInput = z
  .object({
    name: categoryName,
    slug: categorySlug.optional(),
    parent_id: UuidInput.nullable().optional(),
    sort_order: sortOrder.optional(),
  })
  .meta({ id: 'CreateCategoryInput', examples: [{ name: 'Headphones', slug: 'headphones', sort_order: 2 }] });
export type CreateCategoryInput = z.input<typeof CreateCategoryInput>;

export const UpdateCategoryInput = z
  .object({ name: categoryName, slug: categorySlug, parent_id: UuidInput.nullable(), sort_order: sortOrder })
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one field to change')
  .meta({ id: 'UpdateCategoryInput', examples: [{ name: 'Audio', parent_id: null }] });
export type UpdateCategoryInput = z.input<typeof UpdateCategoryInput>;
