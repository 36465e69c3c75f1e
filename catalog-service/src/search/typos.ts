// How many typos a word may hold, and how many it does: the rules of the dedicated search engines
// (Meilisearch's defaults), measured on words folded the way the lexicon folds them.

/** No typo under 5 letters, one from 5 to 8, two from 9 on. */
export function typoBudget(word: string): number {
  const n = [...word].length;
  return n >= 9 ? 2 : n >= 5 ? 1 : 0;
}

// Letters that carry no accent to strip but are written without one by whoever lacks the key.
const SPELLED_OUT: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower-cased, without accents or hyphens: as catalog_fold() leaves the lexicon's words. */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, (c) => SPELLED_OUT[c] ?? c)
    .replaceAll('-', '');
}

/**
 * The optimal-string-alignment distance: insertions, deletions, substitutions and transpositions of
 * two neighbours, each one typo ("candel" → "candle" is one). Stops early once every path costs
 * more than `max`, answering max + 1.
 */
export function typoDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  return distances(a, b, max).whole;
}

/**
 * The fewest typos between `typed` and any start of `word`: the word being typed last matches as a
 * prefix ("headfo" is one typo from "headpho…").
 */
export function prefixTypoDistance(typed: string, word: string, max = Number.POSITIVE_INFINITY): number {
  return distances(typed, word, max).bestPrefix;
}

function distances(a: string, b: string, max: number): { whole: number; bestPrefix: number } {
  const s = [...a];
  const t = [...b];
  // rows[i][j]: typos between the first i characters of s and the first j of t
  let before: number[] = [];
  let previous: number[] = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return { whole: max + 1, bestPrefix: max + 1 };
    before = previous;
    previous = current;
  }
  return { whole: Math.min(previous[t.length]!, max + 1), bestPrefix: Math.min(Math.min(...previous), max + 1) };
}
