import type { VendorApplication, VendorApplicationPage, VendorPage } from '@dm/contracts/vendors';
import { Router } from 'express';
import { z } from 'zod';
import { submit } from '../../forms.js';
import { requireAdminPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { approveApplication } from '../../vendor-approval.js';
import { lastPage, pageParam } from '../../view-models/pagination.js';
import type { EditorDeps } from './product-editor.js';

const PAGE_SIZE = 25;
const listQuery = z.object({ page: pageParam });
const statusForm = z.object({ status: z.enum(['active', 'suspended']) });

/** /admin/vendors: the applications waiting for a decision, and every shop, with suspension. */
export function adminVendorPages({ clients, catalog: reader }: EditorDeps): Router {
  const { catalog } = clients;
  const router = Router();
  router.use('/admin/vendors', requireAdminPage);

  router.get('/admin/vendors', async (req, res) => {
    const { page } = listQuery.parse(req.query);
    const token = userToken(req);
    const [pending, shops] = await Promise.all([
      catalog.call<VendorApplicationPage>('GET', '/admin/vendor-applications', { token, query: { status: 'pending', page_size: 50 } }),
      catalog.call<VendorPage>('GET', '/admin/vendors', { token, query: { page, page_size: PAGE_SIZE } }),
    ]);
    res.render('admin/vendors', { title: 'Vendors', pending, shops, lastPage: lastPage(shops, PAGE_SIZE) });
  });

  router.post('/admin/vendors/applications/:id/approve', async (req, res) => {
    const result = await approveApplication(clients, userToken(req), req.params.id);
    const application = result.data as VendorApplication & { detail?: string };
    if (result.status === 200) flash(req, 'success', `“${application.shop_name}” is open: its owner signs in again to start selling.`);
    else flash(req, 'danger', application.detail ?? 'The application could not be approved.');
    await reader.invalidate();
    res.redirect('/admin/vendors');
  });

  router.post('/admin/vendors/applications/:id/reject', async (req, res) => {
    const result = await submit<VendorApplication>(
      catalog,
      'POST',
      `/admin/vendor-applications/${encodeURIComponent(req.params.id)}/reject`,
      {
        token: userToken(req),
        body: { reason: String(req.body.reason ?? '') },
        refusals: [404, 409, 422],
        failure: 'The application could not be rejected.',
      },
    );
    if (result.ok) flash(req, 'success', `The application of “${result.data.shop_name}” was rejected.`);
    else flash(req, 'danger', result.detail);
    res.redirect('/admin/vendors');
  });

  router.post('/admin/vendors/:id/status', async (req, res) => {
    const form = statusForm.safeParse(req.body);
    if (!form.success) {
      flash(req, 'warning', 'Choose whether to suspend or reopen the shop.');
      return res.redirect('/admin/vendors');
    }
    const result = await submit<{ name: string; status: string }>(catalog, 'PATCH', `/admin/vendors/${encodeURIComponent(req.params.id)}`, {
      token: userToken(req),
      body: { status: form.data.status },
      refusals: [404, 422],
      failure: 'The shop could not be changed.',
    });
    if (result.ok) {
      await reader.invalidate();
      const said =
        result.data.status === 'suspended' ? 'is suspended: its products are off sale' : 'is open again: its products are back on sale';
      flash(req, 'success', `“${result.data.name}” ${said}.`);
    } else {
      flash(req, 'danger', result.detail);
    }
    res.redirect('/admin/vendors');
  });

  return router;
}
