// The checkout and pay pages. Each rendering carries a fresh key: a double-click sends the same
// key twice, and the services make one order and one charge of it.
import { randomUUID } from 'node:crypto';
import type { Principal } from '@dm/common/auth';
import type { CheckoutForm } from '../checkout-form.js';
import type { Order, OrderPreview } from '../order-types.js';

export function checkoutView(preview: OrderPreview, user: Principal, form: Partial<CheckoutForm>, errors: Record<string, string>) {
  return {
    title: 'Checkout',
    preview,
    address: form.address ?? { full_name: user.name ?? '' },
    card: form.card ?? {},
    errors,
    checkoutKey: randomUUID(),
  };
}

export function payView(order: Order, state: { card?: Partial<CheckoutForm['card']>; errors?: Record<string, string>; message?: string }) {
  return {
    title: 'Pay for your order',
    order,
    card: state.card ?? {},
    errors: state.errors ?? {},
    message: state.message ?? null,
    payKey: randomUUID(),
  };
}

/** A card typed into a refused form comes back without its number and CVC, which are never shown again. */
export function cardToRetype(card: CheckoutForm['card']): CheckoutForm['card'] {
  return { ...card, number: '', cvc: '' };
}
