import { notFound } from '@dm/common/errors';
import { listMail, readMail } from '@dm/common/mailbox';
import { Router } from 'express';

/**
 * `/dev/mail`: the development mailbox, where every message goes when no SMTP_URL is set, so a
 * reset link can be followed with no mail server. Never mounted in production.
 */
export function devMailPages(dataDir: string): Router {
  const router = Router();

  router.get('/dev/mail', async (_req, res) => {
    res.set('cache-control', 'no-store').render('dev/mail', { title: 'Development mailbox', messages: await listMail(dataDir) });
  });

  router.get('/dev/mail/:id', async (req, res) => {
    const message = await readMail(dataDir, req.params.id);
    if (!message) throw notFound('no such message');
    res.set('cache-control', 'no-store').render('dev/mail-message', { title: message.subject, message });
  });

  return router;
}
