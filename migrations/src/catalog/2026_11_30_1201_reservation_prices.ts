import { type Kysely, sql } from 'kysely';

// A reservation keeps the product as it was sold: order-service writes its order items from the
// reservation's answer, and a repeat of the reservation must answer the same figures. Lines held
// before this migration take the product as it is now (the best there is).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('stock_reservations')
    .addColumn('sku', 'text')
    .addColumn('name', 'text')
    .addColumn('unit_price', sql`numeric(12, 2)`)
    .addColumn('vendor_id', 'uuid')
    .addColumn('vendor_name', 'text')
    .execute();
  await sql`
    UPDATE stock_reservations r
    SET sku = p.sku, name = p.name, unit_price = p.price, vendor_id = p.vendor_id, vendor_name = v.name
    FROM products p LEFT JOIN vendors v ON v.id = p.vendor_id
    WHERE p.id = r.product_id`.execute(db);
  await sql`
    ALTER TABLE stock_reservations
      ALTER COLUMN sku SET NOT NULL,
      ALTER COLUMN name SET NOT NULL,
      ALTER COLUMN unit_price SET NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('stock_reservations')
    .dropColumn('sku')
    .dropColumn('name')
    .dropColumn('unit_price')
    .dropColumn('vendor_id')
    .dropColumn('vendor_name')
    .execute();
}
