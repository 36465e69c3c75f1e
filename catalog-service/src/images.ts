import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, NewProductImage, ProductImageRow } from './db.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An image as a product shows it. */
export interface ProductImage {
  id: string;
  url: string;
  alt: string;
}

/** Where the gateway serves an image of ours (it proxies /images/* here). */
export function imageUrl(imageId: string): string {
  return `/images/${imageId}`;
}

/** A row for product_images, with the size and the hash (the ETag) worked out from the bytes. */
export function imageRecord(
  values: { id?: string; product_id: string; content_type: string; data: Buffer; alt: string; position?: number },
): NewProductImage {
  return {
    ...values,
    byte_size: values.data.byteLength,
    sha256: createHash('sha256').update(values.data).digest('hex'),
  };
}

export const images = Object.freeze({
  findById(db: Db, id: string): Promise<ProductImageRow | undefined> {
    return db.selectFrom('product_images').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async ofProduct(db: Db, productId: string): Promise<ProductImage[]> {
    const rows = await db
      .selectFrom('product_images')
      .select(['id', 'alt'])
      .where('product_id', '=', productId)
      .orderBy('position')
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ id: r.id, url: imageUrl(r.id), alt: r.alt }));
  },

  async insertMany(db: Db, rows: NewProductImage[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('product_images').values(rows).execute();
  },
});

/** True when an `If-None-Match` header names `etag` (or is `*`); weak and strong tags compare alike. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}
