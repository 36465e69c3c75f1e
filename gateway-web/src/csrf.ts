// The one module that knows the CSRF library. csurf is archived upstream: it is used in session
// mode only (its cookie mode has a known double-submit weakness), so moving to csrf-sync later is a
// change to this file alone.
import csurf from 'csurf';
import type { RequestHandler } from 'express';

const protection = csurf({ cookie: false });
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Checks the `_csrf` field of every unsafe request, and gives views a lazy `csrfToken()`. csurf
 * puts a secret in the session on every request it sees, which would store a session for every
 * anonymous page view; on safe requests it therefore runs only when a page renders a form.
 */
export const csrf: RequestHandler = (req, res, next) => {
  if (SAFE.has(req.method)) {
    res.locals.csrfToken = () => {
      let token = '';
      // For a safe method csurf checks nothing and calls back at once.
      protection(req, res, () => {
        token = req.csrfToken();
      });
      return token;
    };
    return next();
  }
  protection(req, res, (err?: unknown) => {
    if (err) return next(err);
    res.locals.csrfToken = () => req.csrfToken();
    next();
  });
};

/** True for the error the library raises on a missing or wrong token. */
export function isCsrfError(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'EBADCSRFTOKEN';
}
