import type { Page } from '@dm/common/pagination';
import { AUDIT_ACTIONS, type AuditEvent } from '@dm/contracts/audit';
import { Router } from 'express';
import { z } from 'zod';
import type { Clients } from '../../clients.js';
import { requireAdminPage, userToken } from '../../page-guards.js';
import { lastPage, pageParam } from '../../view-models/pagination.js';

const PAGE_SIZE = 50;
const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const text = z.string().trim().max(200).optional().catch(undefined);

// A filter the page cannot use is dropped rather than refused: the log still shows.
const filtersQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  actor: text,
  subject_id: text,
  from: dateText,
  to: dateText,
  page: pageParam,
});

/** /admin/audit: the audit log auth-service keeps, newest first, filtered. */
export function adminAuditPages({ auth }: Clients): Router {
  const router = Router();
  router.use('/admin/audit', requireAdminPage);

  router.get('/admin/audit', async (req, res) => {
    const filters = filtersQuery.parse(req.query);
    const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
    const result = await auth.call<Page<AuditEvent>>('GET', '/admin/audit-events', {
      token: userToken(req),
      query: { ...query, page_size: PAGE_SIZE },
    });
    const { page: _page, ...kept } = query;
    res.render('admin/audit', {
      title: 'Audit log',
      filters,
      query: kept,
      actions: AUDIT_ACTIONS,
      result,
      lastPage: lastPage(result, result.page_size),
    });
  });

  return router;
}
