import type { Outbox } from '@dm/common/outbox';
import { parse } from '@dm/common/validation';
import { RefundInput } from '@dm/contracts/internal';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { refundOrder } from '../refunds.js';

/** Calls from other services (order-service); the gateway never proxies /internal/*. */
export function internalRoutes({ db, outbox }: { db: Kysely<Database>; outbox: Outbox }): Router {
  const router = Router();

  // Idempotent: a second request for the same order answers the same and refunds nothing more.
  router.post('/internal/refunds', async (req, res) => {
    const { order_id, reason } = parse(RefundInput, req.body ?? {});
    const { event, ...refund } = await refundOrder(db, order_id, reason);
    if (event) void outbox.send(event);
    res.json(refund);
  });

  return router;
}
