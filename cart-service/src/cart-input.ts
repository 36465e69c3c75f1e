import { uuidInput } from '@dm/common/ids';
import { z } from 'zod';

export interface CartLimits {
  /** distinct products in one cart */
  maxLines: number;
  /** units of one product in one cart */
  maxQuantity: number;
}

/** The most lines a merge, a quote or a checkout message may carry. */
export const MAX_INPUT_LINES = 100;
const MAX_LINE_QUANTITY = 1_000_000;

export interface LineInput {
  product_id: string;
  quantity: number;
}

/** Adds up the quantities of repeated products, keeping the order in which each first appears. */
export function sumByProduct(items: readonly LineInput[]): LineInput[] {
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

const lineList = (quantity: z.ZodNumber) =>
  z.array(z.object({ product_id: uuidInput, quantity })).max(MAX_INPUT_LINES, `must list at most ${MAX_INPUT_LINES} products`);

/** The request schemas, which depend on the configured limits. */
export function cartInputs(limits: CartLimits) {
  const quantity = wholeNumber(limits.maxQuantity);
  // Lines made elsewhere (a guest's session, an order) are capped or taken as they are, not
  // refused for the cart's limit, so their bound is only a sanity one.
  const anyQuantity = wholeNumber(MAX_LINE_QUANTITY);

  return Object.freeze({
    productParam: z.object({ product_id: uuidInput }),
    userParam: z.object({ user_id: uuidInput }),
    addItem: z.object({ product_id: uuidInput, quantity }),
    setQuantity: z.object({ quantity }),
    /** a guest's cart to price: the same rules as a stored cart; a repeated product adds up */
    quote: z.object({ items: lineList(quantity).transform(sumByProduct) }),
    /** a guest's cart merged at login: a repeated product adds up, too much is capped later */
    merge: z.object({ items: lineList(anyQuantity).transform(sumByProduct) }),
    checkout: z.object({
      order_id: uuidInput,
      items: lineList(anyQuantity).min(1, 'must list at least one product').transform(sumByProduct),
    }),
  });
}

export type CartInputs = ReturnType<typeof cartInputs>;
