// Asking to sell: a shopper's application, and the admin's decision. Approval makes the shop in the
// same transaction; the role `vendor` is auth-service's to give (the gateway asks it next).

import { enqueueAudit } from '@dm/common/audit';
import { HttpError } from '@dm/common/errors';
import type { Outbox } from '@dm/common/outbox';
import { pageOf } from '@dm/common/pagination';
import { isUniqueViolation } from '@dm/common/pg-errors';
import type { VendorApplication, VendorApplicationInput, VendorApplicationPage } from '@dm/contracts/vendors';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { ApplicationStatus, Database, VendorApplicationRow } from '../db.js';
import { type Editor, sendAudit } from '../products/audit-events.js';
import { vendorAudit } from './audit-events.js';
import { vendors } from './vendors.js';

const applicationNotFound = () => new HttpError(404, 'application not found');

function toApplication(row: VendorApplicationRow): VendorApplication {
  return {
    id: row.id,
    user_id: row.user_id,
    shop_name: row.shop_name,
    description: row.description,
    contact_email: row.contact_email,
    payout_reference: row.payout_reference,
    status: row.status,
    decision_reason: row.decision_reason,
    decided_at: row.decided_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}

/** A shopper's application: one open at a time, and none once they have a shop. */
export async function apply(
  db: Kysely<Database>,
  userId: string,
  input: z.output<typeof VendorApplicationInput>,
): Promise<VendorApplication> {
  if (await vendors.findById(db, userId)) throw new HttpError(409, 'you already have a shop');
  try {
    const row = await db
      .insertInto('vendor_applications')
      .values({ user_id: userId, ...input })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toApplication(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new HttpError(409, 'your application is already waiting for a decision');
    throw err;
  }
}

/** The shopper's latest application, if they ever sent one. */
export async function latestApplication(db: Kysely<Database>, userId: string): Promise<VendorApplication | null> {
  const row = await db
    .selectFrom('vendor_applications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toApplication(row) : null;
}

export async function listApplications(
  db: Kysely<Database>,
  status: ApplicationStatus,
  page: number,
  pageSize: number,
): Promise<VendorApplicationPage> {
  const [rows, { total }] = await Promise.all([
    db
      .selectFrom('vendor_applications')
      .selectAll()
      .where('status', '=', status)
      .orderBy('created_at')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('vendor_applications')
      .select(sql<number>`count(*)::int`.as('total'))
      .where('status', '=', status)
      .executeTakeFirstOrThrow(),
  ]);
  return pageOf(rows.map(toApplication), total, page, pageSize);
}

/**
 * Decides a pending application. Approving makes the shop in the same transaction. Approving an
 * approved one again answers it unchanged, so the gateway may retry the role change that follows.
 */
export async function decide(
  db: Kysely<Database>,
  outbox: Outbox,
  id: string,
  decision: { approve: true } | { approve: false; reason: string },
  admin: Editor,
): Promise<VendorApplication> {
  const { application, audit } = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('vendor_applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw applicationNotFound();
    const wanted: ApplicationStatus = decision.approve ? 'approved' : 'rejected';
    if (row.status === wanted) return { application: toApplication(row), audit: [] };
    if (row.status !== 'pending') throw new HttpError(409, `this application was already ${row.status}`);
    if (decision.approve) {
      await vendors.create(trx, {
        id: row.user_id,
        name: row.shop_name,
        description: row.description,
        contact_email: row.contact_email,
        payout_reference: row.payout_reference,
      });
    }
    const decided = await trx
      .updateTable('vendor_applications')
      .set({
        status: wanted,
        decision_reason: decision.approve ? '' : decision.reason,
        decided_by: admin.audit.actor_id,
        decided_at: sql`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const reason = decision.approve ? '' : decision.reason;
    return { application: toApplication(decided), audit: await enqueueAudit(trx, [vendorAudit.decided(admin, row, wanted, reason)]) };
  });
  await sendAudit(outbox, audit);
  return application;
}
