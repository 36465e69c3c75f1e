import { HttpError } from '@dm/common/errors';
import { type Response, Router } from 'express';
import type { CsvError, ImportResult } from '../../catalog-types.js';
import { type Refusal, submit } from '../../forms.js';
import { userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { streamThrough } from '../../stream-through.js';
import { uploadedFiles } from '../../uploads.js';
import { importView } from '../../view-models/admin-import.js';
import type { AdminDeps } from './admin.js';

// A whole catalog takes a while to write out or to check and save: far longer than a page read.
const EXPORT_TIMEOUT_MS = 5 * 60_000;
const IMPORT_TIMEOUT_MS = 60_000;
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control'];

/** A refused import's reason, as one sentence that says nothing was imported. */
function nothingImported({ status, detail }: Refusal<CsvError>): string {
  if (status === 503) return detail;
  return /nothing was imported/i.test(detail) ? `${detail[0]!.toUpperCase()}${detail.slice(1)}.` : `Nothing was imported: ${detail}.`;
}

/** Admin: the catalog out as a CSV file, and a CSV file in (created or updated by SKU). */
export function adminCsvPages({ clients: { catalog }, catalog: reader }: AdminDeps): Router {
  const router = Router();

  function renderImport(res: Response, status: number, state?: Parameters<typeof importView>[0]) {
    res.status(status).render('admin/import', importView(state));
  }

  /** Streams catalog-service's export straight through: nothing is held in memory. */
  router.get('/admin/products/export.csv', async (req, res) => {
    const upstream = await catalog.raw('/products/export.csv', { token: userToken(req), timeoutMs: EXPORT_TIMEOUT_MS });
    if (upstream.status !== 200) {
      const body = (await upstream.json().catch(() => ({}))) as { detail?: string };
      throw new HttpError(upstream.status, body.detail ?? 'The catalog could not be exported.');
    }
    streamThrough(upstream, res, PASSED_HEADERS);
  });

  router.get('/admin/products/import', (_req, res) => {
    renderImport(res, 200);
  });

  /** The file is checked whole by the catalog: every row valid, or nothing imported and each bad line named. */
  router.post('/admin/products/import', async (req, res) => {
    if (req.uploadError) return renderImport(res, 413, { error: req.uploadError });
    const [file] = uploadedFiles(req);
    if (!file || file.data.byteLength === 0) return renderImport(res, 422, { error: 'Choose a CSV file to import.' });
    const result = await submit<ImportResult, CsvError>(catalog, 'POST', '/products/import', {
      token: userToken(req),
      rawBody: { data: file.data, contentType: 'text/csv' },
      timeoutMs: IMPORT_TIMEOUT_MS,
      refusals: [413, 415, 422],
      failure: 'the file was refused',
      unavailable: 'The catalog did not answer in time, so nothing is known to be imported. Please try again in a moment.',
    });
    if (!result.ok)
      return renderImport(res, result.status, { fileName: file.name, error: nothingImported(result), errors: result.problems });
    await reader.invalidate();
    const { created, updated, unchanged } = result.data;
    flash(req, 'success', `Imported “${file.name}”: ${created} created, ${updated} updated, ${unchanged} unchanged.`);
    res.redirect('/admin/products');
  });

  return router;
}
