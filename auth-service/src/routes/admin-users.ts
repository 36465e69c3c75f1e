import { requireAdmin, userOf } from '@dm/common/auth';
import { parse } from '@dm/common/validation';
import { AdminUserUpdate, UserIdParams } from '@dm/contracts/auth';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { adminUpdateUser } from '../profile.js';

export function adminUserRoutes(db: Kysely<Database>): Router {
  const router = Router();
  router.patch('/admin/users/:id', requireAdmin, async (req, res) => {
    const { id } = parse(UserIdParams, req.params);
    res.json(await adminUpdateUser(db, id, parse(AdminUserUpdate, req.body ?? {}), userOf(req)));
  });
  return router;
}
