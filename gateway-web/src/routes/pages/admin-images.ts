import { HttpError } from '@dm/common/errors';
import { type Request, Router } from 'express';
import type { ManagedImage } from '../../catalog-types.js';
import { pageUser } from '../../page-guards.js';
import { flash } from '../../session.js';
import { uploadedFiles } from '../../uploads.js';
import type { AdminDeps } from './admin.js';

// Checking an image and making its thumbnail takes a moment: more than a page read, less than this.
const UPLOAD_TIMEOUT_MS = 30_000;

/** Admin: a product's images, on its edit page. Upload, make main, move up or down, delete. */
export function adminImagePages({ clients: { catalog }, catalog: reader }: AdminDeps): Router {
  const router = Router();
  const token = (req: Request) => pageUser(req).token;
  const productPath = (req: Request) => `/products/${encodeURIComponent(String(req.params.id))}`;
  const editPage = (req: Request) => `/admin/products/${encodeURIComponent(String(req.params.id))}/edit#images`;

  /**
   * Each file goes to catalog-service on its own, in the order chosen, as raw bytes: the catalog
   * tells an image by its content, never by its name or the type the browser guessed.
   */
  router.post('/admin/products/:id/images', async (req, res) => {
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
      const result = await catalog.request<ManagedImage & { detail?: string }>('POST', `${productPath(req)}/images`, {
        token: token(req),
        rawBody: { data: file.data, contentType: 'application/octet-stream' },
        timeoutMs: UPLOAD_TIMEOUT_MS,
      });
      if (result.status === 201) added++;
      else if (result.status === 422 || result.status === 413) refused.push(`“${file.name}” ${result.data.detail ?? 'was refused'}`);
      else throw new HttpError(result.status, result.data.detail ?? 'The image could not be uploaded.');
    }
    if (added > 0) reader.invalidate();
    const addedText = `${added} ${added === 1 ? 'image was' : 'images were'} added.`;
    if (refused.length === 0) flash(req, 'success', addedText);
    else flash(req, added > 0 ? 'warning' : 'danger', `${added > 0 ? `${addedText} ` : ''}Not added: ${refused.join('; ')}.`);
    res.redirect(editPage(req));
  });

  router.post('/admin/products/:id/images/:imageId/main', async (req, res) => {
    await catalog.call('POST', `${productPath(req)}/images/${encodeURIComponent(String(req.params.imageId))}/main`, { token: token(req) });
    reader.invalidate();
    flash(req, 'success', 'The main image was changed: listings show it now.');
    res.redirect(editPage(req));
  });

  /** One place earlier or later: the catalog takes the whole new order. */
  router.post('/admin/products/:id/images/:imageId/move', async (req, res) => {
    const { items } = await catalog.call<{ items: ManagedImage[] }>('GET', `${productPath(req)}/images`, { token: token(req) });
    const ids = items.map((i) => i.id);
    const at = ids.indexOf(String(req.params.imageId).toLowerCase());
    const to = req.body.direction === 'up' ? at - 1 : at + 1;
    if (at !== -1 && to >= 0 && to < ids.length) {
      [ids[at], ids[to]] = [ids[to]!, ids[at]!];
      await catalog.call('PUT', `${productPath(req)}/images/order`, { token: token(req), body: { ids } });
      reader.invalidate();
    }
    res.redirect(editPage(req));
  });

  router.post('/admin/products/:id/images/:imageId/delete', async (req, res) => {
    const result = await catalog.request<{ detail?: string }>(
      'DELETE',
      `${productPath(req)}/images/${encodeURIComponent(String(req.params.imageId))}`,
      {
        token: token(req),
      },
    );
    if (result.status === 404) flash(req, 'warning', 'That image was already gone.');
    else if (result.status >= 400) throw new HttpError(result.status, result.data?.detail ?? 'The image could not be deleted.');
    else {
      reader.invalidate();
      flash(req, 'success', 'The image was deleted.');
    }
    res.redirect(editPage(req));
  });

  return router;
}
