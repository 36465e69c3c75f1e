import { userOf } from '@dm/common/auth';
import { Router } from 'express';
import { listProductReviews, myReview } from '../product-reviews.js';
import { createReview, deleteReview, type ReviewDeps, replyToReview, updateReview } from '../review-changes.js';

/**
 * A product's reviews for anyone; writing, editing and deleting one's own for a signed-in buyer;
 * the one reply of the vendor who sells the product.
 */
export function reviewRoutes(deps: ReviewDeps): Router {
  const router = Router();

  router.get('/products/:id/reviews', async (req, res) => {
    res.json(await listProductReviews(deps, req.principal, req.params.id, req.query));
  });

  router.get('/products/:id/reviews/mine', async (req, res) => {
    res.json(await myReview(deps, userOf(req), req.params.id));
  });

  router.post('/products/:id/reviews', async (req, res) => {
    res.status(201).json(await createReview(deps, userOf(req), req.params.id, req.body ?? {}));
  });

  router.patch('/reviews/:id', async (req, res) => {
    res.json(await updateReview(deps, userOf(req), req.params.id, req.body ?? {}));
  });

  router.delete('/reviews/:id', async (req, res) => {
    await deleteReview(deps, userOf(req), req.params.id);
    res.status(204).end();
  });

  router.post('/reviews/:id/reply', async (req, res) => {
    res.status(201).json(await replyToReview(deps, userOf(req), req.params.id, req.body ?? {}));
  });

  return router;
}
