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

/** A vendor ships their items of a paid order, or of one already on its way (processing). */
export function isShippable(status: StoredStatus): boolean {
  return status === 'paid' || status === 'processing';
}

/**
 * Where an order goes once items are shipped: the first shipment makes a paid order `processing`
 * (it can no longer be cancelled), the last makes it `shipped`. Each step is a transition of the
 * table above, so the one state machine still decides.
 */
export function statusesAfterShipping(from: StoredStatus, allShipped: boolean): OrderStatus[] {
  const steps: OrderStatus[] = [];
  if (from === 'paid') steps.push('processing');
  if (allShipped && (from === 'paid' || from === 'processing')) steps.push('shipped');
  return steps;
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

/** A sale's split: the platform's commission rounds half up to the cent, and the vendor gets the rest, so the two always add up to the gross. */
export function splitSale(grossCents: number, commissionRatePpm: number): { gross: number; commission: number; net: number } {
  if (!Number.isSafeInteger(grossCents) || grossCents < 0) throw new RangeError(`not a sale amount in cents: ${grossCents}`);
  const commission = Number((BigInt(grossCents) * BigInt(commissionRatePpm) + PPM / 2n) / PPM);
  return { gross: grossCents, commission, net: grossCents - commission };
}

export interface PricingRules {
  /** tax rate in parts per million */
  taxRatePpm: number;
  shippingFlatCents: number;
  freeShippingThresholdCents: number;
  /** the platform's share of a vendor's sale, in parts per million (the house's own items pay none) */
  commissionRatePpm: number;
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
