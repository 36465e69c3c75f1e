import type { OutboxTable } from '@dm/common/outbox';
import type { ShippingAddress } from '@dm/contracts/orders';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { StoredStatus } from './order-rules.js';

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
  /** the shop that sold it (a vendor's id is their user id); null: the house's own */
  vendor_id: string | null;
  vendor_name: string | null;
  shipped_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  tracking_number: ColumnType<string | null, string | null | undefined, string | null>;
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

export type LedgerKind = 'sale' | 'reversal' | 'payout';

/** Append-only: see the migration that made it. Amounts are signed (a reversal and a payout are negative). */
export interface SalesLedgerTable {
  id: Generated<string>;
  /** null: the house's own item */
  vendor_id: string | null;
  kind: LedgerKind;
  order_id: string | null;
  product_id: string | null;
  gross: Money;
  commission: Money;
  net: Money;
  commission_rate_ppm: Generated<number>;
  actor: string;
  note: Generated<string>;
  created_at: Generated<Date>;
}

export type OrderRow = Selectable<OrdersTable>;
export type LedgerRow = Selectable<SalesLedgerTable>;
export type OrderItemRow = Selectable<OrderItemsTable>;
export type OrderEventRow = Selectable<OrderEventsTable>;

export interface Database {
  orders: OrdersTable;
  order_items: OrderItemsTable;
  order_events: OrderEventsTable;
  sales_ledger: SalesLedgerTable;
  outbox: OutboxTable;
}
