import type { FieldError } from '@dm/common/errors';

/** The checkout form as typed: the address for order-service, the card for payment-service. */
export interface CheckoutForm {
  address: { full_name: string; line1: string; line2: string; city: string; postal_code: string; country: string; phone: string };
  card: { number: string; exp_month: string; exp_year: string; cvc: string };
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function addressFromBody(body: Record<string, unknown>): CheckoutForm['address'] {
  return {
    full_name: str(body.full_name),
    line1: str(body.line1),
    line2: str(body.line2),
    city: str(body.city),
    postal_code: str(body.postal_code),
    country: str(body.country),
    phone: str(body.phone),
  };
}

export function cardFromBody(body: Record<string, unknown>): CheckoutForm['card'] {
  return { number: str(body.card_number), exp_month: str(body.exp_month), exp_year: str(body.exp_year), cvc: str(body.cvc) };
}

/** The card as payment-service takes it: numbers where the form has digits, so its checks name the field. */
export function cardPayload(card: CheckoutForm['card']) {
  const digits = (v: string) => (/^\d{1,4}$/.test(v) ? Number(v) : v);
  return { number: card.number, exp_month: digits(card.exp_month), exp_year: digits(card.exp_year), cvc: card.cvc };
}

/** Field errors keyed by form field: `shipping_address.city` → `city`, `card.number` → `card_number`. */
export function formErrors(errors: FieldError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const [group, field] = e.field.split('.');
    const key = group === 'card' ? (field === 'number' ? 'card_number' : (field ?? 'card_number')) : (field ?? group ?? 'form');
    out[key] ??= e.message;
  }
  return out;
}
