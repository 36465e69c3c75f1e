import { HttpError } from './errors.js';

/** Why `wanted` units cannot be had: the message every service and page shows, and what is left. */
export interface StockShortage {
  available: number;
  detail: string;
}

/**
 * The one stock rule: `wanted` units of a product fit when the stock holds them. Null when they
 * fit; otherwise the shortage, worded once for the cart, the checkout and the reservation alike.
 */
export function stockShortage(name: string, wanted: number, available: number): StockShortage | null {
  const left = Math.max(0, available);
  if (wanted <= left) return null;
  return { available: left, detail: left === 0 ? `“${name}” is out of stock` : `only ${left} of “${name}” left` };
}

/** The 409 for a shortage, with `available` (and `extra`, e.g. the product id) in the body for machines. */
export function assertInStock(name: string, wanted: number, available: number, extra: Record<string, unknown> = {}): void {
  const shortage = stockShortage(name, wanted, available);
  if (shortage) throw new HttpError(409, shortage.detail, undefined, { ...extra, available: shortage.available });
}
