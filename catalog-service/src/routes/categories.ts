import { requireAdmin } from '@dm/common/auth';
import { parse } from '@dm/common/validation';
import { CreateCategoryInput, UpdateCategoryInput } from '@dm/contracts/catalog';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import { categories, createCategory, deleteCategory, getCategory, updateCategory } from '../categories/categories.js';
import type { Database } from '../db.js';

export function categoryRoutes({ db }: { db: Kysely<Database> }): Router {
  const router = Router();

  router.get('/categories', async (_req, res) => {
    res.json(await categories.listWithCounts(db));
  });

  router.get('/categories/:idOrSlug', async (req, res) => {
    res.json(await getCategory(db, req.params.idOrSlug));
  });

  router.post('/categories', requireAdmin, async (req, res) => {
    res.status(201).json(await createCategory(db, parse(CreateCategoryInput, req.body ?? {})));
  });

  router.patch('/categories/:id', requireAdmin, async (req: Request<{ id: string }>, res) => {
    res.json(await updateCategory(db, req.params.id, parse(UpdateCategoryInput, req.body ?? {})));
  });

  router.delete('/categories/:id', requireAdmin, async (req: Request<{ id: string }>, res) => {
    await deleteCategory(db, req.params.id);
    res.status(204).end();
  });

  return router;
}
