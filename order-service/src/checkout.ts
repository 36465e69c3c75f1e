import type { Principal } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import { EVENT_TOPIC } from '@dm/common/events';
import type { ServiceClient } from '@dm/common/http-client';
import { formatMoney, parseMoney } from '@dm/common/money';
import type { Outbox } from '@dm/common/outbox';
import { assertInStock } from '@dm/common/stock';
import type { Cart } from '@dm/contracts/cart';
import type { CartLines, Reservation, ReservedItem } from '@dm/contracts/internal';
import type { CartCheckoutMessage } from '@dm/contracts/messages';
import type { Order, OrderPreview, ShippingAddressInput } from '@dm/contracts/orders';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, OrderRow } from './db.js';
import { TOPICS } from './messages.js';
import { placedEvent } from './order-events.js';
import { orderMetrics } from './order-metrics.js';
import { orderTotals, type PricingRules } from './order-rules.js';
import { type NewOrderItem, orderDetail, orderRowToOrder, orders } from './orders.js';

export interface CheckoutDeps {
  db: Kysely<Database>;
  outbox: Outbox;
  catalog: ServiceClient;
  cart: ServiceClient;
  serviceToken: () => string;
  pricing: PricingRules;
}

/**
 * The cart with today's prices (cart-service asks the catalog for them), refused when it cannot
 * become an order. Stock is checked again, for real, by the reservation.
 */
async function orderLines(deps: CheckoutDeps, userId: string) {
  const cart = await deps.cart.call<Cart>('GET', `/internal/carts/${userId}`, { token: deps.serviceToken() });
  if (cart.items.length === 0) throw new HttpError(422, 'your cart is empty');
  return cart.items.map((line) => {
    if (!line.available || line.sku === null) {
      const detail = line.unavailable_reason
        ? `“${line.name}” cannot be ordered: ${line.unavailable_reason}. Remove it from your cart.`
        : `“${line.name}” is no longer available: remove it from your cart`;
      throw new HttpError(409, detail, undefined, { product_id: line.product_id, available: 0 });
    }
    assertInStock(line.name, line.quantity, line.stock, { product_id: line.product_id });
    return {
      product: { id: line.product_id, sku: line.sku, name: line.name, vendorId: line.vendor_id, vendorName: line.vendor_name },
      quantity: line.quantity,
      unitPriceCents: parseMoney(line.price)!,
    };
  });
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
      vendor_id: product.vendorId,
      vendor_name: product.vendorName,
      shipped_at: null,
      tracking_number: null,
    })),
    subtotal: formatMoney(totals.subtotal),
    tax: formatMoney(totals.tax),
    shipping_cost: formatMoney(totals.shipping),
    total: formatMoney(totals.total),
  };
}

/** The cart's lines, product ids and quantities only: cart-service answers them from the cart alone. */
async function cartLines(deps: CheckoutDeps, userId: string): Promise<CartLines['items']> {
  const { items } = await deps.cart.call<CartLines>('GET', `/internal/carts/${userId}/lines`, { token: deps.serviceToken() });
  return items;
}

/**
 * Removes an order that holds no stock, unless a concurrent attempt of its checkout confirmed it
 * meanwhile: then answers it.
 */
async function removeUnconfirmed(db: Kysely<Database>, orderId: string): Promise<OrderRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const locked = await orders.lockById(trx, orderId);
    if (locked?.status !== 'reserving') return locked;
    await orders.remove(trx, orderId);
    return undefined;
  });
}

/**
 * Holds the lines' stock for the order (all or none, idempotent by order id) and answers the lines
 * as the catalog sold them: the order's prices. A refusal means the order never was: it is removed.
 */
async function reserve(deps: CheckoutDeps, orderId: string, lines: CartLines['items']): Promise<ReservedItem[]> {
  const reservation = await deps.catalog.request<Reservation & { detail?: string }>('POST', '/internal/reservations', {
    token: deps.serviceToken(),
    body: { order_id: orderId, items: lines },
    // Keyed by the order: a repeat answers the first reservation, at its prices.
    idempotent: true,
  });
  if (reservation.status === 409) {
    // No stock held (all or none): the order never was. Say which product ran short.
    await removeUnconfirmed(deps.db, orderId);
    const { detail, ...extra } = reservation.data as { detail?: string };
    throw new HttpError(409, detail ?? 'some items are no longer in stock', undefined, extra);
  }
  if (reservation.status >= 400) throw new HttpError(502, 'the stock reservation was refused');
  return reservation.data.items;
}

/**
 * The stock an earlier attempt of this checkout may have held already (it crashed or timed out
 * before confirming): asked only on that retry, so the order is priced as that reservation was
 * even when the cart has changed or emptied since.
 */
async function heldBefore(deps: CheckoutDeps, orderId: string): Promise<ReservedItem[] | undefined> {
  const held = await deps.catalog.call<Reservation>('GET', `/internal/reservations/${orderId}`, { token: deps.serviceToken() });
  return held.status === 'reserved' ? held.items : undefined;
}

/** The reserved lines as order items, and the order's money by order-rules. */
function priceOrder(held: ReservedItem[], pricing: PricingRules) {
  const lines = held.map((i) => ({ ...i, unitPriceCents: parseMoney(i.unit_price)! }));
  const totals = orderTotals(lines, pricing);
  const items: NewOrderItem[] = lines.map(({ unitPriceCents, ...i }) => ({
    product_id: i.product_id,
    sku: i.sku,
    name: i.name,
    unit_price: formatMoney(unitPriceCents),
    quantity: i.quantity,
    line_total: formatMoney(unitPriceCents * i.quantity),
    vendor_id: i.vendor_id,
    vendor_name: i.vendor_name,
  }));
  return {
    items,
    subtotal: formatMoney(totals.subtotal),
    tax: formatMoney(totals.tax),
    shipping_cost: formatMoney(totals.shipping),
    total: formatMoney(totals.total),
  };
}

/**
 * Checkout: write the order (who and where), reserve its stock in catalog-service (all lines or
 * none, idempotent by order id), which answers the prices it sold at; then write the items and
 * the money, confirm it and empty the cart, in one statement. A crash between the steps leaves an
 * order in its internal state, which a retry with the same key completes or the sweeper undoes;
 * so every order is whole or absent.
 */
export async function placeOrder(
  deps: CheckoutDeps,
  user: Principal,
  key: string,
  address: z.output<typeof ShippingAddressInput>,
): Promise<{ order: Order; created: boolean }> {
  const { db } = deps;
  // Written first: a new key (the usual case) costs one statement; a used one finds its order.
  const customer = { customer_email: user.email ?? '', customer_name: user.name ?? '', shipping_address: address };
  const inserted = await orders.insert(db, { user_id: user.id, idempotency_key: key, ...customer });
  const row = inserted ?? (await orders.findByKey(db, user.id, key));
  // Gone between the two statements: a concurrent attempt found no stock and removed it.
  if (!row) throw new HttpError(409, 'your order could not be completed: please try again');
  if (row.status !== 'reserving') return { order: await orderDetail(db, row), created: false };
  let held = inserted ? undefined : await heldBefore(deps, row.id);
  if (!held) {
    const lines = await cartLines(deps, user.id);
    if (lines.length === 0) {
      // The same checkout, sent twice, may have made its order (and emptied the cart) meanwhile.
      const made = await removeUnconfirmed(db, row.id);
      if (made) return { order: await orderDetail(db, made), created: false };
      throw new HttpError(422, 'your cart is empty');
    }
    held = await reserve(deps, row.id, lines);
  }

  const priced = priceOrder(held, deps.pricing);
  const reserved = held.map((i) => ({ product_id: i.product_id, quantity: i.quantity }));
  const payload: CartCheckoutMessage = { user_id: user.id, order_id: row.id, items: reserved };
  const message = { topic: TOPICS.cartCheckout, payload };
  const placed = placedEvent(row, priced);
  const confirmed = await orders.confirm(db, row.id, priced, { actor: user.id, reason: 'order placed' }, message, placed);
  if (!confirmed) {
    // Confirmed by a concurrent retry, or gone: the sweeper gave a stuck order's stock back.
    const now = await orders.findById(db, row.id);
    if (!now) throw new HttpError(409, 'your order could not be completed: please try again');
    return { order: await orderDetail(db, now), created: false };
  }
  orderMetrics.placed();
  await deps.outbox.send({ id: confirmed.messageId, ...message });
  // Not awaited: the shopper does not wait for the mail and the dashboard to hear of it.
  void deps.outbox.send({ id: confirmed.placedId, topic: EVENT_TOPIC, payload: placed });
  // In the order every later read gives them (by name).
  const itemRows = priced.items
    .map((i) => ({ ...i, order_id: row.id, shipped_at: null, tracking_number: null }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { order: orderRowToOrder(confirmed.row, itemRows, [confirmed.event]), created: true };
}
