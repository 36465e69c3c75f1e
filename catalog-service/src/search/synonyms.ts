// The admin's synonyms: what a search for a word (or a few) also finds. A term is kept as the
// search reads the words typed (lexicon.ts): cut at anything but letters and digits, folded, one
// space apart, so "T-Shirt", "t shirt" and "t-shirt" are one term.
import { HttpError } from '@dm/common/errors';
import { isUniqueViolation } from '@dm/common/pg-errors';
import type { Synonym, SynonymInput } from '@dm/contracts/catalog-admin';
import type { Kysely } from 'kysely';
import type { Database, SynonymRow } from '../db.js';
import { fold } from './typos.js';

/** The folded words of a term, one space apart, as `lookupQuery` compares them. */
export function termKey(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(fold).join(' ');
}

const shown = (row: SynonymRow): Synonym => ({ ...row, created_at: row.created_at.toISOString() });

export async function listSynonyms(db: Kysely<Database>): Promise<Synonym[]> {
  const rows = await db.selectFrom('search_synonyms').selectAll().orderBy('term').orderBy('synonym').execute();
  return rows.map(shown);
}

export async function addSynonym(db: Kysely<Database>, input: Required<SynonymInput>): Promise<Synonym> {
  const term = termKey(input.term);
  if (term === termKey(input.synonym)) throw new HttpError(422, 'synonym: must differ from the term');
  try {
    const row = await db.insertInto('search_synonyms').values({ term, synonym: input.synonym }).returningAll().executeTakeFirstOrThrow();
    return shown(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new HttpError(409, `“${term}” already finds “${input.synonym}”`);
    throw err;
  }
}

export async function removeSynonym(db: Kysely<Database>, id: string): Promise<void> {
  const gone = await db.deleteFrom('search_synonyms').where('id', '=', id).executeTakeFirst();
  if (gone.numDeletedRows === 0n) throw new HttpError(404, 'no such synonym');
}
