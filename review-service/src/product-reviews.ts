// What a product page reads: its reviews with their summary, and the signed-in shopper's own.
import type { Principal } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import { parse } from '@dm/common/validation';
import { type MyReview, ReviewListQuery, type ReviewPage } from '@dm/contracts/reviews';
import { hasDeliveredPurchase } from './neighbours.js';
import { ratings, starsOf } from './ratings.js';
import type { ReviewDeps } from './review-changes.js';
import { countAndSum, summaryOf } from './review-rules.js';
import { reviewRowToReview, reviews } from './reviews.js';

const productNotFound = () => new HttpError(404, 'product not found');

/**
 * A page of a product's visible reviews, newest first, and the summary of them all (read from the
 * product's figures: no counting). An admin may ask for the hidden ones too. A product without
 * reviews, or that this service never heard of, has an empty page.
 */
export async function listProductReviews(
  deps: Pick<ReviewDeps, 'db'>,
  caller: Principal | undefined,
  productId: string,
  query: unknown,
): Promise<ReviewPage> {
  if (!isUuid(productId)) throw productNotFound();
  const { page, page_size, include_hidden } = parse(ReviewListQuery, query);
  if (include_hidden) {
    if (!caller) throw new HttpError(401, 'not authenticated');
    if (caller.role !== 'admin') throw new HttpError(403, 'admin role required');
  }
  const stars = starsOf(await ratings.find(deps.db, productId));
  const list = await reviews.listOfProduct(deps.db, productId, {
    includeHidden: include_hidden,
    page,
    pageSize: page_size,
    total: include_hidden ? undefined : countAndSum(stars).count,
  });
  return { ...list, items: list.items.map(reviewRowToReview), summary: summaryOf(stars) };
}

/** The caller's own review of a product (hidden or not), and whether they may write one. */
export async function myReview(deps: ReviewDeps, user: Principal, productId: string): Promise<MyReview> {
  if (!isUuid(productId)) throw productNotFound();
  const mine = await reviews.findMine(deps.db, productId, user.id);
  if (mine) return { review: reviewRowToReview(mine), can_review: false, reason: 'reviewed' };
  const purchased = await hasDeliveredPurchase(deps, user.id, productId);
  return { review: null, can_review: purchased, reason: purchased ? null : 'not_delivered' };
}
