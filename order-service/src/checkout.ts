import type { Principal } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import { formatMoney, parseMoney } from '@dm/common/money';
import type { Outbox } from '@dm/common/outbox';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, OrderRow } from './db.js';
import { TOPICS } from './messages.js';
import { orderTotals, type PricingRules } from './order-rules.js';
import { type Order, orderDetail, orderRowToOrder, orders } from './orders.js';

const text = (max: number, message = 'is required') => z.string().trim().min(1, message).max(max, `must be at most ${max} characters`);

const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional();

/**
 * The address as the shop's form sends it (`line1`, `line2`) or as other shops' clients do
 * (`address_line1`, `address_line2`); `state` is optional, as not every country has one. It
 * becomes one shape, `{full_name, line1, line2, city, state, postal_code, country, phone}`.
 */
export const shippingAddressInput = z
  .object({
    full_name: text(100),
    line1: text(200).optional(),
    address_line1: text(200).optional(),
    line2: optionalText(200),
    address_line2: optionalText(200),
    city: text(100),
    state: optionalText(100),
    postal_code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/, 'must be a postal code such as 10115 or SW1A 1AA'),
    country: text(56),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'must be a phone number such as +1 555 123 4567'),
  })
  .refine((a) => a.line1 !== undefined || a.address_line1 !== undefined, { path: ['line1'], message: 'is required' })
  .transform(({ line1, address_line1, line2, address_line2, state, ...rest }) => ({
    ...rest,
    line1: (line1 ?? address_line1) as string,
    line2: line2 ?? address_line2 ?? '',
    state: state ?? '',
  }));

export const placeOrderInput = z.object({ shipping_address: shippingAddressInput });

/** A client's token for "this one checkout": printable, no spaces, at most 200 characters. */
export const idempotencyKeyInput = z
  .string({ message: 'the Idempotency-Key header is required' })
  .regex(/^[\x21-\x7e]{1,200}$/, 'the Idempotency-Key header must be 1-200 printable characters');

export interface CheckoutDeps {
  db: Kysely<Database>;
  outbox: Outbox;
  catalog: ServiceClient;
  cart: ServiceClient;
  serviceToken: () => string;
  pricing: PricingRules;
}

/** What order-service reads of a cart line: cart-service prices it with the catalog's products. */
interface CartLine {
  product_id: string;
  sku: string | null;
  name: string;
  price: string;
  quantity: number;
  stock: number;
  available: boolean;
}

/**
 * The cart with today's prices (cart-service asks the catalog for them), refused when it cannot
 * become an order. Stock is checked again, for real, by the reservation.
 */
async function orderLines(deps: CheckoutDeps, userId: string) {
  const cart = await deps.cart.call<{ items: CartLine[] }>('GET', `/internal/carts/${userId}`, { token: deps.serviceToken() });
  if (cart.items.length === 0) throw new HttpError(422, 'your cart is empty');
  return cart.items.map((line) => {
    if (!line.available || line.sku === null) {
      throw new HttpError(409, `“${line.name}” is no longer available: remove it from your cart`, undefined, {
        product_id: line.product_id,
        available: 0,
      });
    }
    if (line.quantity > line.stock) {
      const detail = line.stock === 0 ? `“${line.name}” is out of stock` : `only ${line.stock} of “${line.name}” left`;
      throw new HttpError(409, detail, undefined, { product_id: line.product_id, available: line.stock });
    }
    return {
      product: { id: line.product_id, sku: line.sku, name: line.name },
      quantity: line.quantity,
      unitPriceCents: parseMoney(line.price)!,
    };
  });
}

export interface OrderPreview {
  items: { product_id: string; sku: string; name: string; unit_price: string; quantity: number; line_total: string }[];
  subtotal: string;
  tax: string;
  shipping_cost: string;
  total: string;
}

/**
 * The cart priced as an order right now: its lines as order items and the totals. The checkout
 * page shows it; writing an order stores it.
 */
export async function previewOrder(deps: CheckoutDeps, userId: string): Promise<OrderPreview> {
  const lines = await orderLines(deps, userId);
  const totals = orderTotals(lines, deps.pricing);
  return {
    items: lines.map(({ product, quantity, unitPriceCents }) => ({
      product_id: product.id,
      sku: product.sku,
      name: product.name,
      unit_price: formatMoney(unitPriceCents),
      quantity,
      line_total: formatMoney(unitPriceCents * quantity),
    })),
    subtotal: formatMoney(totals.subtotal),
    tax: formatMoney(totals.tax),
    shipping_cost: formatMoney(totals.shipping),
    total: formatMoney(totals.total),
  };
}

/**
 * Writes the order in its first, internal state: visible to nobody until its stock is held.
 * Answers the row and its items (the items are what was written, so nothing is read back).
 */
async function writeOrder(
  deps: CheckoutDeps,
  user: Principal,
  key: string,
  address: z.infer<typeof shippingAddressInput>,
): Promise<{ row: OrderRow; items?: OrderPreview['items'] }> {
  let priced: OrderPreview;
  try {
    priced = await previewOrder(deps, user.id);
  } catch (err) {
    // The same checkout, sent twice, may have made its order (and emptied the cart) meanwhile.
    const made = await orders.findByKey(deps.db, user.id, key);
    if (made) return { row: made };
    throw err;
  }
  const { items, ...totals } = priced;
  const row = await orders.insertWithItems(
    deps.db,
    {
      user_id: user.id,
      idempotency_key: key,
      customer_email: user.email ?? '',
      customer_name: user.name ?? '',
      shipping_address: address,
      ...totals,
    },
    items,
  );
  return row ? { row, items } : { row: (await orders.findByKey(deps.db, user.id, key))! };
}

/**
 * Checkout: write the order, reserve its stock in catalog-service (all lines or none, idempotent
 * by order id), then confirm it and empty the cart. A crash between the steps leaves an order in
 * its internal state, which a retry with the same key completes or the sweeper undoes; so every
 * order is whole or absent.
 */
export async function placeOrder(
  deps: CheckoutDeps,
  user: Principal,
  key: string,
  address: z.infer<typeof shippingAddressInput>,
): Promise<{ order: Order; created: boolean }> {
  const { db } = deps;
  const existing = await orders.findByKey(db, user.id, key);
  if (existing && existing.status !== 'reserving') return { order: await orderDetail(db, existing), created: false };
  const written = existing ? { row: existing } : await writeOrder(deps, user, key, address);
  const { row } = written;
  if (row.status !== 'reserving') return { order: await orderDetail(db, row), created: false };
  // Items just written are known; an order left half-made by an earlier attempt is read back.
  const items = written.items ?? (await orders.itemsOf(db, [row.id])).get(row.id) ?? [];
  const lines = items.map((i) => ({ product_id: i.product_id, quantity: i.quantity }));

  const reservation = await deps.catalog.request<{ detail?: string }>('POST', '/internal/reservations', {
    token: deps.serviceToken(),
    body: { order_id: row.id, items: lines },
  });
  if (reservation.status === 409) {
    // No stock held (all or none): the order never was. Say which product ran short.
    await db.transaction().execute(async (trx) => {
      const locked = await orders.lockById(trx, row.id);
      if (locked?.status === 'reserving') await orders.remove(trx, row.id);
    });
    const { detail, ...extra } = reservation.data as { detail?: string };
    throw new HttpError(409, detail ?? 'some items are no longer in stock', undefined, extra);
  }
  if (reservation.status >= 400) throw new HttpError(502, 'the stock reservation was refused');

  const message = { topic: TOPICS.cartCheckout, payload: { user_id: user.id, order_id: row.id, items: lines } };
  const confirmed = await orders.confirm(db, row.id, { actor: user.id, reason: 'order placed' }, message);
  if (!confirmed) {
    // Confirmed by a concurrent retry, or gone: the sweeper gave a stuck order's stock back.
    const now = await orders.findById(db, row.id);
    if (!now) throw new HttpError(409, 'your order could not be completed: please try again');
    return { order: await orderDetail(db, now), created: false };
  }
  await deps.outbox.send({ id: confirmed.messageId, ...message });
  // In the order every later read gives them (by name).
  const itemRows = items.map((i) => ({ ...i, order_id: row.id })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { order: orderRowToOrder(confirmed.row, itemRows, [confirmed.event]), created: true };
}
