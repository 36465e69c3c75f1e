import { errorHandler, HttpError, notFoundHandler } from '@dm/common/errors';
import type { Logger } from '@dm/common/logger';
import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Clients } from '../../clients.js';
import { authApi } from './auth.js';
import { catalogApi } from './catalog.js';
import { shoppingApi } from './shopping.js';

export interface ApiDeps {
  clients: Clients;
  catalog: CatalogReader;
  logger: Logger;
  rateLimitPerMinute: number;
  secureCookies: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function crossSite(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The public JSON API under /api: rate-limited, JSON in and out, errors as `{"detail"}`. */
export function apiRouter({ clients, catalog, logger, rateLimitPerMinute, secureCookies }: ApiDeps): Router {
  const router = Router();
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json({ detail: 'too many requests: try again in a minute' });
      },
    }),
  );
  // A browser's cross-site request carries an Origin of another site; with the SameSite cookie
  // this keeps cookie-authenticated writes to pages of our own origin.
  router.use((req, _res, next) => {
    if (UNSAFE.has(req.method) && crossSite(req.headers.origin, req.headers.host)) {
      throw new HttpError(403, 'cross-site request refused');
    }
    next();
  });
  router.use(express.json({ limit: '1mb' }));
  router.use(express.urlencoded({ extended: false, limit: '100kb' }));
  router.use(authApi(clients, secureCookies));
  router.use(catalogApi(clients, catalog));
  router.use(shoppingApi(clients));
  router.use(notFoundHandler);
  router.use(errorHandler(logger));
  return router;
}
