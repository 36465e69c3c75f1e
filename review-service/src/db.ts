import type { OutboxTable } from '@dm/common/outbox';
import type { Generated, Selectable } from 'kysely';

export interface ReviewsTable {
  id: Generated<string>;
  product_id: string;
  user_id: string;
  /** "Sam S.", as the page shows the author */
  author_name: string;
  rating: number;
  title: string;
  body: Generated<string>;
  /** set while an admin keeps the review hidden */
  hidden_at: Date | null;
  hidden_by: string | null;
  /** a vendor's answer: nothing writes these until vendors exist */
  vendor_reply: string | null;
  vendor_reply_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A product's visible reviews by their stars; `version` grows with every change. */
export interface ProductRatingsTable {
  product_id: string;
  stars_1: Generated<number>;
  stars_2: Generated<number>;
  stars_3: Generated<number>;
  stars_4: Generated<number>;
  stars_5: Generated<number>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export type ReviewRow = Selectable<ReviewsTable>;
export type ProductRatingRow = Selectable<ProductRatingsTable>;

export interface Database {
  reviews: ReviewsTable;
  product_ratings: ProductRatingsTable;
  outbox: OutboxTable;
}
