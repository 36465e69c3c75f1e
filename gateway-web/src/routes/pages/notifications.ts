import { HttpError } from '@dm/common/errors';
import type { NotificationList } from '@dm/contracts/notifications';
import { Router } from 'express';
import type { NotificationReader } from '../../notification-reader.js';
import { pageUser, requireUserPage } from '../../page-guards.js';
import { lastPage, pageParam } from '../../view-models/pagination.js';

const PAGE_SIZE = 20;

/** `/account/notifications`: the mails the shop sent the signed-in shopper (when, about what, whether it went). */
export function notificationPages(notifications: NotificationReader): Router {
  const router = Router();

  router.get('/account/notifications', requireUserPage, async (req, res) => {
    const page = pageParam.parse(req.query.page);
    // Down, or refusing the gateway: the page still shows, and says the list is unavailable.
    const result: NotificationList | null = await notifications.mine(pageUser(req).id, page, PAGE_SIZE).catch((err: unknown) => {
      if (err instanceof HttpError) return null;
      throw err;
    });
    res.status(result ? 200 : 503).render('account/notifications', {
      title: 'Your notifications',
      result,
      lastPage: result ? lastPage(result, PAGE_SIZE) : 1,
    });
  });

  return router;
}
