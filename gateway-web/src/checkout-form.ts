import { text } from './forms.js';

/** The checkout form as typed: the address for order-service, the card for payment-service. */
export interface CheckoutForm {
  address: { full_name: string; line1: string; line2: string; city: string; postal_code: string; country: string; phone: string };
  card: { number: string; exp_month: string; exp_year: string; cvc: string };
}

export function addressFromBody(body: Record<string, unknown>): CheckoutForm['address'] {
  return {
    full_name: text(body.full_name),
    line1: text(body.line1),
    line2: text(body.line2),
    city: text(body.city),
    postal_code: text(body.postal_code),
    country: text(body.country),
    phone: text(body.phone),
  };
}

export function cardFromBody(body: Record<string, unknown>): CheckoutForm['card'] {
  return { number: text(body.card_number), exp_month: text(body.exp_month), exp_year: text(body.exp_year), cvc: text(body.cvc) };
}

/** The card as payment-service takes it: numbers where the form has digits, so its checks name the field. */
export function cardPayload(card: CheckoutForm['card']) {
  const digits = (v: string) => (/^\d{1,4}$/.test(v) ? Number(v) : v);
  return { number: card.number, exp_month: digits(card.exp_month), exp_year: digits(card.exp_year), cvc: card.cvc };
}

/** A service's field path as the checkout form names it: `shipping_address.city` → `city`, `card.number` → `card_number`. */
export function checkoutField(path: string): string {
  const [group, field] = path.split('.');
  if (group === 'card') return field === 'number' || field === undefined ? 'card_number' : field;
  return field ?? (group || 'form');
}
