// What services tell each other through their outboxes: delivered at least once, so every
// receiver is idempotent. Each topic's payload is written in the same transaction as the change it
// announces, and read back by the handler that delivers it.
import { z } from 'zod';
import { AUDIT_BATCH_MAX, AuditEventInput } from './audit.js';
import { Money, Uuid, UuidInput } from './common.js';
import { EventEnvelope } from './events.js';

/** order-service: the order exists; take its lines out of the shopper's cart. */
export const CartCheckoutMessage = z.object({
  user_id: UuidInput,
  order_id: UuidInput,
  items: z.array(z.object({ product_id: UuidInput, quantity: z.int().positive() })).min(1),
});
export type CartCheckoutMessage = z.infer<typeof CartCheckoutMessage>;

/** order-service: the order is cancelled; give its stock back. */
export const ReleaseStockMessage = z.object({ order_id: UuidInput });
export type ReleaseStockMessage = z.infer<typeof ReleaseStockMessage>;

/** order-service: a paid order is cancelled; refund its payment. */
export const RefundMessage = z.object({ order_id: UuidInput, reason: z.string() });
export type RefundMessage = z.infer<typeof RefundMessage>;

/** payment-service: a charge succeeded; mark the order paid. */
export const OrderPaidMessage = z.object({ order_id: UuidInput, payment_id: UuidInput, amount: Money });
export type OrderPaidMessage = z.infer<typeof OrderPaidMessage>;

/**
 * catalog-service, order-service: an admin's change, for auth-service's audit log. Every event has
 * its id, so delivering the message again records nothing twice.
 */
export const AuditEventsMessage = z.object({
  events: z
    .array(AuditEventInput.extend({ id: Uuid }))
    .min(1)
    .max(AUDIT_BATCH_MAX),
});
export type AuditEventsMessage = z.infer<typeof AuditEventsMessage>;

/**
 * review-service: a product's visible reviews changed; its count, the sum of their stars and a
 * version that grows with every change, so the catalog keeps the newest whatever order they come in.
 */
export const ProductRatingMessage = z.object({
  product_id: UuidInput,
  count: z.int().nonnegative(),
  sum: z.int().nonnegative(),
  version: z.int().positive(),
});
export type ProductRatingMessage = z.infer<typeof ProductRatingMessage>;

/** Every outbox topic and the payload it carries. */
export const MESSAGES = {
  'cart-checkout': CartCheckoutMessage,
  'release-stock': ReleaseStockMessage,
  refund: RefundMessage,
  'order-paid': OrderPaidMessage,
  'audit-events': AuditEventsMessage,
  'product-rating': ProductRatingMessage,
  /** a domain event (events.ts), handed to the event transport */
  event: EventEnvelope,
} as const;
export type Topic = keyof typeof MESSAGES;
