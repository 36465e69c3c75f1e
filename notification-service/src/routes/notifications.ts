import { parse } from '@dm/common/validation';
import { NotificationQuery } from '@dm/contracts/notifications';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { listNotifications } from '../notifications.js';

/** The gateway's read of a shopper's mails (its service token carries the scope). */
export function notificationRoutes(db: Kysely<Database>): Router {
  const router = Router();

  router.get('/internal/notifications', async (req, res) => {
    const query = parse(NotificationQuery, req.query);
    res.json(await listNotifications(db, query.user_id, query.page, query.page_size));
  });

  return router;
}
