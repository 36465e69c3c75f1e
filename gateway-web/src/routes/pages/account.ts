import { type FieldError, HttpError, ServiceUnavailableError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import type { AccessToken } from '@dm/contracts/auth';
import { type Request, type Response, Router } from 'express';
import { clearAuthCookie, setAuthCookie } from '../../auth-cookie.js';
import { mergeGuestCart } from '../../cart-merge.js';
import type { Clients } from '../../clients.js';
import { guestLines } from '../../guest-cart.js';
import { pageUser, requireUserPage, safeNext } from '../../page-guards.js';
import { flash } from '../../session.js';

export interface AccountDeps {
  clients: Clients;
  secureCookies: boolean;
}

interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  error?: string;
}

function fieldErrors(errors: FieldError[] | undefined): Record<string, string> {
  return Object.fromEntries((errors ?? []).map((e) => [e.field, e.message]));
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Starts a signed-in session: a fresh session id (against fixation), the token cookie, and the
 * guest's cart carried over. Answers what to tell the shopper about their cart, if anything.
 */
async function signIn(req: Request, res: Response, token: AccessToken, secure: boolean, cart: ServiceClient): Promise<string | null> {
  const guestCart = guestLines(req);
  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
  if (guestCart.length > 0) req.session.guestCart = guestCart;
  setAuthCookie(res, token.access_token, token.expires_in, secure);
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
    const values = { email: str(req.body.email).trim() };
    let result;
    try {
      result = await auth.request<AccessToken & { detail?: string; errors?: FieldError[] }>('POST', '/auth/login', {
        body: { email: values.email, password: str(req.body.password) },
      });
    } catch (err) {
      if (!(err instanceof ServiceUnavailableError)) throw err;
      return renderLogin(res, 503, next, {
        values,
        errors: {},
        error: 'Signing in is unavailable right now. Please try again in a moment.',
      });
    }
    if (result.status === 422) {
      return renderLogin(res, 422, next, { values, errors: fieldErrors(result.data.errors) });
    }
    if (result.status !== 200) {
      return renderLogin(res, result.status, next, { values, errors: {}, error: 'Incorrect email or password.' });
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
    const values = { email: str(req.body.email).trim(), full_name: str(req.body.full_name).trim() };
    const password = str(req.body.password);
    let cartNote: string | null = null;
    if (password !== str(req.body.password_confirm)) {
      return renderRegister(res, 422, next, { values, errors: { password_confirm: 'The two passwords do not match.' } });
    }
    try {
      const created = await auth.request<{ detail?: string; errors?: FieldError[] }>('POST', '/auth/register', {
        body: { ...values, password },
      });
      if (created.status === 409) {
        return renderRegister(res, 409, next, { values, errors: { email: 'An account with this email already exists. Try signing in.' } });
      }
      if (created.status !== 201) {
        return renderRegister(res, created.status, next, { values, errors: fieldErrors(created.data.errors) });
      }
      const token = await auth.call<AccessToken>('POST', '/auth/login', { body: { email: values.email, password } });
      cartNote = await signIn(req, res, token, secureCookies, cart);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableError || err instanceof HttpError)) throw err;
      return renderRegister(res, 503, next, {
        values,
        errors: {},
        error: 'Creating accounts is unavailable right now. Please try again in a moment.',
      });
    }
    flash(req, 'success', [`Welcome, ${values.full_name}! Your account is ready.`, cartNote].filter(Boolean).join(' '));
    res.redirect(next);
  });

  router.post('/logout', async (req, res) => {
    clearAuthCookie(res, secureCookies);
    await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
    flash(req, 'info', 'You are signed out. See you soon!');
    res.redirect('/');
  });

  router.get('/account', requireUserPage, async (req, res) => {
    const user = await auth.call('GET', '/auth/me', { token: pageUser(req).token });
    res.render('account', { title: 'Your account', account: user });
  });

  return router;
}
