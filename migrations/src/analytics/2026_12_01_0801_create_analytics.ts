import { type Kysely, sql } from 'kysely';
import { createInboxTable } from '../outbox-table.js';

// analytics-service's figures, made only from domain events. Events come at least once and in any
// order, so every table is a set of facts that each event merges in, never a counter an event
// bumps on arrival: the inbox turns a redelivery away, and each merge is written so that the
// result is the same whichever event comes first (a status by its rank, a time by the earliest,
// a product's stock by the latest event).
export async function up(db: Kysely<any>): Promise<void> {
  await createInboxTable(db);

  // One row per order, made by whichever of its events arrives first.
  await db.schema
    .createTable('orders')
    .addColumn('order_id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid')
    .addColumn('status', 'text', (c) => c.notNull())
    // pending 0 … delivered 4, cancelled 5: an order only ever moves up, so the highest rank seen is its status.
    .addColumn('status_rank', 'smallint', (c) => c.notNull())
    .addColumn('total_cents', 'bigint', (c) => c.check(sql`total_cents >= 0`))
    .addColumn('placed_at', 'timestamptz')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    // Its items came with order.placed: until then the order counts in no product's figures.
    .addColumn('has_items', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // The series: orders placed per day, revenue per day paid (the total rides in the index).
  await sql`CREATE INDEX orders_placed_idx ON orders (placed_at) WHERE placed_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX orders_paid_idx ON orders (paid_at) INCLUDE (total_cents, order_id) WHERE paid_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX orders_status_idx ON orders (status)`.execute(db);

  // The lines of an order, as order.placed told them.
  await db.schema
    .createTable('order_items')
    .addColumn('order_id', 'uuid', (c) => c.notNull())
    .addColumn('line', 'smallint', (c) => c.notNull())
    .addColumn('product_id', 'uuid', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('line_total_cents', 'bigint', (c) => c.notNull().check(sql`line_total_cents >= 0`))
    // null: the house's own product
    .addColumn('vendor_id', 'uuid')
    .addColumn('vendor_name', 'text')
    .addPrimaryKeyConstraint('order_items_pkey', ['order_id', 'line'])
    .execute();
  await sql`CREATE INDEX order_items_product_idx ON order_items (product_id, order_id)`.execute(db);

  // A paid order's money given back: one refund per order (a cancellation refunds the whole order).
  // payment.refunded and order.cancelled both tell of it; the payment's amount wins when known.
  await db.schema
    .createTable('refunds')
    .addColumn('order_id', 'uuid', (c) => c.primaryKey())
    .addColumn('payment_amount_cents', 'bigint')
    .addColumn('order_amount_cents', 'bigint')
    .addColumn('refunded_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('refunds_amount_check', sql`payment_amount_cents IS NOT NULL OR order_amount_cents IS NOT NULL`)
    .execute();
  await sql`CREATE INDEX refunds_refunded_idx ON refunds (refunded_at)`.execute(db);

  // Product page views and cart adds per product and day (UTC), summed from the gateway's batches.
  await db.schema
    .createTable('product_activity')
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('product_id', 'uuid', (c) => c.notNull())
    .addColumn('views', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cart_adds', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('product_activity_pkey', ['day', 'product_id'])
    .execute();
  await sql`CREATE INDEX product_activity_product_idx ON product_activity (product_id, day)`.execute(db);

  // What the events told of each product: its name (the latest event that named it) and its
  // stock (the latest stock event: low, or restocked).
  await db.schema
    .createTable('products')
    .addColumn('product_id', 'uuid', (c) => c.primaryKey())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('named_at', 'timestamptz', (c) => c.notNull())
    .addColumn('vendor_id', 'uuid')
    .addColumn('stock', 'integer')
    .addColumn('stock_low', 'boolean')
    .addColumn('stock_at', 'timestamptz')
    .addColumn('stock_event_id', 'uuid')
    .execute();
  await sql`CREATE INDEX products_low_stock_idx ON products (stock, name) WHERE stock_low`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('products').execute();
  await db.schema.dropTable('product_activity').execute();
  await db.schema.dropTable('refunds').execute();
  await db.schema.dropTable('order_items').execute();
  await db.schema.dropTable('orders').execute();
  await db.schema.dropTable('inbox').execute();
}
