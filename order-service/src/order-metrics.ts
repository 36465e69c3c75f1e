import { counter } from '@dm/common/metrics';
import type { OrderStatus } from './order-rules.js';

// Counted once the change is committed, and only by the request or sweep that made it: a replayed
// checkout or a second cancel finds the order already so and counts nothing.
const placed = counter('orders_placed_total', 'Orders placed: written, their stock held and confirmed');
const paid = counter('orders_paid_total', 'Orders that became paid');
const cancelled = counter('orders_cancelled_total', 'Orders cancelled: by their owner, an admin, or unpaid in time');

export const orderMetrics = {
  placed: () => placed.inc(),
  statusChanged(to: OrderStatus): void {
    if (to === 'paid') paid.inc();
    if (to === 'cancelled') cancelled.inc();
  },
};
