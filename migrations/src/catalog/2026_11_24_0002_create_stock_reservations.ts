import { type Kysely, sql } from 'kysely';

// Stock held for an order: taken from products.stock when reserved, given back once on release.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stock_reservations')
    .addColumn('order_id', 'uuid', (c) => c.notNull())
    .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id').onDelete('restrict'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('released_at', 'timestamptz')
    .addPrimaryKeyConstraint('stock_reservations_pkey', ['order_id', 'product_id'])
    .execute();
  await db.schema.createIndex('stock_reservations_product_idx').on('stock_reservations').column('product_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stock_reservations').execute();
}
