// Payouts (simulated: the money moves outside the shop): an admin records that a vendor was paid,
// which lowers what the platform owes them. Never more than may be paid out now.
import { type AuditActor, enqueueAudit } from '@dm/common/audit';
import { HttpError } from '@dm/common/errors';
import { formatMoney, parseMoney } from '@dm/common/money';
import type { Outbox } from '@dm/common/outbox';
import type { Payout } from '@dm/contracts/vendor-orders';
import type { Kysely } from 'kysely';
import { orderAudit } from './audit-events.js';
import type { Database } from './db.js';
import { ledger } from './ledger.js';
import { sendAll } from './status-changes.js';

export async function recordPayout(
  { db, outbox }: { db: Kysely<Database>; outbox: Outbox },
  admin: { id: string; audit: AuditActor },
  input: { vendor_id: string; amount: number; note?: string },
): Promise<Payout> {
  if (input.amount <= 0)
    throw new HttpError(422, 'amount: must be more than 0.00', [{ field: 'amount', message: 'must be more than 0.00' }]);
  const { payout, messages } = await db.transaction().execute(async (trx) => {
    await ledger.lockVendor(trx, input.vendor_id);
    const before = await ledger.accountOf(trx, input.vendor_id);
    const available = before ? (parseMoney(before.available) ?? 0) : 0;
    if (input.amount > available) {
      const message = `must be at most ${formatMoney(available)}, what this vendor may be paid now`;
      throw new HttpError(422, `amount: ${message}`, [{ field: 'amount', message }]);
    }
    const entry = await ledger.insertPayout(trx, input.vendor_id, input.amount, admin.id, input.note ?? '');
    const account = (await ledger.accountOf(trx, input.vendor_id))!;
    const audit = orderAudit.payoutRecorded(admin.audit, input.vendor_id, formatMoney(input.amount), before!.balance, account.balance);
    return { payout: { entry, account }, messages: await enqueueAudit(trx, [audit]) };
  });
  await sendAll(outbox, messages);
  return payout;
}
