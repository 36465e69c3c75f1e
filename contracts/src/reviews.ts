// Reviews and ratings: what a buyer writes, what the product page lists, the rating a product
// carries in the catalog, and the one rule that turns a count and a sum into an average.
import { z } from 'zod';
import { blankIsMissing, pageOf, pageQuery, Timestamp, Uuid } from './common.js';

export const REVIEW_TITLE_MAX = 120;
export const REVIEW_BODY_MAX = 4000;
export const REVIEW_REPLY_MAX = 2000;
export const RATINGS = [1, 2, 3, 4, 5] as const;
/** Reviews a page of the API lists unless asked for another page_size, and the most it lists. */
export const REVIEW_PAGE_SIZE_DEFAULT = 10;
export const REVIEW_PAGE_SIZE_MAX = 50;

/**
 * The average of `count` ratings adding up to `sum`, to one decimal place, rounded half up, as an
 * exact decimal string ("4.3"); null when there is none. Integers only: no float ever rounds it.
 */
export function averageRating(sum: number, count: number): string | null {
  if (count <= 0) return null;
  // round(10 * sum / count) half up = floor((20 * sum + count) / (2 * count)), in integers.
  const tenths = Math.floor((20 * sum + count) / (2 * count));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

// ---- the rating a product carries ----

/** "1.0" to "5.0": an average rating, one decimal place. */
export const RatingAverage = z
  .string()
  .regex(/^[1-5]\.\d$/)
  .meta({ id: 'RatingAverage', example: '4.3' });

/** A product's rating, as the catalog shows it on every product: null average until reviewed. */
export const ProductRating = z
  .object({ average: RatingAverage.nullable(), count: z.int().nonnegative() })
  .meta({ id: 'ProductRating', description: 'the average of the visible reviews (one decimal) and how many there are' });
export type ProductRating = z.infer<typeof ProductRating>;

// ---- writes ----

const rating = z
  .number({ message: 'must be a whole number from 1 to 5' })
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be a whole number from 1 to 5')
  .max(5, 'must be a whole number from 1 to 5');
const title = z
  .string({ message: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(REVIEW_TITLE_MAX, `must be at most ${REVIEW_TITLE_MAX} characters`);
const body = z.string({ message: 'must be text' }).trim().max(REVIEW_BODY_MAX, `must be at most ${REVIEW_BODY_MAX} characters`);

/** `POST /api/products/:id/reviews`: stars, a title, and (optionally) some words. Stored as text. */
export const ReviewInput = z.object({ rating, title, body: body.default('') }).meta({
  id: 'ReviewInput',
  examples: [{ rating: 5, title: 'Quiet and bright', body: 'Lights the whole desk without glare. Would buy again.' }],
});
export type ReviewInput = z.input<typeof ReviewInput>;

/** `PATCH /api/reviews/:id` (its author): the fields to change, at least one. */
export const ReviewUpdate = z
  .object({ rating, title, body })
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one field to change')
  .meta({ id: 'ReviewUpdate', examples: [{ rating: 4 }, { title: 'Good, after a month', body: 'The switch got stiff.' }] });
export type ReviewUpdate = z.input<typeof ReviewUpdate>;

/** `POST /api/reviews/:id/reply` (the shop that sells the product): its one answer, stored as text. */
export const ReviewReplyInput = z
  .object({
    body: z
      .string({ message: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(REVIEW_REPLY_MAX, `must be at most ${REVIEW_REPLY_MAX} characters`),
  })
  .meta({ id: 'ReviewReplyInput', examples: [{ body: 'Thank you! A quieter switch ships with every lamp since March.' }] });
export type ReviewReplyInput = z.input<typeof ReviewReplyInput>;

// ---- answers ----

/** A review as the product page shows it: the author by a short name only, never their id. */
export const Review = z
  .object({
    id: Uuid,
    product_id: Uuid,
    rating: z.int().min(1).max(5),
    title: z.string(),
    body: z.string(),
    /** "Sam S.": the author's first name and initial */
    author_name: z.string(),
    /** hidden by an admin: only the author and admins ever see it */
    is_hidden: z.boolean(),
    /** the answer of the shop that sells the product: one, final once posted */
    vendor_reply: z.string().nullable(),
    vendor_reply_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Review' });
export type Review = z.infer<typeof Review>;

/** The visible reviews of a product in figures: hidden ones count nowhere. */
export const ReviewSummary = z
  .object({
    average: RatingAverage.nullable(),
    count: z.int().nonnegative(),
    /** how many reviews gave each number of stars */
    distribution: z.object({ 1: z.int(), 2: z.int(), 3: z.int(), 4: z.int(), 5: z.int() }),
  })
  .meta({ id: 'ReviewSummary' });
export type ReviewSummary = z.infer<typeof ReviewSummary>;

/** `GET /api/products/:id/reviews`: a page of reviews, newest first, and the summary of all of them. */
export const ReviewPage = pageOf(Review).extend({ summary: ReviewSummary }).meta({ id: 'ReviewPage' });
export type ReviewPage = z.infer<typeof ReviewPage>;

/** Why a signed-in shopper may not write a review of a product (null: they may). */
export const REVIEW_BLOCKS = ['reviewed', 'not_delivered'] as const;

/** `GET /api/products/:id/reviews/mine`: the caller's own review, and whether they may write one. */
export const MyReview = z
  .object({
    review: Review.nullable(),
    can_review: z.boolean(),
    reason: z.enum(REVIEW_BLOCKS).nullable(),
  })
  .meta({ id: 'MyReview' });
export type MyReview = z.infer<typeof MyReview>;

// ---- reading ----

const flag = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

/** `?page=&page_size=`, and (admins only) `include_hidden=true`. */
export const ReviewListQuery = z.object({
  page: blankIsMissing(pageQuery.page),
  page_size: blankIsMissing(
    z.coerce
      .number()
      .int()
      .min(1, 'must be 1 or more')
      .max(REVIEW_PAGE_SIZE_MAX, `must be ${REVIEW_PAGE_SIZE_MAX} or fewer`)
      .default(REVIEW_PAGE_SIZE_DEFAULT),
  ),
  include_hidden: blankIsMissing(flag.default(false)).meta({ description: 'admins only: list hidden reviews too' }),
});

export const ProductReviewsParams = z.object({ id: Uuid.meta({ description: 'the product’s id' }) });
export const ReviewIdParams = z.object({ id: Uuid.meta({ description: 'the review’s id' }) });
