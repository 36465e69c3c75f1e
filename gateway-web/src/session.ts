import { createPool } from '@dm/common/db';
import { watchPool } from '@dm/common/metrics';
import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler } from 'express';
import session from 'express-session';
import { cookieName } from './cookie-names.js';

declare module 'express-session' {
  interface SessionData {
    flash?: { type: 'success' | 'danger' | 'info' | 'warning'; message: string };
  }
}

export interface SessionOptions {
  databaseUrl: string;
  /** DB_POOL_MAX: this pool carries the gateway's database work */
  poolMax: number;
  secret: string;
  secure: boolean;
  onError: (err: unknown) => void;
}

/**
 * Sessions live in the gateway's own database. They are created only when something is stored
 * (a CSRF secret, a flash message), so browsing the catalog costs no session writes. `stop()`
 * ends the store's pruning of expired sessions and closes its pool, at shutdown.
 */
export function sessionMiddleware(options: SessionOptions): RequestHandler & { stop(): Promise<void> } {
  const PgStore = connectPgSimple(session);
  const pool = createPool(options.databaseUrl, { max: options.poolMax });
  watchPool('sessions', pool);
  const store = new PgStore({
    pool,
    tableName: 'session',
    createTableIfMissing: false,
    pruneSessionInterval: 15 * 60,
    errorLog: options.onError,
  });
  const middleware = session({
    name: cookieName('session', options.secure),
    store,
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/', maxAge: 7 * 24 * 3600 * 1000 },
  });
  return Object.assign(middleware, {
    stop: async () => {
      await store.close();
      await pool.end();
    },
  });
}

/** Stores a one-time message shown on the next page. */
export function flash(
  req: { session: session.Session & Partial<session.SessionData> },
  type: 'success' | 'danger' | 'info' | 'warning',
  message: string,
) {
  req.session.flash = { type, message };
}

/** Moves a pending flash message into the view and off the session. */
export const flashToLocals: RequestHandler = (req, res, next) => {
  res.locals.flash = req.session.flash ?? null;
  if (req.session.flash) delete req.session.flash;
  next();
};

/**
 * express-session saves when the response ends, but a browser follows a redirect as soon as the
 * headers arrive, and would read the session before the save lands (a lost flash message, a lost
 * guest cart). A redirect therefore waits for the session to be stored first.
 */
export const saveBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    const holdsData = Object.keys(req.session).some((key) => key !== 'cookie');
    if (!holdsData) return redirect(...args);
    req.session.save((err) => (err ? next(err) : redirect(...args)));
  }) as typeof res.redirect;
  next();
};
