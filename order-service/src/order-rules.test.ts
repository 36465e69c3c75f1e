import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminNextStatuses, canTransition, isCancellable, ORDER_STATUSES, orderTotals, parseRate } from './order-rules.js';

const rules = { taxRatePpm: 50_000, shippingFlatCents: 499, freeShippingThresholdCents: 5000 };

describe('order state machine', () => {
  it('allows exactly the transitions of the brief', () => {
    const allowed = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    assert.deepEqual(allowed.sort(), [
      'paid→cancelled',
      'paid→processing',
      'pending→cancelled',
      'pending→paid',
      'processing→shipped',
      'shipped→delivered',
    ]);
  });

  it('cancels only pending and paid orders', () => {
    assert.deepEqual(ORDER_STATUSES.filter(isCancellable), ['pending', 'paid']);
  });

  it('never offers an admin “paid”: only a payment makes an order paid', () => {
    assert.deepEqual(adminNextStatuses('pending'), ['cancelled']);
    assert.deepEqual(adminNextStatuses('paid'), ['processing', 'cancelled']);
    assert.deepEqual(adminNextStatuses('delivered'), []);
  });
});

describe('order totals', () => {
  it('adds lines, tax and flat shipping below the threshold', () => {
    assert.deepEqual(orderTotals([{ unitPriceCents: 1999, quantity: 2 }], rules), { subtotal: 3998, tax: 200, shipping: 499, total: 4697 });
  });

  it('ships free from the threshold up', () => {
    assert.equal(orderTotals([{ unitPriceCents: 5000, quantity: 1 }], rules).shipping, 0);
    assert.equal(orderTotals([{ unitPriceCents: 4999, quantity: 1 }], rules).shipping, 499);
  });

  it('rounds tax half up to the cent, in integers even for large orders', () => {
    assert.equal(orderTotals([{ unitPriceCents: 10, quantity: 1 }], rules).tax, 1); // 0.5 cent → 1
    assert.equal(orderTotals([{ unitPriceCents: 9, quantity: 1 }], rules).tax, 0); // 0.45 cent → 0
    const big = orderTotals([{ unitPriceCents: 99_999_999_999, quantity: 1000 }], rules);
    assert.equal(big.tax, 4_999_999_999_950);
  });

  it('reads tax rates as exact fractions', () => {
    assert.equal(parseRate('0.05'), 50_000);
    assert.equal(parseRate('0.0825'), 82_500);
    assert.equal(parseRate('0'), 0);
    assert.equal(parseRate('1'), 1_000_000);
    for (const bad of ['5%', '-0.1', '1.5', '0.1234567', 'abc']) assert.equal(parseRate(bad), null, bad);
  });
});
