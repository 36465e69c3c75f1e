// What the audit log records of an admin's catalog changes: the events are built here, written to
// the outbox in the transaction of the change, and sent to auth-service once it is committed
// (common/src/audit.ts). Prices are the decimal strings the database gives ("12.50").

import { type AuditActor, type AuditDraft, auditActorOf } from '@dm/common/audit';
import type { Principal } from '@dm/common/auth';
import type { Outbox, OutboxMessage } from '@dm/common/outbox';
import type { AuditAction } from '@dm/contracts/audit';
import type { ProductRow } from '../db.js';

/** An admin changing the catalog: named on stock movements, and in the audit log with where from. */
export interface Editor {
  /** as a stock movement names them (email, else id) */
  actor: string;
  audit: AuditActor;
}

/**
 * The admin behind the request being served (the admin routes let no service in), read while it
 * is served: the client's address and the request id are the request's.
 */
export function editorOf(principal: Principal | undefined): Editor {
  return { actor: principal?.email ?? principal?.id ?? 'unknown', audit: auditActorOf(principal) };
}

/** The fields of a product an update is compared on. */
const COMPARED = ['sku', 'name', 'description', 'price', 'stock', 'is_active', 'is_featured', 'tags', 'image_url'] as const;
type ProductState = Pick<ProductRow, (typeof COMPARED)[number]>;

/** A product's state as the log compares it; its categories only when the change may touch them. */
type Audited = Partial<ProductState> & { category_ids?: string[] };

type State = Record<string, unknown>;

const event = (by: Editor, action: AuditAction, productId: string, before: State | null, after: State | null): AuditDraft => ({
  ...by.audit,
  action,
  subject_type: 'product',
  subject_id: productId,
  before,
  after,
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sorted = (ids: readonly string[]) => [...ids].sort();

/** A product's state, with its category ids when they are known. */
export function auditedState(row: ProductState, categoryIds?: readonly string[]): Audited {
  const state: Audited = Object.fromEntries(COMPARED.map((field) => [field, row[field]]));
  return categoryIds ? { ...state, category_ids: sorted(categoryIds) } : state;
}

export const productAudit = Object.freeze({
  /** A new product: its main fields. */
  created(
    by: Editor,
    row: Pick<ProductRow, 'id' | 'sku' | 'name' | 'price' | 'stock' | 'is_active' | 'is_featured'>,
    categoryIds: readonly string[],
  ): AuditDraft {
    const { sku, name, price, stock, is_active, is_featured } = row;
    return event(by, 'product.created', row.id, null, {
      sku,
      name,
      price,
      stock,
      is_active,
      is_featured,
      category_ids: sorted(categoryIds),
    });
  },

  /** Only the fields that changed, before and after; none when nothing did. */
  updated(by: Editor, productId: string, before: Audited, after: Audited): AuditDraft[] {
    const was: State = {};
    const is: State = {};
    for (const [field, value] of Object.entries(after)) {
      const old = before[field as keyof Audited];
      if (field in before && !same(old, value)) {
        was[field] = old;
        is[field] = value;
      }
    }
    return Object.keys(is).length === 0 ? [] : [event(by, 'product.updated', productId, was, is)];
  },

  /** The soft delete: the product is no longer for sale. */
  deleted(by: Editor, productId: string): AuditDraft {
    return event(by, 'product.deleted', productId, { is_active: true }, { is_active: false });
  },

  /** An adjustment of the stock: the level before and after, and the admin's delta and reason. */
  stockAdjusted(by: Editor, productId: string, stockAfter: number, change: { delta: number; reason: string }): AuditDraft {
    const before = { stock: stockAfter - change.delta };
    return event(by, 'stock.adjusted', productId, before, { stock: stockAfter, delta: change.delta, reason: change.reason });
  },
});

/** Sends the audit messages of a committed change; one that fails is left to the outbox loop. */
export async function sendAudit(outbox: Outbox, messages: readonly OutboxMessage[]): Promise<void> {
  for (const message of messages) await outbox.send(message);
}
