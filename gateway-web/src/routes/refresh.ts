import { setTimeout } from 'node:timers/promises';
import type { ServiceClient } from '@dm/common/http-client';
import type { TokenPair } from '@dm/contracts/auth';
import { Router } from 'express';
import { clearAuthCookies, deviceHeaders, REFRESH_COOKIE, REFRESH_PATH, setAuthCookies } from '../auth-cookie.js';
import { safeNext } from '../page-guards.js';

const CONCURRENT_REFRESH_PAUSE_MS = 500;
/**
 * How many times in a row a browser waits for a concurrent refresh. A cookie jar that keeps getting
 * 409 holds a copy of a refresh token some other jar has spent (a copied cookie, a second browser
 * profile): no answer will ever bring it the new pair, so after these waits it is signed out
 * instead of looping until Chromium gives up ("too many redirects").
 */
const MAX_CONCURRENT_WAITS = 3;
const WAITS_COOKIE = 'refresh_waits';

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
    const waits = Number(req.cookies?.[WAITS_COOKIE]) || 0;
    const waitsCookie = { httpOnly: true, sameSite: 'lax' as const, secure, path: REFRESH_PATH };
    if (result.status === 409 && waits < MAX_CONCURRENT_WAITS) {
      // Another request of this browser is refreshing right now, and its answer brings the new
      // cookies. Going back at once would find the old cookie and come here again; a moment's pause
      // lets that answer land first.
      res.cookie(WAITS_COOKIE, String(waits + 1), { ...waitsCookie, maxAge: 60_000 });
      await setTimeout(CONCURRENT_REFRESH_PAUSE_MS);
    } else {
      if (waits > 0) res.clearCookie(WAITS_COOKIE, waitsCookie);
      if (result.status === 200) setAuthCookies(res, result.data, secure);
      else clearAuthCookies(res, secure);
    }
    res.redirect(307, next);
  });
  return router;
}
