import type { z } from 'zod';
import { ValidationError } from './errors.js';

/** Parses untrusted input, or throws a 422 listing each bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })));
}
