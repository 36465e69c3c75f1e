// Domain events: what happened, told to whoever listens. A producer writes the event in the same
// transaction as the change (its outbox), and a transport delivers it at least once: RabbitMQ when
// AMQP_URL is set, otherwise HTTP posts to each consumer's POST /internal/events. Consumers keep the
// ids they have handled (their inbox), so a redelivery changes nothing.
import { z } from 'zod';
import { Money, Timestamp, Uuid } from './common.js';
import { ORDER_STATUSES } from './limits.js';

/** One line of an order, as the order had it when it was placed. */
export const EventOrderItem = z.object({
  product_id: Uuid,
  sku: z.string(),
  name: z.string(),
  quantity: z.int().positive(),
  unit_price: Money,
  line_total: Money,
  vendor_id: Uuid.nullable(),
  vendor_name: z.string().nullable(),
});
export type EventOrderItem = z.infer<typeof EventOrderItem>;

const Customer = { user_id: Uuid, customer_email: z.string(), customer_name: z.string() };

/** order-service: an order was placed (its stock is reserved; it waits for payment). */
export const OrderPlaced = z.object({
  order_id: Uuid,
  ...Customer,
  items: z.array(EventOrderItem).min(1),
  subtotal: Money,
  tax: Money,
  shipping_cost: Money,
  total: Money,
  placed_at: Timestamp,
});

/** order-service: the payment landed and the order is paid. */
export const OrderPaid = z.object({ order_id: Uuid, ...Customer, payment_id: Uuid, total: Money, paid_at: Timestamp });

/** order-service: a change of status to processing, shipped or delivered (paid and cancelled have events of their own). */
export const OrderStatusChanged = z.object({
  order_id: Uuid,
  ...Customer,
  from_status: z.enum(ORDER_STATUSES),
  to_status: z.enum(ORDER_STATUSES),
  /** the tracking numbers the shops gave when they shipped, when the order is shipped */
  tracking_numbers: z.array(z.string()),
  changed_at: Timestamp,
});

/** order-service: the order is cancelled; `refunded` when it had been paid. */
export const OrderCancelled = z.object({
  order_id: Uuid,
  ...Customer,
  total: Money,
  refunded: z.boolean(),
  reason: z.string().nullable(),
  cancelled_at: Timestamp,
});

const PaymentFacts = { payment_id: Uuid, order_id: Uuid, user_id: Uuid, amount: Money };

/** payment-service: a charge succeeded. */
export const PaymentSucceeded = z.object({ ...PaymentFacts, card_last4: z.string() });
/** payment-service: a charge was declined; the order stays pending and can be paid again. */
export const PaymentFailed = z.object({ ...PaymentFacts, card_last4: z.string(), reason: z.string() });
/** payment-service: a paid order's money went back. */
export const PaymentRefunded = z.object({ ...PaymentFacts, reason: z.string().nullable() });

const StockFacts = {
  product_id: Uuid,
  sku: z.string(),
  name: z.string(),
  stock: z.int().nonnegative(),
  vendor_id: Uuid.nullable(),
};
/** catalog-service: an active product's stock fell below the low-stock line (5). */
export const ProductStockLow = z.object(StockFacts);
/** catalog-service: a low product's stock rose back to the line or above. */
export const ProductRestocked = z.object(StockFacts);

/**
 * gateway-web: product page views and cart adds, counted in memory and sent in batches (never one
 * write per page view). A batch lost with a gateway that dies is a few seconds of counts.
 */
export const ProductActivity = z.object({
  window_start: Timestamp,
  window_end: Timestamp,
  items: z
    .array(
      z.object({
        product_id: Uuid,
        views: z.int().nonnegative(),
        cart_adds: z.int().nonnegative(),
        /** what the product page showed, when it was viewed: names products nothing else named yet */
        product: z.object({ sku: z.string(), name: z.string(), vendor_id: Uuid.nullable() }).optional(),
      }),
    )
    .min(1)
    .max(1000),
});

/** Every event type, its current version and its payload's schema. */
export const EVENT_TYPES = {
  'order.placed': { version: 1, payload: OrderPlaced },
  'order.paid': { version: 1, payload: OrderPaid },
  'order.status_changed': { version: 1, payload: OrderStatusChanged },
  'order.cancelled': { version: 1, payload: OrderCancelled },
  'payment.succeeded': { version: 1, payload: PaymentSucceeded },
  'payment.failed': { version: 1, payload: PaymentFailed },
  'payment.refunded': { version: 1, payload: PaymentRefunded },
  'product.stock_low': { version: 1, payload: ProductStockLow },
  'product.restocked': { version: 1, payload: ProductRestocked },
  'product.activity': { version: 1, payload: ProductActivity },
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_TYPES)[T]['payload']>;

/** The envelope every event travels in, whatever the transport. */
export const EventEnvelope = z.object({
  id: Uuid,
  type: z.string().min(1).max(100),
  version: z.int().positive(),
  occurred_at: Timestamp,
  /** the service that produced it */
  source: z.string().min(1).max(100),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** An envelope whose payload has been read by its type's schema. */
export type DomainEvent<T extends EventType = EventType> = T extends EventType
  ? Omit<EventEnvelope, 'type' | 'payload'> & { type: T; payload: EventPayload<T> }
  : never;

/**
 * Reads an envelope and its payload; undefined for an unknown type, a version newer than this
 * code knows, or a payload that does not fit (a retry would not fit either: a poison message).
 */
export function readEvent(envelope: unknown): DomainEvent | undefined {
  const outer = EventEnvelope.safeParse(envelope);
  if (!outer.success) return undefined;
  const spec = EVENT_TYPES[outer.data.type as EventType];
  if (!spec || outer.data.version > spec.version) return undefined;
  const payload = spec.payload.safeParse(outer.data.payload);
  if (!payload.success) return undefined;
  return { ...outer.data, payload: payload.data } as DomainEvent;
}

/**
 * Who listens to what. RabbitMQ binds each consumer's queue to these types; the HTTP transport
 * posts each event to the consumers that listen to its type.
 */
export const EVENT_CONSUMERS = {
  notification: ['order.placed', 'order.status_changed', 'order.cancelled', 'payment.failed', 'payment.refunded'],
  analytics: [
    'order.placed',
    'order.paid',
    'order.status_changed',
    'order.cancelled',
    'payment.refunded',
    'product.stock_low',
    'product.restocked',
    'product.activity',
  ],
} as const satisfies Record<string, readonly EventType[]>;
export type EventConsumerName = keyof typeof EVENT_CONSUMERS;

/** What POST /internal/events answers: what the consumer did with the event. */
export const EventReceipt = z.object({ outcome: z.enum(['handled', 'duplicate', 'dead']) });
export type EventReceipt = z.infer<typeof EventReceipt>;

/** A consumer's dead letter: an event it gave up on after its attempts, for the admin to see. */
export const DeadLetter = z.object({
  consumer: z.string(),
  event_id: Uuid.nullable(),
  type: z.string(),
  attempts: z.int(),
  last_error: z.string().nullable(),
  first_seen_at: Timestamp,
  dead_at: Timestamp,
  envelope: z.unknown(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;
