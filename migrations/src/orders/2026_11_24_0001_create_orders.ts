import { type Kysely, sql } from 'kysely';
import { createOutboxTable } from '../outbox-table.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('orders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    // 'reserving' is the order's first, internal moment: written before stock is reserved, so a
    // crash in between leaves a row that the service itself finishes or removes.
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('reserving', 'pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled')`),
    )
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('customer_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('customer_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('shipping_address', 'jsonb', (c) => c.notNull())
    .addColumn('subtotal', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`subtotal >= 0`))
    .addColumn('tax', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`tax >= 0`))
    .addColumn('shipping_cost', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`shipping_cost >= 0`))
    .addColumn('total', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`total >= 0`))
    .addColumn('payment_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('paid_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addUniqueConstraint('orders_user_idempotency_key', ['user_id', 'idempotency_key'])
    .execute();
  await sql`CREATE INDEX orders_user_created_idx ON orders (user_id, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX orders_status_created_idx ON orders (status, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC)`.execute(db);

  await db.schema
    .createTable('order_items')
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('product_id', 'uuid', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_price', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`unit_price >= 0`))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('line_total', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`line_total >= 0`))
    .addPrimaryKeyConstraint('order_items_pkey', ['order_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('order_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('order_events_order_idx').on('order_events').columns(['order_id', 'id']).execute();

  await createOutboxTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
  await db.schema.dropTable('order_events').execute();
  await db.schema.dropTable('order_items').execute();
  await db.schema.dropTable('orders').execute();
}
