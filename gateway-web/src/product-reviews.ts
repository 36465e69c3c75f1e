// What a product page reads from review-service: a page of its reviews with their summary, and the
// signed-in shopper's own review (or whether they may write one). Neither is needed for the page to
// show: a review-service that cannot be reached, or that refuses the call, leaves the section saying so.
import type { Principal } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import type { MyReview, ReviewPage } from '@dm/contracts/reviews';
import type { ReviewReader } from './review-reader.js';

/** Reviews a product page shows at a time. */
export const REVIEWS_PER_PAGE = 5;

export interface ProductReviews {
  /** null: review-service is unavailable */
  list: ReviewPage | null;
  /** the shopper's own; null for a guest, or when it could not be asked */
  mine: MyReview | null;
  /** a signed-in shopper whose own review could not be read */
  mineUnavailable: boolean;
}

// Down (503), or a refusal such as a 401 for a token that expired while the page was being put
// together (the catalog took it a moment earlier): the product still shows, as with related products.
const orNull = <T>(read: Promise<T>): Promise<T | null> =>
  read.catch((err: unknown) => {
    if (err instanceof HttpError) return null;
    throw err;
  });

/** An admin sees the hidden reviews too (marked), to show them again; everyone else the cached public page. */
export async function readProductReviews(
  { review, reviews }: { review: ServiceClient; reviews: ReviewReader },
  productId: string,
  page: number,
  viewer?: Principal,
): Promise<ProductReviews> {
  const admin = viewer?.role === 'admin';
  const path = `/products/${encodeURIComponent(productId)}/reviews`;
  const [list, mine] = await Promise.all([
    orNull(
      admin
        ? review.call<ReviewPage>('GET', path, {
            query: { page, page_size: REVIEWS_PER_PAGE, include_hidden: 'true' },
            token: viewer.token,
          })
        : reviews.page(productId, page, REVIEWS_PER_PAGE),
    ),
    viewer ? orNull(review.call<MyReview>('GET', `${path}/mine`, { token: viewer.token })) : Promise.resolve(null),
  ]);
  return { list, mine, mineUnavailable: viewer !== undefined && list !== null && mine === null };
}
