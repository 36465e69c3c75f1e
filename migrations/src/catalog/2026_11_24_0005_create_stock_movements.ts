import { type Kysely, sql } from 'kysely';

// Every change of a product's stock, with who made it and why: the ledger behind products.stock.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stock_movements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('delta', 'integer', (c) => c.notNull().check(sql`delta <> 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('stock_after', 'integer', (c) => c.notNull().check(sql`stock_after >= 0`))
    .addColumn('order_id', 'uuid')
    // clock_timestamp, not now(): movements written by one transaction still keep their order.
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  await sql`CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, created_at DESC, id DESC)`.execute(db);

  // The dashboard's "running low" list reads only this small slice of the catalog.
  await sql`CREATE INDEX products_low_stock_idx ON products (stock, name, id) WHERE is_active AND stock < 5`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX products_low_stock_idx`.execute(db);
  await db.schema.dropTable('stock_movements').execute();
}
