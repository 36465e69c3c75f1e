import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import { parse } from '@dm/common/validation';
import { ReserveInput } from '@dm/contracts/internal';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { release, reservationOf, reserve } from '../stock/reservations.js';
import { actorOf } from '../stock/stock-movements.js';

function orderIdOf(req: Request): string {
  const id = String(req.params.orderId);
  if (!isUuid(id)) throw new HttpError(422, 'order_id: must be a UUID', [{ field: 'order_id', message: 'must be a UUID' }]);
  return id.toLowerCase();
}

/** Stock held for orders: order-service reserves at checkout and releases on cancel. */
export function reservationRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.post('/internal/reservations', async (req, res) => {
    const { reservation, created } = await reserve(db, parse(ReserveInput, req.body ?? {}), actorOf(req.principal));
    res.status(created ? 201 : 200).json(reservation);
  });

  router.post('/internal/reservations/:orderId/release', async (req, res) => {
    const { reservation, releasedNow } = await release(db, orderIdOf(req), actorOf(req.principal));
    res.json({ ...reservation, released_now: releasedNow });
  });

  router.get('/internal/reservations/:orderId', async (req, res) => {
    res.json(await reservationOf(db, orderIdOf(req)));
  });

  return router;
}
