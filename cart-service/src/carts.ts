// The cart's rules: what may go in, and how each change reads the catalog once and writes under
// the cart's lock.

import { HttpError } from '@dm/common/errors';
import { assertInStock } from '@dm/common/stock';
import type { Cart, CartCount, MergeResult } from '@dm/contracts/cart';
import type { CartCheckoutResult, CartLines } from '@dm/contracts/internal';
import type { Kysely, Transaction } from 'kysely';
import type { CartLimits, LineInput } from './cart-input.js';
import { cartLines } from './cart-lines.js';
import { planMerge } from './cart-merge.js';
import { type CatalogProduct, cartView, emptyCart, type ProductsById } from './cart-view.js';
import type { ProductLookup } from './catalog-client.js';
import type { CartItemRow, Database } from './db.js';

export interface CartDeps {
  db: Kysely<Database>;
  products: ProductLookup;
  limits: CartLimits;
}

const productNotFound = () => new HttpError(404, 'product not found');

function assertFits(product: CatalogProduct, quantity: number, limits: CartLimits): void {
  assertInStock(product.name, quantity, product.stock);
  if (quantity > limits.maxQuantity) {
    throw new HttpError(409, `at most ${limits.maxQuantity} of “${product.name}” fit in one cart`, undefined, {
      available: limits.maxQuantity,
    });
  }
}

/** The view of stored lines, asking the catalog for any product `products` was not asked about. */
async function viewOf(deps: CartDeps, lines: CartItemRow[], products: ProductsById): Promise<Cart> {
  if (lines.length === 0) return emptyCart();
  // Only another request of the same user, adding a product between our look-up and our write,
  // leaves a line unasked about.
  const unasked = lines.map((l) => l.product_id).filter((id) => !products.has(id));
  const all = unasked.length === 0 ? products : new Map([...products, ...(await deps.products(unasked))]);
  return cartView(lines, all);
}

/**
 * One change to a user's cart: look the products up first (the cart's and `productIds`), in one
 * batch and outside any transaction; then write under the cart's lock; then answer the cart as it
 * now is. When the catalog is down nothing is written.
 */
async function change<T>(
  deps: CartDeps,
  userId: string,
  productIds: readonly string[],
  write: (trx: Transaction<Database>, products: ProductsById) => Promise<T>,
): Promise<{ cart: Cart; result: T }> {
  const products = await deps.products([...(await cartLines.productIds(deps.db, userId)), ...productIds]);
  const { lines, result } = await deps.db.transaction().execute(async (trx) => {
    await cartLines.lock(trx, userId);
    const result = await write(trx, products);
    return { lines: await cartLines.list(trx, userId), result };
  });
  return { cart: await viewOf(deps, lines, products), result };
}

export async function getCart(deps: CartDeps, userId: string): Promise<Cart> {
  const lines = await cartLines.list(deps.db, userId);
  if (lines.length === 0) return emptyCart();
  return cartView(lines, await deps.products(lines.map((l) => l.product_id)));
}

/** The lines alone, from the cart alone: checkout reserves them and the reservation prices them. */
export async function linesOf(deps: CartDeps, userId: string): Promise<CartLines> {
  const lines = await cartLines.list(deps.db, userId);
  return { items: lines.map(({ product_id, quantity }) => ({ product_id, quantity })) };
}

/** Units in the cart, from the cart alone (no catalog call): the navbar asks on every page. */
export async function countItems(deps: CartDeps, userId: string): Promise<CartCount> {
  return { total_items: await cartLines.totalQuantity(deps.db, userId) };
}

/** Adds `quantity` to the product's line; the line's new quantity must fit the stock. */
export async function addItem(deps: CartDeps, userId: string, { product_id, quantity }: LineInput): Promise<Cart> {
  const { cart } = await change(deps, userId, [product_id], async (trx, products) => {
    const product = products.get(product_id);
    if (!product?.is_active) throw productNotFound();
    const held = await cartLines.productIds(trx, userId);
    if (!held.includes(product_id) && held.length >= deps.limits.maxLines) {
      throw new HttpError(409, `a cart holds at most ${deps.limits.maxLines} different products`);
    }
    // The sum is made by the database and checked after: rolled back when it does not fit.
    assertFits(product, await cartLines.add(trx, userId, product_id, quantity, product.price), deps.limits);
  });
  return cart;
}

export async function setQuantity(deps: CartDeps, userId: string, productId: string, quantity: number): Promise<Cart> {
  const { cart } = await change(deps, userId, [productId], async (trx, products) => {
    if (!(await cartLines.find(trx, userId, productId))) throw new HttpError(404, 'this product is not in your cart');
    const product = products.get(productId);
    if (!product?.is_active) {
      const detail = product ? `“${product.name}” is no longer available` : 'this product is no longer available';
      throw new HttpError(409, detail, undefined, { available: 0 });
    }
    assertFits(product, quantity, deps.limits);
    await cartLines.setQuantity(trx, userId, productId, quantity, product.price);
  });
  return cart;
}

/** Removing a line that is not there is no error: the answer is the cart either way. */
export async function removeItem(deps: CartDeps, userId: string, productId: string): Promise<Cart> {
  const { cart } = await change(deps, userId, [], (trx) => cartLines.remove(trx, userId, productId));
  return cart;
}

export async function clearCart(deps: CartDeps, userId: string): Promise<Cart> {
  await cartLines.clear(deps.db, userId);
  return emptyCart();
}

/** A guest's cart joins the user's at login, in one transaction; what could not join is listed. */
export async function mergeCart(deps: CartDeps, userId: string, items: readonly LineInput[]): Promise<MergeResult> {
  const ids = items.map((i) => i.product_id);
  const { cart, result } = await change(deps, userId, ids, async (trx, products) => {
    const existing = new Map((await cartLines.list(trx, userId)).map((l) => [l.product_id, l.quantity]));
    const plan = planMerge(existing, items, products, deps.limits);
    for (const put of plan.puts) await cartLines.put(trx, userId, put.product_id, put.quantity, put.price);
    return plan.adjustments;
  });
  return { cart, adjustments: result };
}

/** Prices lines that are stored nowhere (a guest's session cart); changes nothing. */
export async function quoteCart(deps: CartDeps, items: readonly LineInput[]): Promise<Cart> {
  if (items.length === 0) return emptyCart();
  const products = await deps.products(items.map((i) => i.product_id));
  return cartView(
    items.map((i) => ({ ...i, unit_price_snapshot: null })),
    products,
  );
}

/**
 * An order was made from these lines: take its quantities out of the cart, leaving whatever the
 * shopper added since. Once per order: a redelivered message finds the order recorded and
 * changes nothing. Needs no catalog: nothing is priced, so an order's cart empties even while the
 * catalog is down. Answers the cart's lines as they now are.
 */
export async function checkoutLines(
  deps: CartDeps,
  userId: string,
  orderId: string,
  items: readonly LineInput[],
): Promise<CartCheckoutResult> {
  return deps.db.transaction().execute(async (trx) => {
    await cartLines.lock(trx, userId);
    const applied = await cartLines.takeOut(trx, orderId, userId, items);
    const lines = await cartLines.list(trx, userId);
    return { order_id: orderId, applied, items: lines.map((l) => ({ product_id: l.product_id, quantity: l.quantity })) };
  });
}
