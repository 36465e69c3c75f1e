// What cart-service answers with, as @dm/contracts defines it.
import type { Cart } from '@dm/contracts/cart';

export type { Cart, CartItem as CartLine, MergeResult } from '@dm/contracts/cart';

export const EMPTY_CART: Cart = { items: [], total_items: 0, subtotal: '0.00' };
