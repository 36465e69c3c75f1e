import type { RequestHandler } from 'express';

/**
 * Where every answer is someone's own: their account, cart, orders and payments, the admin's
 * back office, and the forms that carry a CSRF token. A shared cache (a proxy, a CDN) must never
 * keep one, nor the browser's disk after sign-out, so each gets `Cache-Control: no-store`.
 */
const PERSONAL = [
  '/account',
  '/cart',
  '/checkout',
  '/orders',
  '/admin',
  '/login',
  '/logout',
  '/register',
  '/forgot-password',
  '/reset-password',
  '/api/auth',
  '/api/cart',
  '/api/orders',
  '/api/payments',
  '/api/admin',
  '/api/vendor',
  '/api/account',
];

// A shopper's own review of a product, and whether they may write one.
const PERSONAL_PATTERNS = [/^\/api\/products\/[^/]+\/reviews\/mine$/];

const isPersonal = (path: string) =>
  PERSONAL.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)) || PERSONAL_PATTERNS.some((p) => p.test(path));

/** Set before the routes run, so an error page or a proxied answer on these paths is covered too. */
export const noStoreOnPersonal: RequestHandler = (req, res, next) => {
  if (isPersonal(req.path)) res.set('cache-control', 'no-store');
  next();
};
