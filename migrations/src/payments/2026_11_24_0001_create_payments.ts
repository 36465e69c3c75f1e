import { type Kysely, sql } from 'kysely';
import { createOutboxTable } from '../outbox-table.js';

// Card numbers are never stored beyond their last four digits, and a CVC never at all.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per order that was charged. UNIQUE order_id is what makes "an order is paid once" hold
  // even when two attempts race: the second insert finds the first and gives up.
  await db.schema
    .createTable('payments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('order_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('amount', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('succeeded', 'refunded')`))
    .addColumn('card_brand', 'text', (c) => c.notNull())
    .addColumn('card_last4', sql`char(4)`, (c) => c.notNull().check(sql`card_last4 ~ '^[0-9]{4}$'`))
    .addColumn('attempt_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('refunded_at', 'timestamptz')
    .addCheckConstraint('payments_refunded_at_check', sql`(status = 'refunded') = (refunded_at IS NOT NULL)`)
    .execute();
  await sql`CREATE INDEX payments_user_idx ON payments (user_id)`.execute(db);

  // Every attempt, declined ones too, with the exact answer given, so a retry with the same
  // Idempotency-Key gets that answer again instead of a second charge.
  await db.schema
    .createTable('payment_attempts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('order_id', 'uuid', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('amount', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('succeeded', 'failed')`))
    .addColumn('decline_reason', 'text')
    .addColumn('card_brand', 'text', (c) => c.notNull())
    .addColumn('card_last4', sql`char(4)`, (c) => c.notNull().check(sql`card_last4 ~ '^[0-9]{4}$'`))
    .addColumn('payment_id', 'uuid', (c) => c.references('payments.id'))
    .addColumn('response_status', 'smallint', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('payment_attempts_user_idempotency_key', ['user_id', 'idempotency_key'])
    .addCheckConstraint(
      'payment_attempts_outcome_check',
      sql`(status = 'succeeded' AND payment_id IS NOT NULL AND decline_reason IS NULL) OR (status = 'failed' AND payment_id IS NULL AND decline_reason IS NOT NULL)`,
    )
    .execute();
  await sql`CREATE INDEX payment_attempts_user_created_idx ON payment_attempts (user_id, created_at DESC, id DESC)`.execute(db);
  // The payment and its winning attempt are written in one transaction, payment first: the check
  // that the attempt exists waits for the commit.
  await sql`ALTER TABLE payments ADD CONSTRAINT payments_attempt_fk
    FOREIGN KEY (attempt_id) REFERENCES payment_attempts (id) DEFERRABLE INITIALLY DEFERRED`.execute(db);

  await db.schema
    .createTable('refunds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('payment_id', 'uuid', (c) => c.notNull().unique().references('payments.id'))
    .addColumn('amount', sql`numeric(12, 2)`, (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await createOutboxTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
  await db.schema.dropTable('refunds').execute();
  await sql`ALTER TABLE payments DROP CONSTRAINT payments_attempt_fk`.execute(db);
  await db.schema.dropTable('payment_attempts').execute();
  await db.schema.dropTable('payments').execute();
}
