// Publishing domain events (the schemas and who listens: @dm/contracts/events). A producer writes
// the event into its outbox inside the transaction of the change, so an event is never told of a
// change that did not commit, nor lost with one that did; the outbox then hands it to the
// transport, at least once. Two transports, one interface:
//   - RabbitMQ (events-amqp.ts) when AMQP_URL is set: a topic exchange, a durable queue per consumer;
//   - otherwise HTTP: a POST to each listening consumer's /internal/events, so `npm start` needs
//     no broker. A new consumer then means a new URL in the producers' config.
import { randomUUID } from 'node:crypto';
import {
  EVENT_CONSUMERS,
  EVENT_TYPES,
  type EventConsumerName,
  EventEnvelope,
  type EventPayload,
  type EventType,
} from '@dm/contracts/events';
import type { Topic } from '@dm/contracts/messages';
import { z } from 'zod';
import { HttpError } from './errors.js';
import type { ServiceClient } from './http-client.js';
import { enqueue, OutboxDiscard, type OutboxHandler, type OutboxMessage, readPayload } from './outbox.js';

export const EVENT_TOPIC = 'event' satisfies Topic;

/** The variables of a consumer of events, spread into its config schema. */
export const amqpEnv = {
  /** RabbitMQ (amqp:// or amqps://); unset: the HTTP transport. */
  AMQP_URL: z
    .url('must be a URL such as amqp://user:password@rabbitmq:5672')
    .refine((u) => /^amqps?:/.test(u), 'must start with amqp:// or amqps://')
    .optional(),
  /** Prefixes the exchange and queues, so that stacks sharing one broker stay apart. */
  AMQP_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,40}$/, 'must be lowercase letters, digits, dots, dashes or underscores')
    .default('dm'),
};

/** The variables of a service that publishes events, spread into its config schema. */
export const eventEnv = {
  ...amqpEnv,
  /** The consumers, for the HTTP transport; one left unset is not running and gets nothing. */
  NOTIFICATION_URL: z.url('must be a URL such as http://localhost:8006').optional(),
  ANALYTICS_URL: z.url('must be a URL such as http://localhost:8008').optional(),
};

export interface EventTransport {
  /** Resolves once the event is safely with the transport (a broker's confirm, a consumer's 2xx). */
  publish(event: EventEnvelope): Promise<void>;
  /** Where events go, for the boot log (never a password). */
  readonly target: string;
  close(): Promise<void>;
}

/** A new event of `type`, stamped now by `source`. */
export function newEvent<T extends EventType>(source: string, type: T, payload: EventPayload<T>): EventEnvelope {
  return { id: randomUUID(), type, version: EVENT_TYPES[type].version, occurred_at: new Date().toISOString(), source, payload };
}

/** Writes the event into the outbox; call inside the transaction of the change it tells of. */
export function enqueueEvent(db: Parameters<typeof enqueue>[0], event: EventEnvelope): Promise<OutboxMessage> {
  return enqueue(db, EVENT_TOPIC, event);
}

/** The outbox handler of the `event` topic: hands the event to the transport. */
export function eventDelivery(transport: EventTransport): Record<typeof EVENT_TOPIC, OutboxHandler> {
  return {
    [EVENT_TOPIC]: async (payload) => {
      await transport.publish(readPayload(EventEnvelope, payload));
    },
  };
}

/** The consumers that listen to `type`. */
export function consumersOf(type: string): EventConsumerName[] {
  return (Object.keys(EVENT_CONSUMERS) as EventConsumerName[]).filter((name) =>
    (EVENT_CONSUMERS[name] as readonly string[]).includes(type),
  );
}

/**
 * The default transport: each event is posted to every consumer that listens to its type. One that
 * fails makes the whole delivery retry; the others recognise the event again and do nothing.
 * A consumer with no URL configured here is not running in this deployment and is skipped.
 */
export function httpEventTransport(
  consumers: Partial<Record<EventConsumerName, ServiceClient>>,
  serviceToken: () => string,
): EventTransport {
  return {
    target: `HTTP to ${Object.keys(consumers).join(', ') || 'no consumer'}`,
    async publish(event) {
      for (const name of consumersOf(event.type)) {
        const client = consumers[name];
        if (!client) continue;
        try {
          await client.call('POST', '/internal/events', { body: event, token: serviceToken(), idempotent: true });
        } catch (err) {
          // A 4xx (a payload it cannot read, a refused token) will not get better by retrying.
          if (err instanceof HttpError && err.status < 500 && err.status !== 429) {
            throw new OutboxDiscard(`${client.name} refused event ${event.type} (${err.status}): ${err.detail}`);
          }
          throw err;
        }
      }
    },
    async close() {},
  };
}
