// Consuming domain events, whatever brought them (RabbitMQ or an HTTP post): at least once in, an
// effect exactly once. Each consumer keeps an inbox row per event id. A handler's database work
// runs in the transaction that marks the event handled, so a redelivery, even one racing the first
// delivery, finds it handled and does nothing. An event that keeps failing is given up after
// `maxAttempts` and kept, with its envelope, as a dead letter the admin can see.
import { type DeadLetter, type DomainEvent, type EventType, readEvent } from '@dm/contracts/events';
import { type ColumnType, type Kysely, sql, type Transaction } from 'kysely';
import type { Logger } from './logger.js';

export interface InboxTable {
  consumer: string;
  event_id: string;
  type: string;
  status: 'handled' | 'failed' | 'dead';
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  envelope: ColumnType<unknown, string | null, string | null>;
  first_seen_at: ColumnType<Date, Date | undefined, never>;
  done_at: Date | null;
}

export interface InboxDatabase {
  inbox: InboxTable;
}

// biome-ignore lint/suspicious/noExplicitAny: a service's own Database extends InboxDatabase
type AnyDb = Kysely<any>;

/** Handles one event type; `trx` is the transaction that marks the event handled. */
// biome-ignore lint/suspicious/noExplicitAny: each service passes its own Transaction<Database>
export type EventHandler<T extends EventType> = (event: DomainEvent<T>, trx: Transaction<any>) => Promise<void>;

export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/** What became of one delivery; a failure that will be retried throws instead. */
export type EventOutcome = 'handled' | 'duplicate' | 'dead';

export interface EventConsumer {
  readonly name: string;
  /** The types this consumer handles (RabbitMQ binds its queue to them). */
  readonly types: readonly EventType[];
  /** Handles one envelope; throws when the delivery should be retried later. */
  handle(envelope: unknown): Promise<EventOutcome>;
  /** The events given up on, newest first. */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
}

/** Thrown by `handle` for a delivery that failed and will be retried. */
export class EventRetry extends Error {
  override name = 'EventRetry';
}

export interface EventConsumerOptions {
  name: string;
  db: AnyDb;
  handlers: EventHandlers;
  logger: Logger;
  /** Failed attempts before an event is given up on (a dead letter). */
  maxAttempts?: number;
}

export function createEventConsumer({ name, db, handlers, logger, maxAttempts = 5 }: EventConsumerOptions): EventConsumer {
  const inboxDb = db as Kysely<InboxDatabase>;
  const types = Object.keys(handlers) as EventType[];

  /** A poison message: it cannot be read, so it can never succeed. Kept as a dead letter at once. */
  async function bury(envelope: unknown, reason: string): Promise<EventOutcome> {
    const id = (envelope as { id?: unknown } | null)?.id;
    const eventId = typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
    const type = String((envelope as { type?: unknown } | null)?.type ?? 'unknown').slice(0, 100);
    logger.error({ consumer: name, event_id: eventId, type }, `event given up: ${reason}`);
    await inboxDb
      .insertInto('inbox')
      .values({
        consumer: name,
        // An envelope without a usable id still gets a row of its own.
        event_id: eventId ?? sql<string>`gen_random_uuid()`,
        type,
        status: 'dead',
        attempts: 1,
        last_error: reason,
        envelope: JSON.stringify(envelope ?? null),
        done_at: sql`now()`,
      })
      .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
      .execute();
    return 'dead';
  }

  async function handle(envelope: unknown): Promise<EventOutcome> {
    const event = readEvent(envelope);
    if (!event) return bury(envelope, 'not an event this code can read (unknown type, newer version or a payload that does not fit)');
    const handler = handlers[event.type] as EventHandler<EventType> | undefined;
    if (!handler) return bury(envelope, `${name} does not handle ${event.type}`);
    try {
      return await inboxDb.transaction().execute(async (trx) => {
        // The usual case, a new event, in one statement: its row is written as handled, and the
        // handler's work commits with it or not at all. A second delivery of the same event waits
        // on that row's unique key until the first commits, then finds it and inserts nothing.
        const fresh = await trx
          .insertInto('inbox')
          .values({
            consumer: name,
            event_id: event.id,
            type: event.type,
            status: 'handled',
            attempts: 1,
            envelope: null,
            last_error: null,
            done_at: sql`now()`,
          })
          .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
          .returning('status')
          .executeTakeFirst();
        if (fresh) {
          await handler(event, trx);
          return 'handled';
        }
        // Seen before: handled (or given up) already, or failed and due again.
        const row = await trx
          .selectFrom('inbox')
          .select('status')
          .where('consumer', '=', name)
          .where('event_id', '=', event.id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (row.status !== 'failed') return 'duplicate';
        await handler(event, trx);
        await trx
          .updateTable('inbox')
          .set({ status: 'handled', attempts: sql`attempts + 1`, done_at: sql`now()`, envelope: null })
          .where('consumer', '=', name)
          .where('event_id', '=', event.id)
          .execute();
        return 'handled';
      });
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      // The failed attempt is counted outside the rolled-back transaction.
      const counted = await inboxDb
        .insertInto('inbox')
        .values({
          consumer: name,
          event_id: event.id,
          type: event.type,
          status: 'failed',
          attempts: 1,
          last_error: reason,
          envelope: JSON.stringify(envelope),
          done_at: null,
        })
        .onConflict((oc) =>
          oc.columns(['consumer', 'event_id']).doUpdateSet({
            attempts: sql`inbox.attempts + 1`,
            last_error: reason,
            envelope: JSON.stringify(envelope),
            status: sql`CASE WHEN inbox.attempts + 1 >= ${maxAttempts} THEN 'dead' ELSE 'failed' END`,
            done_at: sql`CASE WHEN inbox.attempts + 1 >= ${maxAttempts} THEN now() END`,
          }),
        )
        .returning(['status', 'attempts'])
        .executeTakeFirstOrThrow();
      if (counted.status === 'dead') {
        logger.error({ consumer: name, event_id: event.id, type: event.type, attempts: counted.attempts }, `event given up: ${reason}`);
        return 'dead';
      }
      logger.warn(
        { consumer: name, event_id: event.id, type: event.type, attempts: counted.attempts },
        `event failed, will retry: ${reason}`,
      );
      throw new EventRetry(reason);
    }
  }

  async function deadLetters(limit = 50): Promise<DeadLetter[]> {
    const rows = await inboxDb
      .selectFrom('inbox')
      .select(['consumer', 'event_id', 'type', 'attempts', 'last_error', 'first_seen_at', 'done_at', 'envelope'])
      .where('status', '=', 'dead')
      .where('consumer', '=', name)
      .orderBy('done_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...r,
      first_seen_at: r.first_seen_at.toISOString(),
      dead_at: (r.done_at ?? r.first_seen_at).toISOString(),
    }));
  }

  return { name, types, handle, deadLetters };
}
