import { type Kysely, sql } from 'kysely';

// Each product's rating as review-service last told it (through its outbox): the listing shows and
// sorts by it without asking review-service anything. `rating_version` is the newest message taken,
// so an older one that arrives late changes nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('products')
    .addColumn('rating_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`rating_count >= 0`))
    .addColumn('rating_average', sql`numeric(2, 1)`, (c) => c.check(sql`rating_average BETWEEN 1 AND 5`))
    .addColumn('rating_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`ALTER TABLE products ADD CONSTRAINT products_rating_check CHECK ((rating_count = 0) = (rating_average IS NULL))`.execute(db);
  // sort=rating: the highest average first, then the most reviewed, unrated products last.
  await sql`CREATE INDEX products_active_rating_idx
    ON products (is_active, rating_average DESC NULLS LAST, rating_count DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX products_active_rating_idx`.execute(db);
  await sql`ALTER TABLE products DROP CONSTRAINT products_rating_check`.execute(db);
  await db.schema.alterTable('products').dropColumn('rating_version').dropColumn('rating_average').dropColumn('rating_count').execute();
}
