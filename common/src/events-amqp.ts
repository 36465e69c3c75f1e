// The RabbitMQ transport of domain events (AMQP_URL). The topology, per namespace (AMQP_NAMESPACE,
// "dm" by default, so that test stacks sharing one broker never see each other's events):
//   <ns>.events            a durable topic exchange; the routing key is the event's type
//   <ns>.<consumer>        a durable queue per consumer, bound to the types it listens to (the contract)
//   <ns>.<consumer>.retry  where a failed delivery waits (per-message TTL) before going back
//   <ns>.<consumer>.dead   the dead-letter queue: events given up on, for people to look at
// Publishing waits for the broker's confirm, so an event leaves the outbox only once the broker
// holds it (persistent). A consumer acks a message only after its inbox has recorded the outcome,
// or after the retry or dead-letter copy is confirmed: a crash at any point redelivers, and the
// inbox makes the redelivery harmless.
import { EVENT_CONSUMERS, type EventConsumerName, type EventEnvelope } from '@dm/contracts/events';
import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import type { EventConsumer } from './event-inbox.js';
import type { EventTransport } from './events.js';
import type { Logger } from './logger.js';

export interface AmqpOptions {
  url: string;
  namespace: string;
  logger: Logger;
}

export const amqpNames = (namespace: string, consumer?: string) => ({
  exchange: `${namespace}.events`,
  queue: `${namespace}.${consumer}`,
  retry: `${namespace}.${consumer}.retry`,
  dead: `${namespace}.${consumer}.dead`,
});

/** The URL without its password, for logs. */
const safeUrl = (url: string) => {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * A confirm that takes longer means the connection is gone without saying so (a broker stopping
 * can leave confirms unanswered): the publish fails, the connection is dropped, the outbox retries.
 */
const CONFIRM_TIMEOUT_MS = 5000;

function confirmed(channel: ConfirmChannel, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`RabbitMQ did not confirm within ${CONFIRM_TIMEOUT_MS} ms`));
    }, CONFIRM_TIMEOUT_MS);
  });
  return Promise.race([channel.waitForConfirms(), timeout]).finally(() => clearTimeout(timer));
}

/** How long a failed delivery waits before its next attempt: 1 s, 2 s, 4 s … at most a minute. */
export const retryDelayMs = (attempt: number) => Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));

/**
 * Declares the exchange and every consumer's queues and bindings (from the contract). The publisher
 * does it too, not only the consumers: an event published before a consumer first started still
 * waits in that consumer's queue instead of being routed nowhere.
 */
async function declareTopology(channel: ConfirmChannel, namespace: string): Promise<void> {
  await channel.assertExchange(amqpNames(namespace).exchange, 'topic', { durable: true });
  for (const consumer of Object.keys(EVENT_CONSUMERS) as EventConsumerName[]) {
    const names = amqpNames(namespace, consumer);
    await channel.assertQueue(names.queue, { durable: true });
    for (const type of EVENT_CONSUMERS[consumer]) await channel.bindQueue(names.queue, names.exchange, type);
    // A message that outlives its TTL here goes back to the consumer's queue by the default exchange.
    await channel.assertQueue(names.retry, { durable: true, deadLetterExchange: '', deadLetterRoutingKey: names.queue });
    await channel.assertQueue(names.dead, { durable: true });
  }
}

/** One connection and one confirm channel, opened when first needed and again after a loss. */
function connection(url: string, logger: Logger, what: string) {
  let opening: Promise<{ model: ChannelModel; channel: ConfirmChannel }> | undefined;
  let onLost: (() => void) | undefined;

  async function open() {
    // The socket option bounds a connect to a broker that accepts but never answers (one starting up).
    const model = await amqp.connect(url, { timeout: CONFIRM_TIMEOUT_MS });
    const lost = (err?: unknown) => {
      if (opening) logger.warn({ err }, `RabbitMQ ${what} connection lost`);
      opening = undefined;
      onLost?.();
    };
    // Without an 'error' listener a broker restart would end the process.
    model.on('error', (err) => logger.warn({ err }, `RabbitMQ ${what} connection error`));
    model.on('close', lost);
    const channel = await model.createConfirmChannel();
    channel.on('error', (err) => logger.warn({ err }, `RabbitMQ ${what} channel error`));
    channel.on('close', () => {
      // A channel closed by the broker (a refused declaration) is useless: start again.
      model.close().catch(() => undefined);
      lost();
    });
    return { model, channel };
  }

  return {
    get(): Promise<{ model: ChannelModel; channel: ConfirmChannel }> {
      opening ??= open().catch((err: unknown) => {
        opening = undefined;
        throw err;
      });
      return opening;
    },
    onLost(fn: () => void) {
      onLost = fn;
    },
    async close() {
      const current = opening;
      opening = undefined;
      if (!current) return;
      try {
        const { model } = await current;
        await model.close();
      } catch {
        // already gone
      }
    },
  };
}

/** The publishing side: the outbox's `event` handler hands each event here. */
export function amqpEventTransport({ url, namespace, logger }: AmqpOptions): EventTransport {
  const conn = connection(url, logger, 'publisher');
  const { exchange } = amqpNames(namespace);
  let declared: Promise<unknown> | undefined;
  conn.onLost(() => {
    declared = undefined;
  });

  return {
    target: `RabbitMQ ${safeUrl(url)} exchange ${exchange}`,
    async publish(event: EventEnvelope) {
      const { channel } = await conn.get();
      declared ??= declareTopology(channel, namespace).catch((err: unknown) => {
        declared = undefined;
        throw err;
      });
      await declared;
      channel.publish(exchange, event.type, Buffer.from(JSON.stringify(event)), {
        persistent: true,
        contentType: 'application/json',
        messageId: event.id,
        type: event.type,
        timestamp: Math.floor(Date.parse(event.occurred_at) / 1000),
        appId: event.source,
      });
      // Rejects when the broker nacks or the connection drops first: the outbox tries again.
      await confirmed(channel, () => void conn.close());
    },
    close: () => conn.close(),
  };
}

export interface Subscription {
  start(): void;
  /** Stops taking messages and waits for those in hand. */
  stop(): Promise<void>;
}

/**
 * The consuming side: delivers the consumer's queue to `consumer.handle`, reconnecting (with
 * backoff) whenever the broker goes away, until stopped.
 */
export function amqpSubscription({ url, namespace, logger }: AmqpOptions, consumer: EventConsumer, prefetch = 8): Subscription {
  const names = amqpNames(namespace, consumer.name);
  const conn = connection(url, logger, `consumer ${consumer.name}`);
  let stopped = true;
  let running: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;
  let consuming: { channel: ConfirmChannel; tag: string } | undefined;
  const inHand = new Set<Promise<void>>();

  async function onMessage(channel: ConfirmChannel, message: ConsumeMessage) {
    const text = message.content.toString('utf8');
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      envelope = { unreadable: text.slice(0, 2000) };
    }
    const attempt = Number(message.properties.headers?.['x-attempt'] ?? 0) + 1;
    const props = { ...message.properties, persistent: true, headers: { ...message.properties.headers, 'x-attempt': attempt } };
    try {
      const outcome = await consumer.handle(envelope);
      if (outcome === 'dead') {
        channel.sendToQueue(names.dead, message.content, props);
        await confirmed(channel, () => void conn.close());
      }
    } catch (err) {
      // Failed (or the database is away): the copy waits in the retry queue, then comes back.
      logger.warn(
        { consumer: consumer.name, attempt },
        `event delivery failed, retried later: ${err instanceof Error ? err.message : err}`,
      );
      channel.sendToQueue(names.retry, message.content, { ...props, expiration: String(retryDelayMs(attempt)) });
      await confirmed(channel, () => void conn.close());
    }
    channel.ack(message);
  }

  async function consumeUntilLost() {
    const { channel } = await conn.get();
    const lost = new Promise<void>((resolve) => {
      conn.onLost(resolve);
      wake = resolve;
    });
    await declareTopology(channel, namespace);
    await channel.prefetch(prefetch);
    const { consumerTag } = await channel.consume(names.queue, (message) => {
      if (!message) return; // the queue was deleted: the lost connection restarts us
      const work = onMessage(channel, message).catch((err: unknown) => {
        // The channel went away mid-message: the broker redelivers it to the next connection.
        logger.warn({ err, consumer: consumer.name }, 'event left unacknowledged; the broker redelivers it');
      });
      inHand.add(work);
      void work.finally(() => inHand.delete(work));
    });
    consuming = { channel, tag: consumerTag };
    logger.info({ queue: names.queue }, `consuming events from RabbitMQ ${safeUrl(url)}`);
    await lost;
    consuming = undefined;
  }

  async function loop() {
    let failures = 0;
    while (!stopped) {
      try {
        await consumeUntilLost();
        failures = 0;
      } catch (err) {
        failures += 1;
        if (failures === 1 || failures % 10 === 0) logger.warn({ err }, `RabbitMQ unreachable for consumer ${consumer.name}; retrying`);
      }
      if (!stopped) await delay(Math.min(2000, 250 * 2 ** Math.min(failures, 3)));
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      running = loop();
    },
    async stop() {
      stopped = true;
      // Take no more, finish (and ack) what is in hand, then leave.
      await consuming?.channel.cancel(consuming.tag).catch(() => undefined);
      await Promise.allSettled([...inHand]);
      await conn.close();
      wake?.();
      await running;
    },
  };
}

/**
 * Deletes a namespace's exchange and queues (a test stack's, when it stops): what a finished stack
 * leaves behind would otherwise pile up in the broker, run after run.
 */
export async function deleteAmqpNamespace(url: string, namespace: string): Promise<void> {
  const model = await amqp.connect(url, { timeout: CONFIRM_TIMEOUT_MS });
  try {
    const channel = await model.createChannel();
    for (const consumer of Object.keys(EVENT_CONSUMERS)) {
      const names = amqpNames(namespace, consumer);
      for (const queue of [names.queue, names.retry, names.dead]) await channel.deleteQueue(queue);
    }
    await channel.deleteExchange(amqpNames(namespace).exchange);
  } finally {
    await model.close();
  }
}
