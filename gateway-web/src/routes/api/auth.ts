import { HttpError } from '@dm/common/errors';
import type { AccessToken } from '@dm/contracts/auth';
import { type RequestHandler, Router } from 'express';
import { clearAuthCookie, setAuthCookie } from '../../auth-cookie.js';
import type { Clients } from '../../clients.js';
import { forward } from '../../proxy.js';

export function authApi({ auth }: Clients, secureCookies: boolean): Router {
  const router = Router();

  router.post('/auth/register', (req, res) => forward(auth, req, res, '/auth/register'));

  // JSON `{email, password}` or the OAuth2 form `username, password`: auth-service reads both.
  router.post('/auth/login', async (req, res) => {
    const result = await auth.request<AccessToken>('POST', '/auth/login', { body: req.body ?? {} });
    if (result.status === 200) setAuthCookie(res, result.data.access_token, result.data.expires_in, secureCookies);
    const retryAfter = result.headers.get('retry-after');
    if (retryAfter) res.set('retry-after', retryAfter);
    res.status(result.status).set('cache-control', 'no-store').json(result.data);
  });

  router.post('/auth/logout', (req, res) => {
    if (!req.principal) throw new HttpError(401, 'not authenticated');
    clearAuthCookie(res, secureCookies);
    res.status(204).end();
  });

  const me: RequestHandler = (req, res) => forward(auth, req, res, '/auth/me');
  router.get('/auth/me', me);
  router.get('/auth/users/me', me);

  return router;
}
