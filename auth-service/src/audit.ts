// The audit log: an append-only table (a trigger refuses UPDATE and DELETE). auth-service records
// its own events (sign-ins, lockouts, and the account changes of its routes); other services send
// theirs to POST /internal/audit-events, with the state before and after the change.

import { escapeLike } from '@dm/common/like';
import { type Page, pageOf } from '@dm/common/pagination';
import { currentClientIp, currentRequestId } from '@dm/common/request-context';
import type { AuditEvent, AuditEventInput, AuditQuery } from '@dm/contracts/audit';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { AuditEventsTable, Database } from './db.js';

type Row = Selectable<AuditEventsTable>;

const toEvent = (row: Row): AuditEvent => ({
  id: row.id,
  at: row.at.toISOString(),
  action: row.action as AuditEvent['action'],
  actor_id: row.actor_id,
  actor_email: row.actor_email,
  subject_type: row.subject_type,
  subject_id: row.subject_id,
  ip: row.ip,
  request_id: row.request_id,
  before: row.before as AuditEvent['before'],
  after: row.after as AuditEvent['after'],
});

const json = (value: Record<string, unknown> | null | undefined) => (value == null ? null : JSON.stringify(value));

export const audit = {
  /**
   * Appends one event, or the events of one change together. The client's address and the request
   * id come from the request being served unless the event names them (a service reporting a
   * change made in another request). An event sent twice with the same id is kept once.
   */
  async record(db: Kysely<Database>, events: AuditEventInput | readonly AuditEventInput[]): Promise<void> {
    const all = Array.isArray(events) ? events : [events as AuditEventInput];
    if (all.length === 0) return;
    await db
      .insertInto('audit_events')
      .values(
        all.map((event) => ({
          ...(event.id ? { id: event.id } : {}),
          action: event.action,
          actor_id: event.actor_id ?? null,
          actor_email: event.actor_email ?? null,
          subject_type: event.subject_type ?? null,
          subject_id: event.subject_id ?? null,
          ip: event.ip ?? currentClientIp() ?? null,
          request_id: event.request_id ?? currentRequestId() ?? null,
          before: json(event.before),
          after: json(event.after),
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  },

  /** Newest first, filtered by action, actor (part of the email), subject and days. */
  async list(db: Kysely<Database>, q: AuditQuery): Promise<Page<AuditEvent>> {
    let query = db.selectFrom('audit_events');
    if (q.action) query = query.where('action', '=', q.action);
    if (q.actor) query = query.where(sql<string>`lower(actor_email)`, 'like', `%${escapeLike(q.actor.toLowerCase())}%`);
    if (q.subject_id) query = query.where('subject_id', '=', q.subject_id);
    if (q.from) query = query.where('at', '>=', sql<Date>`${q.from}::date`);
    if (q.to) query = query.where('at', '<', sql<Date>`${q.to}::date + 1`);
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.page_size)
        .offset((q.page - 1) * q.page_size)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return pageOf(rows.map(toEvent), Number(count.n), q.page, q.page_size);
  },
};
