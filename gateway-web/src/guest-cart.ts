import { CART_MAX_LINES } from '@dm/contracts/limits';
import type { Request } from 'express';

/** A guest's cart is only product ids and quantities, kept in the session until they sign in. */
export interface GuestLine {
  product_id: string;
  quantity: number;
}

declare module 'express-session' {
  interface SessionData {
    guestCart?: GuestLine[];
  }
}

export function guestLines(req: Request): GuestLine[] {
  return req.session.guestCart ?? [];
}

export function guestCount(req: Request): number {
  return guestLines(req).reduce((n, l) => n + l.quantity, 0);
}

/** Sets one line's quantity (0 removes it). False when the cart is full. */
export function setGuestLine(req: Request, productId: string, quantity: number): boolean {
  const lines = guestLines(req).filter((l) => l.product_id !== productId);
  if (quantity > 0) {
    if (lines.length >= CART_MAX_LINES) return false;
    lines.push({ product_id: productId, quantity });
  }
  const previous = guestLines(req);
  // Keep the order in which products were first added.
  req.session.guestCart = previous
    .map((l) => lines.find((x) => x.product_id === l.product_id))
    .filter((l): l is GuestLine => l !== undefined)
    .concat(lines.filter((l) => !previous.some((p) => p.product_id === l.product_id)));
  return true;
}

export function clearGuestCart(req: Request): void {
  delete req.session.guestCart;
}
