// The cart: what a shopper sends to fill it, and the priced cart every cart answer carries.
import { z } from 'zod';
import { Money, Uuid, UuidInput } from './common.js';
import { CART_MAX_QUANTITY } from './limits.js';

/** The most lines a merge, a quote or a checkout message may carry. */
export const MAX_INPUT_LINES = 100;
/** A sanity bound for lines made elsewhere (a guest's session, an order), which the cart caps itself. */
export const MAX_LINE_QUANTITY = 1_000_000;

// ---- answers ----

/** One line of a cart, priced with the catalog's product as it is now. */
export const CartItem = z
  .object({
    product_id: Uuid,
    /** null when the catalog no longer knows the product */
    sku: z.string().nullable(),
    name: z.string(),
    /** null when the product cannot be shown: it is inactive or gone */
    slug: z.string().nullable(),
    image_url: z.string().nullable(),
    /** the current price */
    price: Money,
    quantity: z.int().positive(),
    item_total: Money,
    /** the current stock; 0 when the product cannot be bought */
    stock: z.int().nonnegative(),
    available: z.boolean(),
    price_changed: z.boolean(),
    /** the snapshot, when the price changed since the line was set */
    previous_price: Money.nullable(),
    /** the shop that sells it (a vendor's id is their user id); null for the house's own or an unknown product */
    vendor_id: Uuid.nullable(),
    /** the shop's name, for "Sold by …"; null with vendor_id */
    vendor_name: z.string().nullable(),
    /** why the line cannot be bought, in the shopper's words (“its seller, … is not selling at the moment”); null when it can, or when the catalog does not say */
    unavailable_reason: z.string().nullable(),
  })
  .meta({ id: 'CartItem' });
export type CartItem = z.infer<typeof CartItem>;

export const Cart = z
  .object({
    items: z.array(CartItem),
    /** units of the lines that can be bought */
    total_items: z.int().nonnegative(),
    subtotal: Money,
  })
  .meta({ id: 'Cart' });
export type Cart = z.infer<typeof Cart>;

/** `GET /cart/count`: the navbar's badge, from the cart alone. */
export const CartCount = z.object({ total_items: z.int().nonnegative() });
export type CartCount = z.infer<typeof CartCount>;

export const ADJUSTMENT_REASONS = ['capped at stock', 'no longer available', 'cart limit'] as const;

/** A line that did not end up with what a merge asked for, for the page to explain. */
export const MergeAdjustment = z.object({
  product_id: Uuid,
  name: z.string(),
  /** what the line would hold: its quantity before the merge plus the guest's */
  requested: z.int().positive(),
  /** what the line holds after the merge that can be bought (0: none, or it is no longer sold) */
  quantity: z.int().nonnegative(),
  reason: z.enum(ADJUSTMENT_REASONS),
});
export type MergeAdjustment = z.infer<typeof MergeAdjustment>;

/** `POST /cart/merge`: the cart after a guest's cart joined it, and what could not join. */
export const MergeResult = z.object({ cart: Cart, adjustments: z.array(MergeAdjustment) });
export type MergeResult = z.infer<typeof MergeResult>;

// ---- requests ----

/** Adds up the quantities of repeated products, keeping the order in which each first appears. */
export function sumByProduct<L extends { product_id: string; quantity: number }>(
  items: readonly L[],
): { product_id: string; quantity: number }[] {
  const byProduct = new Map<string, number>();
  for (const { product_id, quantity } of items) byProduct.set(product_id, (byProduct.get(product_id) ?? 0) + quantity);
  return [...byProduct].map(([product_id, quantity]) => ({ product_id, quantity }));
}

const wholeNumber = (max: number) =>
  z
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`);

/** A list of `{product_id, quantity}` lines, a repeated product adding up. */
export const lineList = (quantity: z.ZodNumber) =>
  z.array(z.object({ product_id: UuidInput, quantity })).max(MAX_INPUT_LINES, `must list at most ${MAX_INPUT_LINES} products`);

/**
 * The shopper's cart requests, for a cart that holds at most `maxQuantity` of one product
 * (cart-service's CART_MAX_QUANTITY; the documented schemas below use the default).
 */
export function cartInputs(maxQuantity: number) {
  const quantity = wholeNumber(maxQuantity);
  return {
    /** `POST /cart/items`: adds to the product's line */
    addItem: z.object({ product_id: UuidInput, quantity }),
    /** `PATCH /cart/items/:product_id` */
    setQuantity: z.object({ quantity }),
    /** a guest's cart to price: the same rules as a stored cart */
    quote: z.object({ items: lineList(quantity).transform(sumByProduct) }),
    /** a guest's cart merged at login: too much is capped (and said so), not refused */
    merge: z.object({ items: lineList(wholeNumber(MAX_LINE_QUANTITY)).transform(sumByProduct) }),
  };
}

const documented = cartInputs(CART_MAX_QUANTITY);
const exampleId = '3f1c9a2e-5b7d-4e8f-a1c3-6d2b8e4f0a97';

export const AddCartItemInput = documented.addItem.meta({
  id: 'AddCartItemInput',
  examples: [{ product_id: exampleId, quantity: 2 }],
});
export type AddCartItemInput = z.input<typeof AddCartItemInput>;

export const SetCartQuantityInput = documented.setQuantity.meta({ id: 'SetCartQuantityInput', examples: [{ quantity: 3 }] });
export type SetCartQuantityInput = z.input<typeof SetCartQuantityInput>;

export const CartQuoteInput = documented.quote.meta({ examples: [{ items: [{ product_id: exampleId, quantity: 1 }] }] });
export const CartMergeInput = documented.merge.meta({ examples: [{ items: [{ product_id: exampleId, quantity: 4 }] }] });

export const CartProductParams = z.object({ product_id: UuidInput });
