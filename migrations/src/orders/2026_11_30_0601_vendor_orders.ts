import { type Kysely, sql } from 'kysely';

// Orders across vendors: each item keeps the shop that sold it (a vendor's id is their user id;
// null is the house's own) and its own shipment, and the sales ledger holds what each item
// earned, with the platform's commission, from the moment its order is paid.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('order_items')
    .addColumn('vendor_id', 'uuid')
    // The shop's name when the order was placed, as the product's name is: the order is a snapshot.
    .addColumn('vendor_name', 'text')
    .addColumn('shipped_at', 'timestamptz')
    .addColumn('tracking_number', 'text')
    .execute();
  await sql`CREATE INDEX order_items_vendor_idx ON order_items (vendor_id, order_id) WHERE vendor_id IS NOT NULL`.execute(db);

  // Append-only. A sale per item when its order is paid, its exact opposite when a paid order is
  // cancelled (refunded), and a payout (vendors only) as a negative gross and net. The house's items are
  // entered too (vendor_id null, no commission), so the ledger alone reconciles with the orders.
  await db.schema
    .createTable('sales_ledger')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('vendor_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('sale', 'reversal', 'payout')`))
    .addColumn('order_id', 'uuid', (c) => c.references('orders.id'))
    .addColumn('product_id', 'uuid')
    .addColumn('gross', sql`numeric(12, 2)`, (c) => c.notNull())
    .addColumn('commission', sql`numeric(12, 2)`, (c) => c.notNull())
    .addColumn('net', sql`numeric(12, 2)`, (c) => c.notNull())
    /** parts per million of the gross, as it was when the sale was entered */
    .addColumn('commission_rate_ppm', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('sales_ledger_net', sql`net = gross - commission`)
    .addCheckConstraint(
      'sales_ledger_shape',
      sql`(kind = 'payout' AND vendor_id IS NOT NULL AND order_id IS NULL AND commission = 0 AND net < 0)
       OR (kind <> 'payout' AND order_id IS NOT NULL AND product_id IS NOT NULL)`,
    )
    .execute();
  // Told twice that an order is paid or cancelled, the ledger still holds one entry of each kind per item.
  await sql`CREATE UNIQUE INDEX sales_ledger_item_kind_key ON sales_ledger (order_id, product_id, kind) WHERE kind <> 'payout'`.execute(db);
  await sql`CREATE INDEX sales_ledger_vendor_idx ON sales_ledger (vendor_id, created_at DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sales_ledger').execute();
  await sql`DROP INDEX order_items_vendor_idx`.execute(db);
  await db.schema
    .alterTable('order_items')
    .dropColumn('tracking_number')
    .dropColumn('shipped_at')
    .dropColumn('vendor_name')
    .dropColumn('vendor_id')
    .execute();
}
