import { ValidationError } from '@dm/common/errors';
import type { BulkInput, BulkResult } from '@dm/contracts/catalog-admin';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db.js';

/**
 * One action on many products, all or nothing. Answers how many products it changed: one already
 * active is not activated again, nor one already in just that category moved.
 */
export async function bulkUpdate(db: Kysely<Database>, input: z.output<typeof BulkInput>): Promise<BulkResult> {
  return db.transaction().execute(async (trx) => {
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
      return { updated: changed.length };
    }

    const categoryId = input.category_id!;
    const category = await trx.selectFrom('categories').select('id').where('id', '=', categoryId).executeTakeFirst();
    if (!category) throw new ValidationError([{ field: 'category_id', message: `no such category: ${categoryId}` }]);
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
    return { updated: changed.length };
  });
}
