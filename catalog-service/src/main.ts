import { database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadCatalogConfig } from './config.js';
import type { Database } from './db.js';
import { seedDemoCatalogAtBoot } from './seed/demo-catalog.js';
import { catalogDependencies } from './services.js';

defineService({
  name: 'catalog-service',
  config: loadCatalogConfig,
  database: database<Database>(migrationFolder('catalog')),
  seed: ({ config, db, logger }) => seedDemoCatalogAtBoot(db, logger, config.SEED_DEMO_CATALOG),
  clients: ({ config, db, jwt, logger }) => catalogDependencies(db, jwt, logger, config),
  workers: ({ outbox }) => [outbox],
  app: createApp,
});
