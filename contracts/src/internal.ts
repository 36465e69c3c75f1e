// Calls between services under /internal/* (a service token, never proxied by the gateway): what
// each one takes and answers.
import { z } from 'zod';
import { Cart, lineList, MAX_LINE_QUANTITY, sumByProduct } from './cart.js';
import { Product } from './catalog.js';
import { Money, Uuid, UuidInput } from './common.js';
import { ORDER_STATUSES } from './limits.js';
import { MoneyInput } from './money.js';
import { ProductRating } from './reviews.js';

const exampleId = '3f1c9a2e-5b7d-4e8f-a1c3-6d2b8e4f0a97';
const exampleOrderId = '7c3e5a1f-9b2d-4e6a-8f0c-1d4b7a9e2c35';

// ---- catalog-service ----

export const MAX_BATCH_IDS = 100;

/** `POST /internal/products/batch` (cart, orders): products by id, inactive ones included. */
export const ProductBatchInput = z
  .object({
    ids: z
      .array(UuidInput)
      .min(1, 'give at least one id')
      .max(MAX_BATCH_IDS, `at most ${MAX_BATCH_IDS} ids`)
      .transform((ids) => [...new Set(ids)]),
  })
  .meta({ examples: [{ ids: [exampleId] }] });

/** A product as other services need it: no categories (a cart read must stay one query). */
export const BatchProduct = Product.omit({ categories: true }).extend({
  /** why an inactive product cannot be bought, in words for the shopper; null when it can */
  unavailable_reason: z.string().nullable(),
});
export type BatchProduct = z.infer<typeof BatchProduct>;

/** Whatever of the ids exists, in the order asked; an unknown id is left out. */
export const ProductBatch = z.object({ items: z.array(BatchProduct) });
export type ProductBatch = z.infer<typeof ProductBatch>;

/**
 * `PUT /internal/product-ratings/:id` (reviews, through its outbox): a product's visible reviews
 * in figures. `version` only grows, so a message that arrives after a newer one changes nothing.
 */
export const ProductRatingInput = z
  .object({
    count: z.int().nonnegative(),
    sum: z.int().nonnegative(),
    version: z.int().positive(),
  })
  .refine((r) => r.sum >= r.count && r.sum <= 5 * r.count, { path: ['sum'], message: 'must be 1 to 5 stars for each review' })
  .meta({ examples: [{ count: 3, sum: 13, version: 7 }] });
export type ProductRatingInput = z.input<typeof ProductRatingInput>;

/** Whether the rating was taken (false: the catalog holds a newer one already). */
export const ProductRatingResult = z.object({ product_id: Uuid, applied: z.boolean(), rating: ProductRating });
export type ProductRatingResult = z.infer<typeof ProductRatingResult>;

/** `POST /internal/reservations` (orders): hold an order's stock, all lines or none, idempotent by order id. */
export const ReserveInput = z
  .object({
    order_id: UuidInput,
    items: z
      .array(z.object({ product_id: UuidInput, quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY) }))
      .min(1, 'must list at least one product')
      .max(100, 'must list at most 100 products'),
  })
  .meta({ examples: [{ order_id: exampleOrderId, items: [{ product_id: exampleId, quantity: 2 }] }] });
export type ReserveInput = z.input<typeof ReserveInput>;

/**
 * A line held for an order, with the product as it was when its stock was taken: order-service
 * writes the order's items from it, so an order is priced at the moment its stock is held, by one
 * call. A repeat of the reservation answers the same figures.
 */
export const ReservedItem = z.object({
  product_id: Uuid,
  quantity: z.int().positive(),
  sku: z.string(),
  name: z.string(),
  unit_price: Money,
  vendor_id: Uuid.nullable(),
  vendor_name: z.string().nullable(),
});
export type ReservedItem = z.infer<typeof ReservedItem>;

/** An order's stock as the catalog holds it (`none`: never reserved), lines by product id. */
export const Reservation = z.object({
  order_id: Uuid,
  status: z.enum(['reserved', 'released', 'none']),
  items: z.array(ReservedItem),
});
export type Reservation = z.infer<typeof Reservation>;

/** `POST /internal/reservations/:orderId/release` (orders): the stock given back, once. */
export const ReleaseResult = Reservation.extend({ released_now: z.boolean() });
export type ReleaseResult = z.infer<typeof ReleaseResult>;

// ---- cart-service ----

export const UserIdParams = z.object({ user_id: UuidInput });

/** `GET /internal/carts/:user_id` (orders): the shopper's cart, priced, as the checkout page previews it. */
export const InternalCart = Cart;

/**
 * `GET /internal/carts/:user_id/lines` (orders): the cart's lines only, in display order, read
 * from the cart alone. Checkout reserves them; the reservation prices them.
 */
export const CartLines = z.object({ items: z.array(z.object({ product_id: Uuid, quantity: z.int().positive() })) });
export type CartLines = z.infer<typeof CartLines>;

/**
 * `POST /internal/carts/:user_id/checkouts` (orders, through its outbox): take an order's lines out
 * of the cart, once per order.
 */
export const CartCheckoutInput = z
  .object({
    order_id: UuidInput,
    items: lineList(
      z
        .number({ message: 'must be a whole number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY}`),
    )
      .min(1, 'must list at least one product')
      .transform(sumByProduct),
  })
  .meta({ examples: [{ order_id: exampleOrderId, items: [{ product_id: exampleId, quantity: 2 }] }] });

/** The cart's lines as they are after the checkout; `applied` is false for a message seen before. */
export const CartCheckoutResult = z.object({
  order_id: Uuid,
  applied: z.boolean(),
  items: z.array(z.object({ product_id: Uuid, quantity: z.int().positive() })),
});
export type CartCheckoutResult = z.infer<typeof CartCheckoutResult>;

// ---- order-service ----

/** `GET /internal/orders/:id` (payments): what a payment needs to know of an order. */
export const OrderSummary = z.object({
  id: Uuid,
  user_id: Uuid,
  status: z.enum(ORDER_STATUSES),
  total: Money,
  payment_id: Uuid.nullable(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

/**
 * `POST /internal/orders/:id/paid` (payments, through its outbox): a payment succeeded. The same
 * payment again is a 200; a 409 (cancelled meanwhile, paid otherwise, wrong amount) asks for a refund.
 */
export const OrderPaidInput = z
  .object({ payment_id: UuidInput, amount: MoneyInput })
  .meta({ examples: [{ payment_id: '9e4b2d7a-3c1f-4a8e-b5d6-0f2c7e9a1b34', amount: '52.49' }] });

/**
 * `GET /internal/purchases/delivered?user_id=&product_id=` (reviews): whether the user has an order
 * holding the product that was delivered, the condition for reviewing it.
 */
export const DeliveredPurchaseQuery = z.object({ user_id: UuidInput, product_id: UuidInput });
export const DeliveredPurchase = z.object({ purchased: z.boolean() });
export type DeliveredPurchase = z.infer<typeof DeliveredPurchase>;

// ---- payment-service ----

/**
 * `POST /internal/refunds` (orders, through its outbox): a paid order was cancelled. The reason
 * is lenient on purpose: a refused message is given up by the sender, and the refund with it.
 */
export const RefundInput = z
  .object({
    order_id: UuidInput,
    reason: z
      .string()
      .optional()
      .transform((v) => v?.trim().slice(0, 500) || 'refund requested'),
  })
  .meta({ examples: [{ order_id: exampleOrderId, reason: 'cancelled by the customer' }] });

export const RefundResult = z.discriminatedUnion('status', [
  z.object({ order_id: Uuid, payment_id: Uuid, status: z.literal('refunded'), amount: Money }),
  z.object({ order_id: Uuid, status: z.literal('none') }),
]);
export type RefundResult = z.infer<typeof RefundResult>;
