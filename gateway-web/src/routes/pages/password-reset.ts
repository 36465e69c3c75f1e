import { type Response, Router } from 'express';
import type { Clients } from '../../clients.js';
import { exact, type FormMessages, formMessages, submit, text } from '../../forms.js';
import { flash } from '../../session.js';

const INVALID_LINK = 'This link is invalid, was already used or has expired. Ask for a new one below.';
const UNAVAILABLE = 'Password resets are unavailable right now. Please try again in a moment.';

/**
 * `/forgot-password` mails a link (the page says the same for every address) and
 * `/reset-password?token=` sets a new password with it, then sends the shopper to sign in.
 */
export function passwordResetPages({ auth }: Clients): Router {
  const router = Router();

  router.get('/forgot-password', (_req, res) => {
    res.render('forgot-password', { title: 'Forgot your password?', values: {}, errors: {}, sent: false });
  });

  router.post('/forgot-password', async (req, res) => {
    const values = { email: text(req.body.email) };
    const result = await submit(auth, 'POST', '/auth/forgot-password', {
      body: values,
      refusals: [422],
      failure: 'The reset link could not be sent.',
      unavailable: UNAVAILABLE,
    });
    if (!result.ok)
      return res
        .status(result.status)
        .render('forgot-password', { title: 'Forgot your password?', values, ...formMessages(result), sent: false });
    res.render('forgot-password', { title: 'Check your email', values, errors: {}, sent: true });
  });

  const renderReset = (res: Response, status: number, token: string, state: FormMessages) =>
    res.status(status).render('reset-password', { title: 'Choose a new password', token, ...state });

  router.get('/reset-password', (req, res) => {
    const token = text(req.query.token);
    renderReset(res, token ? 200 : 400, token, token ? { errors: {} } : { errors: {}, error: INVALID_LINK });
  });

  router.post('/reset-password', async (req, res) => {
    const token = text(req.body.token);
    const newPassword = exact(req.body.new_password);
    if (newPassword !== exact(req.body.new_password_confirm)) {
      return renderReset(res, 422, token, { errors: { new_password_confirm: 'The two passwords do not match.' } });
    }
    const result = await submit(auth, 'POST', '/auth/reset-password', {
      body: { token, new_password: newPassword },
      refusals: [400, 422],
      failure: 'Your password could not be changed.',
      unavailable: UNAVAILABLE,
    });
    if (!result.ok) {
      const tokenProblem = result.status === 400 || 'token' in result.errors;
      return renderReset(res, result.status, token, tokenProblem ? { errors: {}, error: INVALID_LINK } : formMessages(result));
    }
    flash(req, 'success', 'Your password is changed and every device was signed out. Sign in with the new password.');
    res.redirect('/login');
  });

  return router;
}
