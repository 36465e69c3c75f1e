import { openMigratedDb } from '@dm/common/db';
import { createJwt } from '@dm/common/jwt';
import { createLogger } from '@dm/common/logger';
import { boot, serve } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { createApp } from './app.js';
import { loadCatalogConfig } from './config.js';
import type { Database } from './db.js';
import { seedDemoCatalog } from './seed/demo-catalog.js';

boot('catalog-service', async () => {
  const config = loadCatalogConfig();
  const logger = createLogger('catalog-service', config.LOG_LEVEL);
  const db = await openMigratedDb<Database>(config.databaseUrl, migrationFolder('catalog'), logger, {
    max: config.DB_POOL_MAX,
  });
  if (config.SEED_DEMO_CATALOG) {
    const created = await seedDemoCatalog(db, logger);
    logger.info(
      { created },
      created > 0 ? `demo catalog seeded with ${created} products` : 'catalog already has products: demo seed skipped',
    );
  }
  const app = createApp({ db, jwt: createJwt(config.JWT_SECRET), logger });
  await serve({ app, port: config.PORT, logger, onClose: () => db.destroy() });
});
