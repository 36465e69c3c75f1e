// The product page, rendered from one place: the GET route, and the review and reply forms that show
// it again with what was typed when review-service refuses a review or a reply.

import { HttpError } from '@dm/common/errors';
import type { Request, Response } from 'express';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Category, Product, ProductDetail } from '../../catalog-types.js';
import type { Clients } from '../../clients.js';
import { readProductReviews } from '../../product-reviews.js';
import type { ReviewReader } from '../../review-reader.js';
import { pageParam } from '../../view-models/pagination.js';
import { productView } from '../../view-models/product.js';
import { type ReplyFormState, type ReviewFormState, reviewsView } from '../../view-models/reviews.js';

const RELATED = 4;

export interface ProductPageDeps {
  clients: Clients;
  reader: CatalogReader;
  reviews: ReviewReader;
}

/**
 * Reads the product by slug (404 when it is not sold), its related products and its reviews, and
 * renders it; answers the product, and whether it was an admin's preview.
 */
export async function renderProductPage(
  { clients, reader, reviews: reviewReader }: ProductPageDeps,
  req: Request,
  res: Response,
  slug: string,
  options: { status?: number; reviewForm?: ReviewFormState; replyForm?: ReplyFormState } = {},
): Promise<{ product: ProductDetail; preview: boolean }> {
  // An admin may preview a hidden product (asking with their token); everyone else sees the
  // public, cached product.
  const admin = req.principal?.role === 'admin' ? req.principal : null;
  const read = admin
    ? clients.catalog.call<ProductDetail>('GET', `/products/${encodeURIComponent(slug)}`, { token: admin.token })
    : reader.product(slug);
  const product = await read.catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404)
      throw new HttpError(404, 'We could not find that product. It may no longer be sold.');
    throw err;
  });
  const page = pageParam.parse(req.query.reviews_page ?? 1);
  const [related, reviews] = await Promise.all([
    // Related products are a nicety: without them the product page still shows.
    (admin
      ? clients.catalog
          .call<{ items: Product[] }>('GET', `/products/${product.id}/related`, { token: admin.token, query: { limit: RELATED } })
          .then((r) => r.items)
      : reader.related(product.slug, RELATED)
    ).catch(() => [] as Product[]),
    readProductReviews({ review: clients.review, reviews: reviewReader }, product.id, page, req.principal),
  ]);
  const all = (res.locals.navCategories as Category[] | null) ?? [];
  res.status(options.status ?? 200).render('product', {
    ...productView(product, related, all, req.query.image),
    reviews: reviewsView(reviews, product, req.principal ?? null, page, { review: options.reviewForm, reply: options.replyForm }),
  });
  return { product, preview: admin !== null };
}
