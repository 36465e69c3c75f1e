import { HttpError } from '@dm/common/errors';
import { assertInStock } from '@dm/common/stock';
import type { Reservation, ReservedItem, ReserveInput } from '@dm/contracts/internal';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db.js';
import { heldBySuspension } from '../products/products.js';
import { STOCK_REASONS, stockMovements } from './stock-movements.js';

type Trx = Transaction<Database>;

// One order's reservation is made or released by one transaction at a time.
async function lockOrder(trx: Trx, orderId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`reservation:${orderId}`}))`.execute(trx);
}

async function current(db: Kysely<Database> | Trx, orderId: string): Promise<Reservation> {
  const rows = await db
    .selectFrom('stock_reservations')
    .select(['product_id', 'quantity', 'sku', 'name', 'unit_price', 'vendor_id', 'vendor_name', 'released_at'])
    .where('order_id', '=', orderId)
    .orderBy('product_id')
    .execute();
  const status = rows.length === 0 ? 'none' : rows.some((r) => r.released_at) ? 'released' : 'reserved';
  return { order_id: orderId, status, items: rows.map(({ released_at: _, ...item }) => item) };
}

/** Sums duplicate lines and orders them by product id, so two orders always lock rows in one order. */
function normalise(items: { product_id: string; quantity: number }[]) {
  const byProduct = new Map<string, number>();
  for (const { product_id, quantity } of items) byProduct.set(product_id, (byProduct.get(product_id) ?? 0) + quantity);
  return [...byProduct].sort(([a], [b]) => a.localeCompare(b)).map(([product_id, quantity]) => ({ product_id, quantity }));
}

/**
 * Takes `quantity` of a product and answers the stock left and the product as it was sold, or
 * throws the 409 that says why not. The conditional UPDATE decides; only when it takes nothing is
 * the product read, to word the refusal by the one stock rule.
 */
async function takeStock(trx: Trx, productId: string, quantity: number): Promise<{ stock: number } & Omit<ReservedItem, 'quantity'>> {
  for (;;) {
    const taken = await trx
      .updateTable('products')
      .set({ stock: sql`stock - ${quantity}`, updated_at: sql`now()` })
      .where('id', '=', productId)
      .where('is_active', '=', true)
      .where('stock', '>=', quantity)
      .returning((eb) => [
        'products.id as product_id',
        'products.stock',
        'products.sku',
        'products.name',
        'products.price as unit_price',
        'products.vendor_id',
        eb.selectFrom('vendors').select('vendors.name').whereRef('vendors.id', '=', 'products.vendor_id').as('vendor_name'),
      ])
      .executeTakeFirst();
    if (taken) return taken;
    const product = await trx
      .selectFrom('products')
      .leftJoin('vendors', 'vendors.id', 'products.vendor_id')
      .select(['products.name', 'products.stock', 'products.is_active', 'products.held_by_suspension', 'vendors.name as vendor_name'])
      .where('products.id', '=', productId)
      .executeTakeFirst();
    if (!product?.is_active) {
      const what = product ? `“${product.name}”` : 'a product in your cart';
      const why = product?.held_by_suspension ? heldBySuspension(product.vendor_name) : 'it is no longer available';
      // The shopper reads this at checkout, word for word.
      throw new HttpError(409, `${what} cannot be ordered: ${why}. Remove it from your cart.`, undefined, {
        product_id: productId,
        available: 0,
      });
    }
    assertInStock(product.name, quantity, product.stock, { product_id: productId });
    // Stock came back between the two statements: take it now.
  }
}

/**
 * Takes the stock of every line for an order, all lines or none. Each decrement is conditional
 * (`stock >= quantity`), so stock can never go below zero however many orders race for it; the row
 * lock lasts only this short transaction. Asking again for the same order answers the first result.
 */
export async function reserve(
  db: Kysely<Database>,
  input: z.output<typeof ReserveInput>,
  actor: string,
): Promise<{ reservation: Reservation; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockOrder(trx, input.order_id);
    const existing = await current(trx, input.order_id);
    if (existing.status === 'reserved') return { reservation: existing, created: false };
    if (existing.status === 'released')
      throw new HttpError(409, 'this order’s reservation was already released', undefined, { order_id: input.order_id });

    const held: ReservedItem[] = [];
    const moved = [];
    for (const { product_id, quantity } of normalise(input.items)) {
      const { stock, ...sold } = await takeStock(trx, product_id, quantity);
      held.push({ ...sold, quantity });
      moved.push({ product_id, delta: -quantity, stock_after: stock, reason: STOCK_REASONS.reserved, actor, order_id: input.order_id });
    }
    // The lines held and their stock movements, in one statement.
    await trx
      .with('held', (db) => db.insertInto('stock_reservations').values(held.map((i) => ({ order_id: input.order_id, ...i }))))
      .insertInto('stock_movements')
      .values(moved)
      .execute();
    return { reservation: { order_id: input.order_id, status: 'reserved', items: held }, created: true };
  });
}

/** Gives an order's stock back, once: asking again (or for an unknown order) changes nothing. */
export async function release(
  db: Kysely<Database>,
  orderId: string,
  actor: string,
): Promise<{ reservation: Reservation; releasedNow: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockOrder(trx, orderId);
    const held = await trx
      .selectFrom('stock_reservations')
      .select(['product_id', 'quantity'])
      .where('order_id', '=', orderId)
      .where('released_at', 'is', null)
      .orderBy('product_id')
      .execute();
    const moved = [];
    for (const { product_id, quantity } of held) {
      const returned = await trx
        .updateTable('products')
        .set({ stock: sql`stock + ${quantity}`, updated_at: sql`now()` })
        .where('id', '=', product_id)
        .returning('stock')
        .executeTakeFirstOrThrow();
      moved.push({ product_id, delta: quantity, stock_after: returned.stock, reason: STOCK_REASONS.released, actor, order_id: orderId });
    }
    await stockMovements.insertMany(trx, moved);
    if (held.length > 0) {
      await trx
        .updateTable('stock_reservations')
        .set({ released_at: sql`now()` })
        .where('order_id', '=', orderId)
        .where('released_at', 'is', null)
        .execute();
    }
    return { reservation: await current(trx, orderId), releasedNow: held.length > 0 };
  });
}

export function reservationOf(db: Kysely<Database>, orderId: string): Promise<Reservation> {
  return current(db, orderId);
}
