import { HttpError } from '@dm/common/errors';
import { parse } from '@dm/common/validation';
import { ImageOrderInput, ImageSizeQuery, ImageUploadQuery } from '@dm/contracts/catalog-admin';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { deleteImage, imageForSize, listImages, MAX_IMAGE_BYTES, reorderImages, setMainImage, uploadImage } from '../images/images.js';
import { mayEditProduct } from '../vendors/sellers.js';
import { rawBody } from './raw-body.js';

// An image's bytes never change under its id, so browsers and the gateway may keep it for a year.
const CACHE_CONTROL = 'public, max-age=31536000, immutable';
// SVG can carry script: opened on its own, it must run nothing and load nothing.
const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

type ProductImageParams = { id: string; imageId: string };

export function imageRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();
  const mayEdit = mayEditProduct(db);

  router.get('/images/:id', async (req, res) => {
    const { size } = parse(ImageSizeQuery, req.query);
    const image = await imageForSize(db, req.params.id, size);
    if (!image) throw new HttpError(404, 'image not found');
    const etag = `"${image.sha256}"`;
    res.set({
      'cache-control': CACHE_CONTROL,
      etag,
      'x-content-type-options': 'nosniff',
      'content-security-policy': IMAGE_CSP,
    });
    // Express compares If-None-Match with the ETag just set (weak or strong, a list, or *).
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type(image.content_type).send(image.data);
  });

  // Its seller (an admin, or the vendor who sells it): a product's gallery.
  router.get('/products/:id/images', mayEdit, async (req: Request<{ id: string }>, res) => {
    res.json({ items: await listImages(db, req.params.id) });
  });

  // The body is the image itself; its seller checked first, so a stranger's upload is never read.
  router.post(
    '/products/:id/images',
    mayEdit,
    rawBody(MAX_IMAGE_BYTES, 'an image may be at most 5 MB'),
    async (req: Request<{ id: string }>, res) => {
      const { alt } = parse(ImageUploadQuery, req.query);
      res.status(201).json(await uploadImage(db, req.params.id, req.body as Buffer, alt));
    },
  );

  router.put('/products/:id/images/order', mayEdit, async (req: Request<{ id: string }>, res) => {
    const { ids } = parse(ImageOrderInput, req.body ?? {});
    res.json({ items: await reorderImages(db, req.params.id, ids) });
  });

  router.post('/products/:id/images/:imageId/main', mayEdit, async (req: Request<ProductImageParams>, res) => {
    res.json({ items: await setMainImage(db, req.params.id, req.params.imageId) });
  });

  router.delete('/products/:id/images/:imageId', mayEdit, async (req: Request<ProductImageParams>, res) => {
    await deleteImage(db, req.params.id, req.params.imageId);
    res.status(204).end();
  });

  return router;
}
