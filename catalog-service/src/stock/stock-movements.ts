import { enqueueAudit } from '@dm/common/audit';
import type { Principal } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import type { Outbox } from '@dm/common/outbox';
import { type Page, pageOf } from '@dm/common/pagination';
import { MAX_STOCK } from '@dm/contracts/catalog';
import type { StockAdjustmentInput, StockMovement } from '@dm/contracts/catalog-admin';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database, NewStockMovement, StockMovementRow } from '../db.js';
import { type Editor, productAudit, sendAudit } from '../products/audit-events.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The reasons the system writes itself; an admin's adjustment gives its own. */
export const STOCK_REASONS = Object.freeze({
  created: 'initial stock',
  setByAdmin: 'set by admin',
  reserved: 'reserved for order',
  released: 'released from order',
  csvImport: 'CSV import',
});

export function movementRowToMovement(row: StockMovementRow): StockMovement {
  return { ...row, created_at: row.created_at.toISOString() };
}

/** Who a movement names: a person by email (else id), a service by its name. */
export function actorOf(principal: Principal | undefined): string {
  if (!principal) return 'unknown';
  return principal.role === 'service' ? principal.id : (principal.email ?? principal.id);
}

export const stockMovements = Object.freeze({
  async insertMany(db: Db, rows: NewStockMovement[]): Promise<void> {
    // A change of nothing is no movement.
    const moved = rows.filter((r) => r.delta !== 0);
    if (moved.length > 0) await db.insertInto('stock_movements').values(moved).execute();
  },

  async pageOfProduct(db: Db, productId: string, page: number, pageSize: number): Promise<Page<StockMovement>> {
    const rows = await db
      .selectFrom('stock_movements')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const counted = await db
      .selectFrom('stock_movements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow();
    return pageOf(rows.map(movementRowToMovement), counted.n, page, pageSize);
  },
});

const productNotFound = () => new HttpError(404, 'product not found');

/**
 * Adds `delta` (negative to take away) to a product's stock and records why, in one transaction
 * with its audit event. The update is conditional, so concurrent adjustments and reservations
 * never take stock below zero.
 */
export async function adjustStock(
  db: Kysely<Database>,
  outbox: Outbox,
  productId: string,
  change: z.output<typeof StockAdjustmentInput>,
  editor: Editor,
): Promise<StockMovement> {
  if (!isUuid(productId)) throw productNotFound();
  const { movement, audit } = await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('products')
      .set({ stock: sql`stock + ${change.delta}`, updated_at: sql`now()` })
      .where('id', '=', productId)
      .where(sql<boolean>`stock + ${change.delta} between 0 and ${MAX_STOCK}`)
      .returning('stock')
      .executeTakeFirst();
    if (!updated) {
      const product = await trx.selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirst();
      if (!product) throw productNotFound();
      if (product.stock + change.delta < 0) {
        throw new HttpError(409, `only ${product.stock} in stock: cannot take away ${-change.delta}`, undefined, { stock: product.stock });
      }
      throw new HttpError(422, `delta: stock would be above ${MAX_STOCK}`, [
        { field: 'delta', message: `stock would be above ${MAX_STOCK}` },
      ]);
    }
    const row = await trx
      .insertInto('stock_movements')
      .values({ product_id: productId, delta: change.delta, reason: change.reason, actor: editor.actor, stock_after: updated.stock })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      movement: movementRowToMovement(row),
      audit: await enqueueAudit(trx, [productAudit.stockAdjusted(editor, productId, updated.stock, change)]),
    };
  });
  await sendAudit(outbox, audit);
  return movement;
}

export async function movementsOf(db: Kysely<Database>, productId: string, page: number, pageSize: number): Promise<Page<StockMovement>> {
  const product = isUuid(productId)
    ? await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst()
    : undefined;
  if (!product) throw productNotFound();
  return stockMovements.pageOfProduct(db, productId, page, pageSize);
}
