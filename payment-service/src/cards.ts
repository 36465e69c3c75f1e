// The rules of a (simulated) card charge, as pure functions: what a valid card is, its brand, and
// whether a charge to it goes through.
import type { FieldError } from '@dm/common/errors';

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

/** The Luhn check digit test, on a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): CardBrand {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  return 'card';
}

/** A month as a JSON number or as text such as "07"; null when it is neither. */
function monthOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,2}$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : null;
}

/** 2030, "2030", 30 or "30" → 2030; null for anything else. */
export function expiryYear(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value >= 0 && value <= 99) return 2000 + value;
    if (value >= 1000 && value <= 9999) return value;
    return null;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d{2}$/.test(text)) return 2000 + Number(text);
    if (/^\d{4}$/.test(text)) return Number(text);
  }
  return null;
}

/**
 * Checks a card as the client sent it: `{number, exp_month, exp_year, cvc}`. A card is good through
 * the last day of its expiry month (counted in UTC). Errors name `card.number`, `card.exp_month`, ….
 */
export function checkCard(input: unknown, today: Date): CardCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: 'card', message: 'is required: {number, exp_month, exp_year, cvc}' }] };
  }
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field: `card.${field}`, message });

  let digits = '';
  if (typeof raw.number !== 'string') {
    fail('number', raw.number === undefined ? 'is required' : 'must be text such as "4242 4242 4242 4242"');
  } else {
    digits = raw.number.replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(digits)) fail('number', 'must be 12 to 19 digits');
    else if (!luhnValid(digits)) fail('number', 'is not a valid card number');
  }

  const month = monthOf(raw.exp_month);
  if (month === null) fail('exp_month', 'must be a month from 1 to 12');
  const year = expiryYear(raw.exp_year);
  const thisYear = today.getUTCFullYear();
  const thisMonth = today.getUTCMonth() + 1;
  if (year === null) fail('exp_year', 'must be a year such as 2030 or 30');
  else if (year < thisYear) fail('exp_year', 'the card has expired');
  else if (year > thisYear + MAX_YEARS_AHEAD) fail('exp_year', 'is too far in the future');
  else if (year === thisYear && month !== null && month < thisMonth) fail('exp_month', 'the card has expired');

  if (typeof raw.cvc !== 'string' || !/^\d{3,4}$/.test(raw.cvc.trim())) fail('cvc', 'must be 3 or 4 digits');

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    card: { number: digits, expMonth: month!, expYear: year!, brand: cardBrand(digits), last4: digits.slice(-4) },
  };
}

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
