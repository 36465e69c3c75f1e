// A shopper's words, corrected against the words the catalog holds (`search_words`) before the
// full-text query runs. Per word: as typed; in another spelling of the same letters ("creme" →
// crème, "tshirt" → t-shirt); within its typo budget (typos.ts); the admin's synonyms. Two words
// typed apart may be one ("head phones"), one may be two ("bookshelfspeakers"). All of it in one
// round trip; the candidates come from indexes (equality, prefix, trigram distance), and the exact
// count of typos is measured here over the few dozen that come back.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db.js';
import { fold, prefixTypoDistance, typoBudget, typoDistance } from './typos.js';

/** Nearest words by trigram distance looked at per typed word: plenty for a lexicon of tens of thousands. */
export const CANDIDATES = 40;
/** A synonym's term is at most this many words. */
const MAX_TERM_WORDS = 3;

/** One way a position (or a span of positions) may be matched. */
export interface Alternative {
  /** words, one space apart */
  words: string;
  typos: number;
  /** several words: side by side in this order (a synonym), else anywhere (a word cut in two: "teddybear") */
  phrase?: boolean;
}

/** A typed word and the ways it may match. */
export interface Position {
  typed: string;
  /** the catalog holds the word (or a form of it; the last word: a word starting with it) */
  known: boolean;
  alternatives: Alternative[];
}

/** Words typed apart matched as one, or a synonym of several typed words: positions from..to-1. */
export interface Span {
  from: number;
  to: number;
  alternatives: Alternative[];
}

export interface Correction {
  positions: Position[];
  spans: Span[];
  /** the text with unknown words replaced by their best correction, or null when there is none */
  corrected: string | null;
}

interface LookupRow {
  kind: 'known' | 'variant' | 'typo' | 'prefix' | 'joined' | 'half' | 'synonym';
  i: number | null;
  word: string;
  folded: string | null;
}

/** The statement behind `correct`, exported so the plan checks at scale read the very SQL. */
export function lookupQuery(typed: string[]): RawBuilder<LookupRow> {
  const folded = typed.map(fold);
  const budget = folded.map(typoBudget);
  const last = typed.length;
  const pairs = joinedPairs(folded);
  const halves = folded.flatMap((f) => splits(f).flat());
  const spans = termSpans(folded).map((s) => s.term);
  // A prefix as a range in byte order (text_pattern_ops): `like q.f || '%'` with a pattern known
  // only at run time would not use the btree.
  const startsWith = (f: RawBuilder<unknown>) => sql`(s.folded ~>=~ ${f} and s.folded ~<~ (${f} || chr(1114111)))`;
  return sql<LookupRow>`
    with q as materialized (
      select q.i::int as i, q.w, q.f, q.k, q.i = ${last} as last,
        exists (select 1 from search_words s where s.word = q.w)
          or exists (select 1 from search_words s where s.stem = coalesce((ts_lexize('english_stem', q.w))[1], q.w))
          or (q.i = ${last} and exists (select 1 from search_words s where ${startsWith(sql`q.f`)})) as known
      from unnest(${typed}::text[], ${folded}::text[], ${budget}::int[]) with ordinality as q(w, f, k, i)
    )
    select 'known' as kind, q.i, q.w as word, null as folded from q where q.known
    union all
    select 'variant', q.i, s.word, s.folded from q join search_words s on s.folded = q.f and s.word <> q.w
    union all
    select 'variant', q.i, s.word, s.folded from q
      join lateral (
        select word, folded from search_words s
        where ${startsWith(sql`q.f`)} and s.word <> s.folded
        order by s.folded limit ${CANDIDATES}
      ) s on true
      where q.last and char_length(q.f) >= 3
    union all
    select case when c.prefix then 'prefix' else 'typo' end, q.i, c.word, c.folded from q
      cross join lateral (
        select false as prefix, t.* from catalog_typo_candidates(q.f, q.k, false, ${CANDIDATES}) t
        union all
        select true, t.* from catalog_typo_candidates(q.f, q.k, true, ${CANDIDATES}) t where q.last
      ) c
      where not q.known and q.k > 0
    union all
    select 'joined', null::int, s.word, s.folded from search_words s where s.folded = any(${pairs}::text[])
    union all
    select distinct 'half', null::int, s.folded, s.folded from search_words s where s.folded = any(${halves}::text[])
    union all
    select 'synonym', null::int, y.synonym, y.term from search_synonyms y where y.term = any(${spans}::text[])`;
}

/** Each word typed with the next, as one. */
const joinedPairs = (folded: string[]): string[] => folded.slice(0, -1).map((f, i) => f + folded[i + 1]);

/** Ways to cut a word in two words of two letters or more. */
function splits(f: string): [string, string][] {
  const letters = [...f];
  const out: [string, string][] = [];
  for (let at = 2; at <= letters.length - 2; at++) out.push([letters.slice(0, at).join(''), letters.slice(at).join('')]);
  return out;
}

/** Every run of one to MAX_TERM_WORDS typed words, as a synonym's term would be written. */
function termSpans(folded: string[]): { from: number; to: number; term: string }[] {
  const out: { from: number; to: number; term: string }[] = [];
  for (let from = 0; from < folded.length; from++) {
    for (let to = from + 1; to <= Math.min(folded.length, from + MAX_TERM_WORDS); to++) {
      out.push({ from, to, term: folded.slice(from, to).join(' ') });
    }
  }
  return out;
}

/** The words as typed, lower-cased, and how the catalog's words may stand for them. */
export async function correct(db: Kysely<Database>, typed: string[]): Promise<Correction> {
  if (typed.length === 0) return { positions: [], spans: [], corrected: null };
  const rows = (await lookupQuery(typed).execute(db)).rows;
  const folded = typed.map(fold);
  const pairs = joinedPairs(folded);
  const positions: Position[] = typed.map((w) => ({ typed: w, known: false, alternatives: [{ words: w, typos: 0 }] }));
  const add = (list: Alternative[], alt: Alternative) => {
    const same = list.find((a) => a.words === alt.words);
    if (!same) list.push(alt);
    else same.typos = Math.min(same.typos, alt.typos);
  };
  const halves = new Set<string>();
  const spans: Span[] = [];
  for (const row of rows) {
    const i = row.i === null ? -1 : row.i - 1;
    const f = folded[i]!;
    switch (row.kind) {
      case 'known':
        positions[i]!.known = true;
        break;
      case 'variant':
        add(positions[i]!.alternatives, { words: row.word, typos: 0 });
        break;
      case 'typo': {
        const d = typoDistance(f, row.folded!, typoBudget(f));
        if (d <= typoBudget(f)) add(positions[i]!.alternatives, { words: row.word, typos: d });
        break;
      }
      case 'prefix': {
        const d = prefixTypoDistance(f, row.folded!, typoBudget(f));
        if (d <= typoBudget(f)) add(positions[i]!.alternatives, { words: row.word, typos: d });
        break;
      }
      case 'joined':
        pairs.forEach((pair, at) => {
          if (pair === row.folded) spans.push({ from: at, to: at + 2, alternatives: [{ words: row.word, typos: 0 }] });
        });
        break;
      case 'half':
        halves.add(row.word);
        break;
      case 'synonym':
        for (const s of termSpans(folded).filter((s) => s.term === row.folded)) {
          const synonym = { words: row.word, typos: 0, phrase: true };
          if (s.to - s.from === 1) add(positions[s.from]!.alternatives, synonym);
          else spans.push({ from: s.from, to: s.to, alternatives: [synonym] });
        }
        break;
    }
  }
  // A word the catalog does not hold may be two it does, typed together.
  positions.forEach((p, i) => {
    if (p.known) return;
    const cut = splits(folded[i]!).find(([a, b]) => halves.has(a) && halves.has(b));
    if (cut) add(p.alternatives, { words: cut.join(' '), typos: 0 });
  });
  for (const p of positions) p.alternatives.sort((a, b) => a.typos - b.typos);
  return { positions, spans, corrected: correctedText(positions, spans) };
}

/** Each unknown word as its best correction; two words typed apart that the catalog holds as one, joined. */
function correctedText(positions: Position[], spans: Span[]): string | null {
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    const joined = spans.find((s) => s.from === i && s.to === i + 2 && !(p.known && positions[i + 1]!.known));
    const joinedWord = joined?.alternatives[0]?.words;
    if (joinedWord && !joinedWord.includes(' ')) {
      out.push(joinedWord);
      changed = true;
      i++;
      continue;
    }
    const best = p.known ? undefined : p.alternatives.find((a) => a.words !== p.typed);
    if (best) {
      out.push(best.words);
      changed = true;
    } else {
      out.push(p.typed);
    }
  }
  return changed ? out.join(' ') : null;
}
