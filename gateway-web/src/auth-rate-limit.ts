import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { LimiterStore } from './rate-limit-store.js';

/** Sign-ins: only a failure counts, so a shop's customers behind one address still get in. */
const SIGN_IN = new Set(['/login', '/api/auth/login']);

/**
 * The forms and API calls an attacker repeats from one address: guessing passwords, making
 * accounts, asking for reset mails. One count per client address covers the page and its API twin.
 */
const LIMITED = new Set(['/login', '/register', '/forgot-password', '/api/auth/login', '/api/auth/register', '/api/auth/forgot-password']);

// From the original URL: by the time a response ends, the /api router has cut its mount point off req.path.
const pathOf = (req: Request) => req.originalUrl.split('?')[0] ?? '';
const isApi = (req: Request) => pathOf(req).startsWith('/api/');

/**
 * AUTH_RATE_LIMIT_PER_MINUTE per client address (req.ip: see TRUST_PROXY), apart from the
 * RATE_LIMIT_PER_MINUTE of all of /api. Beyond it: 429 with Retry-After, as JSON for the API and as
 * a page for the forms. The per-account lockout lives in auth-service, so it holds across replicas,
 * and still holds while a shared `store` is away and this limit lets requests through.
 */
export function authRateLimit(perMinute: number, store: LimiterStore = {}): RequestHandler {
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    ...store,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (req, res) => SIGN_IN.has(pathOf(req)) && res.statusCode < 400,
    handler: (req, res) => {
      const detail = 'too many attempts from your network: wait a minute before trying again';
      if (!res.get('retry-after')) res.set('retry-after', '60');
      if (isApi(req)) {
        res.status(429).json({ detail });
        return;
      }
      res.status(429).render('errors/error', {
        title: 'Too many attempts',
        status: 429,
        message: 'There were too many attempts from your network. Please wait a minute before trying again.',
      });
    },
  });
  // A middleware rather than routes, so the paths it guards are served (and documented) by their own routes alone.
  return (req, res, next) => (req.method === 'POST' && LIMITED.has(req.path) ? limiter(req, res, next) : next());
}
