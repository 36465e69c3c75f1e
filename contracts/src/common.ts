import { z } from 'zod';
import { IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_RULE, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './limits.js';

/** The error body every service and the gateway answer with. */
export const ErrorBody = z
  .object({
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Uuid = z.uuid();

// Any 8-4-4-4-12 hex id, as PostgreSQL's uuid type accepts it (not only RFC 4122 versions).
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `text` can be compared with a uuid column without PostgreSQL raising an error. */
export function isUuid(text: string): boolean {
  return UUID_PATTERN.test(text);
}

/** An id from the outside world: a UUID in any case, given back in lower case. */
export const UuidInput = z
  .string({ message: 'must be a UUID' })
  .regex(UUID_PATTERN, 'must be a UUID')
  .transform((id) => id.toLowerCase());

/** A moment, as every answer writes it: ISO 8601 in UTC ("2026-11-24T09:30:00.000Z"). */
export const Timestamp = z.iso.datetime();

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

/** `?page=&page_size=` of every list. */
export const pageQuery = {
  page: z.coerce.number().int().min(1, 'must be 1 or more').max(100_000).default(1),
  page_size: z.coerce
    .number()
    .int()
    .min(1, 'must be 1 or more')
    .max(PAGE_SIZE_MAX, `must be ${PAGE_SIZE_MAX} or fewer`)
    .default(PAGE_SIZE_DEFAULT),
};

/** Forms send empty fields: in a query, an empty value means the parameter was not given. */
export const blankIsMissing = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

/** A client's token for "this one checkout" or "this one payment": a retry with it does nothing twice. */
export const IdempotencyKey = z
  .string({ message: 'the Idempotency-Key header is required' })
  .regex(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_RULE)
  .meta({
    description: '1-200 printable ASCII characters; a UUID is the usual choice',
    examples: ['5f0b7c9e-2d4a-4f1b-9c3e-8a6d2e1f4b70'],
  });

/** The headers of a request that must happen once however often it is sent. */
export const IdempotencyHeaders = z.object({ 'Idempotency-Key': IdempotencyKey });
