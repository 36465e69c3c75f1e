// The rules of reviews, as pure functions: what a change of a review does to its product's figures,
// the summary those figures make, and how the author is named on the page.
import { averageRating, type ReviewSummary } from '@dm/contracts/reviews';

/** How many visible reviews gave 1, 2, 3, 4 and 5 stars (index 0 is one star). */
export type StarCounts = readonly [number, number, number, number, number];

export const NO_STARS: StarCounts = [0, 0, 0, 0, 0];

/** A review as its product's figures see it: its stars count only while it is visible. */
export interface Counted {
  rating: number;
  visible: boolean;
}

/**
 * What a change of one review does to its product's counts: a review written, edited, hidden,
 * shown again or deleted (`null` before: new; `null` after: deleted).
 */
export function starsDelta(before: Counted | null, after: Counted | null): StarCounts {
  const delta = [0, 0, 0, 0, 0];
  if (before?.visible) delta[before.rating - 1]! -= 1;
  if (after?.visible) delta[after.rating - 1]! += 1;
  return delta as unknown as StarCounts;
}

export const changesNothing = (delta: StarCounts): boolean => delta.every((d) => d === 0);

/** The count of the reviews and the sum of their stars: what the catalog is told. */
export function countAndSum(stars: StarCounts): { count: number; sum: number } {
  return {
    count: stars.reduce((n, s) => n + s, 0),
    sum: stars.reduce((n, s, i) => n + s * (i + 1), 0),
  };
}

/** The figures a product page shows: the average to one decimal (exact), the count, the distribution. */
export function summaryOf(stars: StarCounts): ReviewSummary {
  const { count, sum } = countAndSum(stars);
  return {
    average: averageRating(sum, count),
    count,
    distribution: { 1: stars[0], 2: stars[1], 3: stars[2], 4: stars[3], 5: stars[4] },
  };
}

const ANONYMOUS = 'A shopper';

/**
 * How a review names its author in public: the first name and the initial of the last ("Sam
 * Shopper" → "Sam S."), never the whole name nor the email.
 */
export function authorName(fullName: string | undefined): string {
  const words = (fullName ?? '').trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return ANONYMOUS;
  const given = [...first].slice(0, 40).join('');
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return last ? `${given} ${[...last][0]!.toUpperCase()}.` : given;
}
