// The order-paid message against the real order-service: what each of its answers leads to.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@dm/common/testing';
import { addOrder, CARDS, type Person, pendingMessages, person, type Stack, startStack } from './test-support.js';

let s: Stack;

before(async () => {
  s = await startStack('paymsg');
});

after(async () => {
  await s.close();
});

/** A payment that succeeded while order-service went down right after checking the order. */
async function payWhileOrderServiceDies(shopper: Person, orderId: string) {
  const stopped = s.orders.stopAfterNextRead();
  const res = await s.pay(shopper, orderId, CARDS.good);
  await stopped;
  assert.equal(res.status, 201);
  assert.equal(res.body.status, 'succeeded');
  const [message, ...more] = await pendingMessages(s.db);
  assert.ok(message);
  assert.deepEqual(more, []);
  return { paymentId: res.body.payment_id as string, messageId: message.id };
}

const outboxRow = (id: string) => s.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const paymentRow = (id: string) => s.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('order-paid delivery', () => {
  it('refunds the payment when the order was cancelled before order-service heard of it', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const { paymentId, messageId } = await payWhileOrderServiceDies(shopper, order.id);

    await s.orders.start();
    const cancel = await s.orders.api('POST', `/orders/${order.id}/cancel`, {}, shopper.headers);
    assert.equal(cancel.status, 200);
    assert.equal(cancel.body.status, 'cancelled');

    await eventually(async () => {
      await s.deps.outbox.deliver(messageId);
      return (await outboxRow(messageId)).delivered_at !== null;
    }, 'the order-paid message is done');
    const message = await outboxRow(messageId);
    assert.doesNotMatch(message.last_error ?? '', /discarded/);

    const payment = await paymentRow(paymentId);
    assert.equal(payment.status, 'refunded');
    const refunds = await s.db.selectFrom('refunds').selectAll().where('payment_id', '=', paymentId).execute();
    assert.equal(refunds.length, 1);
    assert.equal(refunds[0]!.reason, 'order was no longer payable');
    assert.equal(refunds[0]!.amount, '46.97');

    const after = await s.orders.order(order.id);
    assert.equal(after.status, 'cancelled');
    assert.equal(after.payment_id, null);
    const history = await s.api('GET', '/payments', undefined, shopper.headers);
    assert.equal(history.body.items[0].refunded, true);
  });

  it('refunds the payment when its order is gone (order-service answers 404)', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const { paymentId, messageId } = await payWhileOrderServiceDies(shopper, order.id);
    await s.orders.start();
    await s.orders.db.deleteFrom('orders').where('id', '=', order.id).execute();

    await eventually(async () => {
      await s.deps.outbox.deliver(messageId);
      return (await outboxRow(messageId)).delivered_at !== null;
    }, 'the order-paid message is done');
    assert.equal((await paymentRow(paymentId)).status, 'refunded');
  });

  it('is delivered by the background loop once order-service is back', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const { paymentId, messageId } = await payWhileOrderServiceDies(shopper, order.id);
    await s.orders.start();
    // Due now rather than after the backoff, so the loop's first round takes it.
    await s.db.updateTable('outbox').set({ next_attempt_at: new Date() }).where('id', '=', messageId).execute();
    s.deps.outbox.start();
    try {
      await eventually(async () => (await s.orders.order(order.id)).status === 'paid', 'the loop pays the order');
    } finally {
      await s.deps.outbox.stop();
    }
    assert.equal((await s.orders.order(order.id)).payment_id, paymentId);
    assert.notEqual((await outboxRow(messageId)).delivered_at, null);
  });

  it('is idempotent at order-service: delivering the same payment again changes nothing', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const res = await s.pay(shopper, order.id, CARDS.good);
    assert.equal((await s.orders.order(order.id)).status, 'paid');
    const handled = await s.orders.api(
      'POST',
      `/internal/orders/${order.id}/paid`,
      { payment_id: res.body.payment_id, amount: '46.97' },
      { authorization: `Bearer ${s.deps.serviceToken()}` },
    );
    assert.equal(handled.status, 200);
    assert.equal((await paymentRow(res.body.payment_id)).status, 'succeeded');
  });
});
