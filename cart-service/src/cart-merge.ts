// Merging a guest's session cart into a user's stored one, at login. Pure: the plan is tested
// without a database, and carts.ts applies it under the cart's lock.
import type { MergeAdjustment } from '@dm/contracts/cart';
import type { CartLimits, LineInput } from './cart-input.js';
import { type ProductsById, UNAVAILABLE_NAME } from './cart-view.js';

export type AdjustmentReason = MergeAdjustment['reason'];

export interface MergePlan {
  /** lines to set, with the current price as their snapshot */
  puts: { product_id: string; quantity: number; price: string }[];
  adjustments: MergeAdjustment[];
}

/**
 * Adds each guest line onto the stored one, capped at the stock and at the per-line limit; skips
 * products that are inactive or gone and new lines beyond the line limit. A stored line is never
 * lowered: a merge only adds. `items` holds each product once (see `sumByProduct`).
 */
export function planMerge(
  existing: ReadonlyMap<string, number>,
  items: readonly LineInput[],
  products: ProductsById,
  limits: CartLimits,
): MergePlan {
  const plan: MergePlan = { puts: [], adjustments: [] };
  let lineCount = existing.size;
  for (const item of items) {
    const current = existing.get(item.product_id) ?? 0;
    const requested = current + item.quantity;
    const product = products.get(item.product_id);
    const adjust = (quantity: number, reason: AdjustmentReason) =>
      plan.adjustments.push({ product_id: item.product_id, name: product?.name ?? UNAVAILABLE_NAME, requested, quantity, reason });

    if (!product?.is_active) {
      // A stored line of it stays, shown as unavailable; none of it can be bought.
      adjust(0, 'no longer available');
      continue;
    }
    if (current === 0 && lineCount >= limits.maxLines) {
      adjust(0, 'cart limit');
      continue;
    }
    const cap = Math.min(product.stock, limits.maxQuantity);
    const quantity = Math.max(current, Math.min(requested, cap));
    if (quantity > current) {
      plan.puts.push({ product_id: item.product_id, quantity, price: product.price });
      if (current === 0) lineCount++;
    }
    if (quantity !== requested) adjust(quantity, product.stock <= limits.maxQuantity ? 'capped at stock' : 'cart limit');
  }
  return plan;
}
