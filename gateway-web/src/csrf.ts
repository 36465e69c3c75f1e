// The one module that knows the CSRF library. csurf is archived upstream: it is used in session
// mode only (its cookie mode has a known double-submit weakness), so moving to csrf-sync later is a
// change to this file alone.
import csurf from 'csurf';
import type { RequestHandler } from 'express';

const protection = csurf({ cookie: false });

/**
 * Checks the `_csrf` field of every unsafe request and gives views a lazy `csrfToken()`: the
 * secret (and with it a session) is made only when a page actually renders a form.
 */
export const csrf: RequestHandler = (req, res, next) => {
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
