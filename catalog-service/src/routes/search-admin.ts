import { requireAdmin } from '@dm/common/auth';
import { parse } from '@dm/common/validation';
import { SynonymIdParams, SynonymInput } from '@dm/contracts/catalog-admin';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { addSynonym, listSynonyms, removeSynonym } from '../search/synonyms.js';

/** The search's synonyms, which only an admin reads and edits. */
export function searchAdminRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();
  router.get('/admin/search/synonyms', requireAdmin, async (_req, res) => {
    res.json({ items: await listSynonyms(db) });
  });

  router.post('/admin/search/synonyms', requireAdmin, async (req, res) => {
    res.status(201).json(await addSynonym(db, parse(SynonymInput, req.body ?? {})));
  });

  router.delete('/admin/search/synonyms/:id', requireAdmin, async (req, res) => {
    await removeSynonym(db, parse(SynonymIdParams, req.params).id);
    res.status(204).end();
  });

  return router;
}
