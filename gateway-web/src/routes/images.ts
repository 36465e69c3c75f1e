import { ServiceUnavailableError } from '@dm/common/errors';
import { Router } from 'express';
import type { Clients } from '../clients.js';

const PASSED_HEADERS = ['content-type', 'content-length', 'cache-control', 'etag', 'content-security-policy', 'x-content-type-options'];

/** Product images live in catalog-service; the browser fetches them from the shop's own origin. */
export function imageRoutes({ catalog }: Clients): Router {
  const router = Router();
  router.get('/images/:id', async (req, res) => {
    const headers: Record<string, string> = {};
    const etag = req.headers['if-none-match'];
    if (etag) headers['if-none-match'] = etag;
    // ?size=thumb asks for the listing's small version.
    const query = typeof req.query.size === 'string' ? { size: req.query.size } : undefined;
    const upstream = await catalog.raw(`/images/${encodeURIComponent(req.params.id)}`, { headers, query }).catch((err: unknown) => {
      if (err instanceof ServiceUnavailableError) return null;
      throw err;
    });
    if (!upstream) return res.status(503).end();
    res.status(upstream.status);
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) res.set(name, value);
    }
    if (!upstream.body || upstream.status === 304) return res.end();
    upstream.body.pipe(res);
  });
  return router;
}
