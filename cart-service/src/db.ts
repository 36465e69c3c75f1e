import type { Generated, Insertable, Selectable } from 'kysely';

export interface CartItemsTable {
  user_id: string;
  product_id: string;
  quantity: number;
  /** NUMERIC(12,2), as text ("19.99"): the price when the line was added or its quantity last set. */
  unit_price_snapshot: string;
  added_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CartCheckoutsTable {
  order_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export type CartItemRow = Selectable<CartItemsTable>;
export type NewCartItem = Insertable<CartItemsTable>;

export interface Database {
  cart_items: CartItemsTable;
  cart_checkouts: CartCheckoutsTable;
}
