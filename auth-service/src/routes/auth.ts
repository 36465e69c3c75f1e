import { requireUser, userOf } from '@dm/common/auth';
import type { Jwt } from '@dm/common/jwt';
import { parse } from '@dm/common/validation';
import { LoginInput, RegisterInput } from '@dm/contracts/auth';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, login, register } from '../accounts.js';
import type { Database } from '../db.js';
import type { LoginLockout } from '../lockout.js';

export interface AuthRoutesDeps {
  db: Kysely<Database>;
  jwt: Jwt;
  tokenTtlSeconds: number;
  lockout: LoginLockout;
}

export function authRoutes({ db, jwt, tokenTtlSeconds, lockout }: AuthRoutesDeps): Router {
  const router = Router();

  router.post('/auth/register', async (req, res) => {
    const user = await register(db, parse(RegisterInput, req.body ?? {}));
    res.status(201).json(user);
  });

  router.post('/auth/login', async (req, res) => {
    const token = await login(db, jwt, tokenTtlSeconds, lockout, parse(LoginInput, req.body ?? {}));
    res.set('cache-control', 'no-store').json(token);
  });

  // Tokens are stateless: logging out is the client (the gateway's cookie) forgetting it.
  router.post('/auth/logout', requireUser, (_req, res) => {
    res.status(204).end();
  });

  router.get('/auth/me', async (req, res) => {
    res.json(await currentUser(db, userOf(req).id));
  });

  return router;
}
