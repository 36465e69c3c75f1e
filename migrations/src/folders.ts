import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The databases that have migrations, one folder each. */
export const DATABASES = ['auth', 'catalog', 'gateway', 'cart', 'orders', 'payments', 'notifications', 'reviews', 'analytics'] as const;
export type DatabaseName = (typeof DATABASES)[number];

const here = path.dirname(fileURLToPath(import.meta.url));

/** Absolute path of the compiled migrations of one database. */
export function migrationFolder(database: DatabaseName): string {
  return path.join(here, database);
}
