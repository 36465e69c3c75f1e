// /admin/events: the domain events each consumer gave up on (its dead letters: an event it could
// not read, or one that failed every attempt), read from the consumers themselves. With RabbitMQ
// the same messages also wait in each consumer's dead-letter queue (<namespace>.<consumer>.dead).
import { HttpError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import type { DeadLetter } from '@dm/contracts/events';
import { Router } from 'express';
import type { Clients } from '../../clients.js';
import { requireAdminPage } from '../../page-guards.js';

const DEAD_LETTERS_TIMEOUT_MS = 5_000;

interface ConsumerDeadLetters {
  consumer: string;
  service: string;
  /** null: the service could not be asked (the page says so) */
  items: DeadLetter[] | null;
}

async function deadLetters(client: ServiceClient, serviceToken: () => string): Promise<DeadLetter[] | null> {
  try {
    const { items } = await client.call<{ items: DeadLetter[] }>('GET', '/internal/events/dead', {
      token: serviceToken(),
      timeoutMs: DEAD_LETTERS_TIMEOUT_MS,
    });
    return items;
  } catch (err) {
    if (err instanceof HttpError) return null;
    throw err;
  }
}

export function adminEventPages(clients: Clients, serviceToken: () => string): Router {
  const router = Router();
  router.use('/admin/events', requireAdminPage);

  router.get('/admin/events', async (_req, res) => {
    const consumers: ConsumerDeadLetters[] = await Promise.all(
      [
        { consumer: 'notification', service: 'notification-service', client: clients.notification },
        { consumer: 'analytics', service: 'analytics-service', client: clients.analytics },
      ].map(async ({ consumer, service, client }) => ({ consumer, service, items: await deadLetters(client, serviceToken) })),
    );
    res.render('admin/events', { title: 'Events', consumers });
  });

  return router;
}
