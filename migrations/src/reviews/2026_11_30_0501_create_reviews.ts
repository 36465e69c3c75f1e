import { type Kysely, sql } from 'kysely';
import { createOutboxTable } from '../outbox-table.js';

// A buyer's review of a product, and each product's figures kept beside them, so that a page
// reads one row for the summary and the catalog is told the rating without counting anything.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('product_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('rating', 'smallint', (c) => c.notNull().check(sql`rating BETWEEN 1 AND 5`))
    // Plain text, escaped where it is shown; the limits are the API's, held here too.
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) BETWEEN 1 AND 120`))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(body) <= 4000`))
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_by', 'uuid')
    // A vendor's one answer: vendors do not exist yet, so nothing writes these so far.
    .addColumn('vendor_reply', 'text', (c) => c.check(sql`char_length(vendor_reply) <= 4000`))
    .addColumn('vendor_reply_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One review per user per product: a second one (even two at once) meets this index.
    .addUniqueConstraint('reviews_product_user_key', ['product_id', 'user_id'])
    .addCheckConstraint('reviews_reply_check', sql`(vendor_reply IS NULL) = (vendor_reply_at IS NULL)`)
    .execute();
  // The product page: the visible reviews, newest first; an admin's view lists the hidden too.
  await sql`CREATE INDEX reviews_product_visible_idx ON reviews (product_id, created_at DESC, id DESC) WHERE hidden_at IS NULL`.execute(db);
  await sql`CREATE INDEX reviews_product_newest_idx ON reviews (product_id, created_at DESC, id DESC)`.execute(db);

  // Each product's visible reviews by their stars. `version` grows with every change and travels
  // with the rating to the catalog, which ignores one older than what it holds.
  await db.schema
    .createTable('product_ratings')
    .addColumn('product_id', 'uuid', (c) => c.primaryKey())
    .addColumn('stars_1', 'integer', (c) => c.notNull().defaultTo(0).check(sql`stars_1 >= 0`))
    .addColumn('stars_2', 'integer', (c) => c.notNull().defaultTo(0).check(sql`stars_2 >= 0`))
    .addColumn('stars_3', 'integer', (c) => c.notNull().defaultTo(0).check(sql`stars_3 >= 0`))
    .addColumn('stars_4', 'integer', (c) => c.notNull().defaultTo(0).check(sql`stars_4 >= 0`))
    .addColumn('stars_5', 'integer', (c) => c.notNull().defaultTo(0).check(sql`stars_5 >= 0`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await createOutboxTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
  await db.schema.dropTable('product_ratings').execute();
  await db.schema.dropTable('reviews').execute();
}
