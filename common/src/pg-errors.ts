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
