import type { InboxTable } from '@dm/common/event-inbox';
import type { NotificationKind, NotificationStatus } from '@dm/contracts/notifications';
import type { ColumnType, Generated, Selectable } from 'kysely';

/** A line of an order as the mails show it. */
export interface KnownOrderItem {
  name: string;
  sku: string;
  quantity: number;
  unit_price: string;
  line_total: string;
}

/** An order as order.placed told it: what the later events of the order (which carry less) need. */
export interface OrdersTable {
  order_id: string;
  user_id: string;
  email: string;
  name: string;
  items: ColumnType<KnownOrderItem[], string, never>;
  subtotal: string;
  tax: string;
  shipping_cost: string;
  total: string;
  placed_at: Date;
  created_at: Generated<Date>;
}

/** An order whose refund a mail has told of. */
export interface ToldRefundsTable {
  order_id: string;
  told_at: Generated<Date>;
}

export interface NotificationsTable {
  id: Generated<string>;
  /** the event that owes the mail: (event_id, kind) is unique */
  event_id: string;
  kind: NotificationKind;
  order_id: string | null;
  user_id: string;
  email: string;
  subject: string;
  text: string;
  html: string;
  status: Generated<NotificationStatus>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export type KnownOrderRow = Selectable<OrdersTable>;
export type NotificationRow = Selectable<NotificationsTable>;

export interface Database {
  orders: OrdersTable;
  notifications: NotificationsTable;
  told_refunds: ToldRefundsTable;
  inbox: InboxTable;
}
