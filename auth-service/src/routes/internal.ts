import { notFound } from '@dm/common/errors';
import { parse } from '@dm/common/validation';
import { RevokedSessionsQuery } from '@dm/contracts/auth';
import { isUuid } from '@dm/contracts/common';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { revokedSince, sessionOwner } from '../sessions.js';

/** What every other service's live-session check asks (common/src/sessions.ts). */
export function internalRoutes(db: Kysely<Database>, windowSeconds: number): Router {
  const router = Router();

  router.get('/internal/sessions/revoked', async (req, res) => {
    const { since } = parse(RevokedSessionsQuery, req.query);
    res.json(await revokedSince(db, since ? new Date(since) : undefined, windowSeconds));
  });

  router.get('/internal/sessions/:sid', async (req, res) => {
    const owner = isUuid(req.params.sid) ? await sessionOwner(db, req.params.sid) : undefined;
    if (!owner) throw notFound('no such session');
    res.json(owner);
  });

  return router;
}
