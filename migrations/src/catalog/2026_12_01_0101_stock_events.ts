import { type Kysely, sql } from 'kysely';

// The domain events `product.stock_low` and `product.restocked` (contracts/src/events.ts, version
// 1), written by a trigger when a product's stock crosses the low-stock line (5) either way, or a
// product is added below it (the demo catalog has some, and analytics must know of them). Every
// path that changes stock (a reservation, its release, an admin's edit, a CSV import) passes here,
// in its own transaction, with no extra round trip; the outbox loop sends them within a second.
// The envelope's shape must stay that of EventEnvelope: catalog-service's stock-events test reads
// what this trigger writes with the contract's own reader.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION products_stock_event() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      kind text;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        IF NEW.stock >= 5 OR NOT NEW.is_active THEN
          RETURN NEW;
        END IF;
        kind := 'product.stock_low';
      ELSIF NEW.stock < 5 AND OLD.stock >= 5 AND NEW.is_active THEN
        kind := 'product.stock_low';
      ELSIF NEW.stock >= 5 AND OLD.stock < 5 THEN
        kind := 'product.restocked';
      ELSE
        RETURN NEW;
      END IF;
      INSERT INTO outbox (topic, payload, next_attempt_at)
      VALUES ('event', jsonb_build_object(
        'id', gen_random_uuid(),
        'type', kind,
        'version', 1,
        'occurred_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'source', 'catalog-service',
        'payload', jsonb_build_object(
          'product_id', NEW.id, 'sku', NEW.sku, 'name', NEW.name, 'stock', NEW.stock, 'vendor_id', NEW.vendor_id)
      ), now());
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER products_stock_event AFTER UPDATE OF stock ON products
    FOR EACH ROW WHEN (OLD.stock IS DISTINCT FROM NEW.stock) EXECUTE FUNCTION products_stock_event()`.execute(db);
  await sql`
    CREATE TRIGGER products_stock_event_new AFTER INSERT ON products
    FOR EACH ROW EXECUTE FUNCTION products_stock_event()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER products_stock_event_new ON products`.execute(db);
  await sql`DROP TRIGGER products_stock_event ON products`.execute(db);
  await sql`DROP FUNCTION products_stock_event()`.execute(db);
}
