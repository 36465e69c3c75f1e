// The consumer `notification` through real HTTP, as the producers' HTTP transport reaches it: each
// event records its mail once however it is delivered, events that come before their order wait
// (503, retried), unreadable ones become dead letters, and the sender delivers what was recorded.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { mailFolder, messageIdOf } from '@dm/common/mailer';
import { eventually } from '@dm/common/testing';
import {
  asService,
  type NotificationTestService,
  orderCancelled,
  orderIdOf,
  orderPlaced,
  paymentFailed,
  paymentRefunded,
  shopper,
  startNotificationService,
  statusChanged,
  TEST_PUBLIC_URL,
} from '../test-support.js';

let service: NotificationTestService;

before(async () => {
  service = await startNotificationService('nt_events');
});

after(async () => {
  await service.close();
});

const mailsOf = (userId: string) =>
  service.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

async function sentMailsOf(userId: string, count: number) {
  await eventually(
    async () => (await mailsOf(userId)).filter((m) => m.status === 'sent').length >= count,
    `${count} mail(s) of the user are sent`,
  );
  return mailsOf(userId);
}

describe('notification consumer', () => {
  it('order.placed posted three times at once, then again, records and sends exactly one confirmation with the items and the total', async () => {
    const sam = shopper();
    const placed = orderPlaced(sam);
    const replies = await Promise.all([service.post(placed), service.post(placed), service.post(placed)]);
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 200, 200], replies.map((r) => r.text).join('\n'));
    assert.deepEqual(replies.map((r) => r.body.outcome).sort(), ['duplicate', 'duplicate', 'handled']);
    assert.equal((await service.post(placed)).body.outcome, 'duplicate');

    const [mail, ...more] = await sentMailsOf(sam.id, 1);
    assert.equal(more.length, 0, 'one notification for one event');
    assert.ok(mail);
    assert.equal(mail.kind, 'order_confirmation');
    assert.equal(mail.email, sam.email);
    assert.equal(mail.attempts, 1);
    assert.ok(mail.sent_at);

    const message = await service.mailbox.waitFor(sam.email, 'is confirmed');
    assert.equal(message.id, mail.id, 'the development mailbox names the file by the notification id');
    for (const body of [message.text, message.html ?? '']) {
      assert.match(body, /Copper Kettle/);
      assert.match(body, /\$19\.99/);
      assert.match(body, /\$39\.98/);
      assert.match(body, /\$52\.22/, 'the total');
      assert.match(body, new RegExp(`${TEST_PUBLIC_URL}/orders/${orderIdOf(placed)}`));
    }
    assert.match(message.text, /Green Tea & <Honey>/, 'plain text as it is');
    assert.match(message.html ?? '', /Green Tea &amp; &lt;Honey&gt;/, 'HTML escaped');
    assert.doesNotMatch(message.html ?? '', /<Honey>/);
    const raw = await readFile(`${mailFolder(service.mailbox.dataDir)}/${mail.id}.eml`, 'utf8');
    assert.match(raw, new RegExp(`^Message-ID: ${messageIdOf(mail.id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    const files = (await readdir(mailFolder(service.mailbox.dataDir))).filter((f) => f.startsWith(mail.id));
    assert.deepEqual(files, [`${mail.id}.eml`]);
  });

  it('payment.failed for an order not heard of yet is refused with 503 (retried), and handled once order.placed has come', async () => {
    const sam = shopper();
    const placed = orderPlaced(sam);
    const orderId = orderIdOf(placed);
    const failed = paymentFailed(sam, orderId);
    const early = await service.post(failed);
    assert.equal(early.status, 503, early.text);
    assert.match(early.body.detail, /not known yet/);
    assert.equal((await mailsOf(sam.id)).length, 0);

    assert.equal((await service.post(placed)).body.outcome, 'handled');
    const later = await service.post(failed);
    assert.equal(later.status, 200, later.text);
    assert.equal(later.body.outcome, 'handled');

    const mails = await sentMailsOf(sam.id, 2);
    assert.deepEqual(mails.map((m) => m.kind).sort(), ['order_confirmation', 'payment_failed']);
    const message = await service.mailbox.waitFor(sam.email, 'did not go through');
    assert.match(message.text, /\$52\.22/);
    assert.match(message.text, /card ending 0002/);
    assert.match(message.text, /card declined/);
    const inbox = await service.db
      .selectFrom('inbox')
      .select(['status', 'attempts'])
      .where('event_id', '=', failed.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(inbox, { status: 'handled', attempts: 2 }, 'the failed attempt was counted');
  });

  it('an event that can never be read is a dead letter at once, listed for the admin; one that keeps failing becomes one after its attempts', async () => {
    const poison = {
      id: crypto.randomUUID(),
      type: 'order.placed',
      version: 1,
      occurred_at: new Date().toISOString(),
      source: 'x',
      payload: { order_id: 'nope' },
    };
    const res = await service.post(poison);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.outcome, 'dead');

    const sam = shopper();
    const orphan = paymentFailed(sam, crypto.randomUUID());
    const outcomes: number[] = [];
    for (let i = 0; i < 5; i++) outcomes.push((await service.post(orphan)).status);
    assert.deepEqual(outcomes, [503, 503, 503, 503, 200], 'the fifth failure gives the event up');

    const dead = await service.api('GET', '/internal/events/dead', undefined, asService('order-service'));
    assert.equal(dead.status, 200);
    const ids = dead.body.items.map((d: { event_id: string }) => d.event_id);
    assert.ok(ids.includes(poison.id), 'the poison envelope');
    assert.ok(ids.includes(orphan.id), 'the event given up');
    assert.equal((await mailsOf(sam.id)).length, 0);
  });

  it('a shipped order gets one mail with its tracking numbers; other status changes get none', async () => {
    const sam = shopper();
    const placed = orderPlaced(sam);
    const orderId = orderIdOf(placed);
    await service.post(placed);
    assert.equal((await service.post(statusChanged(sam, orderId, 'processing'))).body.outcome, 'handled');
    assert.equal((await service.post(statusChanged(sam, orderId, 'shipped', ['1Z999AA10123456784', 'TRACK<2>']))).body.outcome, 'handled');
    assert.equal((await service.post(statusChanged(sam, orderId, 'delivered'))).body.outcome, 'handled');
    const mails = await sentMailsOf(sam.id, 2);
    assert.deepEqual(mails.map((m) => m.kind).sort(), ['order_confirmation', 'order_shipped']);
    const message = await service.mailbox.waitFor(sam.email, 'has shipped');
    assert.match(message.text, /1Z999AA10123456784/);
    assert.match(message.text, /TRACK<2>/);
    assert.match(message.html ?? '', /TRACK&lt;2&gt;/);
  });

  it('a paid order cancelled and refunded is told in one mail; a refund no cancellation told of gets its own', async () => {
    const sam = shopper();
    const placed = orderPlaced(sam);
    const orderId = orderIdOf(placed);
    await service.post(placed);
    await service.post(orderCancelled(sam, orderId, true));
    assert.equal((await service.post(paymentRefunded(sam, orderId, 'changed my mind'))).body.outcome, 'handled');
    const mails = await sentMailsOf(sam.id, 2);
    assert.deepEqual(mails.map((m) => m.kind).sort(), ['order_cancelled', 'order_confirmation'], 'no second mail for the refund');
    const cancelled = await service.mailbox.waitFor(sam.email, 'is cancelled');
    assert.match(cancelled.text, /\$52\.22 you paid has been refunded/);

    // An unpaid order cancelled, then a payment that landed too late and went back.
    const kim = shopper('Kim Keen');
    const second = orderPlaced(kim);
    const secondId = orderIdOf(second);
    await service.post(second);
    await service.post(orderCancelled(kim, secondId, false));
    await service.post(paymentRefunded(kim, secondId, 'order was no longer payable'));
    const kimMails = await sentMailsOf(kim.id, 3);
    assert.deepEqual(kimMails.map((m) => m.kind).sort(), ['order_cancelled', 'order_confirmation', 'payment_refunded']);
    const notCharged = await service.mailbox.waitFor(kim.email, 'is cancelled');
    assert.match(notCharged.text, /Nothing was charged/);
    const refund = await service.mailbox.waitFor(kim.email, 'was refunded');
    assert.match(refund.text, /refunded \$52\.22 for order/);
  });

  it('only producers reach the events: no token is a 401, a token without the scope a 403', async () => {
    const event = orderPlaced(shopper());
    assert.equal((await service.api('POST', '/internal/events', event)).status, 401);
    assert.equal((await service.api('POST', '/internal/events', event, asService('cart-service'))).status, 403);
    const recorded = await service.db.selectFrom('notifications').select('id').where('event_id', '=', event.id).execute();
    assert.deepEqual(recorded, []);
  });
});
