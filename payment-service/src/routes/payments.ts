import { userOf } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import { parse } from '@dm/common/validation';
import { PaymentListQuery } from '@dm/contracts/payments';
import { Router } from 'express';
import { type ChargeDeps, charge, idempotencyKeyOf } from '../charge.js';
import { attempts } from '../payments.js';

export function paymentRoutes(deps: ChargeDeps): Router {
  const router = Router();

  router.post('/payments', async (req, res) => {
    const user = userOf(req);
    const key = idempotencyKeyOf(req.get('idempotency-key'));
    const answer = await charge(deps, user, key, req.body);
    if (answer.replayed) res.set('idempotent-replayed', 'true');
    res.status(answer.status).json(answer.body);
  });

  router.get('/payments', async (req, res) => {
    const user = userOf(req);
    const { page, page_size, user_id } = parse(PaymentListQuery, req.query);
    if (user_id && user_id !== user.id && user.role !== 'admin') throw new HttpError(403, 'admin role required');
    res.json(await attempts.listByUser(deps.db, user_id ?? user.id, page, page_size));
  });

  return router;
}
