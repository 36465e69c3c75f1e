import type { ServiceClient } from '@dm/common/http-client';
import type { Registered, SignedIn, TokenPair } from '@dm/contracts/auth';
import { type Request, type Response, Router } from 'express';
import { clearAuthCookies, deviceHeaders, setAuthCookies } from '../../auth-cookie.js';
import { mergeGuestCart } from '../../cart-merge.js';
import type { Clients } from '../../clients.js';
import { exact, type FormMessages, formMessages, submit, text } from '../../forms.js';
import { guestLines } from '../../guest-cart.js';
import { safeNext } from '../../page-guards.js';
import { flash } from '../../session.js';

export interface AccountDeps {
  clients: Clients;
  secureCookies: boolean;
}

interface FormState extends FormMessages {
  values: Record<string, string>;
}

const WRONG_LOGIN = 'Incorrect email or password.';
const LOGIN_UNAVAILABLE = 'Signing in is unavailable right now. Please try again in a moment.';
const REGISTER_UNAVAILABLE = 'Creating accounts is unavailable right now. Please try again in a moment.';

/**
 * Starts a signed-in session: a fresh session id (against fixation), the token cookie, and the
 * guest's cart carried over. Answers what to tell the shopper about their cart, if anything.
 */
async function signIn(req: Request, res: Response, token: TokenPair, secure: boolean, cart: ServiceClient): Promise<string | null> {
  const guestCart = guestLines(req);
  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
  if (guestCart.length > 0) req.session.guestCart = guestCart;
  setAuthCookies(res, token, secure);
  return mergeGuestCart(req, cart, token.access_token);
}

export function accountPages({ clients: { auth, cart }, secureCookies }: AccountDeps): Router {
  const router = Router();

  const renderLogin = (res: Response, status: number, next: string, state: FormState) =>
    res.status(status).render('login', { title: 'Sign in', next, ...state });
  const renderRegister = (res: Response, status: number, next: string, state: FormState) =>
    res.status(status).render('register', { title: 'Create your account', next, ...state });

  router.get('/login', (req, res) => {
    if (req.principal) return res.redirect(safeNext(req.query.next));
    renderLogin(res, 200, safeNext(req.query.next), { values: {}, errors: {} });
  });

  router.post('/login', async (req, res) => {
    const next = safeNext(req.body.next);
    const values = { email: text(req.body.email) };
    const result = await submit<SignedIn>(auth, 'POST', '/auth/login', {
      body: { email: values.email, password: exact(req.body.password) },
      headers: deviceHeaders(req),
      refusals: 'any',
      failure: WRONG_LOGIN,
      unavailable: LOGIN_UNAVAILABLE,
    });
    if (!result.ok) {
      // Any other refusal reads the same, so the form never tells which accounts exist. A lockout
      // (429) says how long to wait: it reads the same for an unknown email too.
      if (result.retryAfter) res.set('retry-after', result.retryAfter);
      const messages =
        result.status === 422
          ? { errors: result.errors }
          : { errors: {}, error: result.status === 503 || result.status === 429 ? result.detail : WRONG_LOGIN };
      return renderLogin(res, result.status, next, { values, ...messages });
    }
    const cartNote = await signIn(req, res, result.data, secureCookies, cart);
    flash(req, 'success', ['Welcome back! You are signed in.', cartNote].filter(Boolean).join(' '));
    res.redirect(next);
  });

  router.get('/register', (req, res) => {
    if (req.principal) return res.redirect('/');
    renderRegister(res, 200, safeNext(req.query.next), { values: {}, errors: {} });
  });

  router.post('/register', async (req, res) => {
    const next = safeNext(req.body.next);
    const values = { email: text(req.body.email), full_name: text(req.body.full_name) };
    const password = exact(req.body.password);
    if (password !== exact(req.body.password_confirm)) {
      return renderRegister(res, 422, next, { values, errors: { password_confirm: 'The two passwords do not match.' } });
    }
    const created = await submit<Registered>(auth, 'POST', '/auth/register', {
      body: { ...values, password },
      headers: deviceHeaders(req),
      refusals: 'any',
      failure: 'Your account could not be created.',
      unavailable: REGISTER_UNAVAILABLE,
    });
    if (!created.ok && created.status === 409) {
      return renderRegister(res, 409, next, { values, errors: { email: 'An account with this email already exists. Try signing in.' } });
    }
    if (!created.ok) return renderRegister(res, created.status, next, { values, ...formMessages(created) });
    const cartNote = await signIn(req, res, created.data, secureCookies, cart);
    flash(req, 'success', [`Welcome, ${values.full_name}! Your account is ready.`, cartNote].filter(Boolean).join(' '));
    res.redirect(next);
  });

  router.post('/logout', async (req, res) => {
    // The session ends for every service, not only in this browser; a failure still signs out here.
    if (req.principal) await auth.request('POST', '/auth/logout', { token: req.principal.token }).catch(() => {});
    clearAuthCookies(res, secureCookies);
    await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
    flash(req, 'info', 'You are signed out. See you soon!');
    res.redirect('/');
  });

  return router;
}
