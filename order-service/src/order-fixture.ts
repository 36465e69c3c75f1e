// An order written straight into order-service's database, as its checkout (and later the admin)
// leaves it: for the tests of the services that read orders (payment-service, review-service).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, OrderRow } from './db.js';

export interface OrderFixture {
  id: string;
  total: string;
}

const PAID_OR_LATER: readonly OrderRow['status'][] = ['paid', 'processing', 'shipped', 'delivered'];

/** Two lamps at 19.99 (of `productId`, or of a product of no importance), 5 % tax and flat shipping: 46.97 in all. */
export async function addOrder(
  db: Kysely<Database>,
  userId: string,
  options: { status?: OrderRow['status']; productId?: string } = {},
): Promise<OrderFixture> {
  const status = options.status ?? 'pending';
  const row = await db
    .insertInto('orders')
    .values({
      user_id: userId,
      status,
      idempotency_key: randomUUID(),
      customer_email: 'shopper@example.com',
      customer_name: 'Sam Shopper',
      shipping_address: JSON.stringify({
        full_name: 'Sam Shopper',
        line1: '1 Main Street',
        line2: '',
        city: 'Springfield',
        postal_code: '12345',
        country: 'US',
        phone: '+1 555 123 4567',
      }),
      subtotal: '39.98',
      tax: '2.00',
      shipping_cost: '4.99',
      total: '46.97',
      ...(PAID_OR_LATER.includes(status) ? { payment_id: randomUUID(), paid_at: new Date() } : {}),
      ...(status === 'cancelled' ? { cancelled_at: new Date() } : {}),
    })
    .returning(['id', 'total'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('order_items')
    .values({
      order_id: row.id,
      product_id: options.productId ?? randomUUID(),
      sku: 'LAMP-1',
      name: 'Desk Lamp',
      unit_price: '19.99',
      quantity: 2,
      line_total: '39.98',
    })
    .execute();
  return row;
}
