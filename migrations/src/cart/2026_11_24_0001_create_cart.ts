import { type Kysely, sql } from 'kysely';

// One cart per user: a line per product, holding the price it had when added or last set.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cart_items')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('product_id', 'uuid', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit_price_snapshot', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`unit_price_snapshot >= 0`))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cart_items_pkey', ['user_id', 'product_id'])
    .execute();

  // The orders already taken out of a cart: a redelivered checkout message finds its order here.
  await db.schema
    .createTable('cart_checkouts')
    .addColumn('order_id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cart_checkouts').execute();
  await db.schema.dropTable('cart_items').execute();
}
