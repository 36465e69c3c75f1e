import { Router } from 'express';
import type { Clients } from '../../clients.js';
import { forward } from '../../proxy.js';
import { clearsReviews, type ReviewReader } from '../../review-reader.js';

/** Reviews, passed to review-service with the caller's token: it decides who may write what. */
export function reviewsApi({ review }: Clients, reviews: ReviewReader): Router {
  const router = Router();
  router.use(['/products/:id/reviews', '/reviews', '/admin/reviews'], clearsReviews(reviews));
  const id = (value: string | string[] | undefined) => encodeURIComponent(String(value));

  router.get('/products/:id/reviews', (req, res) => forward(review, req, res, `/products/${id(req.params.id)}/reviews`));
  router.get('/products/:id/reviews/mine', (req, res) => forward(review, req, res, `/products/${id(req.params.id)}/reviews/mine`));
  router.post('/products/:id/reviews', (req, res) => forward(review, req, res, `/products/${id(req.params.id)}/reviews`));
  router.patch('/reviews/:id', (req, res) => forward(review, req, res, `/reviews/${id(req.params.id)}`));
  router.delete('/reviews/:id', (req, res) => forward(review, req, res, `/reviews/${id(req.params.id)}`));
  router.post('/reviews/:id/reply', (req, res) => forward(review, req, res, `/reviews/${id(req.params.id)}/reply`));
  router.delete('/admin/reviews/:id/reply', (req, res) => forward(review, req, res, `/admin/reviews/${id(req.params.id)}/reply`));
  router.post('/admin/reviews/:id/hide', (req, res) => forward(review, req, res, `/admin/reviews/${id(req.params.id)}/hide`));
  router.post('/admin/reviews/:id/unhide', (req, res) => forward(review, req, res, `/admin/reviews/${id(req.params.id)}/unhide`));

  return router;
}
