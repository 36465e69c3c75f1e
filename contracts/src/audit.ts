// The audit log (auth-service's audit_events): what is recorded, what another service sends to
// record, and how the admin's page asks for it.
import { z } from 'zod';
import { blankIsMissing, pageOf, pageQuery, Timestamp, Uuid } from './common.js';

export const AUDIT_ACTIONS = [
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_in.locked_out',
  'sign_out',
  'password.changed',
  'password.reset',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'product.created',
  'product.updated',
  'product.deleted',
  'stock.adjusted',
  'order.status_changed',
  'vendor.payout_recorded',
  'vendor.approved',
  'vendor.rejected',
  'vendor.suspended',
  'vendor.reopened',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A state as the log keeps it: the fields that changed, or the whole record, as JSON. */
const State = z.record(z.string(), z.unknown()).nullable();

/** `POST /internal/audit-events`: an event another service records. Its `id` makes a retry harmless. */
export const AuditEventInput = z.object({
  id: Uuid.optional(),
  action: z.enum(AUDIT_ACTIONS),
  actor_id: Uuid.nullable().optional(),
  actor_email: z.string().max(254).nullable().optional(),
  subject_type: z.string().max(40).nullable().optional(),
  subject_id: z.string().max(200).nullable().optional(),
  ip: z.string().max(45).nullable().optional(),
  request_id: z.string().max(128).nullable().optional(),
  before: State.optional(),
  after: State.optional(),
});
export type AuditEventInput = z.input<typeof AuditEventInput>;

/** The most events one `POST /internal/audit-events` carries (a product's description may be 5,000 characters). */
export const AUDIT_BATCH_MAX = 50;

/** `POST /internal/audit-events` with `{events}`: the events of one change (a bulk action, an import), kept or refused together. */
export const AuditEventBatch = z.object({ events: z.array(AuditEventInput).min(1).max(AUDIT_BATCH_MAX) });

export const AuditEvent = z.object({
  id: Uuid,
  at: Timestamp,
  action: z.enum(AUDIT_ACTIONS),
  actor_id: Uuid.nullable(),
  actor_email: z.string().nullable(),
  subject_type: z.string().nullable(),
  subject_id: z.string().nullable(),
  ip: z.string().nullable(),
  request_id: z.string().nullable(),
  before: State,
  after: State,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

const day = z.iso.date({ message: 'must be a date such as 2026-11-29' });

/** `GET /admin/audit-events`: newest first, filtered. */
export const AuditQuery = z.object({
  ...pageQuery,
  action: blankIsMissing(z.enum(AUDIT_ACTIONS).optional()),
  /** the actor's email, or part of it */
  actor: blankIsMissing(z.string().trim().max(254).optional()),
  subject_id: blankIsMissing(z.string().trim().max(200).optional()),
  from: blankIsMissing(day.optional()),
  /** inclusive: that whole day (UTC) */
  to: blankIsMissing(day.optional()),
});
export type AuditQuery = z.output<typeof AuditQuery>;

export const AuditPage = pageOf(AuditEvent);
export type AuditPage = z.infer<typeof AuditPage>;
