import { type Kysely, sql } from 'kysely';

/**
 * The outbox table of common/src/outbox.ts, as every service's migration creates it. Migrations
 * that ran already depend on this exact shape: change the outbox with a new migration in each
 * service, never here.
 */
export async function createOutboxTable(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE delivered_at IS NULL`.execute(db);
}

/**
 * The trace of the change that wrote a message (W3C `traceparent`, `tracestate`; null when
 * tracing is off), so that its delivery, even a retry by the loop, continues that trace.
 */
export async function addOutboxTraceContext(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('trace_context', 'jsonb').execute();
}

export async function dropOutboxTraceContext(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('trace_context').execute();
}

/**
 * The inbox of common/src/event-inbox.ts, as every event consumer's migration creates it: one row
 * per (consumer, event) it has seen, so a redelivered event is recognised and never handled twice,
 * and an event that keeps failing is kept, with its envelope, as a dead letter for the admin.
 */
export async function createInboxTable(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbox')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('handled', 'failed', 'dead')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('envelope', 'jsonb')
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('done_at', 'timestamptz')
    .addPrimaryKeyConstraint('inbox_pkey', ['consumer', 'event_id'])
    .execute();
  await sql`CREATE INDEX inbox_dead_idx ON inbox (done_at DESC) WHERE status = 'dead'`.execute(db);
}
