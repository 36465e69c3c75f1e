import type { ServiceClient } from '@dm/common/http-client';
import type { SharedRedis } from '@dm/common/redis';
import type { ReviewPage } from '@dm/contracts/reviews';
import type { RequestHandler } from 'express';
import { createReadCache } from './read-cache.js';

/**
 * The public page of a product's reviews, through a short-lived cache like the catalog's: every
 * product page shows it, and without the cache each view of a busy product asks review-service
 * again. Reviews written through this gateway clear it (with Redis, for every replica); without
 * Redis, one written through another replica shows here within `ttlSeconds`.
 */
export interface ReviewReader {
  page(productId: string, page: number, pageSize: number): Promise<ReviewPage>;
  invalidate(): void;
}

export function createReviewReader(review: ServiceClient, ttlSeconds: number, redis?: SharedRedis): ReviewReader {
  const cache = createReadCache(ttlSeconds * 1000, 1000, redis && { redis, name: 'reviews' });
  return {
    page: (productId, page, pageSize) =>
      cache.get(`${productId}?${page}&${pageSize}`, () =>
        review.call<ReviewPage>('GET', `/products/${encodeURIComponent(productId)}/reviews`, { query: { page, page_size: pageSize } }),
      ),
    invalidate() {
      void cache.clear();
    },
  };
}

/**
 * Route guard of review writes: the cached pages are cleared when one starts and again once it has
 * answered, so no read that raced the write keeps the old page.
 */
export function clearsReviews(reviews: ReviewReader): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reviews.invalidate();
      res.on('finish', () => reviews.invalidate());
    }
    next();
  };
}
