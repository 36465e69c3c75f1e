import { CartProductParams, cartInputs as contractInputs, sumByProduct } from '@dm/contracts/cart';
import { CartCheckoutInput, UserIdParams } from '@dm/contracts/internal';

export { sumByProduct };

export interface CartLimits {
  /** distinct products in one cart */
  maxLines: number;
  /** units of one product in one cart */
  maxQuantity: number;
}

export interface LineInput {
  product_id: string;
  quantity: number;
}

/** The request schemas of @dm/contracts, with the configured quantity limit. */
export function cartInputs(limits: CartLimits) {
  return Object.freeze({
    ...contractInputs(limits.maxQuantity),
    productParam: CartProductParams,
    userParam: UserIdParams,
    checkout: CartCheckoutInput,
  });
}

export type CartInputs = ReturnType<typeof cartInputs>;
