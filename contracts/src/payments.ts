// Payments: a (simulated) card charge of an order, and the shopper's payment history.
import { z } from 'zod';
import { blankIsMissing, Money, pageOf, pageQuery, Timestamp, UUID_PATTERN, Uuid } from './common.js';

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

/** A month as a JSON number or as text such as "07"; null when it is neither. */
export function monthOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,2}$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : null;
}

/** A transform that reads a value with `read`, or says `message` when it yields null. */
const readWith =
  (read: (value: unknown) => number | null, message: string) =>
  (value: unknown, ctx: z.RefinementCtx): number => {
    const n = read(value);
    if (n !== null) return n;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };

const CARD_REQUIRED = 'is required: {number, exp_month, exp_year, cvc}';
const MONTH = 'must be a month from 1 to 12';
const YEAR = 'must be a year such as 2030 or 30';

/**
 * A card as the client sends it: `{number, exp_month, exp_year, cvc}`, yielding the digits of the
 * number and the expiry as numbers. Whether it has expired depends on the day: payment-service
 * checks that. Messages never repeat the number.
 */
export const CardInput = z
  .object(
    {
      number: z
        .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text such as "4242 4242 4242 4242"') })
        .transform((text) => text.replace(/[\s-]/g, ''))
        .refine((digits) => /^\d{12,19}$/.test(digits), { message: 'must be 12 to 19 digits', abort: true })
        .refine(luhnValid, 'is not a valid card number')
        .meta({ description: 'the card number; spaces and dashes are ignored', examples: ['4242 4242 4242 4242'] }),
      exp_month: z
        .union([z.int(), z.string().regex(/^\s*\d{1,2}\s*$/, MONTH)], { error: MONTH })
        .transform(readWith(monthOf, MONTH))
        .meta({ description: '1-12, as a number or as text such as "07"' }),
      exp_year: z
        .union([z.int(), z.string().regex(/^\s*(?:\d{2}|\d{4})\s*$/, YEAR)], { error: YEAR })
        .transform(readWith(expiryYear, YEAR))
        .meta({ description: 'four digits, or two for 20xx; as a number or as text' }),
      cvc: z
        .string({ error: 'must be 3 or 4 digits' })
        .regex(/^\s*\d{3,4}\s*$/, 'must be 3 or 4 digits')
        .transform((cvc) => cvc.trim()),
    },
    { error: CARD_REQUIRED },
  )
  .meta({ id: 'CardInput' });

/** `POST /api/payments`, with an Idempotency-Key header; anything else in the body (an amount, say) is ignored. */
export const ChargeInput = z
  .object({
    order_id: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a UUID') })
      .regex(UUID_PATTERN, 'must be a UUID')
      .transform((id) => id.toLowerCase()),
    card: CardInput,
  })
  .meta({
    id: 'ChargeInput',
    examples: [
      {
        order_id: '7c3e5a1f-9b2d-4e6a-8f0c-1d4b7a9e2c35',
        card: { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2030, cvc: '123' },
      },
    ],
  });
export type ChargeInput = z.input<typeof ChargeInput>;

export const PaymentListQuery = z.object({
  ...pageQuery,
  /** another person's payments: an admin's view of a user */
  user_id: blankIsMissing(Uuid.optional()),
});

// ---- answers ----

export const PAYMENT_ATTEMPT_STATUSES = ['succeeded', 'failed'] as const;

/** One attempt to pay an order: the answer to `POST /api/payments`, a decline included. */
export const PaymentAttempt = z
  .object({
    id: Uuid,
    /** the order's payment, when this attempt made it */
    payment_id: Uuid.nullable(),
    order_id: Uuid,
    amount: Money,
    status: z.enum(PAYMENT_ATTEMPT_STATUSES),
    decline_reason: z.string().nullable(),
    card_brand: z.string(),
    card_last4: z.string(),
    created_at: Timestamp,
  })
  .meta({ id: 'PaymentAttempt' });
export type PaymentAttempt = z.infer<typeof PaymentAttempt>;

/** An entry of the caller's payment history. */
export const PaymentHistoryItem = PaymentAttempt.extend({
  /** the money of this attempt's payment was given back */
  refunded: z.boolean(),
}).meta({ id: 'PaymentHistoryItem' });
export type PaymentHistoryItem = z.infer<typeof PaymentHistoryItem>;

export const PaymentPage = pageOf(PaymentHistoryItem).meta({ id: 'PaymentPage' });
export type PaymentPage = z.infer<typeof PaymentPage>;
