// `npm run migrate`                      every database to its latest migration
// `npm run migrate -- down catalog [n]`  undo the last n (default 1) migrations of one database
// Uses DATABASE_URL (or a service's own <NAME>_DATABASE_URL) when set, else the embedded server
// of `npm start` (started for the duration of the command).
import path from 'node:path';
import { databaseUrlFor } from '@dm/common/config';
import { createDb, ensureDatabase } from '@dm/common/db';
import { createLogger } from '@dm/common/logger';
import { migrateDown, migrateToLatest } from '@dm/common/migrate';
import { DATABASES, type DatabaseName, migrationFolder } from '@dm/migrations/folders';
import { ROOT } from './paths.js';
import { type EmbeddedServer, startEmbeddedPostgres } from './postgres.js';

const [direction = 'up', only, stepsText] = process.argv.slice(2);
if (!['up', 'down'].includes(direction) || (only && !DATABASES.includes(only as DatabaseName))) {
  console.error(`usage: npm run migrate -- [up|down] [${DATABASES.join('|')}] [steps]`);
  process.exit(2);
}
if (direction === 'down' && !only) {
  console.error('down needs a database name, e.g. npm run migrate -- down catalog');
  process.exit(2);
}

const logger = createLogger('migrate', 'info');
const env = { ...process.env };
let embedded: EmbeddedServer | undefined;
const needsEmbedded = !env.DATABASE_URL && DATABASES.some((d) => !env[`${d.toUpperCase()}_DATABASE_URL`]);
if (needsEmbedded) {
  const dataDir = path.resolve(ROOT, env.DATA_DIR ?? '.data');
  embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: Number(env.PG_PORT ?? 55432) });
  env.DATABASE_URL = embedded.url;
}

let failed = false;
for (const database of only ? [only as DatabaseName] : DATABASES) {
  const url = databaseUrlFor(database, env);
  await ensureDatabase(url);
  const db = createDb(url, { max: 1 });
  try {
    const log = logger.child({ database });
    if (direction === 'up') await migrateToLatest(db, migrationFolder(database), log);
    else await migrateDown(db, migrationFolder(database), log, Number(stepsText ?? 1));
    log.info(`${database}: done`);
  } catch (err) {
    failed = true;
    logger.error(`${database}: ${(err as Error).message}`);
  } finally {
    await db.destroy();
  }
}
await embedded?.stop();
process.exit(failed ? 1 : 0);
