import { ValidationError } from '@dm/common/errors';
import { uuidInput } from '@dm/common/ids';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db.js';

export const BULK_ACTIONS = ['activate', 'deactivate', 'set_category'] as const;
export const MAX_BULK_IDS = 500;

export const bulkInput = z
  .object({
    ids: z
      .array(uuidInput, { message: 'must be a list of product ids' })
      .min(1, 'give at least one id')
      .max(MAX_BULK_IDS, `at most ${MAX_BULK_IDS} ids`)
      .transform((ids) => [...new Set(ids)]),
    action: z.enum(BULK_ACTIONS, { message: `must be one of ${BULK_ACTIONS.join(', ')}` }),
    category_id: uuidInput.optional(),
  })
  .refine((input) => input.action !== 'set_category' || input.category_id !== undefined, {
    path: ['category_id'],
    message: 'is required for set_category',
  });
export type BulkInput = z.infer<typeof bulkInput>;

/**
 * One action on many products, all or nothing. Answers how many products it changed: one already
 * active is not activated again, nor one already in just that category moved.
 */
export async function bulkUpdate(db: Kysely<Database>, input: BulkInput): Promise<{ updated: number }> {
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
