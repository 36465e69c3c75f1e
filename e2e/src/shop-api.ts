// Setting the scene through the public JSON API: what a journey needs but does not test (a product,
// a cart, a paid order) costs a request or two instead of a page and a form.
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect } from '@playwright/test';
import { ADMIN } from './accounts.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let admin: { pair: Promise<{ access_token: string; expires_in: number }>; renewAt: number } | undefined;

/**
 * The admin's token, one per worker while it lives (the e2e stack's tokens live seconds), asked
 * once even when many calls want it at the same moment: no sign-in (and password hash) per call.
 */
export async function adminToken(): Promise<string> {
  if (!admin || Date.now() >= admin.renewAt) {
    const entry = { pair: signInAdmin(), renewAt: Number.POSITIVE_INFINITY };
    admin = entry;
    entry.pair.then(
      (pair) => {
        entry.renewAt = Date.now() + (pair.expires_in * 1000) / 2;
      },
      () => {
        entry.renewAt = 0;
      },
    );
  }
  return (await admin.pair).access_token;
}

async function signInAdmin(): Promise<{ access_token: string; expires_in: number }> {
  const base = process.env.BASE_URL ?? 'http://localhost:8000';
  const res = await fetch(new URL('/api/auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status, 'the admin signs in').toBe(200);
  return (await res.json()) as { access_token: string; expires_in: number };
}

export interface Product {
  id: string;
  slug: string;
  name: string;
}

/** A product made by the admin through the API. */
export async function createProduct(
  request: APIRequestContext,
  fields: { sku: string; name: string; price: string; stock: number; description?: string; category_ids?: string[]; tags?: string[] },
): Promise<Product> {
  const res = await request.post('/api/products', { headers: bearer(await adminToken()), data: fields });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as Product;
}

/** Soft-deletes products made for one journey, so the shop looks as before to the others. */
export async function removeProducts(request: APIRequestContext, ids: string[]): Promise<void> {
  const headers = bearer(await adminToken());
  await Promise.all(ids.map((id) => request.delete(`/api/products/${id}`, { headers })));
}

export interface Category {
  id: string;
  name: string;
  slug: string;
  parent_id: string | null;
}

export async function categories(request: APIRequestContext): Promise<Category[]> {
  const res = await request.get('/api/categories');
  expect(res.status()).toBe(200);
  return (await res.json()) as Category[];
}

export async function categoryBySlug(request: APIRequestContext, slug: string): Promise<Category> {
  const found = (await categories(request)).find((c) => c.slug === slug);
  if (!found) throw new Error(`no category "${slug}"`);
  return found;
}

/** A demo product in stock (featured: only the demo catalog marks products so, and it has a picture). */
export async function demoProduct(request: APIRequestContext): Promise<Product> {
  const res = await request.get('/api/products?featured=true&in_stock=true&sort=name&page_size=1');
  expect(res.status()).toBe(200);
  const [product] = ((await res.json()) as { items: Product[] }).items;
  if (!product) throw new Error('the demo catalog has no featured product in stock');
  return product;
}

export async function putInCart(request: APIRequestContext, token: string, productId: string, quantity = 1): Promise<void> {
  const res = await request.post('/api/cart/items', { headers: bearer(token), data: { product_id: productId, quantity } });
  expect(res.status(), await res.text()).toBe(200);
}

export const ADDRESS = {
  full_name: 'Casey Buyer',
  line1: '221B Baker Street',
  city: 'London',
  postal_code: 'NW1 6XE',
  country: 'United Kingdom',
  phone: '+44 20 7224 3688',
};

export const GOOD_CARD = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: new Date().getFullYear() + 2, cvc: '123' };

/** Checks out the shopper's cart and pays it; resolves once order-service has heard of the payment. */
export async function placePaidOrder(request: APIRequestContext, token: string): Promise<string> {
  const order = await request.post('/api/orders', {
    headers: { ...bearer(token), 'idempotency-key': randomUUID() },
    data: { shipping_address: ADDRESS },
  });
  expect(order.status(), await order.text()).toBe(201);
  const { id } = (await order.json()) as { id: string };
  const payment = await request.post('/api/payments', {
    headers: { ...bearer(token), 'idempotency-key': randomUUID() },
    data: { order_id: id, card: GOOD_CARD },
  });
  expect(payment.status(), await payment.text()).toBe(201);
  // The payment reaches the order through payment-service's outbox, a moment later.
  await expect
    .poll(async () => ((await (await request.get(`/api/orders/${id}`, { headers: bearer(token) })).json()) as { status: string }).status)
    .toBe('paid');
  return id;
}

/** The admin takes a paid order on to delivered, as the back office would, one state at a time. */
export async function markDelivered(request: APIRequestContext, orderId: string): Promise<void> {
  for (const status of ['processing', 'shipped', 'delivered']) {
    const res = await request.patch(`/api/orders/${orderId}/status`, { headers: bearer(await adminToken()), data: { status } });
    expect(res.status(), await res.text()).toBe(200);
  }
}
