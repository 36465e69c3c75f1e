import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adminNextStatuses,
  canTransition,
  isCancellable,
  isShippable,
  ORDER_STATUSES,
  orderTotals,
  parseRate,
  splitSale,
  statusesAfterShipping,
} from './order-rules.js';

const rules = { taxRatePpm: 50_000, shippingFlatCents: 499, freeShippingThresholdCents: 5000, commissionRatePpm: 100_000 };

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

describe('shipping items', () => {
  it('ships items of paid and processing orders only', () => {
    assert.deepEqual(ORDER_STATUSES.filter(isShippable), ['paid', 'processing']);
  });

  it('moves a paid order to processing at its first shipment and to shipped at its last, through allowed transitions', () => {
    assert.deepEqual(statusesAfterShipping('paid', false), ['processing']);
    assert.deepEqual(statusesAfterShipping('paid', true), ['processing', 'shipped']);
    assert.deepEqual(statusesAfterShipping('processing', false), []);
    assert.deepEqual(statusesAfterShipping('processing', true), ['shipped']);
    assert.deepEqual(statusesAfterShipping('shipped', true), []);
    for (const from of ORDER_STATUSES) {
      let at: (typeof ORDER_STATUSES)[number] = from;
      for (const to of statusesAfterShipping(from, true)) {
        assert.ok(canTransition(at, to), `${at}→${to}`);
        at = to;
      }
    }
  });
});

describe('commission', () => {
  it('rounds the commission half up to the cent and gives the vendor exactly the rest', () => {
    assert.deepEqual(splitSale(1999, 100_000), { gross: 1999, commission: 200, net: 1799 }); // 199.9 → 200
    assert.deepEqual(splitSale(1995, 100_000), { gross: 1995, commission: 200, net: 1795 }); // 199.5 → 200
    assert.deepEqual(splitSale(1994, 100_000), { gross: 1994, commission: 199, net: 1795 }); // 199.4 → 199
    assert.deepEqual(splitSale(5, 100_000), { gross: 5, commission: 1, net: 4 }); // 0.5 → 1
    assert.deepEqual(splitSale(0, 100_000), { gross: 0, commission: 0, net: 0 });
    assert.deepEqual(splitSale(1000, 0), { gross: 1000, commission: 0, net: 1000 });
    assert.deepEqual(splitSale(1000, 1_000_000), { gross: 1000, commission: 1000, net: 0 });
    assert.equal(splitSale(9_999_999_999_900, 123_457).commission, 1_234_569_999_988); // exact beyond a float's cents
  });

  it('always adds up, for any amount and rate', () => {
    for (let i = 0; i < 2000; i++) {
      const gross = Math.floor(Math.random() * 10_000_000);
      const rate = Math.floor(Math.random() * 1_000_001);
      const { commission, net } = splitSale(gross, rate);
      assert.equal(commission + net, gross);
      assert.ok(commission >= 0 && net >= 0);
    }
  });

  it('refuses what is not a sale in cents', () => {
    assert.throws(() => splitSale(-1, 100_000), RangeError);
    assert.throws(() => splitSale(1.5, 100_000), RangeError);
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
