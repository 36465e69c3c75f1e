// Shops: their profile, and suspension, which takes every product of a shop off sale in the one
// transaction that suspends it (and puts back exactly those when it is lifted).

import { enqueueAudit } from '@dm/common/audit';
import { HttpError } from '@dm/common/errors';
import type { Outbox } from '@dm/common/outbox';
import { pageOf } from '@dm/common/pagination';
import { isUniqueViolation } from '@dm/common/pg-errors';
import type { Vendor, VendorAccount, VendorPage, VendorUpdate } from '@dm/contracts/vendors';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database, VendorRow, VendorStatus } from '../db.js';
import { type Editor, sendAudit } from '../products/audit-events.js';
import { firstFreeSlug, slugify } from '../products/slug.js';
import { vendorAudit } from './audit-events.js';

type Db = Kysely<Database> | Transaction<Database>;
type Patch = z.output<typeof VendorUpdate>;

export const vendorNotFound = () => new HttpError(404, 'shop not found');

export function vendorToPublic(row: VendorRow): Vendor {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    logo_url: row.logo_url,
    status: row.status,
    created_at: row.created_at.toISOString(),
  };
}

export function vendorToAccount(row: VendorRow): VendorAccount {
  return { ...vendorToPublic(row), contact_email: row.contact_email, payout_reference: row.payout_reference };
}

const nameTaken = () => new HttpError(409, 'another shop already has that name', [{ field: 'name', message: 'is taken by another shop' }]);

export const vendors = Object.freeze({
  findById(db: Db, id: string): Promise<VendorRow | undefined> {
    return db.selectFrom('vendors').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findBySlug(db: Db, slug: string): Promise<VendorRow | undefined> {
    return db.selectFrom('vendors').selectAll().where('slug', '=', slug.toLowerCase()).executeTakeFirst();
  },

  async list(db: Db, page: number, pageSize: number): Promise<VendorPage> {
    const [rows, { total }] = await Promise.all([
      db
        .selectFrom('vendors')
        .selectAll()
        .orderBy('name')
        .orderBy('id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      db.selectFrom('vendors').select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    ]);
    return pageOf(rows.map(vendorToAccount), total, page, pageSize);
  },

  /** A new shop, its slug made from its name (the first free one). */
  async create(
    trx: Transaction<Database>,
    values: { id: string; name: string; description: string; contact_email: string; payout_reference: string },
  ): Promise<VendorRow> {
    const base = slugify(values.name);
    const taken = await trx
      .selectFrom('vendors')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute();
    try {
      return await trx
        .insertInto('vendors')
        .values({
          ...values,
          slug: firstFreeSlug(
            base,
            taken.map((r) => r.slug),
          ),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
  },
});

/**
 * Changes a shop. A change of status moves its products in the same transaction: a suspension
 * takes every product on sale off it, marked as held; lifting it puts back the held ones only, so a
 * product its vendor had hidden stays hidden.
 */
export async function updateVendor(
  db: Kysely<Database>,
  id: string,
  patch: Patch,
  audited?: { outbox: Outbox; admin: Editor },
): Promise<VendorRow> {
  try {
    const { updated, audit } = await db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('vendors').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!current) throw vendorNotFound();
      const updated = await trx
        .updateTable('vendors')
        .set({ ...patch, updated_at: sql`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (!patch.status || patch.status === current.status) return { updated, audit: [] };
      await moveProducts(trx, id, patch.status);
      const events = audited ? [vendorAudit.statusChanged(audited.admin, updated, current.status, patch.status)] : [];
      return { updated, audit: await enqueueAudit(trx, events) };
    });
    if (audited) await sendAudit(audited.outbox, audit);
    return updated;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

async function moveProducts(trx: Transaction<Database>, vendorId: string, status: VendorStatus): Promise<void> {
  const products = trx.updateTable('products').where('vendor_id', '=', vendorId);
  if (status === 'suspended') {
    await products.set({ is_active: false, held_by_suspension: true, updated_at: sql`now()` }).where('is_active', '=', true).execute();
  } else {
    await products
      .set({ is_active: true, held_by_suspension: false, updated_at: sql`now()` })
      .where('held_by_suspension', '=', true)
      .execute();
  }
}
