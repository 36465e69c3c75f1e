import { enqueueAudit } from '@dm/common/audit';
import { ValidationError } from '@dm/common/errors';
import type { Outbox } from '@dm/common/outbox';
import type { BulkInput, BulkResult } from '@dm/contracts/catalog-admin';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import { categories } from '../categories/categories.js';
import type { Database } from '../db.js';
import { type Editor, productAudit, sendAudit } from './audit-events.js';

/**
 * One action on many products, all or nothing, each product it changed recorded in the audit log.
 * Answers how many products it changed: one already active is not activated again, nor one
 * already in just that category moved.
 */
export async function bulkUpdate(
  db: Kysely<Database>,
  outbox: Outbox,
  input: z.output<typeof BulkInput>,
  editor: Editor,
): Promise<BulkResult> {
  const { result, audit } = await db.transaction().execute(async (trx) => {
    // Locked in id order, the order reservations lock in, so the two never deadlock.
    const found = await trx.selectFrom('products').select('id').where('id', 'in', input.ids).orderBy('id').forUpdate().execute();
    const known = new Set(found.map((r) => r.id));
    const missing = input.ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw new ValidationError([{ field: 'ids', message: `no such product: ${missing.join(', ')}` }]);

    if (input.action !== 'set_category') {
      const active = input.action === 'activate';
      const changed = await trx
        .updateTable('products')
        .set({ is_active: active, updated_at: sql`now()` })
        .where('id', 'in', input.ids)
        .where('is_active', '<>', active)
        .returning('id')
        .execute();
      const events = changed.flatMap(({ id }) => productAudit.updated(editor, id, { is_active: !active }, { is_active: active }));
      return { result: { updated: changed.length }, audit: await enqueueAudit(trx, events) };
    }

    const categoryId = input.category_id!;
    const category = await trx.selectFrom('categories').select('id').where('id', '=', categoryId).executeTakeFirst();
    if (!category) throw new ValidationError([{ field: 'category_id', message: `no such category: ${categoryId}` }]);
    const before = await categories.ofProducts(trx, input.ids);
    const removed = await trx
      .deleteFrom('product_categories')
      .where('product_id', 'in', input.ids)
      .where('category_id', '<>', categoryId)
      .returning('product_id')
      .execute();
    const added = await trx
      .insertInto('product_categories')
      .values(input.ids.map((product_id) => ({ product_id, category_id: categoryId })))
      .onConflict((oc) => oc.doNothing())
      .returning('product_id')
      .execute();
    const changed = [...new Set([...removed, ...added].map((r) => r.product_id))];
    if (changed.length > 0) await trx.updateTable('products').set({ updated_at: sql`now()` }).where('id', 'in', changed).execute();
    const events = changed.flatMap((id) =>
      productAudit.updated(editor, id, { category_ids: (before.get(id) ?? []).map((c) => c.id).sort() }, { category_ids: [categoryId] }),
    );
    return { result: { updated: changed.length }, audit: await enqueueAudit(trx, events) };
  });
  await sendAudit(outbox, audit);
  return result;
}
