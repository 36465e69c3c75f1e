import type { InboxTable } from '@dm/common/event-inbox';
import type { ColumnType } from 'kysely';

/** bigint columns: pg hands them back as strings, and they are written as numbers. */
type Cents = ColumnType<string, number, number>;

export interface OrdersTable {
  order_id: string;
  user_id: string | null;
  status: string;
  status_rank: number;
  total_cents: ColumnType<string | null, number | null | undefined, number | null>;
  placed_at: Date | null;
  paid_at: Date | null;
  cancelled_at: Date | null;
  has_items: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface OrderItemsTable {
  order_id: string;
  line: number;
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  line_total_cents: Cents;
  vendor_id: string | null;
  vendor_name: string | null;
}

export interface RefundsTable {
  order_id: string;
  payment_amount_cents: ColumnType<string | null, number | null | undefined, number | null>;
  order_amount_cents: ColumnType<string | null, number | null | undefined, number | null>;
  refunded_at: Date;
}

export interface ProductActivityTable {
  /** a UTC day, "2026-12-01" */
  day: ColumnType<Date, string, string>;
  product_id: string;
  views: Cents;
  cart_adds: Cents;
}

export interface ProductsTable {
  product_id: string;
  sku: string;
  name: string;
  named_at: Date;
  vendor_id: string | null;
  stock: number | null;
  stock_low: boolean | null;
  stock_at: Date | null;
  stock_event_id: string | null;
}

export interface Database {
  inbox: InboxTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  refunds: RefundsTable;
  product_activity: ProductActivityTable;
  products: ProductsTable;
}
