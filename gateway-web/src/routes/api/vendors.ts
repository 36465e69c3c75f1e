import { Router } from 'express';
import { requestToken } from '../../auth-cookie.js';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Clients } from '../../clients.js';
import { forward } from '../../proxy.js';
import { approveApplication } from '../../vendor-approval.js';

/** Shops: passed to catalog-service with the caller's token, except approval, which auth-service completes. */
export function vendorsApi(clients: Clients, reader: CatalogReader): Router {
  const { catalog } = clients;
  const router = Router();
  const id = (value: string | string[] | undefined) => encodeURIComponent(String(value));

  router.post('/vendors/apply', (req, res) => forward(catalog, req, res, '/vendors/apply'));
  router.get('/vendors/me/application', (req, res) => forward(catalog, req, res, '/vendors/me/application'));
  router.get('/vendors/me', (req, res) => forward(catalog, req, res, '/vendors/me'));
  router.patch('/vendors/me', async (req, res) => {
    await forward(catalog, req, res, '/vendors/me');
    await reader.invalidate();
  });
  router.get('/vendors/:slug', (req, res) => forward(catalog, req, res, `/vendors/${id(req.params.slug)}`));
  router.get('/admin/vendor-applications', (req, res) => forward(catalog, req, res, '/admin/vendor-applications'));
  router.post('/admin/vendor-applications/:id/approve', async (req, res) => {
    const result = await approveApplication(clients, requestToken(req), String(req.params.id));
    res.status(result.status).json(result.data);
  });
  router.post('/admin/vendor-applications/:id/reject', (req, res) =>
    forward(catalog, req, res, `/admin/vendor-applications/${id(req.params.id)}/reject`),
  );
  router.get('/admin/vendors', (req, res) => forward(catalog, req, res, '/admin/vendors'));
  // A suspension takes products off sale: the gateway's cached pages must not keep showing them.
  router.patch('/admin/vendors/:id', async (req, res) => {
    await forward(catalog, req, res, `/admin/vendors/${id(req.params.id)}`);
    await reader.invalidate();
  });

  return router;
}
