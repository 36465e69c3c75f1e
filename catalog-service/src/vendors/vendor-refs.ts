import type { VendorRef } from '@dm/contracts/vendors';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The shops of a page of products, in one query (none when every product is the house's own),
 * so a listing never asks once per card.
 */
export async function vendorRefsOf(db: Db, vendorIds: readonly (string | null)[]): Promise<Map<string, VendorRef>> {
  const ids = [...new Set(vendorIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('vendors').select(['id', 'slug', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
