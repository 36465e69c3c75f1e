import type { OutboxTable } from '@dm/common/outbox';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { StoredStatus } from './order-rules.js';

export interface ShippingAddress {
  full_name: string;
  line1: string;
  line2: string;
  city: string;
  /** Absent from the orders made before it was asked for. */
  state?: string;
  postal_code: string;
  country: string;
  phone: string;
}

/** NUMERIC(12,2) columns come back as text ("19.99"); they are written as text too. */
type Money = string;

export interface OrdersTable {
  id: Generated<string>;
  user_id: string;
  status: StoredStatus;
  idempotency_key: string;
  customer_email: Generated<string>;
  customer_name: Generated<string>;
  shipping_address: ColumnType<ShippingAddress, string, string>;
  subtotal: Money;
  tax: Money;
  shipping_cost: Money;
  total: Money;
  payment_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  paid_at: Date | null;
  cancelled_at: Date | null;
}

export interface OrderItemsTable {
  order_id: string;
  product_id: string;
  sku: string;
  name: string;
  unit_price: Money;
  quantity: number;
  line_total: Money;
}

export interface OrderEventsTable {
  id: Generated<number>;
  order_id: string;
  from_status: StoredStatus | null;
  to_status: StoredStatus;
  actor: string;
  reason: Generated<string>;
  created_at: Generated<Date>;
}

export type OrderRow = Selectable<OrdersTable>;
export type OrderItemRow = Selectable<OrderItemsTable>;
export type OrderEventRow = Selectable<OrderEventsTable>;

export interface Database {
  orders: OrdersTable;
  order_items: OrderItemsTable;
  order_events: OrderEventsTable;
  outbox: OutboxTable;
}
