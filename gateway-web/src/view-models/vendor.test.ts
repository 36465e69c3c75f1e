import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { salesChart } from './vendor.js';

const dayOf = (gross: string, i: number) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, gross, net: gross, units: 1 });

describe('salesChart', () => {
  it('scales the bars to the best day in whole pixels, a sold day at least a sliver, an empty one flat', () => {
    const chart = salesChart(['100.00', '50.00', '0.00', '0.01'].map(dayOf));
    assert.deepEqual(
      chart.bars.map((b) => [b.x, b.y, b.height]),
      [
        [0, 0, 120],
        [18, 60, 60],
        [36, 120, 0],
        [54, 118, 2],
      ],
    );
    assert.deepEqual([chart.width, chart.height, chart.best], [68, 120, '100.00']);
  });

  it('draws nothing tall when nothing sold', () => {
    const chart = salesChart(['0.00', '0.00'].map(dayOf));
    assert.ok(chart.bars.every((b) => b.height === 0));
    assert.equal(chart.best, '0.00');
  });
});
