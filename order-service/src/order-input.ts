import { uuidInput } from '@dm/common/ids';
import { moneyInput } from '@dm/common/money';
import { pageQuery } from '@dm/common/pagination';
import { z } from 'zod';
import { ORDER_STATUSES } from './order-rules.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-24')
  .transform((v, ctx) => {
    const date = new Date(`${v}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'must be a real date' });
      return z.NEVER;
    }
    return date;
  });

// Blank fields from an HTML filter form mean "not given".
const blankIsMissing = (v: unknown) => (v === '' ? undefined : v);

export const listQuery = z.object({
  ...pageQuery,
  scope: z.preprocess(blankIsMissing, z.enum(['mine', 'all']).default('mine')),
  status: z.preprocess(blankIsMissing, z.enum(ORDER_STATUSES).optional()),
  from: z.preprocess(blankIsMissing, day.optional()),
  /** inclusive: orders of that whole day */
  to: z.preprocess(blankIsMissing, day.optional()),
});

export const statusInput = z.object({ status: z.enum(ORDER_STATUSES, { message: `must be one of ${ORDER_STATUSES.join(', ')}` }) });

export const paidInput = z.object({
  payment_id: uuidInput,
  amount: moneyInput,
});
