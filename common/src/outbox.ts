import { sql, type ColumnType, type Generated, type Kysely, type Transaction } from 'kysely';
import type { Logger } from './logger.js';

/**
 * The outbox: a message to another service is written in the same transaction as the change it
 * announces, then delivered (at least once) by a loop that survives the receiver being down.
 * Receivers must therefore be idempotent. Each service's migration creates this table.
 */
export interface OutboxTable {
  id: Generated<string>;
  topic: string;
  payload: ColumnType<unknown, string, string>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  delivered_at: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
}

export interface OutboxDatabase {
  outbox: OutboxTable;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a service's own Database extends OutboxDatabase
type AnyDb = Kysely<any> | Transaction<any>;

/** Stops retrying a message that can never succeed (logged, then marked done). */
export class OutboxDiscard extends Error {
  override name = 'OutboxDiscard';
}

/** Deliver one message; throw to retry later, throw OutboxDiscard to give up on it. */
export type OutboxHandler = (payload: unknown) => Promise<void>;

/** Writes a message; call inside the transaction of the change it announces. */
export async function enqueue(db: AnyDb, topic: string, payload: object): Promise<string> {
  const row = await (db as Kysely<OutboxDatabase>)
    .insertInto('outbox')
    .values({ topic, payload: JSON.stringify(payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface OutboxOptions {
  db: Kysely<OutboxDatabase> | AnyDb;
  handlers: Record<string, OutboxHandler>;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
}

export interface Outbox {
  /** Tries to deliver now: one message by id (just after its commit), or every message that is due. */
  deliver(id?: string): Promise<void>;
  /** Starts the background loop. */
  start(): void;
  /** Stops the loop and waits for a delivery in progress. */
  stop(): Promise<void>;
}

const backoffSeconds = (attempts: number) => Math.min(60, 2 ** attempts);

export function createOutbox({ db, handlers, logger, intervalMs = 1000, batchSize = 20 }: OutboxOptions): Outbox {
  const outboxDb = db as Kysely<OutboxDatabase>;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function deliverDue(id?: string): Promise<void> {
    // SKIP LOCKED: the loop and an immediate delivery never send the same message at once.
    await outboxDb.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('outbox')
        .selectAll()
        .where('delivered_at', 'is', null)
        .orderBy('created_at')
        .limit(id ? 1 : batchSize)
        .forUpdate()
        .skipLocked();
      query = id ? query.where('id', '=', id) : query.where('next_attempt_at', '<=', sql<Date>`now()`);
      for (const message of await query.execute()) {
        const handler = handlers[message.topic];
        try {
          if (!handler) throw new OutboxDiscard(`no handler for topic ${message.topic}`);
          await handler(message.payload);
          await trx.updateTable('outbox').set({ delivered_at: sql`now()`, attempts: sql`attempts + 1` }).where('id', '=', message.id).execute();
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          if (err instanceof OutboxDiscard) {
            logger.error({ topic: message.topic, id: message.id }, `outbox message discarded: ${reason}`);
            await trx
              .updateTable('outbox')
              .set({ delivered_at: sql`now()`, last_error: `discarded: ${reason}` })
              .where('id', '=', message.id)
              .execute();
          } else {
            logger.warn({ topic: message.topic, id: message.id, attempts: message.attempts + 1 }, `outbox delivery failed: ${reason}`);
            await trx
              .updateTable('outbox')
              .set({
                attempts: sql`attempts + 1`,
                last_error: reason.slice(0, 500),
                next_attempt_at: sql`now() + make_interval(secs => ${backoffSeconds(message.attempts + 1)})`,
              })
              .where('id', '=', message.id)
              .execute();
          }
        }
      }
    });
  }

  function tick() {
    running = deliverDue()
      .catch((err: unknown) => logger.warn({ err }, 'outbox loop could not run'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  }

  return {
    deliver: (id) =>
      deliverDue(id).catch((err: unknown) => {
        // The loop will try again; the caller's own work is already committed.
        logger.warn({ err }, 'immediate outbox delivery failed');
      }),
    start() {
      stopped = false;
      timer = setTimeout(tick, intervalMs);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
