// Picks the transport of domain events from the config: RabbitMQ when AMQP_URL is set, otherwise
// HTTP posts to the consumers whose URLs are set (the default, so `npm start` needs no broker).
import type { EventConsumer } from './event-inbox.js';
import { type EventTransport, httpEventTransport } from './events.js';
import { amqpEventTransport, amqpSubscription, type Subscription } from './events-amqp.js';
import { createServiceClient } from './http-client.js';
import type { Logger } from './logger.js';

export interface EventSettings {
  AMQP_URL?: string;
  /** `dm` when not given (the config's default) */
  AMQP_NAMESPACE?: string;
  NOTIFICATION_URL?: string;
  ANALYTICS_URL?: string;
}

const namespaceOf = (settings: EventSettings) => settings.AMQP_NAMESPACE ?? 'dm';

export function createEventTransport(settings: EventSettings, logger: Logger, serviceToken: () => string): EventTransport {
  if (settings.AMQP_URL) return amqpEventTransport({ url: settings.AMQP_URL, namespace: namespaceOf(settings), logger });
  return httpEventTransport(
    {
      ...(settings.NOTIFICATION_URL && { notification: createServiceClient('notification', settings.NOTIFICATION_URL) }),
      ...(settings.ANALYTICS_URL && { analytics: createServiceClient('analytics', settings.ANALYTICS_URL) }),
    },
    serviceToken,
  );
}

/**
 * A consumer's background worker: with AMQP_URL it consumes its RabbitMQ queue; without, events
 * arrive by HTTP at POST /internal/events (event-routes.ts) and there is nothing to run.
 */
export function eventSubscription(
  settings: Pick<EventSettings, 'AMQP_URL' | 'AMQP_NAMESPACE'>,
  consumer: EventConsumer,
  logger: Logger,
): Subscription {
  if (!settings.AMQP_URL) return { start() {}, async stop() {} };
  return amqpSubscription({ url: settings.AMQP_URL, namespace: namespaceOf(settings), logger }, consumer);
}
