/** What cart-service answers with (its Cart JSON), as the gateway reads it. */
export interface CartLine {
  product_id: string;
  name: string;
  slug: string | null;
  image_url: string | null;
  price: string;
  quantity: number;
  item_total: string;
  stock: number;
  available: boolean;
  price_changed: boolean;
  previous_price: string | null;
}

export interface Cart {
  items: CartLine[];
  total_items: number;
  subtotal: string;
}

export interface MergeResult {
  cart: Cart;
  adjustments: { product_id: string; name: string; requested: number; quantity: number; reason: string }[];
}

export const EMPTY_CART: Cart = { items: [], total_items: 0, subtotal: '0.00' };
