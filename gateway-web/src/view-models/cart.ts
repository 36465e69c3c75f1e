// The cart page: the visitor's cart (or why it cannot be shown) and the most a line may hold.
import { CART_MAX_QUANTITY } from '@dm/contracts/limits';
import type { Cart } from '../cart-types.js';

export function cartView(cart: Cart | null, notice: string | null) {
  return { title: 'Your cart', cart, notice, maxQuantity: CART_MAX_QUANTITY };
}
