import { type Principal, requireUser, userOf } from '@dm/common/auth';
import type { Jwt } from '@dm/common/jwt';
import { currentClientIp } from '@dm/common/request-context';
import { parse } from '@dm/common/validation';
import {
  ChangePasswordInput,
  ForgotPasswordInput,
  LoginInput,
  RefreshInput,
  RegisterInput,
  ResetPasswordInput,
  SessionIdParams,
  UpdateMeInput,
} from '@dm/contracts/auth';
import { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import { currentUser, login, register } from '../accounts.js';
import { audit } from '../audit.js';
import type { Database } from '../db.js';
import type { LoginLockout } from '../lockout.js';
import { type ResetMailer, resetPassword, sendResetLink } from '../password-resets.js';
import { changePassword, updateMe } from '../profile.js';
import { type Device, listSessions, refresh, revokeOwnSession, revokeSession, revokeUserSessions, type TokenPolicy } from '../sessions.js';

const RESET_REQUESTED = 'If an account uses that email, a link to reset its password is on its way.';

export interface AuthRoutesDeps {
  db: Kysely<Database>;
  jwt: Jwt;
  policy: TokenPolicy;
  lockout: LoginLockout;
  resetMailer: ResetMailer;
}

/** The device as the gateway passes it on: the client's address (x-client-ip, else the trusted hop's X-Forwarded-For) and its User-Agent. */
const deviceOf = (req: Request): Device => ({ userAgent: req.get('user-agent'), ip: currentClientIp() ?? req.ip });

/** An event a user makes about their own account. */
const own = (user: Principal) => ({ actor_id: user.id, actor_email: user.email ?? null, subject_type: 'user', subject_id: user.id });

export function authRoutes({ db, jwt, policy, lockout, resetMailer }: AuthRoutesDeps): Router {
  const router = Router();

  router.post('/auth/register', async (req, res) => {
    const registered = await register(db, jwt, policy, parse(RegisterInput, req.body ?? {}), deviceOf(req));
    res.status(201).set('cache-control', 'no-store').json(registered);
  });

  router.post('/auth/login', async (req, res) => {
    const signedIn = await login(db, jwt, policy, lockout, parse(LoginInput, req.body ?? {}), deviceOf(req));
    res.set('cache-control', 'no-store').json(signedIn);
  });

  router.post('/auth/refresh', async (req, res) => {
    const { refresh_token } = parse(RefreshInput, req.body ?? {});
    res.set('cache-control', 'no-store').json(await refresh(db, jwt, policy, refresh_token, deviceOf(req)));
  });

  // The same answer, at once, for every address; the mail (if any) goes out after it.
  router.post('/auth/forgot-password', (req, res) => {
    const { email } = parse(ForgotPasswordInput, req.body ?? {});
    res.status(202).set('cache-control', 'no-store').json({ detail: RESET_REQUESTED });
    sendResetLink(db, resetMailer, email).catch((err: unknown) => resetMailer.logger.error({ err }, 'the reset mail could not be sent'));
  });

  router.post('/auth/reset-password', async (req, res) => {
    await resetPassword(db, parse(ResetPasswordInput, req.body ?? {}));
    res.status(204).end();
  });

  // The token's own session ends: its refresh token at once, its access tokens on every service
  // within seconds (common/src/sessions.ts).
  router.post('/auth/logout', requireUser, async (req, res) => {
    const user = userOf(req);
    if (user.sid) await revokeSession(db, user.sid);
    await audit.record(db, { ...own(user), action: 'sign_out', after: { devices: 'this one' } });
    res.status(204).end();
  });

  router.post('/auth/logout-all', requireUser, async (req, res) => {
    const user = userOf(req);
    await revokeUserSessions(db, user.id);
    await audit.record(db, { ...own(user), action: 'sign_out', after: { devices: 'all' } });
    res.status(204).end();
  });

  router.get('/auth/sessions', async (req, res) => {
    const user = userOf(req);
    res.set('cache-control', 'no-store').json({ items: await listSessions(db, user.id, user.sid) });
  });

  router.delete('/auth/sessions/:id', async (req, res) => {
    const user = userOf(req);
    await revokeOwnSession(db, user.id, parse(SessionIdParams, req.params).id);
    res.status(204).end();
  });

  router.get('/auth/me', async (req, res) => {
    res.set('cache-control', 'no-store').json(await currentUser(db, userOf(req).id));
  });

  router.patch('/auth/me', async (req, res) => {
    const id = userOf(req).id;
    res.set('cache-control', 'no-store').json(await updateMe(db, id, parse(UpdateMeInput, req.body ?? {})));
  });

  router.post('/auth/change-password', async (req, res) => {
    const user = userOf(req);
    await changePassword(db, user.id, user.sid, parse(ChangePasswordInput, req.body ?? {}));
    await audit.record(db, { ...own(user), action: 'password.changed' });
    res.status(204).end();
  });

  return router;
}
