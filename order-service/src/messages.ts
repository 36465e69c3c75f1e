// What order-service tells other services, through its outbox (at least once; receivers are idempotent).
import { AUDIT_TOPIC, auditDelivery } from '@dm/common/audit';
import { HttpError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import { OutboxDiscard, type OutboxHandler, readPayload } from '@dm/common/outbox';
import { CartCheckoutMessage, RefundMessage, ReleaseStockMessage, type Topic } from '@dm/contracts/messages';

export const TOPICS = {
  /** The order exists: take its lines out of the shopper's cart. */
  cartCheckout: 'cart-checkout',
  /** The order is cancelled: give its stock back. */
  releaseStock: 'release-stock',
  /** A paid order is cancelled: refund the payment. */
  refund: 'refund',
  /** An admin changed an order's status: record it in auth-service's audit log. */
  audit: AUDIT_TOPIC,
} as const satisfies Record<string, Topic>;

export interface MessageClients {
  auth: ServiceClient;
  catalog: ServiceClient;
  cart: ServiceClient;
  payment: ServiceClient;
  serviceToken: () => string;
}

/** A 4xx will not get better by retrying: give the message up (it is logged); anything else retries. */
async function send(client: ServiceClient, path: string, body: unknown, token: string): Promise<void> {
  try {
    await client.call('POST', path, { body, token });
  } catch (err) {
    if (err instanceof HttpError && err.status < 500) throw new OutboxDiscard(`${client.name} answered ${err.status}: ${err.detail}`);
    throw err;
  }
}

export function messageHandlers({ auth, catalog, cart, payment, serviceToken }: MessageClients): Record<string, OutboxHandler> {
  return {
    [TOPICS.cartCheckout]: async (payload) => {
      const { user_id, order_id, items } = readPayload(CartCheckoutMessage, payload);
      await send(cart, `/internal/carts/${user_id}/checkouts`, { order_id, items }, serviceToken());
    },
    [TOPICS.releaseStock]: async (payload) => {
      const { order_id } = readPayload(ReleaseStockMessage, payload);
      await send(catalog, `/internal/reservations/${order_id}/release`, {}, serviceToken());
    },
    [TOPICS.refund]: async (payload) => {
      const { order_id, reason } = readPayload(RefundMessage, payload);
      await send(payment, '/internal/refunds', { order_id, reason }, serviceToken());
    },
    [TOPICS.audit]: auditDelivery(auth, serviceToken),
  };
}
