import { Router } from 'express';
import type { StockMovement } from '../../catalog-types.js';
import { submit } from '../../forms.js';
import { userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import type { EditorBase, EditorDeps } from './product-editor.js';

/** Admin: stock changed by a recorded adjustment (how much and why), from the product's edit page. */
export function adminStockPages({ clients: { catalog }, catalog: reader }: EditorDeps, base: EditorBase): Router {
  const router = Router();

  router.post(`${base}/products/:id/stock-movements`, async (req, res) => {
    const id = encodeURIComponent(String(req.params.id));
    const deltaText = String(req.body.delta ?? '')
      .trim()
      .replace(/^\+/, '');
    const result = await submit<StockMovement>(catalog, 'POST', `/products/${id}/stock`, {
      token: userToken(req),
      // Not a whole number stays text, so the catalog's message names the field.
      body: { delta: /^-?\d+$/.test(deltaText) ? Number(deltaText) : deltaText, reason: String(req.body.reason ?? '').trim() },
      // The form calls the delta "change".
      fieldOf: (path) => (path === 'delta' ? 'change' : path),
      failure: 'The stock could not be changed.',
    });
    if (result.ok) {
      await reader.invalidate();
      const { delta, reason, stock_after } = result.data;
      flash(req, 'success', `Stock ${delta > 0 ? `+${delta}` : `−${-delta}`} (${reason}): ${stock_after} in stock now.`);
    } else {
      const fields = Object.entries(result.errors).map(([field, message]) => `${field} ${message}`);
      flash(req, 'danger', `Stock not changed: ${fields.join('; ') || result.detail}.`);
    }
    res.redirect(`${base}/products/${id}/edit#stock`);
  });

  return router;
}
