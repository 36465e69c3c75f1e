import { z } from 'zod';

// Money is integer cents inside the code and a two-place decimal string at every edge. This is
// the one reader and writer of that string: @dm/common/money re-exports it for the services.
const DECIMAL = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/** "19.9" → 1990; null when the text is not a non-negative amount with at most two decimals. */
export function parseMoney(text: string): number | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + fraction;
}

/** 1990 → "19.90". */
export function formatMoney(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new TypeError(`not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * An amount in a request: "19.99" or a JSON number such as 19.99 (read through its shortest
 * decimal text, so no float arithmetic happens), yielding cents.
 */
export const MoneyInput = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const cents = parseMoney(String(value));
    if (cents === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an amount such as 19.99 (at most two decimals, not negative)' });
      return z.NEVER;
    }
    return cents;
  })
  .meta({ description: 'an amount with at most two decimals, as text ("19.99") or a JSON number', examples: ['19.99'] });

/** An amount in a query string ("19.99"), yielding cents. */
export const MoneyQuery = z
  .string()
  .transform((text, ctx) => {
    const cents = parseMoney(text);
    if (cents === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an amount such as 19.99' });
      return z.NEVER;
    }
    return cents;
  })
  .meta({ examples: ['19.99'] });
