// What cart-service answers with: its own types, for the compiler only (no code is shared).

import type { MergeAdjustment } from '@dm/cart-service/cart-merge';
import type { Cart } from '@dm/cart-service/cart-view';

export type { Cart, CartItem as CartLine } from '@dm/cart-service/cart-view';

export interface MergeResult {
  cart: Cart;
  adjustments: MergeAdjustment[];
}

export const EMPTY_CART: Cart = { items: [], total_items: 0, subtotal: '0.00' };
