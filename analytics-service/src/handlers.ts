// The events analytics-service listens to (EVENT_CONSUMERS.analytics), each merged into its facts
// inside the inbox's transaction: a redelivered event finds itself handled and counts once.
import type { EventHandlers } from '@dm/common/event-inbox';
import { orderCancelled, orderPaid, orderPlaced, orderStatusChanged, paymentRefunded } from './order-facts.js';
import { addActivity, stockChanged } from './product-facts.js';

export const analyticsHandlers: EventHandlers = {
  'order.placed': (event, trx) => orderPlaced(trx, event.payload),
  'order.paid': (event, trx) => orderPaid(trx, event.payload),
  'order.status_changed': (event, trx) => orderStatusChanged(trx, event.payload),
  'order.cancelled': (event, trx) => orderCancelled(trx, event.payload),
  // The payment's event has no time of its own: the envelope's is when the refund happened.
  'payment.refunded': (event, trx) => paymentRefunded(trx, { ...event.payload, at: event.occurred_at }),
  'product.stock_low': (event, trx) => stockChanged(trx, { ...event, low: true, product: event.payload }),
  'product.restocked': (event, trx) => stockChanged(trx, { ...event, low: false, product: event.payload }),
  'product.activity': (event, trx) => addActivity(trx, event.payload),
};
