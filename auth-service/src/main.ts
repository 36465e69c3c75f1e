import { createMailer } from '@dm/common/mailer';
import { database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { seedAdmin, seedDemoVendors } from './accounts.js';
import { createApp } from './app.js';
import { loadAuthConfig } from './config.js';
import type { Database } from './db.js';

defineService({
  name: 'auth-service',
  config: loadAuthConfig,
  database: database<Database>(migrationFolder('auth')),
  seed: async ({ config, db, logger }) => {
    await seedAdmin(db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD, logger);
    if (config.SEED_DEMO_CATALOG) await seedDemoVendors(db, config.NODE_ENV === 'production', logger);
  },
  clients: ({ config, logger }) => ({ mailer: createMailer(config, logger) }),
  workers: () => [],
  app: ({ config, db, jwt, logger, mailer }) =>
    createApp({
      db,
      jwt,
      logger,
      policy: config.tokenPolicy,
      lockoutThreshold: config.LOGIN_LOCKOUT_THRESHOLD,
      resetMailer: { mailer, publicUrl: config.PUBLIC_URL, logger },
    }),
});
