import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import type { Logger } from './logger.js';

function migrator(db: Kysely<unknown>, folder: string): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: path.resolve(folder) }),
  });
}

function report(set: MigrationResultSet, logger: Logger, verb: string): void {
  for (const result of set.results ?? []) {
    if (result.status === 'Success') logger.info(`migration ${result.migrationName} ${verb}`);
    else if (result.status === 'Error') logger.error(`migration ${result.migrationName} failed`);
  }
  if (set.error) {
    const message = set.error instanceof Error ? set.error.message : String(set.error);
    throw new Error(`migrations failed: ${message}`);
  }
}

/** Runs every pending migration in `folder`; fails loudly. Safe to run from several processes. */
export async function migrateToLatest(db: Kysely<unknown>, folder: string, logger: Logger): Promise<void> {
  report(await migrator(db, folder).migrateToLatest(), logger, 'applied');
}

/** Undoes the last `steps` migrations. */
export async function migrateDown(db: Kysely<unknown>, folder: string, logger: Logger, steps = 1): Promise<void> {
  const m = migrator(db, folder);
  for (let i = 0; i < steps; i++) {
    const set = await m.migrateDown();
    report(set, logger, 'undone');
    if (!set.results?.length) break;
  }
}
