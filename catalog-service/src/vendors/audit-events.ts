// What the audit log records of an admin's decisions about shops: an application approved or
// rejected, a shop suspended or reopened. Written to the outbox in the transaction of the decision
// (common/src/audit.ts), like the catalog's product events.

import type { AuditDraft } from '@dm/common/audit';
import type { Editor } from '../products/audit-events.js';

export const vendorAudit = Object.freeze({
  decided(by: Editor, application: { id: string; shop_name: string }, status: 'approved' | 'rejected', reason: string): AuditDraft {
    return {
      ...by.audit,
      action: status === 'approved' ? 'vendor.approved' : 'vendor.rejected',
      subject_type: 'vendor_application',
      subject_id: application.id,
      before: { status: 'pending' },
      after: { status, shop_name: application.shop_name, ...(reason ? { reason } : {}) },
    };
  },

  statusChanged(by: Editor, vendor: { id: string; name: string }, from: string, to: 'active' | 'suspended'): AuditDraft {
    return {
      ...by.audit,
      action: to === 'suspended' ? 'vendor.suspended' : 'vendor.reopened',
      subject_type: 'vendor',
      subject_id: vendor.id,
      before: { status: from },
      after: { status: to, name: vendor.name },
    };
  },
});
