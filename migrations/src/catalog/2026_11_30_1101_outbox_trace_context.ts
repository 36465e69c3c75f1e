import type { Kysely } from 'kysely';
import { addOutboxTraceContext, dropOutboxTraceContext } from '../outbox-table.js';

// The outbox keeps the trace of the change that wrote each message (common/src/outbox.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await addOutboxTraceContext(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropOutboxTraceContext(db);
}
