// `npm run seed -- --products 100000`: fills the catalog with that many believable products (the work
// is catalog-service/src/seed/bulk.ts). An empty catalog first gets the demo shop.
// Uses CATALOG_DATABASE_URL or DATABASE_URL when set; else the embedded server of `npm start`: the
// running one when the shop is up, or started for the duration of the command.
import path from 'node:path';
import type { Database } from '@dm/catalog-service/db';
import { seedBulkProducts } from '@dm/catalog-service/seed/bulk';
import { DEFAULT_DATABASE_SERVER, databaseUrlFor } from '@dm/common/config';
import { openMigratedDb } from '@dm/common/db';
import { createLogger } from '@dm/common/logger';
import { migrationFolder } from '@dm/migrations/folders';
import pg from 'pg';
import { ROOT } from './paths.js';
import { type EmbeddedServer, startEmbeddedPostgres } from './postgres.js';

const USAGE = 'usage: npm run seed -- --products <count, 1 to 1000000>';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const count = Number(option('products') ?? 100_000);
if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
  console.error(USAGE);
  process.exit(2);
}

async function answers(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres`, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const env = { ...process.env };
let embedded: EmbeddedServer | undefined;
if (!env.DATABASE_URL && !env.CATALOG_DATABASE_URL) {
  const port = Number(env.PG_PORT ?? 55432);
  const server = new URL(DEFAULT_DATABASE_SERVER);
  server.port = String(port);
  const serverUrl = server.toString().replace(/\/$/, '');
  if (await answers(serverUrl)) {
    console.log(`Using the running PostgreSQL on port ${port}`);
  } else {
    const dataDir = path.resolve(ROOT, env.DATA_DIR ?? '.data');
    console.log(`Starting PostgreSQL (embedded) on port ${port}, data in ${path.relative(process.cwd(), dataDir) || '.'}/pg`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port });
  }
  env.DATABASE_URL = serverUrl;
}

const logger = createLogger('seed', 'info');
const db = await openMigratedDb<Database>(databaseUrlFor('catalog', env), migrationFolder('catalog'), logger, { max: 2 });
let failed = false;
try {
  console.log(`Seeding ${count.toLocaleString('en')} products…`);
  const result = await seedBulkProducts(db, { products: count, logger });
  console.log(
    `Seeded ${result.created.toLocaleString('en')} products in ${(result.ms / 1000).toFixed(1)} s ` +
      `(the catalog now holds ${result.total.toLocaleString('en')}).`,
  );
} catch (err) {
  failed = true;
  console.error(`Seeding failed: ${(err as Error).message}`);
} finally {
  await db.destroy();
  await embedded?.stop();
}
process.exit(failed ? 1 : 0);
