import { type Kysely, sql } from 'kysely';
import { createInboxTable } from '../outbox-table.js';

// notification-service: the orders it has heard of (the later events of an order carry no items
// and some no address), the mails it owes and how each delivery went, and the inbox that makes a
// redelivered event change nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('orders')
    .addColumn('order_id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // The lines as order.placed told them ({name, sku, quantity, unit_price, line_total}).
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('subtotal', 'numeric(12, 2)', (c) => c.notNull())
    .addColumn('tax', 'numeric(12, 2)', (c) => c.notNull())
    .addColumn('shipping_cost', 'numeric(12, 2)', (c) => c.notNull())
    .addColumn('total', 'numeric(12, 2)', (c) => c.notNull())
    .addColumn('placed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The orders whose refund a mail has told of (the cancellation's, or a refund's own), so that one
  // refund is told once. Apart from `orders`: a cancellation may arrive before its order.placed.
  await db.schema
    .createTable('told_refunds')
    .addColumn('order_id', 'uuid', (c) => c.primaryKey())
    .addColumn('told_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('order_id', 'uuid')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status IN ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    // One event owes at most one mail of each kind, however often it is delivered.
    .addUniqueConstraint('notifications_event_kind_key', ['event_id', 'kind'])
    .execute();
  // The sender's loop: the mails due, oldest due first.
  await sql`CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status = 'pending'`.execute(db);
  // A shopper's page: their mails, newest first.
  await sql`CREATE INDEX notifications_user_newest_idx ON notifications (user_id, created_at DESC, id DESC)`.execute(db);

  await createInboxTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbox').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('told_refunds').execute();
  await db.schema.dropTable('orders').execute();
}
