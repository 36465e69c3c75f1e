import { type Page, pageOf } from '@dm/common/pagination';
import type { PaymentAttempt, PaymentHistoryItem } from '@dm/contracts/payments';
import type { Kysely, Transaction } from 'kysely';
import type { AttemptRow, Database, NewPayment, PaymentRow } from './db.js';

type Db = Kysely<Database> | Transaction<Database>;

type AttemptFields = Pick<
  AttemptRow,
  'id' | 'payment_id' | 'order_id' | 'amount' | 'status' | 'decline_reason' | 'card_brand' | 'card_last4' | 'created_at'
>;

export function attemptRowToPayment(row: AttemptFields): PaymentAttempt {
  return {
    id: row.id,
    payment_id: row.payment_id,
    order_id: row.order_id,
    amount: row.amount,
    status: row.status,
    decline_reason: row.decline_reason,
    card_brand: row.card_brand,
    card_last4: row.card_last4,
    created_at: row.created_at.toISOString(),
  };
}

export interface NewAttemptValues extends AttemptFields {
  user_id: string;
  idempotency_key: string;
  response_status: number;
  response: unknown;
}

export const payments = Object.freeze({
  /**
   * Inserts the order's payment and returns its id, or undefined when the order has a payment
   * already: another attempt won (UNIQUE order_id; a racing insert waits for the other's commit).
   */
  async insertUnlessPaid(trx: Transaction<Database>, values: NewPayment): Promise<string | undefined> {
    const row = await trx
      .insertInto('payments')
      .values(values)
      .onConflict((oc) => oc.column('order_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  },

  /** The order's payment, locked until the transaction ends. */
  lockByOrder(trx: Transaction<Database>, orderId: string): Promise<PaymentRow | undefined> {
    return trx.selectFrom('payments').selectAll().where('order_id', '=', orderId).forUpdate().executeTakeFirst();
  },

  findByOrder(db: Db, orderId: string): Promise<PaymentRow | undefined> {
    return db.selectFrom('payments').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  },

  async markRefunded(trx: Transaction<Database>, id: string): Promise<void> {
    await trx.updateTable('payments').set({ status: 'refunded', refunded_at: new Date() }).where('id', '=', id).execute();
  },
});

export const attempts = Object.freeze({
  findByKey(db: Db, userId: string, key: string): Promise<AttemptRow | undefined> {
    return db
      .selectFrom('payment_attempts')
      .selectAll()
      .where('user_id', '=', userId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  },

  /** Records an attempt; false when (user, key) is taken: a twin request got there first. */
  async insertUnlessKeyUsed(trx: Transaction<Database>, values: NewAttemptValues): Promise<boolean> {
    const row = await trx
      .insertInto('payment_attempts')
      .values({ ...values, response: JSON.stringify(values.response) })
      .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  /** A page of one user's attempts, newest first, each saying whether its payment was refunded. */
  async listByUser(db: Db, userId: string, page: number, pageSize: number): Promise<Page<PaymentHistoryItem>> {
    const [rows, count] = await Promise.all([
      db
        .selectFrom('payment_attempts as a')
        .leftJoin('payments as p', 'p.id', 'a.payment_id')
        .selectAll('a')
        .select('p.status as payment_status')
        .where('a.user_id', '=', userId)
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      db
        .selectFrom('payment_attempts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow(),
    ]);
    const items = rows.map((row) => ({ ...attemptRowToPayment(row), refunded: row.payment_status === 'refunded' }));
    return pageOf(items, count.n, page, pageSize);
  },
});
