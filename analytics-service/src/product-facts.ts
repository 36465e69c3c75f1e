// What the events tell of products: the name the latest event gave each, its stock as the latest
// stock event left it, and the gateway's counts of page views and cart adds per day.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './db.js';

type Db = Kysely<Database> | Transaction<Database>;

interface ProductName {
  product_id: string;
  sku: string;
  name: string;
  vendor_id: string | null;
}

/** Names products as an event of `at` told them: the later event's name wins, whichever comes first. */
export async function nameProducts(db: Db, products: ProductName[], at: string): Promise<void> {
  const unique = [...new Map(products.map((p) => [p.product_id, p])).values()].sort((a, b) => a.product_id.localeCompare(b.product_id));
  if (unique.length === 0) return;
  await db
    .insertInto('products')
    .values(unique.map((p) => ({ ...p, named_at: new Date(at) })))
    .onConflict((oc) =>
      oc
        .column('product_id')
        .doUpdateSet({
          sku: sql`excluded.sku`,
          name: sql`excluded.name`,
          vendor_id: sql`excluded.vendor_id`,
          named_at: sql`excluded.named_at`,
        })
        // A tie in time is broken by the name, so two events of one instant agree too.
        .where(sql<boolean>`(excluded.named_at, excluded.name) > (products.named_at, products.name)`),
    )
    .execute();
}

/** A stock event (low, or restocked): the product's stock as the latest such event tells it. */
export async function stockChanged(
  db: Db,
  event: { id: string; occurred_at: string; low: boolean; product: ProductName & { stock: number } },
): Promise<void> {
  const { product } = event;
  await nameProducts(db, [product], event.occurred_at);
  await db
    .updateTable('products')
    .set({ stock: product.stock, stock_low: event.low, stock_at: new Date(event.occurred_at), stock_event_id: event.id })
    .where('product_id', '=', product.product_id)
    .where((eb) =>
      eb.or([
        eb('stock_at', 'is', null),
        eb(sql`(stock_at, stock_event_id)`, '<', sql`(${new Date(event.occurred_at)}::timestamptz, ${event.id}::uuid)`),
      ]),
    )
    .execute();
}

/** One of the gateway's batches: added to each product's counts of the batch's day (UTC). */
export async function addActivity(
  db: Db,
  batch: {
    window_start: string;
    window_end: string;
    items: { product_id: string; views: number; cart_adds: number; product?: Omit<ProductName, 'product_id'> }[];
  },
): Promise<void> {
  const day = batch.window_start.slice(0, 10);
  // Products only ever viewed get their names from the page that was viewed.
  const named = batch.items.flatMap((i) => (i.product ? [{ product_id: i.product_id, ...i.product }] : []));
  await nameProducts(db, named, batch.window_end);
  const sums = new Map<string, { views: number; cart_adds: number }>();
  for (const item of batch.items) {
    const sum = sums.get(item.product_id) ?? { views: 0, cart_adds: 0 };
    sum.views += item.views;
    sum.cart_adds += item.cart_adds;
    sums.set(item.product_id, sum);
  }
  // Rows locked in one order, so two batches landing at once never deadlock.
  const rows = [...sums]
    .filter(([, s]) => s.views > 0 || s.cart_adds > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([product_id, s]) => ({ day, product_id, ...s }));
  if (rows.length === 0) return;
  await db
    .insertInto('product_activity')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['day', 'product_id']).doUpdateSet({
        views: sql`product_activity.views + excluded.views`,
        cart_adds: sql`product_activity.cart_adds + excluded.cart_adds`,
      }),
    )
    .execute();
}
