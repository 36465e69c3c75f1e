import type { Payout, PayoutPage } from '@dm/contracts/vendor-orders';
import { Router } from 'express';
import type { Clients } from '../../clients.js';
import { submit, text } from '../../forms.js';
import { requireAdminPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { price } from '../../view-helpers.js';
import { lastPage, pageParam } from '../../view-models/pagination.js';

const PAGE_SIZE = 25;

/** /admin/payouts: what the shop owes each vendor, and a form to record a payout (simulated). */
export function adminPayoutPages({ order }: Clients): Router {
  const router = Router();
  router.use('/admin/payouts', requireAdminPage);

  router.get('/admin/payouts', async (req, res) => {
    const page = pageParam.parse(req.query.page);
    const result = await order.call<PayoutPage>('GET', '/admin/payouts', { token: userToken(req), query: { page, page_size: PAGE_SIZE } });
    res.render('admin/payouts', { title: 'Payouts', result, lastPage: lastPage(result, PAGE_SIZE) });
  });

  router.post('/admin/payouts', async (req, res) => {
    const note = text(req.body.note);
    const result = await submit<Payout>(order, 'POST', '/admin/payouts', {
      token: userToken(req),
      body: { vendor_id: text(req.body.vendor_id), amount: text(req.body.amount), ...(note ? { note } : {}) },
      failure: 'The payout could not be recorded.',
    });
    if (result.ok) {
      const { entry, account } = result.data;
      const who = account.vendor_name ?? 'the vendor';
      flash(
        req,
        'success',
        `Recorded a payout of ${price(entry.net.replace('-', ''))} to ${who}. They are now owed ${price(account.balance)}.`,
      );
    } else {
      flash(req, 'danger', result.errors.amount ? `The amount ${result.errors.amount}.` : result.detail);
    }
    res.redirect('/admin/payouts');
  });

  return router;
}
