import { requireAdmin, userOf } from '@dm/common/auth';
import { notFound } from '@dm/common/errors';
import { parse } from '@dm/common/validation';
import { AdminUserQuery, AdminUserUpdate, UserIdParams } from '@dm/contracts/auth';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { adminUpdateUser } from '../profile.js';
import { userRowToUser, users } from '../users.js';

/** The admin's people: the list, one person, and a change of role or of is_active. */
export function adminUserRoutes(db: Kysely<Database>): Router {
  const router = Router();
  router.use('/admin/users', requireAdmin);

  router.get('/admin/users', async (req, res) => {
    res.set('cache-control', 'no-store').json(await users.search(db, parse(AdminUserQuery, req.query)));
  });

  router.get('/admin/users/:id', async (req, res) => {
    const user = await users.findById(db, parse(UserIdParams, req.params).id);
    if (!user) throw notFound('user not found');
    res.set('cache-control', 'no-store').json(userRowToUser(user));
  });

  router.patch('/admin/users/:id', async (req, res) => {
    const { id } = parse(UserIdParams, req.params);
    res.json(await adminUpdateUser(db, id, parse(AdminUserUpdate, req.body ?? {}), userOf(req)));
  });
  return router;
}
