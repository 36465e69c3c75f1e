import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averageRating } from '@dm/contracts/reviews';
import { authorName, changesNothing, countAndSum, NO_STARS, type StarCounts, starsDelta, summaryOf } from './review-rules.js';

describe('averageRating', () => {
  it('is exact to one decimal, rounding half up, from integers alone', () => {
    const cases: [number, number, string | null][] = [
      [0, 0, null],
      [5, 1, '5.0'],
      [1, 1, '1.0'],
      [13, 3, '4.3'], // 4.333…
      [14, 3, '4.7'], // 4.666…
      [9, 2, '4.5'],
      [43, 10, '4.3'],
      [87, 20, '4.4'], // 4.35 exactly: half up (a float would say 4.35 → 4.3 or 4.4 by luck)
      [29, 20, '1.5'], // 1.45 exactly
      [49, 20, '2.5'], // 2.45 exactly
      [201, 200, '1.0'], // 1.005
      [299, 100, '3.0'], // 2.99
      [294, 100, '2.9'], // 2.94
      [4999999, 1000000, '5.0'], // 4.999999
    ];
    for (const [sum, count, expected] of cases) assert.equal(averageRating(sum, count), expected, `${sum}/${count}`);
  });

  it('gives every average of a large number of reviews between 1.0 and 5.0 with one decimal', () => {
    for (let count = 1; count <= 60; count++) {
      for (let sum = count; sum <= 5 * count; sum++) {
        const average = averageRating(sum, count)!;
        assert.match(average, /^[1-5]\.\d$/);
        // Compared with exact rational arithmetic: |average - sum/count| <= 0.05, half up.
        const tenths = Number(average.replace('.', ''));
        assert.ok(20 * sum >= (2 * tenths - 1) * count && 20 * sum < (2 * tenths + 1) * count, `${sum}/${count} → ${average}`);
      }
    }
  });
});

describe('starsDelta', () => {
  const visible = (rating: number) => ({ rating, visible: true });
  const hidden = (rating: number) => ({ rating, visible: false });

  it('counts a new review, takes away a deleted one and moves an edited one', () => {
    assert.deepEqual(starsDelta(null, visible(4)), [0, 0, 0, 1, 0]);
    assert.deepEqual(starsDelta(visible(2), null), [0, -1, 0, 0, 0]);
    assert.deepEqual(starsDelta(visible(2), visible(5)), [0, -1, 0, 0, 1]);
    assert.ok(changesNothing(starsDelta(visible(3), visible(3))));
  });

  it('leaves hidden reviews out: hiding takes the stars away, showing gives them back, editing a hidden one changes nothing', () => {
    assert.deepEqual(starsDelta(visible(1), hidden(1)), [-1, 0, 0, 0, 0]);
    assert.deepEqual(starsDelta(hidden(1), visible(1)), [1, 0, 0, 0, 0]);
    assert.ok(changesNothing(starsDelta(hidden(2), hidden(5))));
    assert.ok(changesNothing(starsDelta(hidden(2), null)));
  });
});

describe('summaryOf', () => {
  it('gives the average with one decimal, the count and the distribution by stars', () => {
    const stars: StarCounts = [1, 0, 2, 3, 6];
    assert.deepEqual(summaryOf(stars), { average: '4.1', count: 12, distribution: { 1: 1, 2: 0, 3: 2, 4: 3, 5: 6 } });
    assert.deepEqual(countAndSum(stars), { count: 12, sum: 49 });
    assert.deepEqual(summaryOf(NO_STARS), { average: null, count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
  });
});

describe('authorName', () => {
  it('shows the first name and the initial of the last, never the whole name', () => {
    assert.equal(authorName('Sam Shopper'), 'Sam S.');
    assert.equal(authorName('  ada   king  lovelace '), 'ada L.');
    assert.equal(authorName('Prince'), 'Prince');
    assert.equal(authorName('Émile zola'), 'Émile Z.');
    assert.equal(authorName(''), 'A shopper');
    assert.equal(authorName(undefined), 'A shopper');
  });
});
