// payments_total: charges and refunds as they commit, once each, whatever is retried.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { scrapeMetric } from '@dm/common/testing';
import { addOrder, asService, CARDS, person, type Stack, startStack } from './test-support.js';

let s: Stack;

before(async () => {
  s = await startStack('paymetrics');
});

after(async () => {
  await s.close();
});

const payments = async () => {
  const outcome = (name: string) => scrapeMetric(s.url, 'payments_total', { outcome: name });
  return { succeeded: await outcome('succeeded'), failed: await outcome('failed'), refunded: await outcome('refunded') };
};

describe('payments_total', () => {
  it('counts a decline, a charge replayed by its Idempotency-Key once, and a refund asked for twice once', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const start = await payments();

    assert.equal((await s.pay(shopper, order.id, CARDS.declined)).body.status, 'failed');
    const key = randomUUID();
    assert.equal((await s.pay(shopper, order.id, CARDS.good, key)).body.status, 'succeeded');
    assert.equal((await s.pay(shopper, order.id, CARDS.good, key)).body.status, 'succeeded', 'the replay answers the same');
    for (let i = 0; i < 2; i++) {
      const refund = await s.api('POST', '/internal/refunds', { order_id: order.id, reason: 'cancelled' }, asService);
      assert.equal(refund.body.status, 'refunded');
    }

    const now = await payments();
    assert.deepEqual(
      { succeeded: now.succeeded - start.succeeded, failed: now.failed - start.failed, refunded: now.refunded - start.refunded },
      { succeeded: 1, failed: 1, refunded: 1 },
    );
  });
});
