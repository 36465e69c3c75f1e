import type { DeviceSessionList, User } from '@dm/contracts/auth';
import { type Request, type Response, Router } from 'express';
import { clearAuthCookies } from '../../auth-cookie.js';
import type { Clients } from '../../clients.js';
import { exact, type FormMessages, formMessages, submit, text } from '../../forms.js';
import { requireUserPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';

const UNAVAILABLE = 'Your account cannot be changed right now. Please try again in a moment.';

interface FormState extends FormMessages {
  values: Record<string, string>;
}

/** A refusal of auth-service said on the form: a wrong current password beside its field. */
function refusal(result: { status: number; detail: string; errors: Record<string, string> }, state: FormState): FormState {
  if (result.status === 403) return { ...state, errors: { current_password: 'The current password is not right.' } };
  if (result.status === 409) return { ...state, errors: { email: 'An account with this email already exists.' } };
  return { ...state, ...formMessages(result as Parameters<typeof formMessages>[0]) };
}

/** Ends this browser's own sign-in as well (after a sign-out everywhere). */
async function forgetHere(req: Request, res: Response, secure: boolean) {
  clearAuthCookies(res, secure);
  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

/** `/account` (name and email), `/account/password` and `/account/devices`. */
export function accountSettingsPages({ auth }: Clients, secureCookies: boolean): Router {
  const router = Router();
  router.use('/account', requireUserPage);

  const renderAccount = async (req: Request, res: Response, status: number, state?: FormState) => {
    const account = await auth.call<User>('GET', '/auth/me', { token: userToken(req) });
    res.status(status).render('account', {
      title: 'Your account',
      account,
      ...(state ?? { values: { full_name: account.full_name, email: account.email }, errors: {} }),
    });
  };

  router.get('/account', (req, res) => renderAccount(req, res, 200));

  router.post('/account', async (req, res) => {
    const values = { full_name: text(req.body.full_name), email: text(req.body.email) };
    const currentPassword = exact(req.body.current_password);
    const result = await submit<User>(auth, 'PATCH', '/auth/me', {
      token: userToken(req),
      body: { ...values, ...(currentPassword ? { current_password: currentPassword } : {}) },
      refusals: [403, 409, 422],
      failure: 'Your details could not be saved.',
      unavailable: UNAVAILABLE,
    });
    if (!result.ok) return renderAccount(req, res, result.status, refusal(result, { values, errors: {} }));
    flash(req, 'success', 'Your details are saved.');
    res.redirect('/account');
  });

  router.get('/account/password', (_req, res) => {
    res.render('account/password', { title: 'Change your password', values: {}, errors: {} });
  });

  router.post('/account/password', async (req, res) => {
    const newPassword = exact(req.body.new_password);
    if (newPassword !== exact(req.body.new_password_confirm)) {
      return res.status(422).render('account/password', {
        title: 'Change your password',
        values: {},
        errors: { new_password_confirm: 'The two passwords do not match.' },
      });
    }
    const result = await submit(auth, 'POST', '/auth/change-password', {
      token: userToken(req),
      body: { current_password: exact(req.body.current_password), new_password: newPassword },
      refusals: [403, 422],
      failure: 'Your password could not be changed.',
      unavailable: UNAVAILABLE,
    });
    if (!result.ok) {
      return res
        .status(result.status)
        .render('account/password', { title: 'Change your password', ...refusal(result, { values: {}, errors: {} }) });
    }
    flash(req, 'success', 'Your password is changed, and your other devices are signed out.');
    res.redirect('/account');
  });

  router.get('/account/devices', async (req, res) => {
    const { items } = await auth.call<DeviceSessionList>('GET', '/auth/sessions', { token: userToken(req) });
    res.render('account/devices', { title: 'Your devices', devices: items });
  });

  router.post('/account/devices/sign-out-all', async (req, res) => {
    await auth.call('POST', '/auth/logout-all', { token: userToken(req) });
    await forgetHere(req, res, secureCookies);
    flash(req, 'info', 'You are signed out on every device.');
    res.redirect('/login');
  });

  router.post('/account/devices/:id/sign-out', async (req, res) => {
    const result = await submit(auth, 'DELETE', `/auth/sessions/${encodeURIComponent(req.params.id)}`, {
      token: userToken(req),
      refusals: [404, 422],
      failure: 'That device could not be signed out.',
    });
    flash(req, result.ok ? 'success' : 'danger', result.ok ? 'That device is signed out.' : 'That device was already signed out.');
    res.redirect('/account/devices');
  });

  return router;
}
