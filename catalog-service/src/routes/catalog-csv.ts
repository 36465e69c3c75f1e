import { requireAdmin } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import type { Outbox } from '@dm/common/outbox';
import { type Response, Router } from 'express';
import type { Kysely } from 'kysely';
import { MAX_CSV_BYTES } from '../csv/columns.js';
import { exportCatalogCsv } from '../csv/export.js';
import { importCatalogCsv } from '../csv/import.js';
import type { Database } from '../db.js';
import { editorOf } from '../products/audit-events.js';
import { rawBody } from './raw-body.js';

class ClientGone extends Error {}

/** Resolves when the response can take more; rejects when the client has gone. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ClientGone());
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Admin: the catalog out as CSV, and back in. */
export function catalogCsvRoutes({ db, outbox }: { db: Kysely<Database>; outbox: Outbox }): Router {
  const router = Router();

  router.get('/products/export.csv', requireAdmin, async (_req, res) => {
    res.status(200).set({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="catalog-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    });
    try {
      await exportCatalogCsv(db, async (chunk) => {
        if (res.destroyed) throw new ClientGone();
        if (!res.write(chunk)) await drained(res);
      });
      res.end();
    } catch (err) {
      // Headers are gone: cut the connection, so a failed export never looks like a complete file.
      if (res.headersSent) res.destroy();
      if (err instanceof ClientGone) return;
      throw err;
    }
  });

  router.post('/products/import', requireAdmin, rawBody(MAX_CSV_BYTES, 'a CSV file may be at most 5 MB'), async (req, res) => {
    let text: string;
    try {
      text = utf8.decode(req.body as Buffer);
    } catch {
      throw new HttpError(422, 'the file is not UTF-8 text', [{ field: 'file', message: 'is not UTF-8 text' }]);
    }
    res.json(await importCatalogCsv(db, outbox, text, editorOf(req.principal)));
  });

  return router;
}
