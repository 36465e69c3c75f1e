import { Router } from 'express';
import type { Kysely } from 'kysely';
import { HttpError } from '@dm/common/errors';
import type { Database } from '../db.js';
import { isUuid } from '../ids.js';
import { etagMatches, images } from '../images.js';

// An image's bytes never change under its id, so browsers and the gateway may keep it for a year.
const CACHE_CONTROL = 'public, max-age=31536000, immutable';
// SVG can carry script: opened on its own, it must run nothing and load nothing.
const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export function imageRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.get('/images/:id', async (req, res) => {
    const image = isUuid(req.params.id) ? await images.findById(db, req.params.id) : undefined;
    if (!image) throw new HttpError(404, 'image not found');
    const etag = `"${image.sha256}"`;
    res.set({
      'cache-control': CACHE_CONTROL,
      etag,
      'x-content-type-options': 'nosniff',
      'content-security-policy': IMAGE_CSP,
    });
    if (etagMatches(req.get('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    res.type(image.content_type).send(image.data);
  });

  return router;
}
