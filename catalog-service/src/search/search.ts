// What a shopper types, turned into conditions PostgreSQL answers from indexes:
//  - full text (`products.search`, GIN): stemmed English words, every word a prefix so "headph"
//    finds "Headphones" while typing; weighted name (A) > sku and tags (B) > description (C);
//  - a part of a SKU (`ILIKE`, trigram GIN on sku): "ELEC-AUD" finds ELEC-AUD-001;
//  - typos (`pg_trgm` word similarity on the name, GIN): "hedphones" still finds "Headphones",
//    switched on when the text as typed finds (almost) nothing.
// A product matching any one of them is found; the relevance adds up how well it matches.
import { escapeLike } from '@dm/common/like';
import { SUGGESTION_LIMIT, type Suggestion } from '@dm/contracts/catalog';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db.js';

/** A search box's text, ready for the query. */
export interface SearchTerms {
  /** the text as typed (trimmed): what the name's word similarity is measured against */
  text: string;
  /** the words as prefix terms for `to_tsquery` ("wireless:* & headph:*"), or null when there is no word */
  words: string | null;
  /** a single word is also looked up unstemmed, so a stop word being typed ("he…") still finds "Headphones" */
  single: boolean;
  /** `ILIKE` pattern on sku with `%`, `_` and `\` escaped, or null for text too short for the trigram index */
  skuPattern: string | null;
  /** whether the typo-tolerant match on the name is on (see `FUZZY_BELOW`) */
  fuzzy: boolean;
}

const MAX_WORDS = 8;
/** Shorter text has too few trigrams for the index to narrow anything down. */
const MIN_TRIGRAM_TEXT = 3;

/**
 * Typo tolerance costs: every product whose name shares trigrams with the text is read and
 * measured (about 15 ms at 100,000 products for a common word). So it is only switched on when
 * the text finds fewer than this many products as typed.
 */
export const FUZZY_BELOW = 5;

/**
 * `weights` restricts the words to those parts of a product (e.g. "A": the name only). Only letters,
 * digits and a decimal point between digits reach to_tsquery, so nothing a shopper types is read as
 * tsquery syntax.
 */
export function searchTerms(q: string, options: { weights?: string } = {}): SearchTerms {
  const text = q.trim();
  // A decimal stays whole ("6.1-inch" → 6.1, inch), as PostgreSQL's parser keeps it in the document.
  const words = (text.toLowerCase().match(/\p{N}+(?:\.\p{N}+)+|[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
  return {
    text,
    words: words.length === 0 ? null : words.map((w) => `${w}:*${options.weights ?? ''}`).join(' & '),
    single: words.length === 1,
    skuPattern: text.length >= MIN_TRIGRAM_TEXT ? `%${escapeLike(text)}%` : null,
    fuzzy: false,
  };
}

/** Whether the text is long enough for the typo-tolerant match. */
export function canBeFuzzy(t: SearchTerms): boolean {
  return t.text.replace(/[^\p{L}\p{N}]/gu, '').length >= MIN_TRIGRAM_TEXT;
}

// English stemming, so "headphones" finds "headphone"; a single word also as typed (the english
// configuration drops stop words, and "he" is one).
function tsquery(t: SearchTerms): RawBuilder<unknown> {
  const english = sql`to_tsquery('english'::regconfig, ${t.words})`;
  return t.single ? sql`(${english} || to_tsquery('simple'::regconfig, ${t.words}))` : english;
}

/** Products the words or the SKU find, as typed: one OR of two GIN-indexed conditions. */
export function exactMatch(t: SearchTerms): RawBuilder<SqlBool> {
  const any: RawBuilder<unknown>[] = [];
  if (t.words) any.push(sql`products.search @@ ${tsquery(t)}`);
  if (t.skuPattern) any.push(sql`products.sku ilike ${t.skuPattern}`);
  return any.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`(${sql.join(any, sql` or `)})`;
}

/** Products whose name is close to the text: word_similarity above pg_trgm's threshold (0.6), trigram GIN. */
export function fuzzyMatch(t: SearchTerms): RawBuilder<SqlBool> {
  return sql<SqlBool>`${t.text} <% products.name`;
}

/** What the search finds: as typed, and when `fuzzy` is on also with typos. */
export function searchMatch(t: SearchTerms): RawBuilder<SqlBool> {
  return t.fuzzy ? sql<SqlBool>`(${exactMatch(t)} or ${fuzzyMatch(t)})` : exactMatch(t);
}

/**
 * Higher is better: the full-text rank (cover density, weighted by where the words are), plus, with
 * typos on, how close the name is to the text, plus a lead for the exact SKU.
 */
export function relevance(t: SearchTerms): RawBuilder<number> {
  const parts: RawBuilder<unknown>[] = [];
  if (t.words) parts.push(sql`ts_rank_cd(products.search, ${tsquery(t)})`);
  if (t.fuzzy) parts.push(sql`word_similarity(${t.text}, products.name)`);
  parts.push(sql`(case when products.sku = ${t.text.toUpperCase()} then 10 else 0 end)`);
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

// ---- suggestions for a search box ----

export { SUGGESTION_LIMIT };

/**
 * One statement: the names holding words that start with the ones typed, best first; only when
 * they are fewer than eight does PostgreSQL go on to the names close to the text (typos), since the
 * LIMIT above the UNION ALL stops pulling rows once it has eight.
 */
export function suggestQuery(q: string): RawBuilder<Suggestion> {
  const terms = searchTerms(q, { weights: 'A' });
  const typed = { ...terms, skuPattern: null };
  const columns = sql`products.id, products.name, products.slug, products.price, products.image_url`;
  const exact = sql`
    select ${columns} from products
    where products.is_active and ${exactMatch(typed)}
    order by ${relevance(typed)} desc, products.name, products.id
    limit ${SUGGESTION_LIMIT}`;
  if (!canBeFuzzy(terms)) return sql<Suggestion>`${exact}`;
  const close = sql`
    select ${columns} from products
    where products.is_active and ${fuzzyMatch(typed)} and not ${exactMatch(typed)}
    order by word_similarity(${typed.text}, products.name) desc, products.name, products.id
    limit ${SUGGESTION_LIMIT}`;
  return sql<Suggestion>`(${exact}) union all (${close}) limit ${SUGGESTION_LIMIT}`;
}

/** Below two characters there is nothing to suggest yet. */
export async function suggestProducts(db: Kysely<Database>, q: string | undefined): Promise<Suggestion[]> {
  if (!q || q.trim().length < 2) return [];
  return (await suggestQuery(q).execute(db)).rows;
}
