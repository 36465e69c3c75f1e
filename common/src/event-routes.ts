// The HTTP side of a consumer: where the default transport posts events, and where the admin's
// page reads the dead letters (both behind the /internal/* service-token guard).
import { Router } from 'express';
import { HttpError } from './errors.js';
import type { EventConsumer } from './event-inbox.js';
import { EventRetry } from './event-inbox.js';

export function eventRoutes(consumer: EventConsumer): Router {
  const router = Router();

  router.post('/internal/events', async (req, res) => {
    try {
      res.json({ outcome: await consumer.handle(req.body) });
    } catch (err) {
      // The producer's outbox tries again later, with backoff.
      if (err instanceof EventRetry) throw new HttpError(503, `${consumer.name} could not handle the event yet: ${err.message}`);
      throw err;
    }
  });

  router.get('/internal/events/dead', async (_req, res) => {
    res.json({ items: await consumer.deadLetters() });
  });

  return router;
}
