// The RabbitMQ transport of domain events against this machine's real broker (AMQP_URL; .ci/run
// sets it): an outbox publishing with confirms, a consumer with its inbox, the broker restarted in
// the middle of the stream, a poison message and an event that keeps failing. Skipped with its
// reason where no broker is configured; under CI its absence fails the file instead.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createEventConsumer, type EventConsumer, type InboxDatabase } from '@dm/common/event-inbox';
import { enqueueEvent, eventDelivery, newEvent } from '@dm/common/events';
import { amqpEventTransport, amqpNames, amqpSubscription, deleteAmqpNamespace, type Subscription } from '@dm/common/events-amqp';
import { createOutbox, type OutboxDatabase } from '@dm/common/outbox';
import { createTestDatabase, eventually, silentLogger, type TestDatabase, testAmqpUrl } from '@dm/common/testing';
import type { EventPayload } from '@dm/contracts/events';
import { addOutboxTraceContext, createInboxTable, createOutboxTable } from '@dm/migrations/outbox-table';
import amqp from 'amqplib';
import { sql } from 'kysely';

const AMQP_URL = testAmqpUrl();
const run = promisify(execFile);

interface Effects {
  effects: { event_id: string; type: string };
}
type Db = OutboxDatabase & InboxDatabase & Effects;

const payment = (amount: string): EventPayload<'payment.refunded'> => ({
  payment_id: randomUUID(),
  order_id: randomUUID(),
  user_id: randomUUID(),
  amount,
  reason: null,
});

/** Stops and starts the broker's application: every connection drops, durable queues stay. */
async function restartBroker() {
  await run('rabbitmqctl', ['stop_app'], { timeout: 60_000 });
  await run('rabbitmqctl', ['start_app'], { timeout: 60_000 });
}

describe('domain events over RabbitMQ', { skip: AMQP_URL ? false : 'AMQP_URL is not set: no broker to test against' }, () => {
  const url = AMQP_URL ?? '';
  const namespace = `test-${process.pid}-${randomUUID().slice(0, 8)}`;
  const options = { url, namespace, logger: silentLogger };
  let database: TestDatabase<Db>;
  let emptyFolder: string;
  let consumer: EventConsumer;
  let subscription: Subscription;
  const transport = amqpEventTransport(options);

  before(async () => {
    emptyFolder = await mkdtemp(path.join(tmpdir(), 'no-migrations-'));
    database = await createTestDatabase<Db>('events_amqp', emptyFolder);
    await createOutboxTable(database.db);
    await addOutboxTraceContext(database.db);
    await createInboxTable(database.db);
    // No unique key on purpose: an event handled twice would show as two rows.
    await sql`CREATE TABLE effects (event_id uuid NOT NULL, type text NOT NULL)`.execute(database.db);
    consumer = createEventConsumer({
      name: 'analytics',
      db: database.db,
      logger: silentLogger,
      maxAttempts: 3,
      handlers: {
        'payment.refunded': async (event, trx) => {
          // A refund of 13.13 stands for a bug in the handler: it fails every time.
          if (event.payload.amount === '13.13') throw new Error('this handler cannot cope');
          await trx.insertInto('effects').values({ event_id: event.id, type: event.type }).execute();
        },
      },
    });
    subscription = amqpSubscription(options, consumer);
    subscription.start();
  });

  after(async () => {
    await subscription?.stop();
    await transport.close();
    await deleteAmqpNamespace(url, namespace);
    await database?.drop();
    await rm(emptyFolder, { recursive: true, force: true });
  });

  const effects = async () => (await database.db.selectFrom('effects').select(['event_id']).execute()).map((r) => r.event_id);

  it('an event published twice is handled once', async () => {
    const event = newEvent('payment-service', 'payment.refunded', payment('1.00'));
    await transport.publish(event);
    await transport.publish(event);
    await eventually(async () => (await effects()).includes(event.id), 'the event handled');
    await eventually(
      async () =>
        (await database.db.selectFrom('inbox').select('status').where('event_id', '=', event.id).executeTakeFirst())?.status === 'handled',
      'recorded in the inbox',
    );
    // Both copies reached the consumer before this point only if the queue is empty.
    await eventually(async () => (await queueDepth(url, amqpNames(namespace, 'analytics').queue)) === 0, 'the queue drained');
    assert.equal((await effects()).filter((id) => id === event.id).length, 1);
  });

  it('the broker restarted mid-stream: every event arrives, none is handled twice', async () => {
    // Waits of at most a second between attempts (a service waits up to a minute): the test is about
    // what arrives, not about how patiently the outbox waits for the broker to come back.
    const outbox = createOutbox({
      db: database.db,
      logger: silentLogger,
      handlers: eventDelivery(transport),
      intervalMs: 100,
      maxBackoffSeconds: 1,
    });
    outbox.start();
    const ids: string[] = [];
    const write = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const event = newEvent('payment-service', 'payment.refunded', payment('2.00'));
        ids.push(event.id);
        // As a producer does: written with the change, sent right after the commit (a failed send
        // is left to the outbox loop).
        await outbox.send(await database.db.transaction().execute((trx) => enqueueEvent(trx, event)));
      }
    };
    try {
      await write(40);
      // Events keep being written for as long as the broker is going down and coming back.
      let restarted = false;
      const restarting = restartBroker().finally(() => {
        restarted = true;
      });
      while (!restarted) await write(1);
      await restarting;
      await write(40);
      await eventually(
        async () => {
          const seen = new Set(await effects());
          return ids.every((id) => seen.has(id));
        },
        `all ${ids.length} events handled after the restart`,
        60_000,
      );
    } finally {
      await outbox.stop();
    }
    const mine = (await effects()).filter((id) => ids.includes(id));
    assert.equal(mine.length, ids.length, 'each event exactly once');
    assert.equal(new Set(mine).size, ids.length);
    const retried = await database.db.selectFrom('outbox').select('id').where('last_error', 'is not', null).execute();
    assert.ok(retried.length > 0, 'some sends failed while the broker was down, and were delivered later');
    const undelivered = await database.db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute();
    assert.equal(undelivered.length, 0);
  });

  it('a poison message and an event that keeps failing end in the dead-letter queue, and the admin can see them', async () => {
    const names = amqpNames(namespace, 'analytics');
    const connection = await amqp.connect(url);
    const channel = await connection.createConfirmChannel();
    channel.publish(names.exchange, 'payment.refunded', Buffer.from('{"not json'), { persistent: true });
    await channel.waitForConfirms();
    await connection.close();
    const failing = newEvent('payment-service', 'payment.refunded', payment('13.13'));
    await transport.publish(failing);

    // Three attempts, a second and two seconds apart, then the dead-letter queue.
    await eventually(async () => (await queueDepth(url, names.dead)) === 2, 'two messages in the dead-letter queue', 30_000);
    const dead = await consumer.deadLetters();
    const failed = dead.find((d) => d.event_id === failing.id);
    assert.ok(failed, 'the failing event is a dead letter');
    assert.equal(failed.attempts, 3);
    assert.match(failed.last_error ?? '', /cannot cope/);
    assert.ok(
      dead.some((d) => JSON.stringify(d.envelope).includes('not json')),
      'the unreadable message is kept as it came',
    );
    assert.ok(!(await effects()).includes(failing.id));
  });
});

async function queueDepth(url: string, queue: string): Promise<number> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}
