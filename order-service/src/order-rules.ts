// The rules of an order, as pure functions: the state machine and the money.

import type { OrderStatus } from '@dm/contracts/limits';

export { ORDER_STATUSES, type OrderStatus } from '@dm/contracts/limits';
/** `reserving` exists only between writing an order and reserving its stock; nobody sees it. */
export type StoredStatus = OrderStatus | 'reserving';

// pending → paid → processing → shipped → delivered; cancelled from pending or paid.
const TRANSITIONS: Record<StoredStatus, readonly OrderStatus[]> = {
  reserving: ['pending'],
  pending: ['paid', 'cancelled'],
  paid: ['processing', 'cancelled'],
  processing: ['shipped'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

export function canTransition(from: StoredStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Where an admin may move an order next (payment alone makes an order paid). */
export function adminNextStatuses(from: StoredStatus): OrderStatus[] {
  return TRANSITIONS[from].filter((s) => s !== 'paid');
}

export function isCancellable(status: StoredStatus): boolean {
  return canTransition(status, 'cancelled');
}

/** An order as anyone sees it is past `reserving`: every reader filters those out first. */
export function shownStatus(status: StoredStatus): OrderStatus {
  if (status === 'reserving') throw new Error('an order still being written was about to be shown');
  return status;
}

const PPM = 1_000_000n;

/** "0.05" → 50000 parts per million; null unless a fraction from 0 to 1 with at most six places. */
export function parseRate(text: string): number | null {
  const match = /^(0|1)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  const ppm = Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
  return ppm <= 1_000_000 ? ppm : null;
}

export interface PricingRules {
  /** tax rate in parts per million */
  taxRatePpm: number;
  shippingFlatCents: number;
  freeShippingThresholdCents: number;
}

export interface Totals {
  subtotal: number;
  tax: number;
  shipping: number;
  total: number;
}

/** Integer cents throughout; tax rounds half up to the cent. */
export function orderTotals(lines: { unitPriceCents: number; quantity: number }[], rules: PricingRules): Totals {
  const subtotal = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const tax = Number((BigInt(subtotal) * BigInt(rules.taxRatePpm) + PPM / 2n) / PPM);
  const shipping = subtotal >= rules.freeShippingThresholdCents ? 0 : rules.shippingFlatCents;
  return { subtotal, tax, shipping, total: subtotal + tax + shipping };
}
