// What only a catalog admin sends and reads: stock adjustments and their history, a product's
// images, the CSV import's report, bulk actions and the dashboard's figures.
import { z } from 'zod';
import { MAX_STOCK, ProductImage } from './catalog.js';
import { pageOf, pageQuery, Timestamp, Uuid, UuidInput } from './common.js';

/** Largest image upload: 5 MiB. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Largest CSV import: 5 MiB. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_ALT_LENGTH = 300;
export const MAX_BULK_IDS = 500;

// ---- stock ----

/** One change of a product's stock. */
export const StockMovement = z
  .object({
    id: Uuid,
    product_id: Uuid,
    delta: z.int(),
    reason: z.string(),
    /** who: a person's email (else id), or a service's name */
    actor: z.string(),
    stock_after: z.int().nonnegative(),
    order_id: Uuid.nullable(),
    created_at: Timestamp,
  })
  .meta({ id: 'StockMovement' });
export type StockMovement = z.infer<typeof StockMovement>;

export const MovementPage = pageOf(StockMovement).meta({ id: 'StockMovementPage' });
export type MovementPage = z.infer<typeof MovementPage>;

export const MovementsQuery = z.object({ page: pageQuery.page, page_size: pageQuery.page_size });

/** `POST /products/:id/stock`: add (or, negative, take away) units, saying why. */
export const StockAdjustmentInput = z
  .object({
    delta: z
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(-MAX_STOCK, `must be at least -${MAX_STOCK}`)
      .max(MAX_STOCK, `must be at most ${MAX_STOCK}`)
      .refine((d) => d !== 0, 'must not be 0'),
    reason: z.string({ message: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  })
  .meta({ id: 'StockAdjustmentInput', examples: [{ delta: 24, reason: 'delivery from the supplier' }] });
export type StockAdjustmentInput = z.input<typeof StockAdjustmentInput>;

// ---- images ----

/** An image as the admin manages it. */
export const ManagedImage = ProductImage.extend({
  position: z.int(),
  /** whether the product's `image_url` (its picture in listings) is this image */
  is_main: z.boolean(),
  content_type: z.string(),
  byte_size: z.int().nonnegative(),
}).meta({ id: 'ManagedImage' });
export type ManagedImage = z.infer<typeof ManagedImage>;

export const ManagedImageList = z.object({ items: z.array(ManagedImage) });

/** `GET /images/:id?size=`. */
export const ImageSizeQuery = z.object({
  size: z.enum(['original', 'thumb'], { message: 'must be original or thumb' }).default('original'),
});

/** `POST /products/:id/images?alt=`: the body is the image itself. */
export const ImageUploadQuery = z.object({
  alt: z.string().trim().max(MAX_ALT_LENGTH, `must be at most ${MAX_ALT_LENGTH} characters`).optional(),
});

/** `PUT /products/:id/images/order`: every image id of the product, in the order wanted. */
export const ImageOrderInput = z
  .object({ ids: z.array(z.string(), { message: 'must be a list of image ids' }).max(1000) })
  .meta({ examples: [{ ids: ['0b6f2c1e-8d3a-4c55-9f7e-2a1d4b6c8e90', '5d2e9f40-1c7b-4a3e-8b6d-7f0a9c2e4b13'] }] });

// ---- the CSV import ----

/** A problem in the file: `line` is its line number, the header being line 1. */
export const CsvError = z.object({ line: z.int().positive(), field: z.string(), message: z.string() });
export type CsvError = z.infer<typeof CsvError>;

export const ImportResult = z.object({
  created: z.int().nonnegative(),
  /** existing products the file changed */
  updated: z.int().nonnegative(),
  /** existing products the file names exactly as they are */
  unchanged: z.int().nonnegative(),
});
export type ImportResult = z.infer<typeof ImportResult>;

// ---- bulk actions ----

export const BULK_ACTIONS = ['activate', 'deactivate', 'set_category'] as const;

/** `POST /products/bulk`: one action on many products, all or nothing. */
export const BulkInput = z
  .object({
    ids: z
      .array(UuidInput, { message: 'must be a list of product ids' })
      .min(1, 'give at least one id')
      .max(MAX_BULK_IDS, `at most ${MAX_BULK_IDS} ids`)
      .transform((ids) => [...new Set(ids)]),
    action: z.enum(BULK_ACTIONS, { message: `must be one of ${BULK_ACTIONS.join(', ')}` }),
    category_id: UuidInput.optional(),
  })
  .refine((input) => input.action !== 'set_category' || input.category_id !== undefined, {
    path: ['category_id'],
    message: 'is required for set_category',
  })
  .meta({ examples: [{ ids: ['0b6f2c1e-8d3a-4c55-9f7e-2a1d4b6c8e90'], action: 'deactivate' }] });
export type BulkInput = z.input<typeof BulkInput>;

/** How many products the action changed. */
export const BulkResult = z.object({ updated: z.int().nonnegative() });
export type BulkResult = z.infer<typeof BulkResult>;

// ---- the dashboard ----

export const CatalogStats = z.object({
  products: z.int().nonnegative(),
  active: z.int().nonnegative(),
  inactive: z.int().nonnegative(),
  /** active and none left */
  out_of_stock: z.int().nonnegative(),
  /** active with a few left */
  low_stock: z.int().nonnegative(),
  categories: z.int().nonnegative(),
  /** the active products with the least stock, out of stock first */
  low_stock_products: z.array(z.object({ id: Uuid, name: z.string(), sku: z.string(), stock: z.int().nonnegative() })),
});
export type CatalogStats = z.infer<typeof CatalogStats>;

// ---- search ----

/** A synonym's words: letters, digits, hyphens and spaces, as a shopper would type them. */
const synonymWords = z
  .string({ message: 'is required' })
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(60, 'must be at most 60 characters')
  .regex(/^[\p{L}\p{N}]+(?:[ -][\p{L}\p{N}]+)*$/u, 'may hold only letters, digits, single spaces and hyphens')
  .refine((s) => s.split(/[ -]/).length <= 3, 'must be at most three words');

/** What a search for `term` also finds: `synonym` ("tee" → "t-shirt"). One way: add the reverse for both. */
export const Synonym = z.object({ id: Uuid, term: z.string(), synonym: z.string(), created_at: Timestamp }).meta({ id: 'Synonym' });
export type Synonym = z.infer<typeof Synonym>;

export const SynonymList = z.object({ items: z.array(Synonym) }).meta({ id: 'SynonymList' });
export type SynonymList = z.infer<typeof SynonymList>;

export const SynonymInput = z
  .object({ term: synonymWords, synonym: synonymWords })
  .refine((s) => s.term !== s.synonym, { message: 'must differ from the term', path: ['synonym'] })
  .meta({ id: 'SynonymInput', examples: [{ term: 'tee', synonym: 't-shirt' }] });
export type SynonymInput = z.input<typeof SynonymInput>;

export const SynonymIdParams = z.object({ id: UuidInput });
