import { HttpError } from '@dm/common/errors';
import type { SignedIn, TokenPair } from '@dm/contracts/auth';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { clearAuthCookies, deviceHeaders, requestToken, setAuthCookies } from '../../auth-cookie.js';
import type { Clients } from '../../clients.js';
import { forward } from '../../proxy.js';

export function authApi({ auth }: Clients, secureCookies: boolean): Router {
  const router = Router();

  /** A call that hands out a token pair: the answer as it came, and the cookies when it succeeded. */
  async function issuing(req: Request, res: Response, path: string) {
    const result = await auth.request<TokenPair>('POST', path, { body: req.body ?? {}, headers: deviceHeaders(req) });
    if (result.status === 200) setAuthCookies(res, result.data, secureCookies);
    // A locked account's 429 says when to try again.
    const retryAfter = result.headers.get('retry-after');
    if (retryAfter) res.set('retry-after', retryAfter);
    res.status(result.status).set('cache-control', 'no-store').json(result.data);
  }

  router.post('/auth/register', async (req, res) => {
    const result = await auth.request<SignedIn>('POST', '/auth/register', { body: req.body ?? {}, headers: deviceHeaders(req) });
    const retryAfter = result.headers.get('retry-after');
    if (retryAfter) res.set('retry-after', retryAfter);
    res.status(result.status).set('cache-control', 'no-store').json(result.data);
  });

  // JSON `{email, password}` or the OAuth2 form `username, password`: auth-service reads both.
  router.post('/auth/login', (req, res) => issuing(req, res, '/auth/login'));
  router.post('/auth/refresh', (req, res) => issuing(req, res, '/auth/refresh'));

  // The session ends in auth-service (so the token dies on every service), then the cookies go.
  const signOut =
    (path: string): RequestHandler =>
    async (req, res) => {
      if (!req.principal) throw new HttpError(401, 'not authenticated');
      await auth.call('POST', path, { token: requestToken(req) });
      clearAuthCookies(res, secureCookies);
      res.status(204).end();
    };
  router.post('/auth/logout', signOut('/auth/logout'));
  router.post('/auth/logout-all', signOut('/auth/logout-all'));

  const me: RequestHandler = (req, res) => forward(auth, req, res, '/auth/me');
  router.get('/auth/me', me);
  router.get('/auth/users/me', me);
  router.patch('/auth/me', me);
  router.post('/auth/forgot-password', (req, res) => forward(auth, req, res, '/auth/forgot-password'));
  router.post('/auth/reset-password', (req, res) => forward(auth, req, res, '/auth/reset-password'));
  router.post('/auth/change-password', (req, res) => forward(auth, req, res, '/auth/change-password'));
  router.get('/auth/sessions', (req, res) => forward(auth, req, res, '/auth/sessions'));
  router.delete('/auth/sessions/:id', (req, res) => forward(auth, req, res, `/auth/sessions/${encodeURIComponent(req.params.id)}`));
  router.get('/admin/users', (req, res) => forward(auth, req, res, '/admin/users'));
  const user: RequestHandler = (req, res) => forward(auth, req, res, `/admin/users/${encodeURIComponent(String(req.params.id))}`);
  router.get('/admin/users/:id', user);
  router.patch('/admin/users/:id', user);

  return router;
}
