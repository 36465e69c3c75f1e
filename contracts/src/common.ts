import { z } from 'zod';

/** The error body every service and the gateway answer with. */
export const ErrorBody = z
  .object({
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Uuid = z.uuid();

/** Money at every edge: a decimal string with two places ("19.99"); integer cents inside the code. */
export const Money = z
  .string()
  .regex(/^-?\d{1,10}\.\d{2}$/)
  .meta({ id: 'Money', example: '19.99' });

/** A list answer: `{items, total, page, page_size, has_next}`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.int().nonnegative(),
    page: z.int().positive(),
    page_size: z.int().positive(),
    has_next: z.boolean(),
  });
}
