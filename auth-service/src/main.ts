import { database, defineService } from '@dm/common/service';
import { migrationFolder } from '@dm/migrations/folders';
import { seedAdmin } from './accounts.js';
import { createApp } from './app.js';
import { loadAuthConfig } from './config.js';
import type { Database } from './db.js';

defineService({
  name: 'auth-service',
  config: loadAuthConfig,
  database: database<Database>(migrationFolder('auth')),
  seed: ({ config, db, logger }) => seedAdmin(db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD, logger),
  clients: () => ({}),
  workers: () => [],
  app: ({ config, db, jwt, logger }) =>
    createApp({ db, jwt, logger, policy: config.tokenPolicy, lockoutThreshold: config.LOGIN_LOCKOUT_THRESHOLD }),
});
