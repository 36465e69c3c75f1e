// POST /payments: one charge of one order, at most once per Idempotency-Key and once per order.
import { randomUUID } from 'node:crypto';
import type { Principal } from '@dm/common/auth';
import { type FieldError, HttpError, ServiceUnavailableError, ValidationError } from '@dm/common/errors';
import { enqueueEvent, newEvent } from '@dm/common/events';
import type { ServiceClient } from '@dm/common/http-client';
import type { Logger } from '@dm/common/logger';
import { formatMoney, parseMoney } from '@dm/common/money';
import { enqueue, type Outbox, type OutboxMessage } from '@dm/common/outbox';
import { IdempotencyKey } from '@dm/contracts/common';
import type { OrderSummary } from '@dm/contracts/internal';
import { IDEMPOTENCY_KEY_RULE } from '@dm/contracts/limits';
import type { OrderPaidMessage } from '@dm/contracts/messages';
import { ChargeInput } from '@dm/contracts/payments';
import type { Kysely } from 'kysely';
import { type Card, checkCard, type Decision, decide } from './cards.js';
import type { AttemptRow, Database } from './db.js';
import { TOPICS } from './messages.js';
import { countPayment } from './payment-metrics.js';
import { attemptRowToPayment, attempts, payments } from './payments.js';

export interface ChargeDeps {
  db: Kysely<Database>;
  outbox: Outbox;
  /** order-service */
  orders: ServiceClient;
  serviceToken: () => string;
  logger: Logger;
  /** 0..1: the share of good cards declined at random (demos) */
  failureRate: number;
  /** a draw in [0, 1), for the failure rate */
  random: () => number;
  now: () => Date;
}

/** What POST /payments answers, kept with the attempt so a retry gets it again. */
export interface ChargeAnswer {
  status: number;
  body: unknown;
  replayed: boolean;
}

export const PAID_ALREADY = 'this order is paid already';
const SOURCE = 'payment-service';

/** The client's token for "this one payment": required, 1-200 printable ASCII characters. */
export function idempotencyKeyOf(header: string | undefined): string {
  // A 400 here, where order-service says 422: kept as each service has always answered.
  const key = IdempotencyKey.safeParse(header === '' ? undefined : header);
  if (!key.success) throw new HttpError(400, key.error.issues[0]?.message ?? IDEMPOTENCY_KEY_RULE);
  return key.data;
}

/** `{order_id, card}`; anything else in the body (an `amount`, say) is ignored. */
export function chargeInput(body: unknown, today: Date): { orderId: string; card: Card } {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const orderId = ChargeInput.shape.order_id.safeParse(input.order_id);
  if (!orderId.success) errors.push({ field: 'order_id', message: orderId.error.issues[0]?.message ?? 'must be a UUID' });
  const check = checkCard(input.card, today);
  if (!check.ok) errors.push(...check.errors);
  if (!orderId.success || !check.ok) throw new ValidationError(errors);
  return { orderId: orderId.data, card: check.card };
}

function notPayable(status: string): HttpError {
  if (['paid', 'processing', 'shipped', 'delivered'].includes(status)) return new HttpError(409, PAID_ALREADY);
  if (status === 'cancelled') return new HttpError(409, 'this order was cancelled');
  return new HttpError(409, `this order is ${status} and cannot be paid`);
}

/** The caller's pending order and its total in cents, as order-service has it right now. */
async function payableOrder(deps: ChargeDeps, user: Principal, orderId: string): Promise<{ id: string; totalCents: number }> {
  const res = await deps.orders.request<OrderSummary>('GET', `/internal/orders/${orderId}`, { token: deps.serviceToken() });
  // Someone else's order is "not found": nobody learns which order ids exist (admins included).
  if (res.status === 404 || (res.status === 200 && res.data.user_id !== user.id)) throw new HttpError(404, 'order not found');
  if (res.status !== 200) {
    deps.logger.error({ status: res.status }, 'order-service refused to show an order to payment-service');
    throw new ServiceUnavailableError('order');
  }
  if (res.data.status !== 'pending') throw notPayable(res.data.status);
  const totalCents = parseMoney(String(res.data.total));
  if (totalCents === null) {
    deps.logger.error({ order_id: orderId }, 'order-service sent an order without a readable total');
    throw new ServiceUnavailableError('order');
  }
  return { id: orderId, totalCents };
}

/** Thrown inside the transaction to undo it: a twin request with the same key committed first. */
class KeyTaken extends Error {}

/**
 * Writes the attempt, and for an approved charge the payment and its `order-paid` message, in one
 * transaction. Undefined when the key turned out to be taken (the caller replays the winner).
 */
async function record(
  deps: ChargeDeps,
  user: Principal,
  key: string,
  order: { id: string; totalCents: number },
  card: Card,
  decision: Decision,
): Promise<{ answer: ChargeAnswer; message?: OutboxMessage; event?: OutboxMessage } | undefined> {
  const amount = formatMoney(order.totalCents);
  const attemptId = randomUUID();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const paymentId = decision.approved
        ? ((await payments.insertUnlessPaid(trx, {
            order_id: order.id,
            user_id: user.id,
            amount,
            status: 'succeeded',
            card_brand: card.brand,
            card_last4: card.last4,
            attempt_id: attemptId,
          })) ?? null)
        : null;
      const lostRace = decision.approved && paymentId === null;
      const attempt = {
        id: attemptId,
        order_id: order.id,
        amount,
        status: paymentId ? ('succeeded' as const) : ('failed' as const),
        decline_reason: decision.approved ? (paymentId ? null : PAID_ALREADY) : decision.reason,
        card_brand: card.brand,
        card_last4: card.last4,
        payment_id: paymentId,
        created_at: deps.now(),
      };
      // Declines are answers too (201, status "failed"); losing the race to another attempt is a 409.
      const answer: ChargeAnswer = lostRace
        ? { status: 409, body: { detail: PAID_ALREADY }, replayed: false }
        : { status: 201, body: attemptRowToPayment(attempt), replayed: false };
      const stored = await attempts.insertUnlessKeyUsed(trx, {
        ...attempt,
        user_id: user.id,
        idempotency_key: key,
        response_status: answer.status,
        response: answer.body,
      });
      if (!stored) throw new KeyTaken();
      if (lostRace) return { answer };
      const facts = { order_id: order.id, user_id: user.id, amount, card_last4: card.last4 };
      if (!paymentId) {
        const declined = newEvent(SOURCE, 'payment.failed', {
          ...facts,
          payment_id: attemptId,
          reason: attempt.decline_reason ?? 'declined',
        });
        return { answer, event: await enqueueEvent(trx, declined) };
      }
      const message: OrderPaidMessage = { order_id: order.id, payment_id: paymentId, amount };
      const succeeded = newEvent(SOURCE, 'payment.succeeded', { ...facts, payment_id: paymentId });
      return { answer, message: await enqueue(trx, TOPICS.orderPaid, message), event: await enqueueEvent(trx, succeeded) };
    });
  } catch (err) {
    if (err instanceof KeyTaken) return undefined;
    throw err;
  }
}

const replay = (row: AttemptRow): ChargeAnswer => ({ status: row.response_status, body: row.response, replayed: true });

/**
 * The whole POST: a key seen before answers what it answered then (no second charge, whatever the
 * body says now); else the card is checked, the order asked for, the charge decided and recorded,
 * and order-service told at once (or, if it is down, by the outbox loop when it is back).
 */
export async function charge(deps: ChargeDeps, user: Principal, key: string, body: unknown): Promise<ChargeAnswer> {
  const previous = await attempts.findByKey(deps.db, user.id, key);
  if (previous) return replay(previous);

  const { orderId, card } = chargeInput(body, deps.now());
  const order = await payableOrder(deps, user, orderId);
  const decision = decide(card, deps.failureRate, deps.random);
  const result = await record(deps, user, key, order, card, decision);
  if (!result) {
    const winner = await attempts.findByKey(deps.db, user.id, key);
    if (!winner) throw new Error('an idempotency key was taken by an attempt that cannot be found');
    return replay(winner);
  }
  // A 409 (the order was paid by another attempt meanwhile) is neither a charge nor a decline.
  if (result.answer.status === 201) countPayment(result.message ? 'succeeded' : 'failed');
  if (result.message) await deps.outbox.send(result.message);
  // The payer does not wait for the event's listeners.
  if (result.event) void deps.outbox.send(result.event);
  return result.answer;
}
