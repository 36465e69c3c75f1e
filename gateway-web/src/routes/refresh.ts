import { setTimeout } from 'node:timers/promises';
import type { ServiceClient } from '@dm/common/http-client';
import type { TokenPair } from '@dm/contracts/auth';
import { Router } from 'express';
import { clearAuthCookies, deviceHeaders, REFRESH_COOKIE, REFRESH_PATH, setAuthCookies } from '../auth-cookie.js';
import { safeNext } from '../page-guards.js';

const CONCURRENT_REFRESH_PAUSE_MS = 500;

/**
 * The one place the refresh cookie is sent: a request whose access token expired is detoured here
 * (307, so a form's POST comes along with its body), gets a new pair, and goes back where it was
 * going. A refresh token that fails ends the browser's session; one that a concurrent request has
 * just rotated (409) leaves the cookies that request set alone.
 */
export function refreshRoute(auth: ServiceClient, secure: boolean): Router {
  const router = Router();
  router.all(REFRESH_PATH, async (req, res) => {
    res.set('cache-control', 'no-store');
    const next = safeNext(req.query.next);
    const token = req.cookies?.[REFRESH_COOKIE];
    if (typeof token !== 'string' || !token) {
      clearAuthCookies(res, secure);
      return res.redirect(307, next);
    }
    const result = await auth.request<TokenPair>('POST', '/auth/refresh', { body: { refresh_token: token }, headers: deviceHeaders(req) });
    if (result.status === 200) setAuthCookies(res, result.data, secure);
    else if (result.status !== 409) clearAuthCookies(res, secure);
    // A 409: another request of this browser is refreshing right now, and its answer brings the new
    // cookies. Going back at once would find the old cookie, come here again and loop (Chromium gives
    // up after 20 redirects); a moment's pause lets that answer land first.
    else await setTimeout(CONCURRENT_REFRESH_PAUSE_MS);
    res.redirect(307, next);
  });
  return router;
}
