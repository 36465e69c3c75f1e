import type { OutboxTable } from '@dm/common/outbox';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** NUMERIC(12,2) columns come back as text ("19.99"); they are written as text too. */
type Money = string;

export type PaymentStatus = 'succeeded' | 'refunded';
export type AttemptStatus = 'succeeded' | 'failed';

export interface PaymentsTable {
  id: Generated<string>;
  order_id: string;
  user_id: string;
  amount: Money;
  status: PaymentStatus;
  card_brand: string;
  card_last4: string;
  attempt_id: string;
  created_at: Generated<Date>;
  refunded_at: Date | null;
}

export interface PaymentAttemptsTable {
  id: string;
  user_id: string;
  order_id: string;
  idempotency_key: string;
  amount: Money;
  status: AttemptStatus;
  decline_reason: string | null;
  card_brand: string;
  card_last4: string;
  payment_id: string | null;
  /** The HTTP status and body answered, replayed as they are for the same Idempotency-Key. */
  response_status: number;
  response: ColumnType<unknown, string, never>;
  created_at: Date;
}

export interface RefundsTable {
  id: Generated<string>;
  payment_id: string;
  amount: Money;
  reason: string;
  created_at: Generated<Date>;
}

export type PaymentRow = Selectable<PaymentsTable>;
export type NewPayment = Insertable<PaymentsTable>;
export type AttemptRow = Selectable<PaymentAttemptsTable>;
export type NewAttempt = Insertable<PaymentAttemptsTable>;
export type RefundRow = Selectable<RefundsTable>;

export interface Database {
  payments: PaymentsTable;
  payment_attempts: PaymentAttemptsTable;
  refunds: RefundsTable;
  outbox: OutboxTable;
}
