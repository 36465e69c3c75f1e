import { requireAdmin } from '@dm/common/auth';
import { Router } from 'express';
import { type ReviewDeps, setHidden } from '../review-changes.js';

/** Admins hide a review (it leaves the page and the rating) and show it again. */
export function adminReviewRoutes(deps: ReviewDeps): Router {
  const router = Router();
  router.use('/admin/reviews', requireAdmin);

  router.post('/admin/reviews/:id/hide', async (req, res) => {
    res.json(await setHidden(deps, req.principal!, req.params.id, true));
  });

  router.post('/admin/reviews/:id/unhide', async (req, res) => {
    res.json(await setHidden(deps, req.principal!, req.params.id, false));
  });

  return router;
}
