import { requireAdmin } from '@dm/common/auth';
import { parse } from '@dm/common/validation';
import { AuditEventBatch, AuditEventInput, AuditQuery } from '@dm/contracts/audit';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import { audit } from '../audit.js';
import type { Database } from '../db.js';

/** The audit log: other services append to it (/internal: a service token), admins read it. */
export function auditRoutes(db: Kysely<Database>): Router {
  const router = Router();

  router.post('/internal/audit-events', async (req, res) => {
    const body = req.body ?? {};
    // One event, or `{events}`: the events of one change (catalog-service's bulk actions and imports).
    await audit.record(db, 'events' in body ? parse(AuditEventBatch, body).events : parse(AuditEventInput, body));
    res.status(204).end();
  });

  router.get('/admin/audit-events', requireAdmin, async (req, res) => {
    res.set('cache-control', 'no-store').json(await audit.list(db, parse(AuditQuery, req.query)));
  });

  return router;
}
