// What a shopper types, turned into conditions PostgreSQL answers from indexes:
//  - full text (`products.search`, GIN): stemmed English words, the last one a prefix so "headph"
//    finds "Headphones" while typing; weighted name (A) > sku and tags (B) > description (C);
//  - typos, other spellings, words typed apart or together, synonyms: each word is first corrected
//    against the catalog's own words (lexicon.ts), and the full text asks for any of its forms;
//  - a part of a SKU (`ILIKE`, trigram GIN on sku): "ELEC-AUD" finds ELEC-AUD-001.
// A product matching any one of them is found; the relevance ranks the exact SKU first, then fewer
// typos above more, then how well the words match.
import { escapeLike } from '@dm/common/like';
import { SUGGESTION_LIMIT, type Suggestion } from '@dm/contracts/catalog';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db.js';
import type { Alternative, Correction } from './lexicon.js';

/** A search box's text, ready for the query. */
export interface SearchTerms {
  /** the text as typed (trimmed): what the name's word similarity is measured against */
  text: string;
  /** the words, lower-cased, as typed */
  typed: string[];
  /** the query for `to_tsquery` ("wireless & headph:*"), or null when there is no word */
  words: string | null;
  /** a single word is also looked up unstemmed, so a stop word being typed ("he…") still finds "Headphones" */
  single: boolean;
  /** `ILIKE` pattern on sku with `%`, `_` and `\` escaped, or null for text too short for the trigram index */
  skuPattern: string | null;
  /** once corrected: per word (or words) typed, what it may match; see `withCorrection` */
  units?: Unit[];
  /** the text with its unknown words corrected, when that differs from the text typed */
  corrected?: string | null;
}

/** What one typed word, or words typed apart that may be one, may match. */
export interface Unit {
  /** the word (or words) as the shopper would read them: as typed, or corrected when unknown */
  label: string;
  /** tsquery text: any of the alternatives */
  query: string;
  /** when typo matches are among them: the tsquery of the alternatives within each number of typos, fewest first */
  tiers: { typos: number; query: string }[];
}

const MAX_WORDS = 8;
/** Shorter text has too few trigrams for the index to narrow anything down. */
const MIN_TRIGRAM_TEXT = 3;

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
    typed: words,
    words: words.length === 0 ? null : words.map((w) => `${w}:*${options.weights ?? ''}`).join(' & '),
    single: words.length === 1,
    skuPattern: text.length >= MIN_TRIGRAM_TEXT ? `%${escapeLike(text)}%` : null,
  };
}

// Only words of letters and digits, joined by a hyphen or a point, reach to_tsquery from the lexicon.
const TSQUERY_WORD = /^[\p{L}\p{N}]+(?:[.-][\p{L}\p{N}]+)*$/u;

/** One alternative as tsquery text: its words (a phrase, or all of them), the last one a prefix when `prefix`. */
function alternativeQuery(alt: Alternative, prefix: boolean): string | null {
  const words = alt.words.split(' ');
  if (!words.every((w) => TSQUERY_WORD.test(w))) return null;
  return words.map((w, i) => (prefix && i === words.length - 1 ? `${w}:*` : w)).join(alt.phrase ? ' <-> ' : ' & ');
}

const anyOf = (queries: (string | null)[]): string => {
  const unique = [...new Set(queries.filter((q): q is string => q !== null))];
  return unique.length === 1 ? unique[0]! : `(${unique.join(' | ')})`;
};

/**
 * The terms with the corrections of their words: every word (a position) matches any of its
 * alternatives; words typed apart that the catalog holds as one (a span) match either way.
 */
export function withCorrection(t: SearchTerms, c: Correction): SearchTerms {
  if (c.positions.length === 0) return t;
  const last = c.positions.length - 1;
  const label = (i: number): string => {
    const p = c.positions[i]!;
    return (p.known ? undefined : p.alternatives.find((a) => a.words !== p.typed)?.words) ?? p.typed;
  };
  const position = (i: number): Unit => {
    const alts = c.positions[i]!.alternatives;
    const prefix = i === last;
    const query = anyOf(alts.map((a) => alternativeQuery(a, prefix)));
    const most = Math.max(...alts.map((a) => a.typos));
    const tiers = [];
    for (let typos = 0; most > 0 && typos < most; typos++) {
      tiers.push({ typos, query: anyOf(alts.filter((a) => a.typos <= typos).map((a) => alternativeQuery(a, prefix))) });
    }
    return { label: label(i), query, tiers };
  };
  const units: Unit[] = [];
  for (let i = 0; i <= last; ) {
    const span = c.spans.filter((s) => s.from === i).sort((a, b) => b.to - a.to)[0];
    if (!span) {
      units.push(position(i));
      i++;
      continue;
    }
    const each = Array.from({ length: span.to - span.from }, (_, k) => `${position(i + k).query}`);
    const whole = span.alternatives.map((a) => alternativeQuery(a, span.to - 1 === last));
    const labels = Array.from({ length: span.to - span.from }, (_, k) => label(i + k)).join(' ');
    units.push({ label: labels, query: anyOf([`(${each.join(' & ')})`, ...whole]), tiers: [] });
    i = span.to;
  }
  return { ...t, units, words: units.map((u) => u.query).join(' & '), corrected: c.corrected };
}

/** The terms with only some of their units (by index): for when all of them together find nothing. */
export function withUnits(t: SearchTerms, keep: number[]): SearchTerms {
  const units = keep.map((i) => t.units![i]!);
  return { ...t, units, words: units.length === 0 ? null : units.map((u) => u.query).join(' & ') };
}

/** Whether the text is long enough for the trigram match of suggestions. */
export function canBeFuzzy(t: SearchTerms): boolean {
  return t.text.replace(/[^\p{L}\p{N}]/gu, '').length >= MIN_TRIGRAM_TEXT;
}

// English stemming, so "headphones" finds "headphone"; a single word also as typed (the english
// configuration drops stop words, and "he" is one).
function tsquery(t: SearchTerms, words: string | null = t.words): RawBuilder<unknown> {
  const english = sql`to_tsquery('english'::regconfig, ${words})`;
  return t.single ? sql`(${english} || to_tsquery('simple'::regconfig, ${words}))` : english;
}

/** Products the words or the SKU find, as typed: one OR of two GIN-indexed conditions. */
export function exactMatch(t: SearchTerms): RawBuilder<SqlBool> {
  const any: RawBuilder<unknown>[] = [];
  if (t.words) any.push(sql`products.search @@ ${tsquery(t)}`);
  if (t.skuPattern) any.push(sql`products.sku ilike ${t.skuPattern}`);
  return any.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`(${sql.join(any, sql` or `)})`;
}

/** Products whose name is close to the text: word_similarity above pg_trgm's threshold (0.6), trigram GIN. */
function fuzzyMatch(t: SearchTerms): RawBuilder<SqlBool> {
  return sql<SqlBool>`${t.text} <% products.name`;
}

/**
 * Higher is better: a lead for the exact SKU; then fewer typos; then the full-text rank (cover
 * density, weighted by where the words are, scaled below 1 so it only orders products tied on the
 * rest).
 */
export function relevance(t: SearchTerms): RawBuilder<number> {
  const parts: RawBuilder<unknown>[] = [];
  if (t.words) parts.push(sql`ts_rank_cd(products.search, ${tsquery(t)}, 32)`);
  for (const u of t.units ?? []) {
    if (u.tiers.length === 0) continue;
    const tiers = u.tiers.map((tier) => sql`when products.search @@ ${tsquery(t, tier.query)} then ${sql.raw(String(-tier.typos))}`);
    parts.push(sql`(case ${sql.join(tiers, sql` `)} else ${sql.raw(String(-u.tiers.length))} end)`);
  }
  parts.push(sql`(case when products.sku = ${t.text.toUpperCase()} then 1000 else 0 end)`);
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
