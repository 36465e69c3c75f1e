import { healthRoutes } from '@dm/common/health';
import { type Jwt, serviceTokens } from '@dm/common/jwt';
import { type Logger, requestLogger } from '@dm/common/logger';
import { metrics } from '@dm/common/metrics';
import type { SharedRedis } from '@dm/common/redis';
import cookieParser from 'cookie-parser';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Kysely } from 'kysely';
import { identify } from './auth-cookie.js';
import { authRateLimit } from './auth-rate-limit.js';
import { type CatalogReader, createCatalogReader, topLevel } from './catalog-reader.js';
import type { Clients } from './clients.js';
import type { GatewayConfig } from './config.js';
import { prefixedCookies } from './cookie-names.js';
import { csrf } from './csrf.js';
import { guestCount } from './guest-cart.js';
import { metricsAccess } from './metrics-access.js';
import { noStoreOnPersonal } from './no-store.js';
import { createNotificationReader } from './notification-reader.js';
import { pageErrorHandler, pageNotFound } from './page-errors.js';
import { requireAdminPage, requireVendorPage } from './page-guards.js';
import type { ProductActivity } from './product-activity.js';
import { limiterStore } from './rate-limit-store.js';
import { createReviewReader } from './review-reader.js';
import { apiRouter } from './routes/api/index.js';
import { docsPage, swaggerUiAssets } from './routes/docs.js';
import { imageRoutes } from './routes/images.js';
import { accountPages } from './routes/pages/account.js';
import { accountSettingsPages } from './routes/pages/account-settings.js';
import { adminPages } from './routes/pages/admin.js';
import { adminAuditPages } from './routes/pages/admin-audit.js';
import { adminEventPages } from './routes/pages/admin-events.js';
import { adminOrderPages } from './routes/pages/admin-orders.js';
import { adminPayoutPages } from './routes/pages/admin-payouts.js';
import { adminSearchPages } from './routes/pages/admin-search.js';
import { adminUserPages } from './routes/pages/admin-users.js';
import { adminVendorPages } from './routes/pages/admin-vendors.js';
import { cartPages } from './routes/pages/cart.js';
import { checkoutPages } from './routes/pages/checkout.js';
import { devMailPages } from './routes/pages/dev-mail.js';
import { notificationPages } from './routes/pages/notifications.js';
import { orderPages } from './routes/pages/orders.js';
import { passwordResetPages } from './routes/pages/password-reset.js';
import { reviewPages } from './routes/pages/reviews.js';
import { shopPages } from './routes/pages/shop.js';
import { vendorSalesPages } from './routes/pages/vendor-sales.js';
import { vendorPages } from './routes/pages/vendors.js';
import { refreshRoute } from './routes/refresh.js';
import { flashToLocals, saveBeforeRedirect } from './session.js';
import { assetVersion, staticRoutes, VIEWS_DIR } from './static-assets.js';
import { csvUpload, imageUploads } from './uploads.js';
import { viewEngine } from './view-engine.js';
import { viewHelpers } from './view-helpers.js';

export interface AppDeps {
  config: Pick<
    GatewayConfig,
    | 'NODE_ENV'
    | 'TRUST_PROXY'
    | 'METRICS_TOKEN'
    | 'RATE_LIMIT_PER_MINUTE'
    | 'AUTH_RATE_LIMIT_PER_MINUTE'
    | 'CATEGORY_CACHE_SECONDS'
    | 'CATALOG_CACHE_SECONDS'
    | 'CORS_ORIGINS'
    | 'DATA_DIR'
  >;
  logger: Logger;
  jwt: Jwt;
  clients: Clients;
  /** express-session, backed by the gateway's database */
  sessions: RequestHandler;
  // biome-ignore lint/suspicious/noExplicitAny: only pinged by /ready
  db?: Kysely<any>;
  /** REDIS_URL's connection: the rate limits and the catalog cache are then shared by every replica. */
  redis?: SharedRedis;
  /** The gateway's own token for the services' /internal/* areas it may reach (the dashboard's figures). */
  serviceToken: () => string;
  /** Product page views and cart adds, counted for the admin dashboard. */
  activity: ProductActivity;
}

/** Puts the navbar's categories, cart count, the current path and the search text in every page's view. */
function pageLocals(catalog: CatalogReader, { cart }: Clients): RequestHandler {
  return async (req, res, next) => {
    const [all, cartCount] = await Promise.all([
      catalog.categories(),
      // The badge is a nicety: a cart-service outage hides it rather than failing the page.
      req.principal
        ? cart
            .call<{ total_items: number }>('GET', '/cart/count', { token: req.principal.token })
            .then((c) => c.total_items)
            .catch(() => null)
        : Promise.resolve(guestCount(req)),
    ]);
    res.locals.cartCount = cartCount;
    res.locals.navCategories = all;
    res.locals.topCategories = all ? topLevel(all) : [];
    res.locals.currentPath = req.path;
    res.locals.searchText = typeof req.query.q === 'string' ? req.query.q : '';
    next();
  };
}

export function createApp({ config, logger, jwt, clients, sessions, db, redis, serviceToken, activity }: AppDeps) {
  const production = config.NODE_ENV === 'production';
  const catalog = createCatalogReader(
    clients.catalog,
    {
      categoriesSeconds: config.CATEGORY_CACHE_SECONDS,
      productsSeconds: config.CATALOG_CACHE_SECONDS,
    },
    redis,
  );
  const reviews = createReviewReader(clients.review, config.CATALOG_CACHE_SECONDS, redis);
  const notifications = createNotificationReader(clients.notification, serviceTokens(jwt, 'gateway-web'));
  const app = express();
  app.disable('x-powered-by');
  // Which proxies' X-Forwarded-For to believe, so req.ip (the rate limits' key) is the real client.
  app.set('trust proxy', config.TRUST_PROXY);
  app.engine('ejs', viewEngine(production));
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  // Rendering without the view cache is 3.5x slower: on in production, off in development for edits.
  app.set('view cache', production);
  // Defaults for the layout, so even an error page rendered before the page middleware works.
  Object.assign(app.locals, viewHelpers, {
    assetVersion: assetVersion(),
    user: null,
    flash: null,
    navCategories: [],
    topCategories: [],
    currentPath: '',
    cartCount: null,
    searchText: '',
    scripts: [],
    activeCategory: null,
    csrfToken: () => '',
    // The development mailbox (/dev/mail) exists only outside production; pages point at it.
    devMail: !production,
  });

  // First, to time everything; /metrics only for the private network or METRICS_TOKEN (metrics-access.ts).
  app.use(metrics({ service: 'gateway-web', db, allow: metricsAccess(config.METRICS_TOKEN) }));
  app.use(requestLogger(logger));
  app.use(healthRoutes('gateway-web', db));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'https:'],
          // No other page may frame the shop (clickjacking); X-Frame-Options says the same to old browsers.
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': production ? [] : null,
        },
      },
      strictTransportSecurity: production,
      xFrameOptions: { action: 'deny' },
    }),
  );
  app.use(noStoreOnPersonal);
  app.use(authRateLimit(config.AUTH_RATE_LIMIT_PER_MINUTE, limiterStore('auth', redis)));
  // Before the shop's own /static, which answers 404 for any file it lacks.
  app.use(swaggerUiAssets());
  app.use(staticRoutes());
  app.use(cookieParser());
  app.use(prefixedCookies(production));
  // Images are public: no token to check, and no refresh detour for each of a page's pictures.
  app.use(imageRoutes(clients));
  app.use(identify(jwt, production));
  app.use(refreshRoute(clients.auth, production));
  app.use(
    '/api',
    apiRouter({
      clients,
      catalog,
      reviews,
      notifications,
      activity,
      logger,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      rateLimitStore: limiterStore('api', redis),
      secureCookies: production,
      corsOrigins: config.CORS_ORIGINS,
    }),
  );

  // Pages: sessions, CSRF on every form, flash messages, the shop's own error pages.
  app.use(sessions);
  app.use(saveBeforeRedirect);
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  // The admin's upload forms are multipart: their fields (the CSRF token among them) are read
  // before the CSRF check, and only for an admin, so no one else's upload is ever held in memory.
  app.post('/admin/products/import', requireAdminPage, csvUpload);
  app.post('/admin/products/:id/images', requireAdminPage, imageUploads);
  app.post('/vendor/products/:id/images', requireVendorPage, imageUploads);
  app.use(csrf);
  app.use(flashToLocals);
  app.use(pageLocals(catalog, clients));
  app.use(shopPages(clients, catalog, reviews, activity));
  app.use(reviewPages(clients, catalog, reviews));
  app.use(accountPages({ clients, secureCookies: production }));
  app.use(accountSettingsPages(clients, production));
  app.use(notificationPages(notifications));
  app.use(passwordResetPages(clients));
  if (!production) app.use(devMailPages(config.DATA_DIR));
  app.use(cartPages(clients, activity));
  app.use(checkoutPages(clients));
  app.use(orderPages(clients));
  app.use(adminPages({ clients, catalog, serviceToken }));
  app.use(adminOrderPages(clients));
  app.use(adminPayoutPages(clients));
  app.use(vendorSalesPages(clients));
  app.use(adminAuditPages(clients));
  app.use(adminUserPages(clients));
  app.use(vendorPages({ clients, catalog }));
  app.use(adminVendorPages({ clients, catalog }));
  app.use(adminSearchPages({ clients, catalog }));
  app.use(adminEventPages(clients, serviceToken));
  app.use(docsPage());
  app.use(pageNotFound);
  app.use(pageErrorHandler(logger));
  return app;
}
