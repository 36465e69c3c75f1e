// PostgreSQL's SQLSTATE codes that the services act on, by name, so no code reads '23505' and
// leaves the reader to look it up. https://www.postgresql.org/docs/current/errcodes-appendix.html

/** The codes by their PostgreSQL names. */
export const PG_ERROR = Object.freeze({
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  notNullViolation: '23502',
  invalidTextRepresentation: '22P02',
  characterNotInRepertoire: '22021',
  untranslatableCharacter: '22P05',
  duplicateDatabase: '42P04',
});

/** The SQLSTATE of an error thrown by `pg`, if it is one. */
export function pgErrorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique index refused the row: something with that key already exists. */
export const isUniqueViolation = (err: unknown): boolean => pgErrorCode(err) === PG_ERROR.uniqueViolation;

/** A foreign key refused the change: the row it points at is gone, or rows still point at it. */
export const isForeignKeyViolation = (err: unknown): boolean => pgErrorCode(err) === PG_ERROR.foreignKeyViolation;

/** The unique constraint a unique violation names (e.g. `products_sku_key`), else undefined. */
export function violatedUniqueConstraint(err: unknown): string | undefined {
  const constraint = (err as { constraint?: unknown } | null)?.constraint;
  return isUniqueViolation(err) && typeof constraint === 'string' ? constraint : undefined;
}

// A value no column can hold, such as a NUL character in text or "abc" for a uuid: the caller's input.
const UNSTORABLE_INPUT: ReadonlySet<string> = new Set([
  PG_ERROR.characterNotInRepertoire,
  PG_ERROR.untranslatableCharacter,
  PG_ERROR.invalidTextRepresentation,
]);

/** PostgreSQL could not store or compare a value the caller sent: their input, not our fault. */
export const isUnstorableInput = (err: unknown): boolean => UNSTORABLE_INPUT.has(pgErrorCode(err) ?? '');

// The database is gone or refusing us, not the request at fault: the server is down or restarting
// (57P01-57P03), too busy (53300), the connection broke (class 08), or it cannot be reached at all
// (the socket errors). A retry a little later may well succeed.
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  '57P01', // admin_shutdown: the server is stopping, or our backend was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

// What pg's client and pool throw, without a code, when the connection drops or never comes.
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed)/;

/** The database cannot be reached or has dropped us: a 503 to retry, not a 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = pgErrorCode(err);
  if (code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  const message = (err as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  // A host with several addresses fails with one error per address, gathered in an AggregateError.
  const errors = (err as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable);
}
