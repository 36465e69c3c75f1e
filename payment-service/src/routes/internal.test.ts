import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addOrder, asService, CARDS, person, type Stack, startStack } from '../test-support.js';

let s: Stack;

before(async () => {
  s = await startStack('payint');
});

after(async () => {
  await s.close();
});

async function paidOrder() {
  const shopper = person();
  const order = await addOrder(s.orders.db, shopper.id);
  const res = await s.pay(shopper, order.id, CARDS.good);
  assert.equal(res.status, 201);
  assert.equal(res.body.status, 'succeeded');
  return { shopper, order, paymentId: res.body.payment_id as string };
}

const refundsOf = (paymentId: string) => s.db.selectFrom('refunds').selectAll().where('payment_id', '=', paymentId).execute();

describe('POST /internal/refunds', () => {
  it("refunds the order's payment once: asking twice answers the same and writes one refund", async () => {
    const { order, paymentId } = await paidOrder();
    const body = { order_id: order.id, reason: 'cancelled by the customer' };
    const first = await s.api('POST', '/internal/refunds', body, asService);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { order_id: order.id, payment_id: paymentId, status: 'refunded', amount: '46.97' });
    const again = await s.api('POST', '/internal/refunds', body, asService);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);

    const refunds = await refundsOf(paymentId);
    assert.equal(refunds.length, 1);
    assert.equal(refunds[0]!.amount, '46.97');
    assert.equal(refunds[0]!.reason, 'cancelled by the customer');
    const payment = await s.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow();
    assert.equal(payment.status, 'refunded');
    assert.ok(payment.refunded_at instanceof Date);
  });

  it('gives one refund when two requests for it arrive at once', async () => {
    const { order, paymentId } = await paidOrder();
    const body = { order_id: order.id, reason: 'twice' };
    const [a, b] = await Promise.all([
      s.api('POST', '/internal/refunds', body, asService),
      s.api('POST', '/internal/refunds', body, asService),
    ]);
    assert.equal(a.status, 200);
    assert.deepEqual(a.body, b.body);
    assert.equal((await refundsOf(paymentId)).length, 1);
  });

  it('answers status "none" for an order with no payment (never paid, or only declined)', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    assert.equal((await s.pay(shopper, order.id, CARDS.declined)).body.status, 'failed');
    for (const orderId of [order.id, randomUUID()]) {
      const res = await s.api('POST', '/internal/refunds', { order_id: orderId, reason: 'cancelled' }, asService);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { order_id: orderId, status: 'none' });
    }
  });

  it('refuses a user or admin token with 403 and no token with 401, refunding nothing', async () => {
    const { order, paymentId } = await paidOrder();
    const body = { order_id: order.id, reason: 'I want my money back' };
    assert.equal((await s.api('POST', '/internal/refunds', body)).status, 401);
    const asUser = await s.api('POST', '/internal/refunds', body, person().headers);
    assert.equal(asUser.status, 403);
    assert.deepEqual(asUser.body, { detail: 'service token required' });
    assert.equal((await s.api('POST', '/internal/refunds', body, person('admin').headers)).status, 403);
    assert.deepEqual(await refundsOf(paymentId), []);
  });

  it('answers 422 to an order id that is not a UUID, and takes a missing reason', async () => {
    for (const body of [{}, { order_id: 'nope' }, { order_id: 42 }]) {
      const res = await s.api('POST', '/internal/refunds', body, asService);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.errors[0].field, 'order_id');
    }
    const { order, paymentId } = await paidOrder();
    const res = await s.api('POST', '/internal/refunds', { order_id: order.id }, asService);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'refunded');
    assert.equal((await refundsOf(paymentId))[0]!.reason, 'refund requested');
  });

  it('is what order-service calls when a paid order is cancelled: the cancel ends in one refund', async () => {
    const { shopper, order, paymentId } = await paidOrder();
    assert.equal((await s.orders.order(order.id)).status, 'paid');
    const cancel = await s.orders.api('POST', `/orders/${order.id}/cancel`, {}, shopper.headers);
    assert.equal(cancel.status, 200);
    assert.equal(cancel.body.status, 'cancelled');
    // order-service delivers its refund message right after the cancel commits, before it answers.
    const refunds = await refundsOf(paymentId);
    assert.equal(refunds.length, 1);
    assert.equal(refunds[0]!.reason, 'cancelled by the customer');
    const history = await s.api('GET', '/payments', undefined, shopper.headers);
    assert.equal(history.body.items[0].payment_id, paymentId);
    assert.equal(history.body.items[0].refunded, true);
  });
});
