import { type Request, Router } from 'express';
import type { ManagedImage } from '../../catalog-types.js';
import { submit } from '../../forms.js';
import { userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { uploadedFiles } from '../../uploads.js';
import type { EditorBase, EditorDeps } from './product-editor.js';

// Checking an image and making its thumbnail takes a moment: more than a page read, less than this.
const UPLOAD_TIMEOUT_MS = 30_000;

/** Admin: a product's images, on its edit page. Upload, make main, move up or down, delete. */
export function adminImagePages({ clients: { catalog }, catalog: reader }: EditorDeps, base: EditorBase): Router {
  const router = Router();
  const productPath = (req: Request) => `/products/${encodeURIComponent(String(req.params.id))}`;
  const editPage = (req: Request) => `${base}/products/${encodeURIComponent(String(req.params.id))}/edit#images`;

  /**
   * Each file goes to catalog-service on its own, in the order chosen, as raw bytes: the catalog
   * tells an image by its content, never by its name or the type the browser guessed.
   */
  router.post(`${base}/products/:id/images`, async (req, res) => {
    if (req.uploadError) {
      flash(req, 'danger', `No images were added: ${req.uploadError}`);
      return res.redirect(editPage(req));
    }
    const files = uploadedFiles(req);
    if (files.length === 0) {
      flash(req, 'warning', 'Choose one or more images to upload.');
      return res.redirect(editPage(req));
    }
    let added = 0;
    const refused: string[] = [];
    for (const file of files) {
      const result = await submit<ManagedImage>(catalog, 'POST', `${productPath(req)}/images`, {
        token: userToken(req),
        rawBody: { data: file.data, contentType: 'application/octet-stream' },
        timeoutMs: UPLOAD_TIMEOUT_MS,
        refusals: [413, 422],
        failure: 'The image could not be uploaded.',
      });
      if (result.ok) added++;
      else refused.push(`“${file.name}” ${result.detail}`);
    }
    if (added > 0) await reader.invalidate();
    const addedText = `${added} ${added === 1 ? 'image was' : 'images were'} added.`;
    if (refused.length === 0) flash(req, 'success', addedText);
    else flash(req, added > 0 ? 'warning' : 'danger', `${added > 0 ? `${addedText} ` : ''}Not added: ${refused.join('; ')}.`);
    res.redirect(editPage(req));
  });

  router.post(`${base}/products/:id/images/:imageId/main`, async (req, res) => {
    await catalog.call('POST', `${productPath(req)}/images/${encodeURIComponent(String(req.params.imageId))}/main`, {
      token: userToken(req),
    });
    await reader.invalidate();
    flash(req, 'success', 'The main image was changed: listings show it now.');
    res.redirect(editPage(req));
  });

  /** One place earlier or later: the catalog takes the whole new order. */
  router.post(`${base}/products/:id/images/:imageId/move`, async (req, res) => {
    const { items } = await catalog.call<{ items: ManagedImage[] }>('GET', `${productPath(req)}/images`, { token: userToken(req) });
    const ids = items.map((i) => i.id);
    const at = ids.indexOf(String(req.params.imageId).toLowerCase());
    const to = req.body.direction === 'up' ? at - 1 : at + 1;
    if (at !== -1 && to >= 0 && to < ids.length) {
      [ids[at], ids[to]] = [ids[to]!, ids[at]!];
      await catalog.call('PUT', `${productPath(req)}/images/order`, { token: userToken(req), body: { ids } });
      await reader.invalidate();
    }
    res.redirect(editPage(req));
  });

  router.post(`${base}/products/:id/images/:imageId/delete`, async (req, res) => {
    const result = await submit(catalog, 'DELETE', `${productPath(req)}/images/${encodeURIComponent(String(req.params.imageId))}`, {
      token: userToken(req),
      refusals: [404],
      failure: 'The image could not be deleted.',
    });
    if (result.ok) {
      await reader.invalidate();
      flash(req, 'success', 'The image was deleted.');
    } else {
      flash(req, 'warning', 'That image was already gone.');
    }
    res.redirect(editPage(req));
  });

  return router;
}
