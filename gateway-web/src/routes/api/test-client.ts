// What the API's tests share: one call to the gateway, and the people who make the calls.
import { randomUUID } from 'node:crypto';
import { callJson, type TestCall, type TestReply } from '@dm/common/testing';
import { ADMIN, type GatewayStack } from '../../testing.js';

export type ApiAnswer = TestReply;
export type CallOptions = TestCall;

export function call(base: string, method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  return callJson(`${base}${path}`, method, options);
}

async function tokenOf(base: string, email: string, password: string): Promise<string> {
  const res = await call(base, 'POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${res.text}`);
  return res.body.access_token as string;
}

/** The seeded admin's token. */
export const adminToken = (base: string) => tokenOf(base, ADMIN.email, ADMIN.password);

/** A new shopper, registered and signed in. */
export async function newShopper(base: string): Promise<{ id: string; email: string; password: string; token: string }> {
  const email = `shopper-${randomUUID()}@example.com`;
  const password = 'shopper-password-1';
  const res = await call(base, 'POST', '/api/auth/register', { body: { email, password, full_name: 'Sam Shopper' } });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${res.text}`);
  return { id: res.body.id as string, email, password, token: await tokenOf(base, email, password) };
}

/**
 * A new vendor: a shopper whose role the admin's approval made `vendor` (set here in auth-service's
 * database, as that approval does), signed in again so the token carries it. Their shop exists in
 * the catalog only if `catalog` is given.
 */
export async function newVendor(
  stack: Pick<GatewayStack, 'url' | 'authDb' | 'catalogDb'>,
  shopName?: string,
): Promise<{ id: string; email: string; password: string; token: string }> {
  const shopper = await newShopper(stack.url);
  await stack.authDb.db.updateTable('users').set({ role: 'vendor' }).where('id', '=', shopper.id).execute();
  if (shopName) {
    const slug = `${shopName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${shopper.id.slice(0, 6)}`;
    await stack.catalogDb.db
      .insertInto('vendors')
      .values({ id: shopper.id, slug, name: shopName, contact_email: shopper.email, payout_reference: 'IBAN TEST' })
      .execute();
  }
  return { ...shopper, token: await tokenOf(stack.url, shopper.email, shopper.password) };
}

export const ADDRESS = {
  full_name: 'Ada Lovelace',
  line1: '12 Analytical Row',
  city: 'London',
  postal_code: 'N1 9GU',
  country: 'United Kingdom',
  phone: '+44 20 7946 0000',
};

/**
 * A product in stock (made by the admin through the API), and a pending order of it by `shopper`.
 */
export async function pendingOrder(base: string, admin: string, shopper: { token: string }, price = '12.50') {
  const product = await call(base, 'POST', '/api/products', {
    token: admin,
    body: { sku: `T-${randomUUID().slice(0, 8)}`, name: 'Test Kettle', description: 'Boils.', price, stock: 50 },
  });
  if (product.status !== 201) throw new Error(`product not made: ${product.status} ${product.text}`);
  const line = await call(base, 'POST', '/api/cart/items', { token: shopper.token, body: { product_id: product.body.id, quantity: 1 } });
  if (line.status !== 200) throw new Error(`cart not filled: ${line.status} ${line.text}`);
  const order = await call(base, 'POST', '/api/orders', {
    token: shopper.token,
    body: { shipping_address: ADDRESS },
    headers: { 'idempotency-key': randomUUID() },
  });
  if (order.status !== 201) throw new Error(`order not made: ${order.status} ${order.text}`);
  return { productId: product.body.id as string, orderId: order.body.id as string, total: order.body.total as string };
}

const GOOD_CARD = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: '123' };

/** Pays a pending order and has the admin take it to `delivered`, through the API, as a real order goes. */
export async function deliver(base: string, admin: string, shopper: { token: string }, orderId: string): Promise<void> {
  const paid = await call(base, 'POST', '/api/payments', {
    token: shopper.token,
    body: { order_id: orderId, card: GOOD_CARD },
    headers: { 'idempotency-key': randomUUID() },
  });
  if (paid.status !== 201 || paid.body.status !== 'succeeded') throw new Error(`payment failed: ${paid.status} ${paid.text}`);
  // The payment reaches the order through payment-service's outbox, sent as soon as it is written.
  for (let i = 0; (await call(base, 'GET', `/api/orders/${orderId}`, { token: shopper.token })).body.status !== 'paid'; i++) {
    if (i > 200) throw new Error('the order never became paid');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  for (const status of ['processing', 'shipped', 'delivered']) {
    const moved = await call(base, 'PATCH', `/api/orders/${orderId}/status`, { token: admin, body: { status } });
    if (moved.status !== 200) throw new Error(`order not ${status}: ${moved.status} ${moved.text}`);
  }
}
