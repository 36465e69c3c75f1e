import { type ColumnType, type Generated, type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Logger } from './logger.js';
import { watchOutbox } from './outbox-metrics.js';
import { currentTraceCarrier, inSpan } from './trace-context.js';

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
  /** The W3C trace context of the change that wrote the message; null when tracing is off. */
  trace_context: ColumnType<Record<string, string> | null, string | null | undefined, never>;
}

export interface OutboxDatabase {
  outbox: OutboxTable;
}

// biome-ignore lint/suspicious/noExplicitAny: a service's own Database extends OutboxDatabase
type AnyDb = Kysely<any> | Transaction<any>;

/** Stops retrying a message that can never succeed (logged, then marked done). */
export class OutboxDiscard extends Error {
  override name = 'OutboxDiscard';
}

/** Deliver one message; throw to retry later, throw OutboxDiscard to give up on it. */
export type OutboxHandler = (payload: unknown) => Promise<void>;

export interface OutboxMessage {
  id: string;
  topic: string;
  payload: unknown;
}

/**
 * Writes a message; call inside the transaction of the change it announces. The writer sends it
 * right after the commit (`outbox.send`), so the loop leaves it alone for a while: it picks it up
 * only if that send fails or the process dies first.
 */
export async function enqueue(db: AnyDb, topic: string, payload: object): Promise<OutboxMessage> {
  const row = await (db as Kysely<OutboxDatabase>)
    .insertInto('outbox')
    .values({ topic, payload: JSON.stringify(payload), next_attempt_at: SEND_SOON, trace_context: traceContext() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, topic, payload };
}

// The loop waits this long before taking over a message its writer is about to send.
const SEND_SOON = sql<Date>`now() + interval '30 seconds'`;

function traceContext(): string | null {
  const carrier = currentTraceCarrier();
  return carrier && JSON.stringify(carrier);
}

/** A delivery is a span of the trace that wrote the message (see trace-context.ts). */
function delivering<T>(message: { id: string; topic: string; trace_context?: unknown }, fn: () => Promise<T>): Promise<T> {
  const attributes = { 'messaging.system': 'outbox', 'messaging.destination.name': message.topic, 'messaging.message.id': message.id };
  return inSpan(`deliver ${message.topic}`, attributes, fn, message.trace_context);
}

/**
 * The same write as `enqueue`, as SQL to put in a WITH clause: the message is written only if
 * the statement's own change (`fromCte`) produced a row. One statement, one round trip.
 */
export function enqueueSql(fromCte: string, topic: string, payload: object) {
  return sql`INSERT INTO outbox (topic, payload, next_attempt_at, trace_context)
    SELECT ${topic}, ${JSON.stringify(payload)}::jsonb, ${SEND_SOON}, ${traceContext()}::jsonb FROM ${sql.table(fromCte)} RETURNING id`;
}

export interface OutboxOptions {
  db: Kysely<OutboxDatabase> | AnyDb;
  handlers: Record<string, OutboxHandler>;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
  /** The longest wait between two attempts at one message (the waits double up to it). */
  maxBackoffSeconds?: number;
}

export interface Outbox {
  /**
   * Sends a message just committed by this process: one round trip to the database besides the
   * call itself. A failure is left to the loop (retried with backoff); it never throws.
   */
  send(message: OutboxMessage): Promise<void>;
  /** Delivers under a row lock: one message by id, or every message that is due. */
  deliver(id?: string): Promise<void>;
  /** Starts the background loop. */
  start(): void;
  /** Stops the loop and waits for a delivery in progress. */
  stop(): Promise<void>;
}

export function createOutbox({ db, handlers, logger, intervalMs = 1000, batchSize = 20, maxBackoffSeconds = 60 }: OutboxOptions): Outbox {
  const backoffSeconds = (attempts: number) => Math.min(maxBackoffSeconds, 2 ** attempts);
  const outboxDb = db as Kysely<OutboxDatabase>;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  // While the loop runs, /metrics reports its backlog (outbox-metrics.ts).
  let unwatch: (() => void) | undefined;

  async function markDone(id: string, reason?: string): Promise<void> {
    await outboxDb
      .updateTable('outbox')
      .set({ delivered_at: sql`now()`, attempts: sql`attempts + 1`, ...(reason ? { last_error: `discarded: ${reason}` } : {}) })
      .where('id', '=', id)
      .where('delivered_at', 'is', null)
      .execute();
  }

  async function send(message: OutboxMessage): Promise<void> {
    const handler = handlers[message.topic];
    try {
      if (!handler) throw new OutboxDiscard(`no handler for topic ${message.topic}`);
      await delivering(message, () => handler(message.payload));
      await markDone(message.id);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      try {
        if (err instanceof OutboxDiscard) {
          logger.error({ topic: message.topic, id: message.id }, `outbox message discarded: ${reason}`);
          await markDone(message.id, reason);
        } else {
          logger.warn({ topic: message.topic, id: message.id }, `outbox delivery failed: ${reason}`);
          await outboxDb
            .updateTable('outbox')
            .set({
              attempts: sql`attempts + 1`,
              last_error: reason.slice(0, 500),
              next_attempt_at: sql`now() + make_interval(secs => ${backoffSeconds(1)})`,
            })
            .where('id', '=', message.id)
            .where('delivered_at', 'is', null)
            .execute();
        }
      } catch (dbErr) {
        // The loop will find the message when it is due; the caller's own work is committed.
        logger.warn({ err: dbErr }, 'could not record an outbox delivery');
      }
    }
  }

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
          await delivering(message, () => handler(message.payload));
          await trx
            .updateTable('outbox')
            .set({ delivered_at: sql`now()`, attempts: sql`attempts + 1` })
            .where('id', '=', message.id)
            .execute();
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
    send,
    deliver: (id) =>
      deliverDue(id).catch((err: unknown) => {
        // The loop will try again; the caller's own work is already committed.
        logger.warn({ err }, 'immediate outbox delivery failed');
      }),
    start() {
      stopped = false;
      unwatch ??= watchOutbox(outboxDb);
      timer = setTimeout(tick, intervalMs);
    },
    async stop() {
      stopped = true;
      unwatch?.();
      unwatch = undefined;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * A message's payload read by its topic's schema (from @dm/contracts/messages); one that does not
 * fit will not fit on a retry either, so it is given up (logged) rather than sent again forever.
 */
export function readPayload<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const result = schema.safeParse(payload);
  if (!result.success) throw new OutboxDiscard('the payload does not match its topic’s schema');
  return result.data;
}
