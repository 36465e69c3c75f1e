import { auditActorOf } from '@dm/common/audit';
import { requireAdmin, userOf } from '@dm/common/auth';
import { parse } from '@dm/common/validation';
import { PayoutInput, type PayoutPage, PayoutQuery } from '@dm/contracts/vendor-orders';
import { Router } from 'express';
import type { CheckoutDeps } from '../checkout.js';
import { ledger } from '../ledger.js';
import { recordPayout } from '../payouts.js';

/** The admin's side of the vendors' money: what each is owed, and payouts (simulated). */
export function payoutRoutes(deps: CheckoutDeps): Router {
  const router = Router();
  const { db } = deps;
  router.use('/admin/payouts', requireAdmin);

  router.get('/admin/payouts', async (req, res) => {
    const q = parse(PayoutQuery, req.query);
    const [page, totals] = await Promise.all([ledger.accounts(db, q.page, q.page_size), ledger.platformTotals(db)]);
    res.json({ ...page, ...totals } satisfies PayoutPage);
  });

  router.post('/admin/payouts', async (req, res) => {
    const admin = userOf(req);
    const input = parse(PayoutInput, req.body ?? {});
    res.status(201).json(await recordPayout(deps, { id: admin.id, audit: auditActorOf(admin) }, input));
  });

  return router;
}
