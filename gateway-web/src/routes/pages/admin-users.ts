import type { Page } from '@dm/common/pagination';
import type { AuditEvent } from '@dm/contracts/audit';
import { USER_ROLES, type User, type UserPage } from '@dm/contracts/auth';
import type { OrderPage } from '@dm/contracts/orders';
import type { PaymentPage } from '@dm/contracts/payments';
import { Router } from 'express';
import { z } from 'zod';
import type { Clients } from '../../clients.js';
import { submit } from '../../forms.js';
import { requireAdminPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { lastPage, pageParam } from '../../view-models/pagination.js';

const PAGE_SIZE = 25;
/** How much of a person's orders, payments and account history their page shows. */
const RECENT = 10;

// A filter the page cannot use is dropped rather than refused: the list still shows.
const filtersQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(USER_ROLES).optional().catch(undefined),
  page: pageParam,
});
const changeForm = z.object({ role: z.enum(USER_ROLES).optional(), is_active: z.enum(['true', 'false']).optional() });

/** Settles to null when a service is down, so one missing section does not lose the page. */
const orNull = <T>(p: Promise<T>) => p.catch(() => null);

/** /admin/users: people, searched and filtered; one person with their orders, payments and history. */
export function adminUserPages({ auth, order, payment }: Clients): Router {
  const router = Router();
  router.use('/admin/users', requireAdminPage);

  router.get('/admin/users', async (req, res) => {
    const filters = filtersQuery.parse(req.query);
    const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
    const result = await auth.call<UserPage>('GET', '/admin/users', { token: userToken(req), query: { ...query, page_size: PAGE_SIZE } });
    const { page: _page, ...kept } = query;
    res.render('admin/users', { title: 'People', filters, query: kept, roles: USER_ROLES, result, lastPage: lastPage(result, PAGE_SIZE) });
  });

  router.get('/admin/users/:id', async (req, res) => {
    const token = userToken(req);
    const id = req.params.id;
    const person = await auth.call<User>('GET', `/admin/users/${encodeURIComponent(id)}`, { token });
    const [orders, payments, history] = await Promise.all([
      orNull(order.call<OrderPage>('GET', '/orders', { token, query: { scope: 'all', user_id: person.id, page_size: RECENT } })),
      orNull(payment.call<PaymentPage>('GET', '/payments', { token, query: { user_id: person.id, page_size: RECENT } })),
      orNull(auth.call<Page<AuditEvent>>('GET', '/admin/audit-events', { token, query: { subject_id: person.id, page_size: RECENT } })),
    ]);
    res.render('admin/user', {
      title: person.full_name,
      person,
      roles: USER_ROLES,
      orders,
      payments,
      history,
      isSelf: person.id === req.principal?.id,
    });
  });

  router.post('/admin/users/:id', async (req, res) => {
    const id = req.params.id;
    const form = changeForm.safeParse(req.body);
    const change = form.success
      ? { role: form.data.role, is_active: form.data.is_active === undefined ? undefined : form.data.is_active === 'true' }
      : {};
    const result = await submit<User>(auth, 'PATCH', `/admin/users/${encodeURIComponent(id)}`, {
      token: userToken(req),
      body: change,
      refusals: [409, 422],
      failure: 'The change could not be saved.',
    });
    if (result.ok) {
      const said =
        change.is_active === false
          ? 'is disabled and signed out everywhere'
          : change.is_active
            ? 'is enabled again'
            : `is now ${result.data.role}`;
      flash(req, 'success', `${result.data.full_name} ${said}.`);
    } else {
      flash(req, 'danger', result.detail);
    }
    res.redirect(`/admin/users/${encodeURIComponent(id)}`);
  });

  return router;
}
