import type { ServiceClient } from '@dm/common/http-client';
import type { Request } from 'express';
import type { MergeResult } from './cart-types.js';
import { clearGuestCart, guestLines } from './guest-cart.js';

/** What the shopper should read about a merge: which lines could not be taken over in full. */
export function mergeMessage(result: MergeResult): string {
  const notes = result.adjustments.map((a) => {
    if (a.reason === 'no longer available') return `“${a.name}” is no longer available.`;
    if (a.quantity === 0) return `“${a.name}” did not fit in your cart (${a.reason}).`;
    return `“${a.name}”: only ${a.quantity} could go in your cart (${a.reason}).`;
  });
  return ['We added the items you picked to your cart.', ...notes].join(' ');
}

/**
 * Moves a guest's session cart into the signed-in shopper's cart. When cart-service cannot be
 * reached the lines stay in the session and the next cart page tries again.
 */
export async function mergeGuestCart(req: Request, cart: ServiceClient, token: string): Promise<string | null> {
  const items = guestLines(req);
  if (items.length === 0) return null;
  try {
    const result = await cart.call<MergeResult>('POST', '/cart/merge', { token, body: { items } });
    clearGuestCart(req);
    return mergeMessage(result);
  } catch {
    return null;
  }
}
