import { errorHandler, notFoundHandler } from '@dm/common/errors';
import { limitJsonDepth } from '@dm/common/json-depth';
import type { Logger } from '@dm/common/logger';
import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Clients } from '../../clients.js';
import type { NotificationReader } from '../../notification-reader.js';
import type { ProductActivity } from '../../product-activity.js';
import type { LimiterStore } from '../../rate-limit-store.js';
import type { ReviewReader } from '../../review-reader.js';
import { authApi } from './auth.js';
import { catalogApi } from './catalog.js';
import { crossOrigin } from './cross-origin.js';
import { API_DOCUMENT, DOCUMENTED_METHODS } from './document.js';
import { notificationsApi } from './notifications.js';
import { reviewsApi } from './reviews.js';
import { shoppingApi } from './shopping.js';
import { vendorsApi } from './vendors.js';

export interface ApiDeps {
  clients: Clients;
  catalog: CatalogReader;
  reviews: ReviewReader;
  notifications: NotificationReader;
  /** Counts cart adds for the admin dashboard. */
  activity: ProductActivity;
  logger: Logger;
  rateLimitPerMinute: number;
  /** Where the limit counts when it is shared by several processes (see rate-limit-store.ts). */
  rateLimitStore?: LimiterStore;
  secureCookies: boolean;
  /** Other sites' origins that may call the API from a browser, with Bearer tokens (CORS_ORIGINS). */
  corsOrigins: readonly string[];
}

/** The public JSON API under /api: rate-limited, JSON in and out, errors as `{"detail"}`. */
export function apiRouter({
  clients,
  catalog,
  reviews,
  notifications,
  activity,
  logger,
  rateLimitPerMinute,
  rateLimitStore,
  secureCookies,
  corsOrigins,
}: ApiDeps): Router {
  const router = Router();
  // First, so that an allowed origin's page can read even a 429.
  router.use(crossOrigin(corsOrigins, DOCUMENTED_METHODS));
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: rateLimitPerMinute,
      ...rateLimitStore,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json({ detail: 'too many requests: try again in a minute' });
      },
    }),
  );
  router.use(express.json({ limit: '1mb' }), limitJsonDepth);
  router.use(express.urlencoded({ extended: false, limit: '100kb' }));
  router.get('/openapi.json', (_req, res) => {
    res.set('cache-control', 'public, max-age=300').json(API_DOCUMENT);
  });
  router.use(authApi(clients, secureCookies));
  router.use(catalogApi(clients, catalog));
  router.use(shoppingApi(clients, activity));
  router.use(reviewsApi(clients, reviews));
  router.use(vendorsApi(clients, catalog));
  router.use(notificationsApi(notifications));
  router.use(notFoundHandler);
  router.use(errorHandler(logger));
  return router;
}
