// Every migration must apply, undo to nothing, and apply again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { migrateDown, migrateToLatest } from '@dm/common/migrate';
import { createTestDatabase, silentLogger } from '@dm/common/testing';
import { type Kysely, sql } from 'kysely';
import { DATABASES, migrationFolder } from './folders.js';

async function userTables(db: Kysely<unknown>) {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%' ORDER BY table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  for (const database of DATABASES) {
    it(`${database}: up, down to nothing, and up again`, async () => {
      const test = await createTestDatabase<unknown>(`mig_${database}`, migrationFolder(database));
      try {
        const tables = await userTables(test.db);
        assert.ok(tables.length > 0, 'up created tables');
        await migrateDown(test.db, migrationFolder(database), silentLogger, 100);
        assert.deepEqual(await userTables(test.db), []);
        await migrateToLatest(test.db, migrationFolder(database), silentLogger);
        assert.deepEqual(await userTables(test.db), tables);
      } finally {
        await test.drop();
      }
    });
  }
});
