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
});
