import { userOf } from '@dm/common/auth';
import { parse } from '@dm/common/validation';
import { MyNotificationsQuery } from '@dm/contracts/notifications';
import { Router } from 'express';
import type { NotificationReader } from '../../notification-reader.js';

/** The signed-in user's own mails; notification-service's list is internal, so the gateway names the user. */
export function notificationsApi(notifications: NotificationReader): Router {
  const router = Router();

  router.get('/account/notifications', async (req, res) => {
    const user = userOf(req);
    const { page, page_size } = parse(MyNotificationsQuery, req.query);
    res.json(await notifications.mine(user.id, page, page_size));
  });

  return router;
}
