import { createHash } from 'node:crypto';
import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import { isForeignKeyViolation } from '@dm/common/pg-errors';
import type { ProductImage } from '@dm/contracts/catalog';
import { MAX_IMAGE_BYTES, type ManagedImage } from '@dm/contracts/catalog-admin';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, NewProductImage, ProductImageRow, ProductImageVariantRow } from '../db.js';
import { detectImageType, imageDimensions, type PixelSize } from './image-sniff.js';
import { displaySize, makeThumbnail, type Rendition, THUMB, UnreadableImageError } from './thumbnails.js';

type Db = Kysely<Database> | Transaction<Database>;
type Trx = Transaction<Database>;

export { MAX_ALT_LENGTH, MAX_IMAGE_BYTES } from '@dm/contracts/catalog-admin';

/** Longest side an upload may have, in pixels. */
export const MAX_IMAGE_SIDE = 10_000;

/** Where the gateway serves an image of ours (it proxies /images/* here). */
export function imageUrl(imageId: string): string {
  return `/images/${imageId}`;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * A row for product_images, with the size, the hash (the ETag) and, unless given, the pixel size
 * worked out from the bytes.
 */
export function imageRecord(values: {
  id?: string;
  product_id: string;
  content_type: string;
  data: Buffer;
  alt: string;
  position?: number;
  width?: number;
  height?: number;
}): NewProductImage {
  const size = values.width && values.height ? { width: values.width, height: values.height } : imageDimensions(values.data);
  return {
    ...values,
    width: size?.width ?? null,
    height: size?.height ?? null,
    byte_size: values.data.byteLength,
    sha256: sha256(values.data),
  };
}

const managedColumns = ['id', 'alt', 'width', 'height', 'position', 'content_type', 'byte_size'] as const;
type ManagedRow = Pick<ProductImageRow, (typeof managedColumns)[number]>;

const toManaged = (row: ManagedRow, mainUrl: string | null): ManagedImage => ({
  id: row.id,
  url: imageUrl(row.id),
  alt: row.alt,
  width: row.width,
  height: row.height,
  position: row.position,
  is_main: mainUrl === imageUrl(row.id),
  content_type: row.content_type,
  byte_size: row.byte_size,
});

export const images = Object.freeze({
  findById(db: Db, id: string): Promise<ProductImageRow | undefined> {
    return db.selectFrom('product_images').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async ofProduct(db: Db, productId: string): Promise<ProductImage[]> {
    const rows = await db
      .selectFrom('product_images')
      .select(['id', 'alt', 'width', 'height'])
      .where('product_id', '=', productId)
      .orderBy('position')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, url: imageUrl(r.id), alt: r.alt, width: r.width, height: r.height }));
  },

  managedOf(db: Db, productId: string): Promise<ManagedRow[]> {
    return db
      .selectFrom('product_images')
      .select(managedColumns)
      .where('product_id', '=', productId)
      .orderBy('position')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },

  async insertMany(db: Db, rows: NewProductImage[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('product_images').values(rows).execute();
  },

  /** Positions 0, 1, 2, … in the order of `ids`. */
  async setOrder(db: Db, productId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = ids.map((id, position) => sql`(${id}::uuid, ${position}::int)`);
    await sql`
      update product_images set position = v.position
      from (values ${sql.join(rows)}) as v(id, position)
      where product_images.id = v.id and product_images.product_id = ${productId}
        and product_images.position <> v.position`.execute(db);
  },

  variant(db: Db, imageId: string, size: string): Promise<ProductImageVariantRow | undefined> {
    return db.selectFrom('product_image_variants').selectAll().where('image_id', '=', imageId).where('size', '=', size).executeTakeFirst();
  },

  /** Keeps a rendition; a concurrent request that made the same one first wins, and its row is returned. */
  async saveVariant(db: Db, imageId: string, size: string, rendition: Rendition): Promise<ProductImageVariantRow> {
    await db
      .insertInto('product_image_variants')
      .values({ image_id: imageId, size, ...rendition, byte_size: rendition.data.byteLength, sha256: sha256(rendition.data) })
      .onConflict((oc) => oc.columns(['image_id', 'size']).doNothing())
      .execute();
    return db
      .selectFrom('product_image_variants')
      .selectAll()
      .where('image_id', '=', imageId)
      .where('size', '=', size)
      .executeTakeFirstOrThrow();
  },
});

const productNotFound = () => new HttpError(404, 'product not found');
const imageNotFound = () => new HttpError(404, 'image not found');

/** The product row, locked: one image change per product at a time keeps positions and the main image straight. */
async function lockProduct(trx: Trx, productId: string): Promise<{ id: string; name: string; image_url: string | null }> {
  const product = isUuid(productId)
    ? await trx.selectFrom('products').select(['id', 'name', 'image_url']).where('id', '=', productId).forUpdate().executeTakeFirst()
    : undefined;
  if (!product) throw productNotFound();
  return product;
}

async function setMainUrl(trx: Trx, productId: string, url: string | null): Promise<void> {
  await trx.updateTable('products').set({ image_url: url, updated_at: sql`now()` }).where('id', '=', productId).execute();
}

async function managedList(db: Db, productId: string, mainUrl: string | null): Promise<ManagedImage[]> {
  return (await images.managedOf(db, productId)).map((row) => toManaged(row, mainUrl));
}

const refuse = (message: string, field = 'image') => new HttpError(422, message, [{ field, message }]);

/**
 * Checks an upload by its bytes (type, header, and that it decodes) and works out what to store:
 * the type, the size a browser shows, and the thumbnail when this process can make one.
 */
export async function inspectUpload(data: Buffer): Promise<{ content_type: string; size: PixelSize; thumb: Rendition | null }> {
  if (data.byteLength === 0) throw refuse('send the image bytes as the request body');
  if (data.byteLength > MAX_IMAGE_BYTES) throw new HttpError(413, 'an image may be at most 5 MB');
  const type = await detectImageType(data);
  if (!type) throw refuse('not a JPEG, PNG or WebP image');
  const header = imageDimensions(data);
  if (!header) throw refuse('the image is damaged: its size cannot be read');
  if (header.width > MAX_IMAGE_SIDE || header.height > MAX_IMAGE_SIDE) {
    throw refuse(`the image is ${header.width} × ${header.height} pixels; at most ${MAX_IMAGE_SIDE} on a side`);
  }
  try {
    return { content_type: type, size: await displaySize(data, header), thumb: await makeThumbnail(data) };
  } catch (err) {
    if (err instanceof UnreadableImageError) throw refuse('the image is damaged and cannot be decoded');
    throw err;
  }
}

/** Adds an image after the product's others; a product without a picture takes it as its main one. */
export async function uploadImage(db: Kysely<Database>, productId: string, data: Buffer, alt: string | undefined): Promise<ManagedImage> {
  // Before the decoding work, so that an unknown product costs one lookup.
  const found = isUuid(productId) ? await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst() : undefined;
  if (!found) throw productNotFound();
  const upload = await inspectUpload(data);
  return db.transaction().execute(async (trx) => {
    const product = await lockProduct(trx, productId);
    const last = await trx
      .selectFrom('product_images')
      .select((eb) => eb.fn.max<number | null>('position').as('position'))
      .where('product_id', '=', productId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('product_images')
      .values(
        imageRecord({
          product_id: productId,
          content_type: upload.content_type,
          data,
          // Without alt text of its own, a picture of a product is described by the product's name.
          alt: alt ?? product.name,
          position: last?.position == null ? 0 : last.position + 1,
          ...upload.size,
        }),
      )
      .returning(managedColumns)
      .executeTakeFirstOrThrow();
    if (upload.thumb) await images.saveVariant(trx, row.id, THUMB.size, upload.thumb);
    let mainUrl = product.image_url;
    if (mainUrl === null) {
      mainUrl = imageUrl(row.id);
      await setMainUrl(trx, productId, mainUrl);
    }
    return toManaged(row, mainUrl);
  });
}

export async function listImages(db: Kysely<Database>, productId: string): Promise<ManagedImage[]> {
  const product = isUuid(productId)
    ? await db.selectFrom('products').select('image_url').where('id', '=', productId).executeTakeFirst()
    : undefined;
  if (!product) throw productNotFound();
  return managedList(db, productId, product.image_url);
}

/**
 * Puts the product's images in the order of `ids`, which must name each of them once. When the
 * main image is one of them, the first becomes the main: the gallery and the listing agree.
 */
export async function reorderImages(db: Kysely<Database>, productId: string, ids: readonly string[]): Promise<ManagedImage[]> {
  return db.transaction().execute(async (trx) => {
    const product = await lockProduct(trx, productId);
    const current = (await images.managedOf(trx, productId)).map((r) => r.id);
    const wanted = ids.map((id) => id.toLowerCase());
    const same = wanted.length === current.length && new Set(wanted).size === wanted.length && wanted.every((id) => current.includes(id));
    if (!same) throw refuse(`must list each of the product's ${current.length} image ids exactly once`, 'ids');
    await images.setOrder(trx, productId, wanted);
    let mainUrl = product.image_url;
    if (wanted.length > 0 && current.some((id) => imageUrl(id) === mainUrl) && mainUrl !== imageUrl(wanted[0]!)) {
      mainUrl = imageUrl(wanted[0]!);
      await setMainUrl(trx, productId, mainUrl);
    }
    return managedList(trx, productId, mainUrl);
  });
}

/** Makes an image the product's main one: first in the gallery and the product's `image_url`. */
export async function setMainImage(db: Kysely<Database>, productId: string, imageId: string): Promise<ManagedImage[]> {
  return db.transaction().execute(async (trx) => {
    await lockProduct(trx, productId);
    const current = (await images.managedOf(trx, productId)).map((r) => r.id);
    const id = imageId.toLowerCase();
    if (!current.includes(id)) throw imageNotFound();
    await images.setOrder(trx, productId, [id, ...current.filter((other) => other !== id)]);
    await setMainUrl(trx, productId, imageUrl(id));
    return managedList(trx, productId, imageUrl(id));
  });
}

/** Deletes an image; when it was the main one, the next image takes its place (or none is left). */
export async function deleteImage(db: Kysely<Database>, productId: string, imageId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const product = await lockProduct(trx, productId);
    const deleted = isUuid(imageId)
      ? await trx
          .deleteFrom('product_images')
          .where('id', '=', imageId)
          .where('product_id', '=', productId)
          .returning('id')
          .executeTakeFirst()
      : undefined;
    if (!deleted) throw imageNotFound();
    const rest = (await images.managedOf(trx, productId)).map((r) => r.id);
    await images.setOrder(trx, productId, rest);
    if (product.image_url === imageUrl(deleted.id)) await setMainUrl(trx, productId, rest[0] ? imageUrl(rest[0]) : null);
  });
}

/** What `GET /images/:id` sends: the image itself, or one of its renditions. */
export interface ServedImage {
  content_type: string;
  data: Buffer;
  sha256: string;
}

/**
 * The thumbnail of an image: kept since its upload, or made now and kept. Falls back to the image
 * itself when this process cannot make thumbnails or the stored bytes do not decode.
 */
export async function imageForSize(db: Kysely<Database>, imageId: string, size: 'original' | 'thumb'): Promise<ServedImage | undefined> {
  if (!isUuid(imageId)) return undefined;
  if (size === 'thumb') {
    const kept = await images.variant(db, imageId, THUMB.size);
    if (kept) return kept;
  }
  const image = await images.findById(db, imageId);
  if (!image || size === 'original') return image;
  let thumb: Rendition | null;
  try {
    thumb = await makeThumbnail(image.data);
  } catch (err) {
    if (err instanceof UnreadableImageError) return image;
    throw err;
  }
  if (!thumb) return image;
  try {
    return await images.saveVariant(db, imageId, THUMB.size, thumb);
  } catch (err) {
    // The image was deleted while its thumbnail was being made.
    if (isForeignKeyViolation(err)) return undefined;
    throw err;
  }
}
