import type { Kysely } from 'kysely';
import { createOutboxTable } from '../outbox-table.js';

// catalog-service's outbox (common/src/outbox.ts), as order-service's: the audit events of an
// admin's catalog changes, written in the transaction of the change and delivered to auth-service.
export async function up(db: Kysely<any>): Promise<void> {
  await createOutboxTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
