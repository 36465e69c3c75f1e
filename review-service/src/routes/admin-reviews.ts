import { requireAdmin } from '@dm/common/auth';
import { Router } from 'express';
import { type ReviewDeps, removeReply, setHidden } from '../review-changes.js';

/** Admins hide a review (it leaves the page and the rating) and show it again, and remove a seller's reply. */
export function adminReviewRoutes(deps: ReviewDeps): Router {
  const router = Router();
  router.use('/admin/reviews', requireAdmin);

  router.post('/admin/reviews/:id/hide', async (req, res) => {
    res.json(await setHidden(deps, req.principal!, req.params.id, true));
  });

  router.post('/admin/reviews/:id/unhide', async (req, res) => {
    res.json(await setHidden(deps, req.principal!, req.params.id, false));
  });

  router.delete('/admin/reviews/:id/reply', async (req, res) => {
    res.json(await removeReply(deps, req.params.id));
  });

  return router;
}
