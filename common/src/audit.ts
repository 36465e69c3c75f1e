// An admin's change in another service, recorded in auth-service's audit log: the events are
// written to the service's outbox in the transaction of the change, and delivered to
// `POST /internal/audit-events` (at least once: each event's id makes a redelivery harmless).
// What an event says is each service's own business (its `audit-events.ts`).

import { randomUUID } from 'node:crypto';
import { AUDIT_BATCH_MAX, type AuditEventInput } from '@dm/contracts/audit';
import { AuditEventsMessage, type Topic } from '@dm/contracts/messages';
import type { Principal } from './auth.js';
import { HttpError } from './errors.js';
import { createServiceClient, type ServiceClient } from './http-client.js';
import { isUuid } from './ids.js';
import { enqueue, OutboxDiscard, type OutboxHandler, type OutboxMessage, readPayload } from './outbox.js';
import { currentClientIp, currentRequestId } from './request-context.js';

export const AUDIT_TOPIC = 'audit-events' satisfies Topic;

/** Who made a change and from where, as the audit log records them. */
export interface AuditActor {
  actor_id: string | null;
  actor_email: string | null;
  ip: string | null;
  request_id: string | null;
}

/** An event as a service writes it: the outbox gives it its id. */
export type AuditDraft = Omit<AuditEventInput, 'id'>;

/**
 * The person behind the request being served, with the client's address and the request id: read
 * now, while the request is served, since the event may be delivered much later by the outbox loop.
 */
export function auditActorOf(principal: Principal | undefined): AuditActor {
  const person = principal && principal.role !== 'service' ? principal : undefined;
  return {
    actor_id: person && isUuid(person.id) ? person.id : null,
    actor_email: person?.email ?? null,
    ip: currentClientIp() ?? null,
    request_id: currentRequestId() ?? null,
  };
}

/** Writes the events into the outbox; call inside the transaction of the change they record. */
export async function enqueueAudit(db: Parameters<typeof enqueue>[0], drafts: readonly AuditDraft[]): Promise<OutboxMessage[]> {
  const messages: OutboxMessage[] = [];
  for (let i = 0; i < drafts.length; i += AUDIT_BATCH_MAX) {
    const events = drafts.slice(i, i + AUDIT_BATCH_MAX).map((draft) => ({ ...draft, id: randomUUID() }));
    messages.push(await enqueue(db, AUDIT_TOPIC, { events } satisfies AuditEventsMessage));
  }
  return messages;
}

/**
 * auth-service, as the audit delivery calls it. An admin waits for that call after the change is
 * committed: when auth-service is slow, not for long (the outbox loop takes over); when it is
 * down, a refused connection fails at once.
 */
export function auditClient(authUrl: string): ServiceClient {
  return createServiceClient('auth', authUrl, 2000);
}

/**
 * Delivers an audit message to auth-service. Only a 400 or 422 (the events themselves refused)
 * gives it up; anything else, a refused token included, is tried again, so no event is dropped
 * while auth-service is down or misconfigured.
 */
export function auditDelivery(auth: ServiceClient, serviceToken: () => string): OutboxHandler {
  return async (payload) => {
    const { events } = readPayload(AuditEventsMessage, payload);
    try {
      await auth.call('POST', '/internal/audit-events', { body: { events }, token: serviceToken() });
    } catch (err) {
      if (err instanceof HttpError && (err.status === 400 || err.status === 422)) {
        throw new OutboxDiscard(`auth-service refused the audit events (${err.status}): ${err.detail}`);
      }
      throw err;
    }
  };
}
