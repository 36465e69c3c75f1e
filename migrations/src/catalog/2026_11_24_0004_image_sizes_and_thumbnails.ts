import { type Kysely, sql } from 'kysely';

// Images learn their pixel size (so pages can reserve the space before they load), and each image
// may have smaller renditions made once and kept, such as the 400px-wide WebP a listing shows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('product_images')
    .addColumn('width', 'integer', (c) => c.check(sql`width > 0`))
    .addColumn('height', 'integer', (c) => c.check(sql`height > 0`))
    .execute();

  await db.schema
    .createTable('product_image_variants')
    .addColumn('image_id', 'uuid', (c) => c.notNull().references('product_images.id').onDelete('cascade'))
    .addColumn('size', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('product_image_variants_pkey', ['image_id', 'size'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('product_image_variants').execute();
  await db.schema.alterTable('product_images').dropColumn('height').dropColumn('width').execute();
}
