// The rules of a (simulated) card charge, as pure functions: what a valid card is, its brand, and
// whether a charge to it goes through.
import type { FieldError } from '@dm/common/errors';
import { CardInput, expiryYear, luhnValid, monthOf } from '@dm/contracts/payments';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'card';

/** A checked card. The full number lives only in memory for the charge: never stored, never logged. */
export interface Card {
  /** digits only */
  number: string;
  expMonth: number;
  /** four digits */
  expYear: number;
  brand: CardBrand;
  last4: string;
}

export type CardCheck = { ok: true; card: Card } | { ok: false; errors: FieldError[] };

export const DECLINED = 'Your card was declined.';
export const INSUFFICIENT_FUNDS = 'Insufficient funds.';

/** Test cards that always decline, each with its reason (any other valid card succeeds). */
const SCRIPTED_DECLINES: Readonly<Record<string, string>> = {
  '4000000000000002': DECLINED,
  '4000000000009995': INSUFFICIENT_FUNDS,
};

/** How far ahead an expiry date may be before it is more likely a typo than a card. */
const MAX_YEARS_AHEAD = 20;

export { expiryYear, luhnValid };

export function cardBrand(digits: string): CardBrand {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  return 'card';
}

/**
 * Checks a card as the client sent it: `{number, exp_month, exp_year, cvc}`. A card is good through
 * the last day of its expiry month (counted in UTC). Errors name `card.number`, `card.exp_month`, ….
 */
export function checkCard(input: unknown, today: Date): CardCheck {
  const parsed = CardInput.safeParse(input);
  const errors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ field: ['card', ...issue.path].join('.'), message: issue.message }));
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors };

  // Whether it has expired is a matter of the day: the contract checks the rest.
  const raw = input as Record<string, unknown>;
  const month = monthOf(raw.exp_month);
  const year = expiryYear(raw.exp_year);
  const thisYear = today.getUTCFullYear();
  const thisMonth = today.getUTCMonth() + 1;
  if (year !== null) {
    if (year < thisYear) errors.push({ field: 'card.exp_year', message: 'the card has expired' });
    else if (year > thisYear + MAX_YEARS_AHEAD) errors.push({ field: 'card.exp_year', message: 'is too far in the future' });
    else if (year === thisYear && month !== null && month < thisMonth)
      errors.push({ field: 'card.exp_month', message: 'the card has expired' });
  }

  if (!parsed.success || errors.length > 0) {
    return { ok: false, errors: errors.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field)) };
  }
  const { number, exp_month, exp_year } = parsed.data;
  return { ok: true, card: { number, expMonth: exp_month, expYear: exp_year, brand: cardBrand(number), last4: number.slice(-4) } };
}

// Errors name the fields in the order the form shows them.
const FIELD_ORDER = ['card.number', 'card.exp_month', 'card.exp_year', 'card.cvc'];

export type Decision = { approved: true } | { approved: false; reason: string };

/**
 * Whether a charge to a valid card goes through: the scripted test cards decline, and
 * `failureRate` (0..1) of the others decline at random, drawn from `random` (in [0, 1)).
 */
export function decide(card: Pick<Card, 'number'>, failureRate: number, random: () => number): Decision {
  const scripted = SCRIPTED_DECLINES[card.number];
  if (scripted) return { approved: false, reason: scripted };
  if (failureRate > 0 && random() < failureRate) return { approved: false, reason: DECLINED };
  return { approved: true };
}
