import { HttpError } from '@dm/common/errors';
import { type Request, Router } from 'express';
import type { StockMovement } from '../../catalog-types.js';
import { pageUser } from '../../page-guards.js';
import { flash } from '../../session.js';
import type { AdminDeps } from './admin.js';

/** Admin: stock changed by a recorded adjustment (how much and why), from the product's edit page. */
export function adminStockPages({ clients: { catalog }, catalog: reader }: AdminDeps): Router {
  const router = Router();
  const token = (req: Request) => pageUser(req).token;

  router.post('/admin/products/:id/stock-movements', async (req, res) => {
    const id = encodeURIComponent(String(req.params.id));
    const back = `/admin/products/${id}/edit#stock`;
    const deltaText = String(req.body.delta ?? '')
      .trim()
      .replace(/^\+/, '');
    const reason = String(req.body.reason ?? '').trim();
    const result = await catalog.request<StockMovement & { detail?: string; errors?: { field: string; message: string }[] }>(
      'POST',
      `/products/${id}/stock`,
      // Not a whole number stays text, so the catalog's message names the field.
      { token: token(req), body: { delta: /^-?\d+$/.test(deltaText) ? Number(deltaText) : deltaText, reason } },
    );
    if (result.status === 201) {
      reader.invalidate();
      const { delta, stock_after } = result.data;
      flash(req, 'success', `Stock ${delta > 0 ? `+${delta}` : `−${-delta}`} (${result.data.reason}): ${stock_after} in stock now.`);
    } else if (result.status === 409 || result.status === 422) {
      const fields = result.data.errors?.map((e) => `${e.field === 'delta' ? 'change' : e.field} ${e.message}`).join('; ');
      flash(req, 'danger', `Stock not changed: ${fields || result.data.detail}.`);
    } else {
      throw new HttpError(result.status, result.data.detail ?? 'The stock could not be changed.');
    }
    res.redirect(back);
  });

  return router;
}
