// What the audit log records of an admin's order changes: written to the outbox in the
// transaction of the change (status-changes.ts) and delivered to auth-service (common/src/audit.ts).
import type { AuditActor, AuditDraft } from '@dm/common/audit';
import type { OrderStatus } from './order-rules.js';

export const orderAudit = Object.freeze({
  statusChanged(by: AuditActor, orderId: string, from: OrderStatus, to: OrderStatus): AuditDraft {
    return {
      ...by,
      action: 'order.status_changed',
      subject_type: 'order',
      subject_id: orderId,
      before: { status: from },
      after: { status: to },
    };
  },
  /** A payout to a vendor was recorded (simulated: the money moves outside the shop). */
  payoutRecorded(by: AuditActor, vendorId: string, amount: string, balanceBefore: string, balanceAfter: string): AuditDraft {
    return {
      ...by,
      action: 'vendor.payout_recorded',
      subject_type: 'vendor',
      subject_id: vendorId,
      before: { balance: balanceBefore },
      after: { balance: balanceAfter, paid_out: amount },
    };
  },
});
