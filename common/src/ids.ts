import { z } from 'zod';

// Any 8-4-4-4-12 hex id, as PostgreSQL's uuid type accepts it (not only RFC 4122 versions).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `text` can be compared with a uuid column without PostgreSQL raising an error. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** An id from the outside world: a UUID in any case, given back in lower case. */
export const uuidInput = z
  .string({ message: 'must be a UUID' })
  .regex(UUID, 'must be a UUID')
  .transform((id) => id.toLowerCase());
